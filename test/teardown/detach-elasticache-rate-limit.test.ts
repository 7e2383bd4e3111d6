import { CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "vitest";
import { attachElastiCacheRateLimit, detachElastiCacheRateLimit, ensureControlPlane, secret, type DetachElastiCacheRateLimitOptions } from "../../src/index.js";
import { elastiCache } from "../sandbox/aws-clients.js";
import { useSandbox, writeOps } from "../use-sandbox.js";

const { sandbox, konnect, secretsManager } = useSandbox();
const sm = secretsManager("us-east-1");
const HOST = "master.rl.abc123.use1.cache.amazonaws.com";
const SECRET = `konnect-aws/redis/${HOST}`;

async function setup(extra: Partial<DetachElastiCacheRateLimitOptions> = {}): Promise<DetachElastiCacheRateLimitOptions> {
  const { controlPlane } = await ensureControlPlane({ konnect, name: "rl-teardown" });
  sandbox.clearRequests();
  return { konnect, controlPlaneId: controlPlane.id!, redis: { host: HOST, port: 6379, password: secret("rl-pw-1") }, limits: [{ limit: 100, window: 60 }], awsRegion: "us-east-1", secretsManager: sm, elastiCache: elastiCache("us-east-1"), ...extra };
}

/** Everything the operation can touch: the control plane's vaults, plugins and partials, and the secrets. */
const state = (cpId: string) => {
  const e = sandbox.state.konnect.regions.us!.get(cpId)!.entities;
  return JSON.stringify({ vaults: [...e.vaults.values()], plugins: [...e.plugins.values()], partials: [...e.partials.values()], secrets: [...(sandbox.state.secretsManager.regions["us-east-1"]?.values() ?? [])] });
};
const rows = (r: { changes: Array<{ action: string; kind: string; key: string }> }) => r.changes.map((c) => `${c.action} ${c.kind} ${c.key}`);

describe("detachElastiCacheRateLimit", () => {
  it("removes exactly what attachElastiCacheRateLimit created, partial included: apply then teardown gives back the starting state", async () => {
    const options = await setup({ partial: { name: "shared-redis" }, forceDeleteWithoutRecovery: true });
    const before = state(options.controlPlaneId);
    await attachElastiCacheRateLimit(options);
    sandbox.clearRequests();
    const res = await detachElastiCacheRateLimit(options);
    // dependents first: the plugin, then the partial it links, then the secret and the vault they reference
    expect(rows(res)).toEqual(["delete konnect.plugin rate-limiting-advanced@control-plane", "delete konnect.partial shared-redis", `delete aws.secret ${SECRET}`, "delete konnect.vault aws-sm-us-east-1"]);
    expect(res.kept).toEqual([]);
    expect(state(options.controlPlaneId)).toBe(before);
    // the writes: the plugin, then the partial, then (independent of each other) the secret and the vault
    const writes = writeOps(sandbox);
    expect(writes.slice(0, 2)).toEqual(["DELETE /v2/control-planes/{controlPlaneId}/core-entities/plugins/{PluginId}", "DELETE /v2/control-planes/{controlPlaneId}/core-entities/partials/{PartialId}"]);
    expect(writes.slice(2).sort()).toEqual(["DELETE /v2/control-planes/{controlPlaneId}/core-entities/vaults/{VaultId}", "DeleteSecret"]);
    // the replication group is neither read nor touched
    expect(sandbox.requests.filter((r) => r.service === "elasticache")).toEqual([]);

    // twice: nothing left to do
    sandbox.clearRequests();
    const again = await detachElastiCacheRateLimit(options);
    expect(again).toEqual({ changes: [], kept: [] });
    expect(sandbox.writes()).toEqual([]);
  });

  it("without a partial or a password, removes the plugin alone", async () => {
    const options = await setup({ redis: { host: HOST } });
    const before = state(options.controlPlaneId);
    await attachElastiCacheRateLimit(options);
    const res = await detachElastiCacheRateLimit(options);
    expect(rows(res)).toEqual(["delete konnect.plugin rate-limiting-advanced@control-plane"]);
    expect(state(options.controlPlaneId)).toBe(before);
  });

  it("deletes the secret with a 30-day recovery window by default, and keeps it with keepSecrets", async () => {
    const options = await setup();
    await attachElastiCacheRateLimit(options);
    await detachElastiCacheRateLimit({ ...options, keepSecrets: true });
    expect(sandbox.state.secretsManager.regions["us-east-1"]!.get(SECRET)!.deletedAt).toBeUndefined();
    expect(sandbox.state.konnect.regions.us!.get(options.controlPlaneId)!.entities.vaults.size).toBe(0);
    sandbox.clearRequests();
    const res = await detachElastiCacheRateLimit(options);
    expect(rows(res)).toEqual([`delete aws.secret ${SECRET}`]);
    expect(sandbox.state.secretsManager.regions["us-east-1"]!.get(SECRET)!.deletedAt).toBeDefined();
    expect(res.changes[0]!.diff).toContainEqual({ path: "recoveryWindowInDays", after: 30 });
  });

  it("a dry run writes nothing and lists the deletes it would make", async () => {
    const options = await setup({ partial: true });
    await attachElastiCacheRateLimit(options);
    const before = state(options.controlPlaneId);
    sandbox.clearRequests();
    const plan = await detachElastiCacheRateLimit({ ...options, dryRun: true });
    expect(rows(plan)).toEqual([`delete konnect.plugin rate-limiting-advanced@control-plane`, `delete konnect.partial konnect-aws-redis-${HOST}`, `delete aws.secret ${SECRET}`, "delete konnect.vault aws-sm-us-east-1"]);
    expect(sandbox.writes()).toEqual([]);
    expect(state(options.controlPlaneId)).toBe(before);
  });

  it("leaves hand-made objects of the same kinds and names alone, listing them as kept", async () => {
    const options = await setup({ partial: { name: "shared-redis" } });
    const cp = { params: { path: { controlPlaneId: options.controlPlaneId } } };
    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", { ...cp, body: { name: "rate-limiting-advanced", config: { limit: [10], window_size: [60], namespace: "theirs", strategy: "local" } } });
    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/partials", { ...cp, body: { type: "redis-ee", name: "shared-redis", config: { host: "other.example.com", port: 6379 } } });
    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/vaults", { ...cp, body: { name: "aws", prefix: "aws-sm-us-east-1", config: { region: "us-east-1" } } });
    await sm.send(new CreateSecretCommand({ Name: SECRET, SecretString: "theirs" }));
    const before = state(options.controlPlaneId);
    sandbox.clearRequests();
    const res = await detachElastiCacheRateLimit(options);
    expect(sandbox.writes()).toEqual([]);
    expect(res.changes).toEqual([]);
    expect(res.kept.map((k) => `${k.kind} ${k.key}`)).toEqual(["konnect.plugin rate-limiting-advanced@control-plane", "konnect.partial shared-redis", `aws.secret ${SECRET}`, "konnect.vault aws-sm-us-east-1"]);
    for (const k of res.kept) expect(k.reason).toContain("konnect-aws did not create it");
    expect(state(options.controlPlaneId)).toBe(before);
  });

  it("keeps a partial shared by two plugins (and the secret and vault it references) until the second plugin is detached", async () => {
    const first = await setup({ partial: { name: "shared-redis" }, forceDeleteWithoutRecovery: true });
    const before = state(first.controlPlaneId);
    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/services", { params: { path: { controlPlaneId: first.controlPlaneId } }, body: { name: "orders", host: "orders.internal" } });
    const second = { ...first, scope: { service: "orders" } };
    await attachElastiCacheRateLimit(first);
    const { plugin: other } = await attachElastiCacheRateLimit(second);

    const res = await detachElastiCacheRateLimit(first);
    expect(rows(res)).toEqual(["delete konnect.plugin rate-limiting-advanced@control-plane"]);
    expect(res.kept.map((k) => `${k.kind} ${k.key}`)).toEqual(["konnect.partial shared-redis", `aws.secret ${SECRET}`, "konnect.vault aws-sm-us-east-1"]);
    expect(res.kept[0]!.reason).toBe(`still linked by plugin rate-limiting-advanced ${other.id}`);

    const rest = await detachElastiCacheRateLimit(second);
    expect(rows(rest)).toEqual(["delete konnect.plugin rate-limiting-advanced@service:orders", "delete konnect.partial shared-redis", `delete aws.secret ${SECRET}`, "delete konnect.vault aws-sm-us-east-1"]);
    expect(rest.kept).toEqual([]);
    // the service stays: it is the user's
    const e = sandbox.state.konnect.regions.us!.get(first.controlPlaneId)!.entities;
    expect(e.services.size).toBe(1);
    e.services.clear();
    expect(state(first.controlPlaneId)).toBe(before);
  });

  it("finds the secret's region through the managed AWS vault, as the apply does, and is a no-op once it is gone", async () => {
    const options = await setup({ awsRegion: undefined, forceDeleteWithoutRecovery: true });
    await attachElastiCacheRateLimit({ ...options, awsRegion: "us-east-1" });
    const res = await detachElastiCacheRateLimit(options);
    expect(rows(res)).toEqual(["delete konnect.plugin rate-limiting-advanced@control-plane", `delete aws.secret ${SECRET}`, "delete konnect.vault aws-sm-us-east-1"]);
    sandbox.clearRequests();
    expect(await detachElastiCacheRateLimit(options)).toEqual({ changes: [], kept: [] });
    expect(sandbox.writes()).toEqual([]);
  });

  it("refuses bad options before any request, the apply's and the teardown's", async () => {
    const options = await setup();
    for (const bad of [{ recoveryWindowInDays: 3 }, { keepSecrets: "yes" as never }, { limits: [] }, { redis: { host: "a", replicationGroupId: "b" } }]) {
      await expect(detachElastiCacheRateLimit({ ...options, ...bad })).rejects.toMatchObject({ name: "ConfigError" });
    }
    expect(sandbox.requests).toEqual([]);
  });
});
