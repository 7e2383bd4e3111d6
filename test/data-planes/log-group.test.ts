import { CloudWatchLogsClient, CreateLogGroupCommand } from "@aws-sdk/client-cloudwatch-logs";
import { describe, expect, it } from "vitest";
import { ConfigError, provisionDataPlanes, teardownDataPlanes } from "../../src/index.js";
import { useSandbox } from "../use-sandbox.js";
import { dataPlaneSetup } from "./setup.js";

const { sandbox, konnect, secretsManager } = useSandbox();
const sm = secretsManager("us-east-1");
const cloudWatchLogs = new CloudWatchLogsClient({ region: "us-east-1", credentials: { accessKeyId: "AKIASANDBOX000000000", secretAccessKey: "sandbox-secret-key" }, maxAttempts: 1 });
const writes = () => sandbox.writes().map((r) => `${r.service} ${r.operation}`);
const group = (name: string) => sandbox.state.cloudWatchLogs.regions["us-east-1"]?.get(name);

describe("provisionDataPlanes with logs.create", () => {
  it("creates the log group before registering the task definition, then makes zero writes", async () => {
    const { options } = await dataPlaneSetup({ sandbox, konnect, sm }, { cloudWatchLogs, logs: { create: true, retentionDays: 14 } });
    const res = await provisionDataPlanes(options);
    const order = writes();
    expect(order).toContain("logs CreateLogGroup");
    expect(order).toContain("logs PutRetentionPolicy");
    expect(order.indexOf("logs CreateLogGroup")).toBeLessThan(order.indexOf("ecs RegisterTaskDefinition"));
    expect(res.logGroup).toBe("/aws/kong/payments-prod");
    const g = group("/aws/kong/payments-prod")!;
    expect(g).toBeDefined();
    expect(g.retentionInDays).toBe(14);
    expect(g.tags).toMatchObject({ Environment: "prod", "konnect-aws:managed": "true" });
    const log = res.taskDefinition.definition.containerDefinitions![0]!.logConfiguration!;
    expect(log.options!["awslogs-group"]).toBe("/aws/kong/payments-prod");

    sandbox.clearRequests();
    await provisionDataPlanes(options);
    expect(sandbox.writes()).toEqual([]);
  });

  it("with logs.group given (its read starts with the control plane's), creates that group, then writes nothing; an unmarked group of that name is refused before any write", async () => {
    const { options } = await dataPlaneSetup({ sandbox, konnect, sm }, { cloudWatchLogs, logs: { create: true, retentionDays: 14, group: "/aws/kong/named" } });
    const res = await provisionDataPlanes(options);
    expect(res.logGroup).toBe("/aws/kong/named");
    expect(group("/aws/kong/named")).toMatchObject({ retentionInDays: 14, tags: { "konnect-aws:managed": "true" } });
    sandbox.clearRequests();
    await provisionDataPlanes(options);
    expect(sandbox.writes()).toEqual([]);
    expect(sandbox.requests.filter((r) => r.operation === "DescribeLogGroups")).toHaveLength(1);

    await cloudWatchLogs.send(new CreateLogGroupCommand({ logGroupName: "/aws/kong/theirs" }));
    sandbox.clearRequests();
    const refused = await provisionDataPlanes({ ...options, logs: { create: true, group: "/aws/kong/theirs" } }).catch((x: unknown) => x);
    expect(refused).toBeInstanceOf(ConfigError);
    expect(refused).toMatchObject({ field: "logs.group" });
    expect(sandbox.writes()).toEqual([]);
  });

  it("teardown deletes the group it created, unless keepLogGroup", async () => {
    const { options } = await dataPlaneSetup({ sandbox, konnect, sm }, { cloudWatchLogs, logs: { create: true } });
    await provisionDataPlanes(options);
    await teardownDataPlanes({ ...options, keepLogGroup: true, forceDeleteWithoutRecovery: true });
    expect(group("/aws/kong/payments-prod")).toBeDefined();
    sandbox.clearRequests();
    const res = await teardownDataPlanes({ ...options, forceDeleteWithoutRecovery: true });
    expect(writes()).toContain("logs DeleteLogGroup");
    expect(res.changes.some((c) => c.kind === "aws.log-group" && c.action === "delete")).toBe(true);
    expect(group("/aws/kong/payments-prod")).toBeUndefined();
  });

  it("refuses a retention CloudWatch Logs does not accept, or one without create, before any request", async () => {
    const { options } = await dataPlaneSetup({ sandbox, konnect, sm }, { cloudWatchLogs });
    await expect(provisionDataPlanes({ ...options, logs: { create: true, retentionDays: 10 } })).rejects.toThrow(ConfigError);
    await expect(provisionDataPlanes({ ...options, logs: { retentionDays: 30 } })).rejects.toThrow(/logs\.retentionDays/);
    expect(sandbox.requests).toEqual([]);
  });
});
