import { http, type HttpHandler } from "msw";
import type { Random } from "../random.js";
import type { Serve } from "../serve.js";
import { rejectInvalidInput } from "./reject-invalid.js";
import { xmlDocument } from "./xml.js";

const NS = "http://elasticache.amazonaws.com/doc/2015-02-02/";
/** List member element names of the ElastiCache model (Query protocol). */
const MEMBERS: Record<string, string> = {
  ReplicationGroups: "ReplicationGroup",
  NodeGroups: "NodeGroup",
  NodeGroupMembers: "NodeGroupMember",
  MemberClusters: "ClusterId",
  UserGroupIds: "member",
  ServerlessCaches: "member",
  SubnetIds: "member",
  SecurityGroupIds: "SecurityGroupId",
};

/** How to seed a replication group. */
export interface ReplicationGroupSeed {
  id: string;
  region?: string;
  /** Cluster mode enabled (shards; a configuration endpoint). @default false */
  clusterMode?: boolean;
  /** In-transit encryption (TLS). @default true */
  transitEncryption?: boolean;
  /** AUTH token required. @default true */
  authToken?: boolean;
  /** RBAC user groups (IAM or password users). */
  userGroupIds?: string[];
  port?: number;
  shards?: number;
  engine?: "redis" | "valkey";
  engineVersion?: string;
  status?: string;
}

/**
 * The ElastiCache fake's state: replication groups by region, shaped as `DescribeReplicationGroups`
 * returns them.
 *
 * @example
 * ```ts
 * sandbox.seedReplicationGroup({ id: "rate-limits", clusterMode: false });
 * ```
 */
export interface ElastiCacheState {
  replicationGroups: Record<string, Map<string, Record<string, unknown>>>;
}

/** @internal */
export interface ElastiCacheFakeOptions {
  state: () => ElastiCacheState;
  random: Random;
  serve: Serve;
  accountId: string;
}

const REGION_CODE: Record<string, string> = { "us-east-1": "use1", "us-east-2": "use2", "us-west-2": "usw2", "eu-west-1": "euw1", "eu-central-1": "euc1", "ap-southeast-2": "apse2" };

/** Builds a realistic replication group description. @internal */
export function buildReplicationGroup(seed: ReplicationGroupSeed, random: Random, accountId: string): Record<string, unknown> {
  const region = seed.region ?? "us-east-1";
  const port = seed.port ?? 6379;
  const suffix = `${random.chars(6)}.${REGION_CODE[region] ?? region.replace(/-/g, "")}.cache.amazonaws.com`;
  const cluster = seed.clusterMode ?? false;
  const shards = cluster ? (seed.shards ?? 2) : 1;
  const nodeGroups = Array.from({ length: shards }, (_, i) => {
    const ng = String(i + 1).padStart(4, "0");
    return {
      NodeGroupId: ng,
      Status: "available",
      ...(cluster ? {} : { PrimaryEndpoint: { Address: `master.${seed.id}.${suffix}`, Port: port }, ReaderEndpoint: { Address: `replica.${seed.id}.${suffix}`, Port: port } }),
      Slots: cluster ? `${Math.floor((16384 / shards) * i)}-${Math.floor((16384 / shards) * (i + 1)) - 1}` : undefined,
      NodeGroupMembers: [1, 2].map((n) => ({
        CacheClusterId: `${seed.id}-${ng}-00${n}`,
        CacheNodeId: "0001",
        ...(cluster ? {} : { ReadEndpoint: { Address: `${seed.id}-${ng}-00${n}.${seed.id}.${suffix}`, Port: port }, CurrentRole: n === 1 ? "primary" : "replica" }),
        PreferredAvailabilityZone: `${region}${n === 1 ? "a" : "b"}`,
      })),
    };
  });
  return {
    ReplicationGroupId: seed.id,
    Description: `${seed.id} (sandbox)`,
    Status: seed.status ?? "available",
    MemberClusters: nodeGroups.flatMap((g) => g.NodeGroupMembers.map((m) => m.CacheClusterId)),
    NodeGroups: nodeGroups,
    ...(cluster ? { ConfigurationEndpoint: { Address: `clustercfg.${seed.id}.${suffix}`, Port: port } } : {}),
    AutomaticFailover: "enabled",
    MultiAZ: "enabled",
    ClusterEnabled: cluster,
    CacheNodeType: "cache.r7g.large",
    AuthTokenEnabled: seed.authToken ?? true,
    TransitEncryptionEnabled: seed.transitEncryption ?? true,
    ...(seed.transitEncryption === false ? {} : { TransitEncryptionMode: "required" }),
    AtRestEncryptionEnabled: true,
    ...(seed.userGroupIds ? { UserGroupIds: seed.userGroupIds } : {}),
    ARN: `arn:aws:elasticache:${region}:${accountId}:replicationgroup:${seed.id}`,
    Engine: seed.engine ?? "redis",
    ClusterMode: cluster ? "enabled" : "disabled",
  };
}

/** @internal */
export function elastiCacheHandlers(o: ElastiCacheFakeOptions): HttpHandler[] {
  const fault = (code: string, message: string, status: number) =>
    xmlDocument("ErrorResponse", NS, { Error: { Type: "Sender", Code: code, Message: message }, RequestId: "00000000-0000-4000-8000-000000000000" }, { status });
  return [
    http.post(/^https:\/\/elasticache\.([a-z0-9-]+)\.amazonaws\.com\/?$/, async ({ request }) => {
      const region = /^https:\/\/elasticache\.([a-z0-9-]+)\./.exec(request.url)![1]!;
      const form = new URLSearchParams(await request.clone().text());
      const action = form.get("Action") ?? "Unknown";
      return o.serve("elasticache", request, { operation: action, write: !action.startsWith("Describe") && !action.startsWith("List") }, async () => {
        if (!request.headers.get("authorization")?.startsWith("AWS4-HMAC-SHA256")) return fault("MissingAuthenticationToken", "Request is missing Authentication Token", 403);
        if (action !== "DescribeReplicationGroups") return fault("InvalidAction", `The action ${action} is not valid for this web service.`, 400);
        const rejected = await rejectInvalidInput("elasticache", action, request);
        if (rejected) return rejected;
        const groups = o.state().replicationGroups[region] ?? new Map();
        const id = form.get("ReplicationGroupId");
        if (id && !groups.has(id)) return fault("ReplicationGroupNotFoundFault", `ReplicationGroup ${id} not found.`, 404);
        const list = id ? [groups.get(id)!] : [...groups.values()];
        return xmlDocument("DescribeReplicationGroupsResponse", NS, { DescribeReplicationGroupsResult: { ReplicationGroups: list }, ResponseMetadata: { RequestId: o.random.uuid() } }, { members: MEMBERS });
      });
    }),
  ];
}
