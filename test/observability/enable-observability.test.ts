import { CreateLogGroupCommand } from "@aws-sdk/client-cloudwatch-logs";
import { PutMetricAlarmCommand } from "@aws-sdk/client-cloudwatch";
import { describe, expect, it } from "vitest";
import { ConfigError, enableObservability, ensureControlPlane, type EnableObservabilityOptions } from "../../src/index.js";
import { useSandbox } from "../use-sandbox.js";
import { cloudWatch, cloudWatchLogs } from "./clients.js";

const { sandbox, konnect } = useSandbox();
const logs = cloudWatchLogs();
const cw = cloudWatch();

async function setup(extra: Partial<EnableObservabilityOptions> = {}): Promise<EnableObservabilityOptions> {
  const { controlPlane } = await ensureControlPlane({ konnect, name: "observability" });
  sandbox.clearRequests();
  return {
    konnect,
    controlPlaneId: controlPlane.id!,
    region: "us-east-1",
    cloudWatchLogs: logs,
    cloudWatchClient: cw,
    xray: { collectorEndpoint: "http://localhost:4318", sampleRate: 0.25 },
    datadog: { host: "datadog-agent.internal", port: 8126, environment: "prod" },
    tags: { Environment: "prod", CostCenter: "cc-1234" },
    ...extra,
  };
}

const plugins = (cpId: string) => [...sandbox.state.konnect.regions.us!.get(cpId)!.entities.plugins.values()] as unknown as Array<{ name: string; config: Record<string, unknown>; tags?: string[] }>;
const alarms = () => sandbox.state.cloudWatch.regions["us-east-1"] ?? new Map();
const summary = (changes: Array<{ action: string; kind: string; key: string }>) => changes.map((c) => `${c.action} ${c.kind} ${c.key}`);

describe("enableObservability", () => {
  it("creates the log group, the plugins and the four alarms; applied again it writes nothing", async () => {
    const options = await setup();
    const res = await enableObservability(options);
    const group = `/aws/kong/${options.controlPlaneId}`;
    expect(summary(res.changes)).toEqual([
      `create aws.log-group ${group}`,
      "create konnect.plugin file-log@control-plane",
      "create konnect.plugin statsd@control-plane",
      "create konnect.plugin opentelemetry@control-plane",
      "create konnect.plugin datadog@control-plane",
      "create aws.metric-alarm kong-high-error-rate",
      "create aws.metric-alarm kong-high-latency",
      "create aws.metric-alarm kong-high-client-error-rate",
      "create aws.metric-alarm kong-rate-limit-hits",
    ]);
    // the log group: retention, tags with the ownership mark
    const g = sandbox.state.cloudWatchLogs.regions["us-east-1"]!.get(group)!;
    expect(g).toMatchObject({ retentionInDays: 30, tags: { Environment: "prod", CostCenter: "cc-1234", "konnect-aws:managed": "true" } });
    expect(res.logGroup).toEqual({ name: group, arn: `arn:aws:logs:us-east-1:123456789012:log-group:${group}`, retentionDays: 30 });
    // the guide's two alarms with the guide's thresholds
    expect(alarms().get("kong-high-error-rate")!.config).toMatchObject({ Threshold: 100, EvaluationPeriods: 2, Period: 300, Statistic: "Sum", ComparisonOperator: "GreaterThanThreshold" });
    expect(alarms().get("kong-high-latency")!.config).toMatchObject({ Threshold: 1000, EvaluationPeriods: 3, ExtendedStatistic: "p95", MetricName: "kong.latency" });
    expect(alarms().get("kong-high-error-rate")!.tags).toMatchObject({ "konnect-aws:managed": "true", "konnect-aws:control-plane": options.controlPlaneId });
    expect(res.alarms.map((a) => a.arn)).toEqual(["kong-high-error-rate", "kong-high-latency", "kong-high-client-error-rate", "kong-rate-limit-hits"].map((n) => `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${n}`));
    // the plugins, control-plane wide, marked
    const byName = Object.fromEntries(plugins(options.controlPlaneId).map((p) => [p.name, p]));
    expect(Object.keys(byName).sort()).toEqual(["datadog", "file-log", "opentelemetry", "statsd"]);
    expect(byName["opentelemetry"]!.config).toMatchObject({ traces_endpoint: "http://localhost:4318/v1/traces", sampling_rate: 0.25, propagation: { extract: ["aws", "w3c"], inject: ["aws", "w3c"] } });
    expect(byName["datadog"]!.config).toMatchObject({ host: "datadog-agent.internal", port: 8126 });
    expect((byName["datadog"]!.config.metrics as Array<{ tags: string[] }>)[0]!.tags).toEqual(["env:prod", "region:us-east-1"]);
    for (const p of Object.values(byName)) expect(p.tags).toContain("managed-by-konnect-aws");
    expect(res.awslogsConfiguration).toEqual({ logDriver: "awslogs", options: { "awslogs-group": group, "awslogs-region": "us-east-1", "awslogs-stream-prefix": "kong" } });
    expect(res.collectorConfig).toContain("awsemf:");

    sandbox.clearRequests();
    const again = await enableObservability(options);
    expect(sandbox.writes()).toEqual([]);
    expect(again.changes.every((c) => c.action === "noop")).toBe(true);
    expect(again.collectorConfig).toBe(res.collectorConfig);
  });

  it("dryRun shows exactly the changes apply then makes, and writes nothing", async () => {
    const options = await setup();
    const dry = await enableObservability({ ...options, dryRun: true });
    expect(sandbox.writes()).toEqual([]);
    const real = await enableObservability(options);
    expect(summary(dry.changes)).toEqual(summary(real.changes));
    expect(dry.changes.map((c) => c.diff)).toEqual(real.changes.map((c) => c.diff));
    // and for an update
    sandbox.clearRequests();
    const changed = { ...options, cloudWatch: { alarms: { highLatency: { threshold: 750 } } } };
    const dry2 = await enableObservability({ ...changed, dryRun: true });
    expect(sandbox.writes()).toEqual([]);
    const real2 = await enableObservability(changed);
    expect(dry2.changes.map((c) => [c.action, c.key, c.diff])).toEqual(real2.changes.map((c) => [c.action, c.key, c.diff]));
  });

  it("changing one threshold updates exactly that alarm, in place", async () => {
    const options = await setup();
    await enableObservability(options);
    sandbox.clearRequests();
    const res = await enableObservability({ ...options, cloudWatch: { alarms: { highErrorRate: { threshold: 50 } } } });
    expect(res.changes.filter((c) => c.action !== "noop").map((c) => [c.action, c.key, c.diff])).toEqual([["update", "kong-high-error-rate", [{ path: "Threshold", before: 100, after: 50 }]]]);
    expect(sandbox.writes().map((w) => w.operation)).toEqual(["PutMetricAlarm"]);
    expect(alarms().get("kong-high-error-rate")!.config.Threshold).toBe(50);
  });

  it("turning an alarm or a plugin off removes ours", async () => {
    const options = await setup();
    await enableObservability(options);
    sandbox.clearRequests();
    const res = await enableObservability({ ...options, datadog: undefined, cloudWatch: { alarms: { rateLimitHits: false } } });
    expect(summary(res.changes.filter((c) => c.action !== "noop"))).toEqual(["delete konnect.plugin datadog@control-plane", "delete aws.metric-alarm kong-rate-limit-hits"]);
    expect(alarms().has("kong-rate-limit-hits")).toBe(false);
    expect(plugins(options.controlPlaneId).map((p) => p.name)).not.toContain("datadog");
  });

  it("notifies an SNS topic when one is given", async () => {
    const topic = "arn:aws:sns:us-east-1:123456789012:oncall";
    const options = await setup({ cloudWatch: { alarms: { snsTopicArn: topic } } });
    await enableObservability(options);
    expect(alarms().get("kong-high-latency")!.config).toMatchObject({ AlarmActions: [topic], OKActions: [topic] });
  });

  it("refuses a log group it did not create, and takes it over with adopt", async () => {
    const options = await setup({ xray: undefined, datadog: undefined });
    await logs.send(new CreateLogGroupCommand({ logGroupName: `/aws/kong/${options.controlPlaneId}` }));
    sandbox.clearRequests();
    await expect(enableObservability(options)).rejects.toMatchObject({ name: "ConfigError", field: "cloudWatch.logGroupName" });
    expect(sandbox.writes()).toEqual([]);
    const res = await enableObservability({ ...options, adopt: true });
    expect(res.changes[0]).toMatchObject({ action: "update", kind: "aws.log-group", adopted: true });
  });

  it("refuses alarms of the same names that watch another control plane", async () => {
    const options = await setup({ xray: undefined, datadog: undefined });
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: "kong-high-error-rate",
        MetricName: "kong.request.count_by_class",
        Namespace: "Kong/Gateway",
        Statistic: "Sum",
        Period: 300,
        EvaluationPeriods: 2,
        Threshold: 100,
        ComparisonOperator: "GreaterThanThreshold",
        Tags: [
          { Key: "konnect-aws:managed", Value: "true" },
          { Key: "konnect-aws:control-plane", Value: "00000000-0000-4000-8000-000000000000" },
        ],
      }),
    );
    sandbox.clearRequests();
    await expect(enableObservability(options)).rejects.toMatchObject({ field: "cloudWatch.alarms", problem: expect.stringContaining("00000000-0000-4000-8000-000000000000") });
    expect(sandbox.writes()).toEqual([]);
    // with a name prefix of its own, the second control plane gets its own alarms
    await enableObservability({ ...options, cloudWatch: { alarms: { namePrefix: "kong-payments" } } });
    expect([...alarms().keys()].sort()).toContain("kong-payments-high-error-rate");
  });

  it("for a Dedicated Cloud Gateway, logs go through opentelemetry to the collector, and no statsd or alarms", async () => {
    const options = await setup({ runtime: "dedicated-cloud-gateway", datadog: undefined, xray: { collectorEndpoint: "https://otel.internal.example.com:4318" } });
    const res = await enableObservability(options);
    expect(res.plugins.map((p) => p.name)).toEqual(["opentelemetry"]);
    expect(res.plugins[0]!.config).toMatchObject({ logs_endpoint: "https://otel.internal.example.com:4318/v1/logs", access_logs: { endpoint: "https://otel.internal.example.com:4318/v1/logs" } });
    expect(res.alarms).toEqual([]);
    expect(res.awslogsConfiguration).toBeUndefined();
    expect(res.collectorConfig).toContain("awscloudwatchlogs:");
    expect(res.collectorConfig).not.toContain("statsd");
  });

  it("a run that fails part way converges on the next run (a crash right after CreateLogGroup)", async () => {
    const options = await setup();
    sandbox.faults.set({ failAfterWrites: 1, services: ["logs"] });
    await expect(enableObservability(options)).rejects.toMatchObject({ name: "ReconcileError" });
    const group = sandbox.state.cloudWatchLogs.regions["us-east-1"]!.get(`/aws/kong/${options.controlPlaneId}`)!;
    // created with its mark in the same call, but without its retention yet
    expect([group.tags["konnect-aws:managed"], group.retentionInDays]).toEqual(["true", undefined]);
    sandbox.faults.clear();
    const res = await enableObservability(options);
    expect(res.changes[0]).toMatchObject({ action: "update", kind: "aws.log-group", diff: [{ path: "retentionInDays", before: null, after: 30 }] });
    expect(group.retentionInDays).toBe(30);
    sandbox.clearRequests();
    await enableObservability(options);
    expect(sandbox.writes()).toEqual([]);
  });

  it("the collector's OTLP receiver listens on the port the plugin sends to", async () => {
    const options = await setup();
    const res = await enableObservability({ ...options, xray: { collectorEndpoint: "http://adot.internal:55681" }, dryRun: true });
    expect(res.collectorConfig).toContain(`endpoint: "0.0.0.0:55681"`);
    expect(res.collectorConfig).not.toContain("0.0.0.0:4318");
    const plain = await enableObservability({ ...options, xray: { collectorEndpoint: "http://localhost:4318" }, dryRun: true });
    expect(plain.collectorConfig).toContain(`endpoint: "0.0.0.0:4318"`);
  });

  it("rejects bad input with a ConfigError naming the field, before any request", async () => {
    const options = await setup();
    const cases: Array<[Partial<EnableObservabilityOptions>, string]> = [
      [{ cloudWatch: { retentionDays: 31 } }, "cloudWatch.retentionDays"],
      [{ cloudWatch: { logGroupName: "kong logs" } }, "cloudWatch.logGroupName"],
      [{ cloudWatch: { kmsKeyId: "alias/logs" } }, "cloudWatch.kmsKeyId"],
      [{ cloudWatch: { namespace: "AWS/Kong" } }, "cloudWatch.namespace"],
      [{ cloudWatch: { alarms: { highErrorRate: { periodSeconds: 90 } } } }, "cloudWatch.alarms.highErrorRate.periodSeconds"],
      [{ cloudWatch: { alarms: { highLatency: { evaluationPeriods: 300 } } } }, "cloudWatch.alarms.highLatency"],
      [{ cloudWatch: { alarms: { snsTopicArn: "arn:aws:sns:eu-west-1:123456789012:x" } } }, "cloudWatch.alarms.snsTopicArn"],
      [{ xray: { collectorEndpoint: "https://xray.us-east-1.amazonaws.com" } }, "xray.collectorEndpoint"],
      [{ xray: { collectorEndpoint: "localhost:4318" } }, "xray.collectorEndpoint"],
      [{ xray: { collectorEndpoint: "http://localhost:4318/v1/traces" } }, "xray.collectorEndpoint"],
      [{ xray: { collectorEndpoint: "http://localhost:4318", sampleRate: 2 } }, "xray.sampleRate"],
      [{ datadog: { host: "localhost" } }, "datadog.port"],
      [{ runtime: "dedicated-cloud-gateway", xray: undefined }, "xray.collectorEndpoint"],
    ];
    for (const [extra, field] of cases) {
      const error = await enableObservability({ ...options, ...extra }).catch((e: unknown) => e);
      expect(error, field).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).field, JSON.stringify(extra)).toBe(field);
    }
    expect(sandbox.requests).toEqual([]);
  });
});
