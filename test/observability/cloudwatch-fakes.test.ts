// The CloudWatch Logs and CloudWatch fakes, driven by the real AWS SDK clients through msw: the wire
// protocols (awsJson1_1; awsJson1_0 with Query compatibility), model validation and the documented rules.
import { DeleteAlarmsCommand, DescribeAlarmsCommand, ListTagsForResourceCommand as ListAlarmTags, PutMetricAlarmCommand, type PutMetricAlarmCommandInput } from "@aws-sdk/client-cloudwatch";
import { AssociateKmsKeyCommand, CreateLogGroupCommand, DeleteLogGroupCommand, DescribeLogGroupsCommand, ListTagsForResourceCommand, PutRetentionPolicyCommand, TagResourceCommand } from "@aws-sdk/client-cloudwatch-logs";
import { describe, expect, it } from "vitest";
import { useSandbox } from "../use-sandbox.js";
import { cloudWatch, cloudWatchLogs } from "./clients.js";

const { sandbox } = useSandbox();
const logs = cloudWatchLogs();
const cw = cloudWatch();
const fail = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as { name: string; message: string; $metadata: { httpStatusCode: number } });

describe("the CloudWatch Logs fake", () => {
  it("creates, describes, tags and deletes log groups over the SDK", async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: "/aws/kong/a", tags: { team: "api" } }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: "/aws/kong/a/b" }));
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: "/aws/kong/a", retentionInDays: 14 }));
    const page = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/aws/kong/a" }));
    expect(page.logGroups!.map((g) => [g.logGroupName, g.retentionInDays, g.logGroupArn])).toEqual([
      ["/aws/kong/a", 14, "arn:aws:logs:us-east-1:123456789012:log-group:/aws/kong/a"],
      ["/aws/kong/a/b", undefined, "arn:aws:logs:us-east-1:123456789012:log-group:/aws/kong/a/b"],
    ]);
    expect(page.logGroups![0]!.arn).toBe("arn:aws:logs:us-east-1:123456789012:log-group:/aws/kong/a:*");
    const arn = page.logGroups![0]!.logGroupArn!;
    await logs.send(new TagResourceCommand({ resourceArn: arn, tags: { env: "prod" } }));
    expect((await logs.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual({ team: "api", env: "prod" });
    await logs.send(new DeleteLogGroupCommand({ logGroupName: "/aws/kong/a" }));
    expect(await fail(logs.send(new DeleteLogGroupCommand({ logGroupName: "/aws/kong/a" })))).toMatchObject({ name: "ResourceNotFoundException" });
    expect(sandbox.writes("logs").map((w) => w.operation)).toEqual(["CreateLogGroup", "CreateLogGroup", "PutRetentionPolicy", "TagResource", "DeleteLogGroup", "DeleteLogGroup"]);
  });

  it("pages DescribeLogGroups with limit and nextToken", async () => {
    for (const n of ["a", "b", "c"]) await logs.send(new CreateLogGroupCommand({ logGroupName: `/p/${n}` }));
    const first = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/p/", limit: 2 }));
    const second = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/p/", limit: 2, nextToken: first.nextToken! }));
    expect([...first.logGroups!, ...second.logGroups!].map((g) => g.logGroupName)).toEqual(["/p/a", "/p/b", "/p/c"]);
    expect(second.nextToken).toBeUndefined();
  });

  it("refuses what CloudWatch Logs refuses", async () => {
    // the model's pattern and ranges
    expect(await fail(logs.send(new CreateLogGroupCommand({ logGroupName: "kong logs" })))).toMatchObject({ name: "InvalidParameterException", message: expect.stringContaining("at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern") });
    expect(await fail(logs.send(new DescribeLogGroupsCommand({ limit: 51 })))).toMatchObject({ name: "InvalidParameterException" });
    // the documented rules the model cannot express
    await logs.send(new CreateLogGroupCommand({ logGroupName: "/x" }));
    expect(await fail(logs.send(new CreateLogGroupCommand({ logGroupName: "/x" })))).toMatchObject({ name: "ResourceAlreadyExistsException" });
    expect(await fail(logs.send(new PutRetentionPolicyCommand({ logGroupName: "/x", retentionInDays: 31 })))).toMatchObject({ name: "InvalidParameterException" });
    expect(await fail(logs.send(new AssociateKmsKeyCommand({ logGroupName: "/x", kmsKeyId: "alias/logs" })))).toMatchObject({ name: "InvalidParameterException" });
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    expect(await fail(logs.send(new CreateLogGroupCommand({ logGroupName: "/y", tags: tooMany })))).toMatchObject({ name: "InvalidParameterException" });
    expect(sandbox.state.cloudWatchLogs.regions["us-east-1"]!.has("/y")).toBe(false);
  });

  it("refuses unsigned requests", async () => {
    const res = await fetch("https://logs.us-east-1.amazonaws.com/", { method: "POST", headers: { "x-amz-target": "Logs_20140328.CreateLogGroup", "content-type": "application/x-amz-json-1.1" }, body: JSON.stringify({ logGroupName: "/z" }) });
    expect(res.status).toBe(403);
    expect(sandbox.state.cloudWatchLogs.regions["us-east-1"]?.has("/z")).toBeFalsy();
  });
});

const alarm: PutMetricAlarmCommandInput = { AlarmName: "a1", Namespace: "Kong/Gateway", MetricName: "kong.latency", ExtendedStatistic: "p95", Period: 300, EvaluationPeriods: 3, Threshold: 1000, ComparisonOperator: "GreaterThanThreshold" };

describe("the CloudWatch fake", () => {
  it("speaks JSON 1.0 with Query compatibility, as the installed SDK sends it", async () => {
    await cw.send(new PutMetricAlarmCommand({ ...alarm, Tags: [{ Key: "k", Value: "v" }] }));
    expect(sandbox.requests.at(-1)).toMatchObject({ service: "cloudwatch", operation: "PutMetricAlarm", status: 200, write: true });
    const out = await cw.send(new DescribeAlarmsCommand({ AlarmNames: ["a1"] }));
    expect(out.MetricAlarms![0]).toMatchObject({ AlarmName: "a1", AlarmArn: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:a1", StateValue: "INSUFFICIENT_DATA", Threshold: 1000, ExtendedStatistic: "p95" });
    expect(out.MetricAlarms![0]!.AlarmConfigurationUpdatedTimestamp).toBeInstanceOf(Date);
    // an update overwrites the configuration and ignores Tags
    await cw.send(new PutMetricAlarmCommand({ ...alarm, Threshold: 500, Tags: [{ Key: "other", Value: "x" }] }));
    const tags = await cw.send(new ListAlarmTags({ ResourceARN: out.MetricAlarms![0]!.AlarmArn }));
    expect(tags.Tags).toEqual([{ Key: "k", Value: "v" }]);
    expect(sandbox.state.cloudWatch.regions["us-east-1"]!.get("a1")!.config.Threshold).toBe(500);
  });

  it("refuses what CloudWatch refuses, as the SDK's modeled errors (found by their Query codes)", async () => {
    expect(await fail(cw.send(new PutMetricAlarmCommand({ ...alarm, Period: 90 })))).toMatchObject({ name: "InvalidParameterValueException", $metadata: { httpStatusCode: 400 } });
    expect(await fail(cw.send(new PutMetricAlarmCommand({ ...alarm, Statistic: "Sum" })))).toMatchObject({ name: "InvalidParameterCombinationException" });
    expect(await fail(cw.send(new PutMetricAlarmCommand({ ...alarm, EvaluationPeriods: 289 })))).toMatchObject({ name: "ValidationException", Code: "ValidationError" });
    expect(await fail(cw.send(new PutMetricAlarmCommand({ ...alarm, AlarmName: "" })))).toMatchObject({ name: "ValidationException", Code: "ValidationError" });
    expect(await fail(cw.send(new PutMetricAlarmCommand({ ...alarm, AlarmActions: ["a", "b", "c", "d", "e", "f"] })))).toMatchObject({ name: "ValidationException", Code: "ValidationError" });
    expect(await fail(cw.send(new DeleteAlarmsCommand({ AlarmNames: ["missing"] })))).toMatchObject({ name: "ResourceNotFound", $metadata: { httpStatusCode: 404 } });
    expect(sandbox.state.cloudWatch.regions["us-east-1"]?.size ?? 0).toBe(0);
  });

  it("deletes nothing when one name of a DeleteAlarms is wrong", async () => {
    await cw.send(new PutMetricAlarmCommand(alarm));
    await fail(cw.send(new DeleteAlarmsCommand({ AlarmNames: ["a1", "missing"] })));
    expect(sandbox.state.cloudWatch.regions["us-east-1"]!.has("a1")).toBe(true);
    await cw.send(new DeleteAlarmsCommand({ AlarmNames: ["a1"] }));
    expect(sandbox.state.cloudWatch.regions["us-east-1"]!.has("a1")).toBe(false);
  });
});
