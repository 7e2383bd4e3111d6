import { DescribeReplicationGroupsCommand, ReplicationGroupNotFoundFault } from "@aws-sdk/client-elasticache";
import { describe, expect, it } from "vitest";
import { useSandbox } from "../use-sandbox.js";
import { elastiCache } from "./aws-clients.js";

const { sandbox } = useSandbox();
const ec = elastiCache();

describe("ElastiCache fake, through @aws-sdk/client-elasticache (Query protocol)", () => {
  it("describes a cluster-mode-disabled group with its primary endpoint", async () => {
    sandbox.seedReplicationGroup({ id: "rl", clusterMode: false });
    const out = await ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: "rl" }));
    const g = out.ReplicationGroups![0]!;
    expect(g).toMatchObject({ ReplicationGroupId: "rl", ClusterEnabled: false, TransitEncryptionEnabled: true, AuthTokenEnabled: true, Status: "available" });
    expect(g.NodeGroups![0]!.PrimaryEndpoint).toEqual({ Address: expect.stringMatching(/^master\.rl\.[a-z0-9]{6}\.use1\.cache\.amazonaws\.com$/), Port: 6379 });
    expect(g.NodeGroups![0]!.NodeGroupMembers).toHaveLength(2);
    expect(g.MemberClusters).toEqual(["rl-0001-001", "rl-0001-002"]);
    expect(sandbox.requests[0]).toMatchObject({ service: "elasticache", operation: "DescribeReplicationGroups", write: false, status: 200 });
  });

  it("describes a cluster-mode-enabled group with its configuration endpoint and shards", async () => {
    sandbox.seedReplicationGroup({ id: "rl-cluster", clusterMode: true, shards: 3, userGroupIds: ["kong-users"] });
    const g = (await ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: "rl-cluster" }))).ReplicationGroups![0]!;
    expect(g.ClusterEnabled).toBe(true);
    expect(g.ConfigurationEndpoint!.Address).toMatch(/^clustercfg\.rl-cluster\./);
    expect(g.NodeGroups).toHaveLength(3);
    expect(g.UserGroupIds).toEqual(["kong-users"]);
  });

  it("answers ReplicationGroupNotFoundFault for an unknown group", async () => {
    await expect(ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: "nope" }))).rejects.toBeInstanceOf(ReplicationGroupNotFoundFault);
  });
});
