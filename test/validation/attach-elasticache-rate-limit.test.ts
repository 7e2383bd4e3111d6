import { describe, expect, it } from "vitest";
import { attachElastiCacheRateLimit, secret, type AttachElastiCacheRateLimitOptions } from "../../src/index.js";
import { useSandbox } from "../use-sandbox.js";
import { CANARY, CP_ID, expectConfigError, type BadCase } from "./bad-input.js";

const { sandbox, konnect } = useSandbox();
const HOST = "master.rl.abc123.use1.cache.amazonaws.com";
const valid = (): AttachElastiCacheRateLimitOptions => ({
  konnect,
  controlPlaneId: CP_ID,
  awsRegion: "us-east-1",
  redis: { host: HOST, password: secret(CANARY) },
  limits: [{ limit: 100, window: 60 }],
});
const redis = (extra: Record<string, unknown>) => ({ redis: { host: HOST, ...extra } });

const cases: Array<BadCase<Record<string, unknown> | undefined>> = [
  ["no options", undefined, "options"],
  ["controlPlaneId is a name", { controlPlaneId: "payments" }, "controlPlaneId"],
  ["limits is one object, not an array", { limits: { limit: 100, window: 60 } }, "limits"],
  ["limits is empty", { limits: [] }, "limits"],
  ["a limit is a number", { limits: [100] }, "limits[0]"],
  ["a limit count is a string", { limits: [{ limit: "100", window: 60 }] }, "limits[0].limit"],
  ["a limit count is 1e308", { limits: [{ limit: 1e308, window: 60 }] }, "limits[0].limit"],
  ["a window is 1e308", { limits: [{ limit: 100, window: 1e308 }] }, "limits[0].window"],
  ["a window is longer than a year", { limits: [{ limit: 100, window: 31_536_001 }] }, "limits[0].window"],
  ["a window is fractional", { limits: [{ limit: 100, window: 0.5 }] }, "limits[0].window"],
  ["two limits share a window", { limits: [{ limit: 1, window: 60 }, { limit: 2, window: 60 }] }, "limits[1].window"],
  ["plugin is unknown", { plugin: "rate-limit" }, "plugin"],
  ["redis is a URL string", { redis: `rediss://${HOST}:6379` }, "redis"],
  ["redis is empty", { redis: {} }, "redis"],
  ["redis.host is a rediss:// URL", { redis: { host: `rediss://${HOST}:6380` } }, "redis.host"],
  ["redis.host has a port", { redis: { host: `${HOST}:6379` } }, "redis.host"],
  ["redis.host has a space", { redis: { host: "my cache" } }, "redis.host"],
  ["redis.host holds NUL", { redis: { host: "cache\u0000" } }, "redis.host"],
  ["redis.port is a string", redis({ port: "6379" }), "redis.port"],
  ["redis.port is 70000", redis({ port: 70000 }), "redis.port"],
  ["redis.password is empty", redis({ password: "" }), "redis.password"],
  ["redis.password is a number", redis({ password: 12345 }), "redis.password"],
  ["redis.tls is a string", redis({ tls: "false" }), "redis.tls"],
  ["redis.connectTimeoutMs is -1", redis({ connectTimeoutMs: -1 }), "redis.connectTimeoutMs"],
  ["redis.readTimeoutMs is 1e308", redis({ readTimeoutMs: 1e308 }), "redis.readTimeoutMs"],
  ["redis.database is 16", redis({ database: 16 }), "redis.database"],
  ["redis.serverName is a URL", redis({ serverName: "https://cache" }), "redis.serverName"],
  ["redis.clusterNodes is a string", redis({ clusterNodes: "a:6379,b:6379" }), "redis.clusterNodes"],
  ["a cluster node is a redis:// URL", redis({ clusterNodes: [{ host: "redis://node-1" }] }), "redis.clusterNodes[0].host"],
  ["redis.replicationGroupId in upper case", { redis: { replicationGroupId: "RL" } }, "redis.replicationGroupId"],
  ["discovery without a region", { awsRegion: undefined, redis: { replicationGroupId: "rl" } }, "redis.region"],
  ["redis.region is not a region", redis({ region: "useast1" }), "redis.region"],
  ["iamAuth is a string", { redis: { host: HOST, iamAuth: "kong" } }, "redis.iamAuth"],
  ["iamAuth and a password", { redis: { host: HOST, password: CANARY, iamAuth: { userId: "kong" } } }, "redis.iamAuth"],
  ["iamAuth without a region", { awsRegion: undefined, redis: { host: HOST, iamAuth: { userId: "kong" } } }, "redis.region"],
  ["iamAuth on an IP, no cache name", { redis: { host: "10.0.0.5", region: "us-east-1", iamAuth: { userId: "kong" } } }, "redis.iamAuth"],
  ["iamAuth account id is a number", { redis: { host: HOST, iamAuth: { userId: "kong", accountId: 123456789012 } } }, "redis.iamAuth.accountId"],
  ["iamAuth user id is empty", { redis: { host: HOST, iamAuth: { userId: "" } } }, "redis.iamAuth.userId"],
  ["awsRegion outside Kong's vault list (password)", { awsRegion: "eu-central-2" }, "awsRegion"],
  ["awsRegion xx-north-9", { awsRegion: "xx-north-9" }, "awsRegion"],
  ["syncRate is a string", { syncRate: "1" }, "syncRate"],
  ["syncRate is 1e9", { syncRate: 1e9 }, "syncRate"],
  ["errorCode is 200", { errorCode: 200 }, "errorCode"],
  ["errorMessage holds NUL", { errorMessage: "slow down\u0000" }, "errorMessage"],
  ["scope is a string", { scope: "orders" }, "scope"],
  ["scope has an unknown key", { scope: { serviceId: "orders" } }, "scope.serviceId"],
  ["scope.service is empty", { scope: { service: "" } }, "scope.service"],
  ["headerName has spaces", { identifier: "header", headerName: "X Api Key" }, "headerName"],
  ["path lacks its slash", { identifier: "path", path: "orders" }, "path"],
  ["instanceName is a number", { instanceName: 5 }, "instanceName"],
  ["partial is a string", { partial: "yes" }, "partial"],
  ["partial.name is empty", { partial: { name: "" } }, "partial.name"],
  ["passwordSecretName has a space", { passwordSecretName: "bad name" }, "passwordSecretName"],
  ["hideClientHeaders is a string", { hideClientHeaders: "no" }, "hideClientHeaders"],
  ["elastiCache is not a client", { elastiCache: "client" }, "elastiCache"],
];

describe("attachElastiCacheRateLimit refuses bad input before any request", () => {
  it.each(cases)("%s -> ConfigError naming %s", async (_n, input, field) => {
    const options = input === undefined ? input : { ...valid(), ...input };
    await expectConfigError(() => attachElastiCacheRateLimit(options as AttachElastiCacheRateLimitOptions), field, sandbox);
  });

  it("tells what to do with a rediss:// URL", async () => {
    const e = await expectConfigError(() => attachElastiCacheRateLimit({ ...valid(), redis: { host: `rediss://${HOST}:6380` } }), "redis.host", sandbox);
    expect(e.fix).toMatch(/rediss:\/\/ means TLS/);
  });
});
