// The guide's "AWS with ElastiCache (High Performance)": shared rate-limit counters for all data planes
// in an ElastiCache Redis replication group, over TLS, with the AUTH token in Secrets Manager.
import type { ElastiCacheClient } from "@aws-sdk/client-elasticache";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { attachElastiCacheRateLimit, secret, type KonnectClient } from "konnect-aws";
import { printChanges } from "./print-changes.js";

export interface ElastiCacheScenarioOptions {
  konnect: KonnectClient;
  controlPlaneId: string | undefined;
  region: string;
  replicationGroupId: string;
  authToken: string;
  elastiCache?: ElastiCacheClient;
  secretsManager?: SecretsManagerClient;
  dryRun?: boolean;
}

export async function elastiCacheRateLimiting(o: ElastiCacheScenarioOptions) {
  if (!o.controlPlaneId) {
    console.log("\nrate limiting: planned once the control plane exists");
    return undefined;
  }
  const result = await attachElastiCacheRateLimit({
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
  });
  printChanges("rate limiting on ElastiCache", result.changes);
  console.log(`  redis: ${result.redis.host}:${result.redis.port} tls=${result.redis.tls} cluster=${result.redis.clusterMode}`);
  return result;
}
