import { CreateLogGroupCommand } from "@aws-sdk/client-cloudwatch-logs";
import { describe, expect, it } from "vitest";
import { disableObservability, enableObservability, ensureControlPlane, type DisableObservabilityOptions } from "../../src/index.js";
import { useSandbox } from "../use-sandbox.js";
import { cloudWatch, cloudWatchLogs } from "./clients.js";

const { sandbox, konnect } = useSandbox();
const logs = cloudWatchLogs();

async function setup(extra: Partial<DisableObservabilityOptions> = {}): Promise<DisableObservabilityOptions> {
  const { controlPlane } = await ensureControlPlane({ konnect, name: "observability-teardown" });
  sandbox.clearRequests();
  return { konnect, controlPlaneId: controlPlane.id!, region: "us-east-1", cloudWatchLogs: logs, cloudWatchClient: cloudWatch(), xray: { collectorEndpoint: "http://localhost:4318" }, datadog: { host: "dd-agent", port: 8126 }, ...extra };
}

/** What the operation can touch: the control plane's plugins, the log groups and the alarms. */
const state = (cpId: string) =>
  JSON.stringify({
    plugins: [...sandbox.state.konnect.regions.us!.get(cpId)!.entities.plugins.values()],
    groups: [...(sandbox.state.cloudWatchLogs.regions["us-east-1"]?.values() ?? [])],
    alarms: [...(sandbox.state.cloudWatch.regions["us-east-1"]?.values() ?? [])],
  });

describe("disableObservability", () => {
  it("removes exactly what enableObservability created; twice, it writes nothing", async () => {
    const options = await setup();
    const before = state(options.controlPlaneId);
    await enableObservability(options);
    const res = await disableObservability(options);
    expect(res.changes.map((c) => `${c.action} ${c.kind} ${c.key}`)).toEqual([
      "delete aws.metric-alarm kong-rate-limit-hits",
      "delete aws.metric-alarm kong-high-client-error-rate",
      "delete aws.metric-alarm kong-high-latency",
      "delete aws.metric-alarm kong-high-error-rate",
      "delete konnect.plugin datadog@control-plane",
      "delete konnect.plugin opentelemetry@control-plane",
      "delete konnect.plugin statsd@control-plane",
      "delete konnect.plugin file-log@control-plane",
      `delete aws.log-group /aws/kong/${options.controlPlaneId}`,
    ]);
    expect(res.kept).toEqual([]);
    expect(state(options.controlPlaneId)).toBe(before);
    sandbox.clearRequests();
    const again = await disableObservability(options);
    expect(again.changes).toEqual([]);
    expect(sandbox.writes()).toEqual([]);
  });

  it("dryRun lists the deletes and writes nothing", async () => {
    const options = await setup();
    await enableObservability(options);
    sandbox.clearRequests();
    const dry = await disableObservability({ ...options, dryRun: true });
    expect(sandbox.writes()).toEqual([]);
    const real = await disableObservability(options);
    expect(dry.changes.map((c) => [c.action, c.key])).toEqual(real.changes.map((c) => [c.action, c.key]));
  });

  it("keeps a log group it did not create, and the log group with keepLogGroup", async () => {
    const options = await setup({ xray: undefined, datadog: undefined });
    const name = `/aws/kong/${options.controlPlaneId}`;
    await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    const res = await disableObservability(options);
    expect(res.kept).toEqual([expect.objectContaining({ kind: "aws.log-group", key: name, reason: expect.stringContaining("konnect-aws:managed=true") })]);
    expect(sandbox.state.cloudWatchLogs.regions["us-east-1"]!.has(name)).toBe(true);

    await enableObservability({ ...options, adopt: true });
    const kept = await disableObservability({ ...options, keepLogGroup: true });
    expect(kept.changes.map((c) => c.kind)).not.toContain("aws.log-group");
    expect(sandbox.state.cloudWatchLogs.regions["us-east-1"]!.has(name)).toBe(true);
    expect(sandbox.state.cloudWatch.regions["us-east-1"]!.size).toBe(0);
  });
});
