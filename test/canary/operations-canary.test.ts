import { inspect } from "node:util";
import { generateKeyPairSync } from "node:crypto";
import { CreateHostedZoneCommand } from "@aws-sdk/client-route-53";
import { describe, expect, it } from "vitest";
import {
  attachElastiCacheRateLimit,
  attachLambda,
  configureCognitoJwt,
  createKonnectClient,
  enableAwsVault,
  ensureControlPlane,
  secret,
  setupMultiRegion,
  type Logger,
  type OperationEvent,
} from "../../src/index.js";
import { createSandbox } from "../../src/testing/index.js";
import { TOKEN } from "../helpers.js";
import { server } from "../setup.js";
import { elastiCache, lambda, route53, secretsManager } from "../sandbox/aws-clients.js";

// every secret a user may hand to the SDK, each with a marker that must never come out again
const PLAIN = "plain-CANARY-7f3a9";
const DB_PASSWORD = "db-CANARY-c41e2";
const REDIS_PASSWORD = "redis-CANARY-9b0d7";
const PRIVATE_KEY = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const KEY_BODY = PRIVATE_KEY.split("\n")[1]!; // a line of the key's base64
const CANARIES = [TOKEN, PLAIN, DB_PASSWORD, REDIS_PASSWORD, KEY_BODY];

/** Everything a user could see of a value: its JSON, its inspection, and for errors message, stack and causes. */
function surfaces(value: unknown): string {
  const parts = [inspect(value, { depth: 12, showHidden: true })];
  try {
    parts.push(JSON.stringify(value));
  } catch {
    // circular: inspect covers it
  }
  if (value instanceof Error) parts.push(value.message, value.stack ?? "", String(value.cause), inspect(value.cause, { depth: 12 }));
  return parts.join("\n");
}

describe("canary: no token, secret value, password or private key in anything the operations return or emit", () => {
  it("results, changes, plans, events, log lines (debug), errors and the request log", async () => {
    const sandbox = createSandbox({ seed: 5 });
    server.use(...sandbox.handlers);
    const lines: string[] = [];
    const logger: Logger = Object.fromEntries((["debug", "info", "warn", "error"] as const).map((l) => [l, (m: string, meta?: unknown) => lines.push(`${l} ${m} ${JSON.stringify(meta ?? {})}`)])) as unknown as Logger;
    const events: OperationEvent[] = [];
    const konnect = createKonnectClient({ token: TOKEN, env: {}, logger, logLevel: "debug", retry: { baseDelayMs: 1, maxDelayMs: 2 } });
    const common = { konnect, logger, onEvent: (e: OperationEvent) => events.push(e) };
    const seen: unknown[] = [];
    const run = async <T>(p: Promise<T>) => {
      const out = await p.catch((e: unknown) => e);
      seen.push(out);
      return out as T;
    };

    const r53 = route53();
    await r53.send(new CreateHostedZoneCommand({ Name: "example.com", CallerReference: "canary-zone" }));
    sandbox.seedReplicationGroup({ id: "canary-rl" });
    sandbox.seedLambdaFunction({ name: "canary-fn", region: "us-east-1", timeout: 10 });

    const cp = await run(ensureControlPlane({ ...common, name: "canary" }));
    const controlPlaneId = cp.controlPlane.id!;
    const vault = {
      ...common,
      controlPlaneId,
      region: "us-east-1",
      secrets: { "canary/plain": secret(PLAIN), "canary/db": { username: "app", password: DB_PASSWORD }, "canary/key": secret(PRIVATE_KEY) },
      secretsManager: secretsManager("us-east-1"),
    };
    const rl = { ...common, controlPlaneId, redis: { replicationGroupId: "canary-rl", password: secret(REDIS_PASSWORD) }, limits: [{ limit: 10, window: 60 }], awsRegion: "us-east-1", secretsManager: secretsManager("us-east-1"), elastiCache: elastiCache("us-east-1") };
    const multi = {
      ...common,
      primaryRegion: "us-east-1",
      secondaryRegions: ["eu-west-1"],
      secretNames: ["canary/plain", "canary/db"],
      domain: "api.example.com",
      endpoints: { "us-east-1": "a.example.net", "eu-west-1": "b.example.net" },
      mode: "failover" as const,
      healthCheck: { port: 8100, path: "/status/ready" },
      route53: r53,
      secretsManager: (r: string) => secretsManager(r),
      wait: { intervalMs: 5 },
    };
    for (const dryRun of [true, false, false]) {
      await run(enableAwsVault({ ...vault, dryRun }));
      await run(attachElastiCacheRateLimit({ ...rl, dryRun }));
      await run(configureCognitoJwt({ ...common, controlPlaneId, userPoolId: "us-east-1_Canary123", mode: "jwt", dryRun }));
      await run(attachLambda({ ...common, controlPlaneId, functionName: "arn:aws:lambda:us-east-1:123456789012:function:canary-fn", lambda: lambda("us-east-1"), verify: true, dryRun }));
      if (!dryRun) await run(setupMultiRegion({ ...multi, dryRun }));
    }
    // changed values: updates carry before/after diffs, which must be redacted too
    await run(enableAwsVault({ ...vault, secrets: { "canary/plain": secret(`${PLAIN}-2`), "canary/db": { username: "app", password: `${DB_PASSWORD}-2` }, "canary/key": secret(PRIVATE_KEY) } }));
    await run(attachElastiCacheRateLimit({ ...rl, redis: { ...rl.redis, password: secret(`${REDIS_PASSWORD}-2`) } }));
    // failures part way: ReconcileErrors and AwsStepErrors
    sandbox.faults.set({ failAfterWrites: 1 });
    await run(enableAwsVault({ ...vault, secrets: { "canary/new": secret(PLAIN), "canary/new-db": { password: DB_PASSWORD } } }));
    sandbox.faults.set({ errorRate: { 500: 1 }, services: ["secretsmanager"] });
    await run(enableAwsVault(vault));
    sandbox.faults.clear();
    // bad input next to secrets: ConfigErrors
    await run(enableAwsVault({ ...vault, secrets: { "bad name!": secret(PLAIN) } }));
    await run(enableAwsVault({ ...vault, secrets: { "canary/db": { password: DB_PASSWORD, nested: { x: 1 } as never } } }));
    await run(attachElastiCacheRateLimit({ ...rl, redis: { host: REDIS_PASSWORD, password: secret(REDIS_PASSWORD) } as never, awsRegion: "xx" }));

    expect(seen.filter((s) => s instanceof Error).length).toBeGreaterThanOrEqual(4);
    expect(lines.length).toBeGreaterThan(20);
    expect(events.length).toBeGreaterThan(20);
    const everything = [surfaces(seen), ...seen.map(surfaces), lines.join("\n"), surfaces(events), surfaces(sandbox.requests), surfaces(konnect)].join("\n");
    for (const canary of CANARIES) expect(everything, `leaked ${canary.slice(0, 8)}...`).not.toContain(canary);
    // the values did reach AWS, where they belong
    expect(sandbox.state.secretsManager.regions["us-east-1"]!.get("canary/key")!.versions.at(-1)!.secretString).toBe(PRIVATE_KEY);
  });
});
