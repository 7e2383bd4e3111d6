// The guide's "AWS with ElastiCache (High Performance)": shared rate-limit counters for all data planes
// in an ElastiCache Redis replication group, over TLS, with the AUTH token in Secrets Manager. With
// `teardown`, the same options remove the plugin, the token's secret and the vault it needed.
import type { ElastiCacheClient } from "@aws-sdk/client-elasticache";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { attachElastiCacheRateLimit, detachElastiCacheRateLimit, secret, type AttachElastiCacheRateLimitOptions, type KonnectClient, type TeardownOptions } from "konnect-aws";
import { printChanges, printTeardown } from "./print-changes.js";

export interface ElastiCacheScenarioOptions {
  konnect: KonnectClient;
  controlPlaneId: string | undefined;
  region: string;
  replicationGroupId: string;
  authToken: string;
  elastiCache?: ElastiCacheClient;
  secretsManager?: SecretsManagerClient;
  dryRun?: boolean;
  /** Remove what the example creates instead, with the same options (`true`: the teardown's defaults). */
  teardown?: boolean | TeardownOptions;
}

export async function elastiCacheRateLimiting(o: ElastiCacheScenarioOptions) {
  if (!o.controlPlaneId) {
    console.log(`\nrate limiting: ${o.teardown ? "no control plane, nothing to remove" : "planned once the control plane exists"}`);
    return undefined;
  }
  const options: AttachElastiCacheRateLimitOptions = {
    konnect: o.konnect,
    controlPlaneId: o.controlPlaneId,
    awsRegion: o.region,
    redis: { replicationGroupId: o.replicationGroupId, region: o.region, password: secret(o.authToken) },
    limits: [
      { limit: 100, window: 60 },
      { limit: 5000, window: 3600 },
    ],
    identifier: "consumer",
    syncRate: 1,
    ...(o.elastiCache ? { elastiCache: o.elastiCache } : {}),
    ...(o.secretsManager ? { secretsManager: o.secretsManager } : {}),
    dryRun: o.dryRun,
  };
  if (o.teardown) {
    const removed = await detachElastiCacheRateLimit({ ...options, ...(o.teardown === true ? {} : o.teardown) });
    printTeardown("rate limiting on ElastiCache", removed);
    return removed;
  }
  const result = await attachElastiCacheRateLimit(options);
  printChanges("rate limiting on ElastiCache", result.changes);
  console.log(`  redis: ${result.redis.host}:${result.redis.port} tls=${result.redis.tls} cluster=${result.redis.clusterMode}`);
  return result;
}
