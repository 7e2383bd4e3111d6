import { describe, expect, it } from "vitest";
import { attachElastiCacheRateLimit, ConfigError, ensureControlPlane, secret, type AttachElastiCacheRateLimitOptions } from "../../src/index.js";
import { kongSchemaErrors, referenceDir } from "../reference-dir.js";
import { elastiCache } from "../sandbox/aws-clients.js";
import { useSandbox, writeOps } from "../use-sandbox.js";
import { kongParseReference } from "./kong-reference-parser.js";

const { sandbox, konnect, secretsManager } = useSandbox();
const sm = secretsManager("us-east-1");
const ec = elastiCache("us-east-1");
const PASSWORD = "elasticache-CANARY-token";

async function setup(extra: Partial<AttachElastiCacheRateLimitOptions> = {}): Promise<AttachElastiCacheRateLimitOptions> {
  const { controlPlane } = await ensureControlPlane({ konnect, name: "rl-prod" });
  sandbox.clearRequests();
  return {
    konnect,
    controlPlaneId: controlPlane.id!,
    redis: { host: "master.rl.abc123.use1.cache.amazonaws.com", port: 6379, password: secret(PASSWORD) },
    limits: [{ limit: 100, window: 60 }],
    awsRegion: "us-east-1",
    secretsManager: sm,
    elastiCache: ec,
    ...extra,
  };
}

const plugins = (cpId: string) => [...sandbox.state.konnect.regions.us!.get(cpId)!.entities.plugins.values()];

describe("attachElastiCacheRateLimit", () => {
  it("configures rate-limiting-advanced on Redis over verified TLS, with the password only as a vault reference", async () => {
    const options = await setup({ limits: [{ limit: 5000, window: 3600 }, { limit: 100, window: 60 }] });
    const res = await attachElastiCacheRateLimit(options);
    expect(res.changes.map((c) => [c.action, c.kind])).toEqual([
      ["create", "konnect.vault"],
      ["create", "aws.secret"],
      ["create", "konnect.plugin"],
    ]);
    const [stored] = plugins(options.controlPlaneId);
    const config = stored!.config as Record<string, unknown>;
    expect(config).toMatchObject({ strategy: "redis", limit: [100, 5000], window_size: [60, 3600], window_type: "sliding", sync_rate: 1 });
    expect(config.redis).toMatchObject({ host: "master.rl.abc123.use1.cache.amazonaws.com", port: 6379, ssl: true, ssl_verify: true, server_name: "master.rl.abc123.use1.cache.amazonaws.com" });
    const ref = (config.redis as { password: string }).password;
    expect(kongParseReference(ref)).toEqual({ host: "aws-sm-us-east-1", resource: "konnect-aws/redis/master.rl.abc123.use1.cache.amazonaws.com" });
    expect(res.passwordReference).toBe(ref);
    expect(sandbox.state.secretsManager.regions["us-east-1"]!.get("konnect-aws/redis/master.rl.abc123.use1.cache.amazonaws.com")!.versions[0]!.secretString).toBe(PASSWORD);
    expect(JSON.stringify([res, plugins(options.controlPlaneId), sandbox.requests])).not.toContain("CANARY");
    expect(res.plugin).toMatchObject({ id: stored!.id, name: "rate-limiting-advanced" });
    if (referenceDir) expect(kongSchemaErrors("RateLimitingAdvanced.json", stored!)).toEqual([]);
  });

  it("makes zero writes the second time, and changing a limit updates exactly that plugin", async () => {
    const options = await setup();
    await attachElastiCacheRateLimit(options);
    const namespace = (plugins(options.controlPlaneId)[0]!.config as { namespace: string }).namespace;
    sandbox.clearRequests();
    const again = await attachElastiCacheRateLimit(options);
    expect(again.changes.filter((c) => c.action !== "noop")).toEqual([]);
    expect(sandbox.writes()).toEqual([]);

    sandbox.clearRequests();
    const changed = await attachElastiCacheRateLimit({ ...options, limits: [{ limit: 200, window: 60 }] });
    expect(changed.changes.filter((c) => c.action !== "noop")).toMatchObject([{ action: "update", kind: "konnect.plugin", diff: [{ path: "config.limit", before: [100], after: [200] }] }]);
    expect(writeOps(sandbox)).toEqual(["PUT /v2/control-planes/{controlPlaneId}/core-entities/plugins/{PluginId}"]);
    // the namespace is stable across updates (Kong would regenerate it if it were left out)
    expect((plugins(options.controlPlaneId)[0]!.config as { namespace: string }).namespace).toBe(namespace);
  });

  it("discovers endpoint, TLS and AUTH from ElastiCache, and uses cluster nodes in cluster mode", async () => {
    sandbox.seedReplicationGroup({ id: "rl-cluster", clusterMode: true });
    const options = await setup({ redis: { replicationGroupId: "rl-cluster", region: "us-east-1", password: secret(PASSWORD) }, awsRegion: undefined });
    const res = await attachElastiCacheRateLimit(options);
    expect(res.redis).toMatchObject({ tls: true, clusterMode: true, port: 6379 });
    const redis = (plugins(options.controlPlaneId)[0]!.config as { redis: Record<string, unknown> }).redis;
    expect(redis.cluster_nodes).toEqual([{ ip: expect.stringMatching(/^clustercfg\.rl-cluster\./), port: 6379 }]);
    expect(redis.ssl).toBe(true);
    expect(sandbox.requests.filter((r) => r.service === "elasticache").map((r) => r.operation)).toEqual(["DescribeReplicationGroups"]);
    if (referenceDir) expect(kongSchemaErrors("RateLimitingAdvanced.json", plugins(options.controlPlaneId)[0]!)).toEqual([]);
  });

  it("configures the open-source rate-limiting plugin with policy redis when asked", async () => {
    const options = await setup({ plugin: "rate-limiting", limits: [{ limit: 10, window: 1 }, { limit: 1000, window: 3600 }], identifier: "ip" });
    await attachElastiCacheRateLimit(options);
    const [p] = plugins(options.controlPlaneId);
    expect(p!.name).toBe("rate-limiting");
    expect(p!.config).toMatchObject({ second: 10, hour: 1000, policy: "redis", limit_by: "ip", redis: { port: 6379, ssl: true, ssl_verify: true } });
    if (referenceDir) expect(kongSchemaErrors("RateLimiting.json", p!)).toEqual([]);
  });

  it("shares the Redis settings through a redis-ee partial", async () => {
    const options = await setup({ partial: { name: "shared-redis" } });
    const res = await attachElastiCacheRateLimit(options);
    const record = sandbox.state.konnect.regions.us!.get(options.controlPlaneId)!;
    const [partial] = [...record.entities.partials.values()];
    expect(partial).toMatchObject({ type: "redis-ee", name: "shared-redis", config: { ssl: true, port: 6379 } });
    const [p] = plugins(options.controlPlaneId);
    expect(p!.partials).toEqual([{ id: partial!.id, path: "config.redis" }]);
    expect((p!.config as Record<string, unknown>).redis).toBeUndefined();
    expect(res.partial).toEqual({ id: partial!.id, name: "shared-redis", type: "redis-ee" });
    sandbox.clearRequests();
    await attachElastiCacheRateLimit(options);
    expect(sandbox.writes()).toEqual([]);
  });

  it("applies to a service given by name", async () => {
    const options = await setup();
    const { data: svc } = await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/services", { params: { path: { controlPlaneId: options.controlPlaneId } }, body: { name: "orders", host: "orders.internal" } });
    const res = await attachElastiCacheRateLimit({ ...options, scope: { service: "orders" } });
    expect(plugins(options.controlPlaneId)[0]!.service).toEqual({ id: svc!.id });
    expect(res.changes.at(-1)!.key).toBe("rate-limiting-advanced@service:orders");
    await expect(attachElastiCacheRateLimit({ ...options, scope: { service: "nope" } })).rejects.toMatchObject({ field: "scope.service" });
  });

  it("uses ElastiCache IAM authentication when asked, with the policy it needs", async () => {
    sandbox.seedReplicationGroup({ id: "rl-iam", authToken: false, userGroupIds: ["kong-users"] });
    const options = await setup({ redis: { replicationGroupId: "rl-iam", iamAuth: { userId: "kong-gateway" } } });
    const res = await attachElastiCacheRateLimit(options);
    const redis = (plugins(options.controlPlaneId)[0]!.config as { redis: Record<string, unknown> }).redis;
    expect(redis).toMatchObject({ username: "kong-gateway", cloud_authentication: { auth_provider: "aws", aws_cache_name: "rl-iam", aws_region: "us-east-1", aws_is_serverless: false } });
    expect(redis.password).toBeUndefined();
    expect(res.iamPolicy!.Statement[0]).toEqual({
      Sid: "ConnectToElastiCache",
      Effect: "Allow",
      Action: "elasticache:Connect",
      Resource: ["arn:aws:elasticache:us-east-1:123456789012:replicationgroup:rl-iam", "arn:aws:elasticache:us-east-1:123456789012:user:kong-gateway"],
    });
  });

  it.each([
    ["the open-source plugin against a cluster-mode group", { clusterMode: true }, { plugin: "rate-limiting" as const }, "plugin"],
    ["TLS off against an encrypted group", { transitEncryption: true }, { tls: false }, "redis.tls"],
    ["TLS on against an unencrypted group", { transitEncryption: false }, { tls: true }, "redis.tls"],
    ["no password for an AUTH group", { authToken: true }, { password: undefined }, "redis.password"],
  ])("refuses %s with a ConfigError and no write", async (_name, seed, redis, field) => {
    sandbox.seedReplicationGroup({ id: "g1", ...seed });
    const { plugin, ...rest } = redis as { plugin?: "rate-limiting" };
    const options = await setup({ redis: { replicationGroupId: "g1", password: secret(PASSWORD), ...rest }, ...(plugin ? { plugin, limits: [{ limit: 1, window: 60 }] } : {}) });
    const error = await attachElastiCacheRateLimit(options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe(field);
    expect(sandbox.writes()).toEqual([]);
  });

  it("refuses a second rate-limiting plugin on the same scope", async () => {
    const options = await setup();
    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", { params: { path: { controlPlaneId: options.controlPlaneId } }, body: { name: "rate-limiting", config: { minute: 5 } } });
    sandbox.clearRequests();
    const error = await attachElastiCacheRateLimit(options).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ConfigError", field: "plugin" });
    expect((error as Error).message).toContain("count every request twice");
    expect(sandbox.writes()).toEqual([]);
  });

  it.each([
    [{ limits: [] }, "limits"],
    [{ limits: [{ limit: 0, window: 60 }] }, "limits[0].limit"],
    [{ limits: [{ limit: 10, window: 60 }, { limit: 20, window: 60 }] }, "limits[1].window"],
    [{ plugin: "rate-limiting" as const, limits: [{ limit: 10, window: 90 }] }, "limits[0].window"],
    [{ plugin: "rate-limiting" as const, windowType: "sliding" as const }, "windowType"],
    [{ identifier: "header" as const }, "headerName"],
    [{ syncRate: -1 }, "syncRate"],
    [{ redis: { host: "a", replicationGroupId: "b" } }, "redis"],
    [{ redis: { host: "h", port: 70000 } }, "redis.port"],
    [{ redis: { host: "h", password: "" } }, "redis.password"],
    [{ scope: { consumerGroup: "gold" }, identifier: "consumer-group" as const, plugin: "bogus" as never }, "plugin"],
  ])("bad input %# -> ConfigError naming %s, zero requests", async (input, field) => {
    const options = await setup();
    const error = await attachElastiCacheRateLimit({ ...options, ...input } as AttachElastiCacheRateLimitOptions).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe(field);
    expect(sandbox.requests).toEqual([]);
  });
});

describe.skipIf(!referenceDir)("the Kong schema check used above", () => {
  // Skipped only without the reference folder (see test/reference-dir.ts).
  it("catches a wrong type, a missing required field and an unknown enum value", () => {
    expect(kongSchemaErrors("RateLimitingAdvanced.json", { config: { limit: [1], window_size: [60], strategy: "redis", redis: { port: "6379" } } })).toEqual(["/config/redis/port must be integer"]);
    expect(kongSchemaErrors("RateLimitingAdvanced.json", { config: { window_size: [60] } })).toEqual(["/config must have required property 'limit'"]);
    expect(kongSchemaErrors("RateLimiting.json", { config: { policy: "memcached" } })).toEqual(["/config/policy must be equal to one of the allowed values"]);
  });
});

describe("attachElastiCacheRateLimit: checks before writes, reference forms", () => {
  it("refuses an unmanaged plugin on the scope before writing anything: no vault, no secret", async () => {
    const options = await setup();
    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", {
      params: { path: { controlPlaneId: options.controlPlaneId } },
      body: { name: "rate-limiting-advanced", config: { limit: [10], window_size: [60], namespace: "theirs", strategy: "local" } },
    });
    sandbox.clearRequests();
    await expect(attachElastiCacheRateLimit(options)).rejects.toMatchObject({ name: "ConfigError", field: "scope" });
    expect(sandbox.writes()).toEqual([]);
    expect(sandbox.state.secretsManager.regions["us-east-1"]?.size ?? 0).toBe(0);
  });

  it("refuses an unmanaged partial before writing anything", async () => {
    const options = await setup({ partial: { name: "shared-redis" } });
    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/partials", {
      params: { path: { controlPlaneId: options.controlPlaneId } },
      body: { type: "redis-ee", name: "shared-redis", config: { host: "other.example.com", port: 6379 } },
    });
    sandbox.clearRequests();
    await expect(attachElastiCacheRateLimit(options)).rejects.toMatchObject({ name: "ConfigError", field: "partial.name" });
    expect(sandbox.writes()).toEqual([]);
  });

  it("gives an aws-backend reference for multi-region data planes (each reads its local replica)", async () => {
    const options = await setup({ referenceForm: "aws-backend" });
    const res = await attachElastiCacheRateLimit(options);
    expect(kongParseReference(res.passwordReference!)).toEqual({ host: "aws", resource: "konnect-aws/redis/master.rl.abc123.use1.cache.amazonaws.com" });
    const config = plugins(options.controlPlaneId)[0]!.config as { redis: { password: string } };
    expect(config.redis.password).toBe(res.passwordReference);
  });
});

describe("attachElastiCacheRateLimit never shows a password in a diff", () => {
  it("redacts a plaintext password someone wrote into the plugin by hand", async () => {
    const options = await setup();
    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", {
      params: { path: { controlPlaneId: options.controlPlaneId } },
      body: { name: "rate-limiting-advanced", config: { limit: [10], window_size: [60], namespace: "x", strategy: "redis", redis: { host: "h.example.com", port: 6379, password: "HANDMADE-PLAINTEXT-PW" } } },
    });
    const plan = await attachElastiCacheRateLimit({ ...options, adopt: true, dryRun: true });
    const text = JSON.stringify(plan.changes);
    expect(text).not.toContain("HANDMADE-PLAINTEXT-PW");
    expect(plan.changes.find((c) => c.kind === "konnect.plugin")!.diff).toContainEqual({ path: "config.redis.password", before: "[REDACTED]", after: "[REDACTED]" });
  });
});
