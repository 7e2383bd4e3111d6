import { nodeCrypto } from "../internal/node-crypto.js";
import type { DiscoveredRedis } from "../aws/elasticache.js";
import { ConfigError } from "../errors/config-error.js";
import type { AttachElastiCacheRateLimitOptions, RateLimitPluginName } from "./attach-elasticache-rate-limit.js";
import type { ResolvedScope } from "../resources/konnect/scope.js";
import type { RedisTarget } from "./redis-block.js";

type Json = Record<string, unknown>;

/** The plugins {@link attachElastiCacheRateLimit} configures. @internal */
export const RL_PLUGINS: readonly RateLimitPluginName[] = ["rate-limiting-advanced", "rate-limiting"];
/** rate-limiting's fixed periods (Kong 3.14 RateLimiting.json: second, minute, hour, day, month, year). @internal */
export const CE_PERIODS: Record<number, string> = { 1: "second", 60: "minute", 3600: "hour", 86400: "day", 2592000: "month", 31536000: "year" };

/** The counter namespace: given, or stable per control plane, scope and instance name. @internal */
export function rateLimitNamespace(o: AttachElastiCacheRateLimitOptions, scope: ResolvedScope): string {
  return o.namespace ?? `konnect-aws-${nodeCrypto().createHash("sha256").update(`${o.controlPlaneId}|${scope.label}|${o.instanceName ?? ""}`).digest("hex").slice(0, 16)}`;
}

/** Applies discovery and checks that the requested settings can work with the group. @internal */
export function redisTarget(o: AttachElastiCacheRateLimitOptions, plugin: RateLimitPluginName, d: DiscoveredRedis | undefined, region: string | undefined): RedisTarget {
  const r = o.redis;
  const hasPassword = r.password !== undefined;
  if (d) {
    if (d.clusterMode && plugin === "rate-limiting") {
      throw new ConfigError({ field: "plugin", problem: `replication group ${d.replicationGroupId} has cluster mode enabled, and the open-source rate-limiting plugin cannot talk to a Redis Cluster`, fix: 'use plugin: "rate-limiting-advanced" (the default)' });
    }
    if (r.tls === false && d.tls) throw new ConfigError({ field: "redis.tls", problem: `replication group ${d.replicationGroupId} requires in-transit encryption (TLS)`, fix: "leave tls on (the default)" });
    if (r.tls === true && !d.tls) throw new ConfigError({ field: "redis.tls", problem: `replication group ${d.replicationGroupId} has in-transit encryption off, so a TLS handshake would fail`, fix: "set tls: false, or enable in-transit encryption on the group" });
    if (d.authToken && !hasPassword && !r.iamAuth) throw new ConfigError({ field: "redis.password", problem: `replication group ${d.replicationGroupId} requires an AUTH token`, fix: "pass redis.password (it is stored in Secrets Manager)" });
    if (!d.authToken && d.userGroupIds.length === 0 && (hasPassword || r.iamAuth)) {
      throw new ConfigError({ field: hasPassword ? "redis.password" : "redis.iamAuth", problem: `replication group ${d.replicationGroupId} has neither AUTH nor user groups, so Redis would reject the credentials`, fix: "leave the password out, or enable AUTH on the group" });
    }
  }
  const host = d?.host ?? r.host!;
  const port = r.port ?? d?.port ?? 6379;
  const clusterNodes = d?.clusterMode ? [{ host: d.host, port: d.port }] : r.clusterNodes?.map((n) => ({ host: n.host, port: n.port ?? 6379 }));
  return {
    host,
    port,
    tls: r.tls ?? d?.tls ?? true,
    tlsVerify: r.tlsVerify ?? true,
    serverName: r.serverName,
    username: r.iamAuth ? r.iamAuth.userId : r.username,
    database: r.database,
    connectTimeoutMs: r.connectTimeoutMs,
    readTimeoutMs: r.readTimeoutMs,
    sendTimeoutMs: r.sendTimeoutMs,
    clusterNodes,
    discovered: d,
    iamAuth: r.iamAuth
      ? {
          userId: r.iamAuth.userId,
          cacheName: r.iamAuth.cacheName ?? d?.replicationGroupId ?? host.split(".")[0]!,
          serverless: r.iamAuth.serverless ?? false,
          region: r.region ?? d?.region ?? region ?? "",
          ...(r.iamAuth.assumeRoleArn ? { assumeRoleArn: r.iamAuth.assumeRoleArn } : {}),
        }
      : undefined,
  };
}

/** The plugin's config (Kong 3.14 RateLimitingAdvanced.json / RateLimiting.json), with `redis` unless a partial carries it. @internal */
export function rateLimitConfig(o: AttachElastiCacheRateLimitOptions, plugin: RateLimitPluginName, namespace: string, redis: Json | undefined): Json {
  if (plugin === "rate-limiting") {
    const periods = Object.fromEntries(Object.values(CE_PERIODS).map((p) => [p, null])) as Json;
    for (const l of o.limits) periods[CE_PERIODS[l.window]!] = l.limit;
    return {
      ...periods,
      limit_by: o.identifier ?? "consumer",
      header_name: o.identifier === "header" ? o.headerName! : null,
      path: o.identifier === "path" ? o.path! : null,
      policy: "redis",
      sync_rate: o.syncRate ?? -1,
      error_code: o.errorCode ?? 429,
      error_message: o.errorMessage ?? "API rate limit exceeded",
      hide_client_headers: o.hideClientHeaders ?? false,
      ...(redis ? { redis } : {}),
    };
  }
  const limits = [...o.limits].sort((a, b) => a.window - b.window);
  return {
    limit: limits.map((l) => l.limit),
    window_size: limits.map((l) => l.window),
    window_type: o.windowType ?? "sliding",
    identifier: o.identifier ?? "consumer",
    header_name: o.identifier === "header" ? o.headerName! : null,
    path: o.identifier === "path" ? o.path! : null,
    strategy: "redis",
    sync_rate: o.syncRate ?? 1,
    // always sent: rate-limiting-advanced generates a new namespace on every write that omits it
    namespace,
    error_code: o.errorCode ?? 429,
    error_message: o.errorMessage ?? "API rate limit exceeded",
    hide_client_headers: o.hideClientHeaders ?? false,
    ...(redis ? { redis } : {}),
  };
}

