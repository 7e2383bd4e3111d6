import type { DiscoveredRedis } from "../aws/elasticache.js";

/** The connection the plugin (or partial) gets, after discovery and defaults. @internal */
export interface RedisTarget {
  host: string;
  port: number;
  tls: boolean;
  tlsVerify: boolean;
  serverName: string | undefined;
  username: string | undefined;
  database: number | undefined;
  connectTimeoutMs: number | undefined;
  readTimeoutMs: number | undefined;
  sendTimeoutMs: number | undefined;
  clusterNodes: Array<{ host: string; port: number }> | undefined;
  discovered: DiscoveredRedis | undefined;
  iamAuth: { userId: string; cacheName: string; serverless: boolean; region: string; assumeRoleArn?: string } | undefined;
}

type Json = Record<string, unknown>;

/** The `cloud_authentication` block for ElastiCache IAM authentication, or null. */
function cloudAuthentication(t: RedisTarget): Json | null {
  if (!t.iamAuth) return null;
  return {
    auth_provider: "aws",
    aws_cache_name: t.iamAuth.cacheName,
    aws_region: t.iamAuth.region,
    // Kong defaults aws_is_serverless to true: always say which it is
    aws_is_serverless: t.iamAuth.serverless,
    ...(t.iamAuth.assumeRoleArn ? { aws_assume_role_arn: t.iamAuth.assumeRoleArn } : {}),
  };
}

// Kong 3.14 defaults (RateLimitingAdvanced.json / RateLimiting.json redis blocks): an unset field reads
// back as its default, so the desired value of an unused field is the default, not null.
const DEFAULT_DATABASE = 0;
const DEFAULT_TIMEOUT_MS = 2000;

/** TLS and credential fields both Redis blocks have. */
function tlsAndAuth(t: RedisTarget, passwordRef: string | undefined): Json {
  return {
    ssl: t.tls,
    ssl_verify: t.tlsVerify,
    server_name: t.tls ? (t.serverName ?? t.host) : null,
    username: t.username ?? null,
    password: passwordRef ?? null,
    database: t.database ?? DEFAULT_DATABASE,
  };
}

/**
 * The `redis` block of rate-limiting-advanced / a `redis-ee` partial (Kong 3.14 schema fields). Keys the
 * SDK manages but does not use are `null` (no Kong default) or Kong's default, so a stale value shows
 * in the diff and is reset.
 * @internal
 */
export function redisEeBlock(t: RedisTarget, passwordRef: string | undefined): Json {
  const cluster = t.clusterNodes?.length ? t.clusterNodes.map((n) => ({ ip: n.host, port: n.port })) : null;
  return {
    // with cluster_nodes, Kong connects as a Redis Cluster client and ignores host/port: leave them alone
    ...(cluster ? {} : { host: t.host, port: t.port }),
    cluster_nodes: cluster,
    ...tlsAndAuth(t, passwordRef),
    connect_timeout: t.connectTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    read_timeout: t.readTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    send_timeout: t.sendTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    cloud_authentication: cloudAuthentication(t),
  };
}

/** The `redis` block of the open-source rate-limiting plugin / a `redis-ce` partial. @internal */
export function redisCeBlock(t: RedisTarget, passwordRef: string | undefined): Json {
  return {
    host: t.host,
    port: t.port,
    ...tlsAndAuth(t, passwordRef),
    timeout: t.connectTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    cloud_authentication: cloudAuthentication(t),
  };
}
