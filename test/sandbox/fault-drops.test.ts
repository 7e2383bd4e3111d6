// Dropped connections must fail each client the way a reset connection does in production, so that the
// clients' own retry decisions are what get tested: the AWS SDK's (`@smithy/core` isTransientError) and
// the Konnect client's connection-error retry.
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { ConfiguredRetryStrategy, isTransientError } from "@smithy/core/retry";
import type { SdkError } from "@smithy/types";
// the module object, not a named import: msw patches https.request on it
import https from "node:https";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createKonnectClient, KonnectConnectionError } from "../../src/index.js";
import { createSandbox } from "../../src/testing/index.js";
import { server } from "../setup.js";
import { secretsManager } from "./aws-clients.js";

const sandbox = createSandbox({ seed: 3 });
const credentials = { accessKeyId: "AKIASANDBOX000000000", secretAccessKey: "sandbox-secret-key" };

beforeEach(() => {
  sandbox.reset();
  server.use(...sandbox.handlers);
});
afterEach(() => sandbox.faults.clear());

/** The drop, then the success, as the request log shows them. */
const log = () => sandbox.requests.map((r) => [r.operation, r.fault ?? r.status]);

describe("dropped connections, through the AWS SDK (node:http)", () => {
  it("surface as node:http's own socket hang up, ECONNRESET, which the SDK classifies as transient", async () => {
    sandbox.faults.set({ dropRate: 1 });
    const error = (await secretsManager()
      .send(new CreateSecretCommand({ Name: "a", SecretString: "x" }))
      .catch((e: unknown) => e)) as SdkError;
    // @smithy/node-http-handler renames ECONNRESET/EPIPE/ETIMEDOUT errors TimeoutError, as in production
    expect(error).toMatchObject({ name: "TimeoutError", code: "ECONNRESET", message: "socket hang up" });
    expect(isTransientError(error)).toBe(true);
    expect(log()).toEqual([["CreateSecret", "drop"]]);
    expect(sandbox.state.secretsManager.regions["us-east-1"]).toBeUndefined();
  });

  it("are retried by the SDK itself, which then succeeds", async () => {
    sandbox.faults.set({ dropRate: 1 });
    // The SDK's standard strategy decides whether to retry; only its wait is zeroed, and the fault cleared
    // once it has decided to.
    const retryStrategy = new ConfiguredRetryStrategy(3, () => {
      sandbox.faults.clear();
      return 0;
    });
    const client = new SecretsManagerClient({ region: "us-east-1", credentials, retryStrategy });
    const out = await client.send(new CreateSecretCommand({ Name: "a", SecretString: "x" }));
    expect(out.$metadata.attempts).toBe(2);
    expect(log()).toEqual([
      ["CreateSecret", "drop"],
      ["CreateSecret", 200],
    ]);
  });

  it("reach plain node:https the same way", async () => {
    sandbox.faults.set({ dropRate: 1 });
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => {
      const req = https.request("https://secretsmanager.us-east-1.amazonaws.com/", { method: "POST" }, () => resolve(new Error("answered")));
      req.on("error", resolve);
      req.end("{}");
    });
    expect(error).toMatchObject({ code: "ECONNRESET", message: "socket hang up" });
  });
});

describe("dropped connections, through the Konnect client (fetch)", () => {
  // msw prints each error thrown to fail a fetch as an "unhandled exception" (see drop-connection.ts):
  // expected here, so kept out of the test output.
  beforeEach(() => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
    return () => quiet.mockRestore();
  });

  it("surface as undici's TypeError: fetch failed, cause ECONNRESET, inside KonnectConnectionError", async () => {
    sandbox.faults.set({ dropRate: 1 });
    const noRetry = createKonnectClient({ token: sandbox.token, env: {}, maxRetries: 0 });
    const error = (await noRetry.api.GET("/v2/control-planes").catch((e: unknown) => e)) as KonnectConnectionError;
    expect(error).toBeInstanceOf(KonnectConnectionError);
    const fetchError = error.cause as TypeError & { cause: NodeJS.ErrnoException };
    expect(fetchError).toBeInstanceOf(TypeError);
    expect(fetchError.message).toBe("fetch failed");
    expect(fetchError.cause).toMatchObject({ code: "ECONNRESET", syscall: "read", message: "read ECONNRESET" });
    // undici's TypeError carries no code of its own
    expect(fetchError).not.toHaveProperty("code", expect.anything());
    expect(Object.keys(fetchError)).not.toContain("code");
  });

  it("are retried by the client on an idempotent request, which then succeeds", async () => {
    sandbox.faults.set({ dropRate: 1 });
    const konnect = createKonnectClient({ token: sandbox.token, env: {}, retry: { jitter: 0 }, clock: { sleep: async () => sandbox.faults.clear() } });
    const { data } = await konnect.api.GET("/v2/control-planes");
    expect(data?.data).toEqual([]);
    expect(log()).toEqual([
      ["GET /v2/control-planes", "drop"],
      ["GET /v2/control-planes", 200],
    ]);
  });

  it("reach a plain fetch as undici's error", async () => {
    sandbox.faults.set({ dropRate: 1 });
    const error = (await fetch("https://us.api.konghq.com/v2/control-planes", { headers: { authorization: `Bearer ${sandbox.token}` } }).catch((e: unknown) => e)) as TypeError;
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ message: "fetch failed", cause: { code: "ECONNRESET" } });
  });
});
