// The ElastiCache fake checks requests against the official model and the limits its documentation
// states, answering as ElastiCache's Query API does: InvalidParameterValue, 400.
import { DescribeReplicationGroupsCommand, InvalidParameterValueException } from "@aws-sdk/client-elasticache";
import { describe, expect, it } from "vitest";
import { useSandbox } from "../use-sandbox.js";
import { elastiCache } from "./aws-clients.js";

const { sandbox } = useSandbox();
const ec = elastiCache();

describe("ElastiCache fake validates input", () => {
  it("refuses MaxRecords 10 ('Constraints: minimum 20; maximum 100.')", async () => {
    sandbox.seedReplicationGroup({ id: "rl" });
    const error = (await ec.send(new DescribeReplicationGroupsCommand({ MaxRecords: 10 })).catch((e: unknown) => e)) as InvalidParameterValueException;
    expect(error).toBeInstanceOf(InvalidParameterValueException);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe("Invalid value for max records. Must be between 20 and 100");
    await expect(ec.send(new DescribeReplicationGroupsCommand({ MaxRecords: 101 }))).rejects.toBeInstanceOf(InvalidParameterValueException);
    expect((await ec.send(new DescribeReplicationGroupsCommand({ MaxRecords: 20 }))).ReplicationGroups).toHaveLength(1);
  });
});
