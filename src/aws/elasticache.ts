import type { ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { AwsStepError } from "../errors/aws-step-error.js";
import { ConfigError } from "../errors/config-error.js";
import { loadElastiCache } from "./load-sdk.js";

/** What ElastiCache says about a replication group, as the gateway needs it. */
export interface DiscoveredRedis {
  replicationGroupId: string;
  arn: string | undefined;
  region: string;
  /** Primary endpoint (cluster mode disabled) or configuration endpoint (cluster mode enabled). */
  host: string;
  port: number;
  /** In-transit encryption: the gateway must use TLS. */
  tls: boolean;
  /** An AUTH token is required. */
  authToken: boolean;
  /** Cluster mode enabled: the gateway must use Redis Cluster (`cluster_nodes`). */
  clusterMode: boolean;
  /** RBAC user groups, when the group uses users (IAM or password). */
  userGroupIds: string[];
  status: string | undefined;
}

/**
 * Reads one replication group with `DescribeReplicationGroups` and extracts the connection facts.
 * @internal
 */
export async function discoverRedis(client: ElastiCacheClient, replicationGroupId: string, region: string, signal?: AbortSignal): Promise<DiscoveredRedis> {
  const ec = await loadElastiCache();
  let group;
  try {
    const out = await client.send(new ec.DescribeReplicationGroupsCommand({ ReplicationGroupId: replicationGroupId }), { abortSignal: signal });
    group = out.ReplicationGroups?.[0];
  } catch (error) {
    if ((error as { name?: string }).name === "ReplicationGroupNotFoundFault") {
      throw new ConfigError({ field: "redis.replicationGroupId", problem: `no replication group ${JSON.stringify(replicationGroupId)} in ${region}`, fix: "check the id and the region (redis.region)" });
    }
    throw new AwsStepError(`DescribeReplicationGroups ${replicationGroupId}`, error);
  }
  if (!group) throw new ConfigError({ field: "redis.replicationGroupId", problem: `no replication group ${JSON.stringify(replicationGroupId)} in ${region}`, fix: "check the id and the region" });
  const clusterMode = group.ClusterEnabled === true;
  const endpoint = clusterMode ? group.ConfigurationEndpoint : group.NodeGroups?.[0]?.PrimaryEndpoint;
  if (!endpoint?.Address) {
    throw new ConfigError({ field: "redis.replicationGroupId", problem: `replication group ${replicationGroupId} has no ${clusterMode ? "configuration" : "primary"} endpoint yet (status ${group.Status ?? "unknown"})`, fix: "wait until the group is available, then run again" });
  }
  return {
    replicationGroupId,
    arn: group.ARN,
    region,
    host: endpoint.Address,
    port: endpoint.Port ?? 6379,
    tls: group.TransitEncryptionEnabled === true,
    authToken: group.AuthTokenEnabled === true,
    clusterMode,
    userGroupIds: group.UserGroupIds ?? [],
    status: group.Status,
  };
}
