import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CreateSecretCommand, SecretsManagerServiceException } from "@aws-sdk/client-secrets-manager";
import { createKonnectClient, KonnectConnectionError, KonnectServerError } from "../../src/index.js";
import { createSandbox } from "../../src/testing/index.js";
import { server } from "../setup.js";
import { secretsManager } from "./aws-clients.js";

const sandbox = createSandbox({ seed: 42 });
const konnect = createKonnectClient({ token: sandbox.token, env: {}, retry: { baseDelayMs: 1, maxDelayMs: 2 } });

beforeEach(() => {
  sandbox.reset();
  server.use(...sandbox.handlers);
});
afterEach(() => {
  sandbox.faults.clear();
  vi.restoreAllMocks();
});

async function statuses(n: number) {
  sandbox.clearRequests();
  const noRetry = createKonnectClient({ token: sandbox.token, env: {}, maxRetries: 0 });
  for (let i = 0; i < n; i++) await noRetry.api.GET("/v2/control-planes").catch(() => undefined);
  return sandbox.requests.map((r) => r.status);
}

describe("sandbox faults", () => {
  it("injects errors at the configured rate, the same ones for the same seed", async () => {
    sandbox.faults.set({ errorRate: { 503: 0.3, 429: 0.2 } });
    const first = await statuses(40);
    sandbox.reset();
    server.use(...sandbox.handlers);
    sandbox.faults.set({ errorRate: { 503: 0.3, 429: 0.2 } });
    const second = await statuses(40);
    expect(second).toEqual(first);
    expect(first.filter((s) => s !== 200).length).toBeGreaterThan(5);
    expect(new Set(first)).toEqual(new Set([200, 429, 503]));
  });

  it("sends Retry-After with injected 429s, which the client honours and survives", async () => {
    sandbox.faults.set({ errorRate: { 429: 0.5 }, retryAfterSeconds: 0 });
    const konnect5 = createKonnectClient({ token: sandbox.token, env: {}, maxRetries: 8 });
    for (let i = 0; i < 10; i++) await konnect5.api.GET("/v2/control-planes");
    const injected = sandbox.requests.filter((r) => r.fault === "status");
    expect(injected.length).toBeGreaterThan(0);
    expect(sandbox.requests.filter((r) => r.status === 200)).toHaveLength(10);
  });

  it("drops connections (a network error at the client); a POST is not re-sent", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined); // msw reports the drop (drop-connection.ts)
    sandbox.faults.set({ dropRate: 1 });
    const error = await konnect.api.POST("/v2/control-planes", { body: { name: "x1" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KonnectConnectionError);
    expect(sandbox.requests).toHaveLength(1);
    expect(sandbox.requests[0]).toMatchObject({ fault: "drop", status: 0 });
  });

  it("counts a write when it is admitted, so concurrent writes stop exactly at failAfterWrites", async () => {
    sandbox.faults.set({ failAfterWrites: 3 });
    const sm = secretsManager();
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => sm.send(new CreateSecretCommand({ Name: `s${i}`, SecretString: "x" }))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(sandbox.state.secretsManager.regions["us-east-1"]!.size).toBe(3);
    expect(sandbox.requests.filter((r) => r.fault === "fail-after-writes")).toHaveLength(7);

    const wide = createKonnectClient({ token: sandbox.token, env: {}, maxConcurrency: 10, maxRetries: 0 });
    sandbox.faults.set({ failAfterWrites: 3 });
    const planes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => wide.api.POST("/v2/control-planes", { body: { name: `cp${i}` } })));
    expect(planes.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(await konnect.collect("/v2/control-planes")).toHaveLength(3);
  });

  it("gives a rejected write's place back", async () => {
    sandbox.faults.set({ failAfterWrites: 1 });
    const sm = secretsManager();
    await expect(sm.send(new CreateSecretCommand({ Name: "bad name!", SecretString: "x" }))).rejects.toThrow();
    await sm.send(new CreateSecretCommand({ Name: "good", SecretString: "x" }));
    await expect(sm.send(new CreateSecretCommand({ Name: "late", SecretString: "x" }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 503 } });
  });

  it("fails every write after N writes, in every service, and a re-run converges", async () => {
    sandbox.faults.set({ failAfterWrites: 2 });
    const sm = secretsManager();
    await konnect.api.POST("/v2/control-planes", { body: { name: "one" } });
    await sm.send(new CreateSecretCommand({ Name: "a", SecretString: "x" }));
    const crashed = await sm.send(new CreateSecretCommand({ Name: "b", SecretString: "y" })).catch((e: unknown) => e);
    expect(crashed).toBeInstanceOf(SecretsManagerServiceException);
    expect((crashed as SecretsManagerServiceException).$metadata.httpStatusCode).toBe(503);
    await expect(konnect.api.POST("/v2/control-planes", { body: { name: "two" } })).rejects.toBeInstanceOf(KonnectServerError);
    expect(await konnect.collect("/v2/control-planes")).toHaveLength(1); // reads still work

    sandbox.faults.clear();
    await sm.send(new CreateSecretCommand({ Name: "b", SecretString: "y" }));
    await konnect.api.POST("/v2/control-planes", { body: { name: "two" } });
    expect(Object.keys(Object.fromEntries(sandbox.state.secretsManager.regions["us-east-1"]!))).toEqual(["a", "b"]);
    expect(sandbox.writes().filter((r) => r.fault === "fail-after-writes").map((r) => r.service)).toEqual(["secretsmanager", "konnect"]);
  });

  it("adds latency per request, to the chosen services only", async () => {
    sandbox.faults.set({ latencyMs: 5, services: ["konnect"] });
    await konnect.api.GET("/v2/control-planes");
    await secretsManager().send(new CreateSecretCommand({ Name: "fast", SecretString: "x" }));
    expect(sandbox.requests.map((r) => [r.service, r.delayMs])).toEqual([
      ["konnect", 5],
      ["secretsmanager", undefined],
    ]);
  });
});
