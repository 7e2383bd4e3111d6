// The pipeline from plugin to alarm, proved consistent on the generated artefacts themselves: the
// metrics the statsd plugin sends are the ones the collector maps, and the metric names and dimensions
// the collector's EMF exporter declares are exactly the ones the alarms watch.
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { enableObservability, ensureControlPlane, type EnableObservabilityOptions } from "../../src/index.js";
import { ADOT_COMPONENTS } from "../../src/operations/collector-config.js";
import { checkPlugin } from "../../src/testing/konnect/plugin-config-check.js";
import { AWS_API_HOST, configStrings } from "../../src/operations/observability-plugins.js";
import { useSandbox } from "../use-sandbox.js";
import { cloudWatch, cloudWatchLogs } from "./clients.js";

const { sandbox, konnect } = useSandbox();

type Collector = {
  receivers: Record<string, { endpoint?: string; timer_histogram_mapping?: Array<{ statsd_type: string }> }>;
  processors: Record<string, { transforms?: Array<{ include: string; match_type: string; action: string; new_name?: string; operations: Array<Record<string, unknown>> }> }>;
  exporters: Record<string, { namespace?: string; log_group_name?: string; metric_declarations?: Array<{ dimensions: string[][]; metric_name_selectors: string[]; label_matchers?: Array<{ label_names: string[]; regex: string }> }> }>;
  service: { pipelines: Record<string, { receivers: string[]; processors: string[]; exporters: string[] }> };
};

async function run(extra: Partial<EnableObservabilityOptions> = {}) {
  const { controlPlane } = await ensureControlPlane({ konnect, name: "pipeline" });
  return enableObservability({
    konnect,
    controlPlaneId: controlPlane.id!,
    region: "eu-west-1",
    cloudWatchLogs: cloudWatchLogs("eu-west-1"),
    cloudWatchClient: cloudWatch("eu-west-1"),
    xray: { collectorEndpoint: "http://localhost:4318" },
    datadog: { host: "dd-agent", environment: "staging" },
    ...extra,
  });
}

describe("the observability pipeline", () => {
  it("alarms watch exactly the metric names and dimensions the collector emits", async () => {
    const res = await run();
    const config = parse(res.collectorConfig!) as Collector;
    const emf = config.exporters.awsemf!;
    expect(emf.namespace).toBe("Kong/Gateway");
    const declared = emf.metric_declarations!;
    for (const alarm of res.alarms) {
      expect(alarm.namespace).toBe(emf.namespace);
      // a declaration selects the alarm's metric and declares the alarm's dimension names as one set
      const d = declared.find((x) => x.metric_name_selectors.some((s) => new RegExp(s).test(alarm.metricName)));
      expect(d, alarm.name).toBeDefined();
      expect(d!.dimensions, alarm.name).toContainEqual(alarm.dimensions.map((x) => x.name));
      // and its label matcher lets the alarm's dimension value through
      for (const m of d!.label_matchers ?? []) {
        const value = alarm.dimensions.find((x) => x.name === m.label_names[0])!.value;
        expect(new RegExp(m.regex).test(value), `${alarm.name}: ${m.regex} ${value}`).toBe(true);
      }
    }
    // and nothing declared that no alarm uses but latency of the upstream (a dashboard metric)
    const alarmed = new Set(res.alarms.map((a) => a.metricName));
    expect(declared.flatMap((d) => d.metric_name_selectors).filter((s) => ![...alarmed].some((m) => new RegExp(s).test(m)))).toEqual(["^kong\\.upstream_latency$"]);
  });

  it("the collector derives every dimension the alarms use: control plane and status class are added, status comes from the plugin's tag", async () => {
    const res = await run();
    const config = parse(res.collectorConfig!) as Collector;
    const transforms = config.processors.metricstransform!.transforms!;
    const added = transforms.flatMap((t) => t.operations).filter((op) => op.action === "add_label" || op.action === "update_label").map((op) => op.new_label);
    const statsd = res.plugins.find((p) => p.name === "statsd")!.config as { tag_style: string; prefix: string; metrics: Array<{ name: string }> };
    // the statsd plugin's tags with tag_style (kong-docs plugin__statsd.md): service, route, workspace, consumer, node, status
    const pluginTags = ["service", "route", "workspace", "consumer", "node", "status"];
    expect(statsd.tag_style).toBe("dogstatsd");
    for (const alarm of res.alarms) {
      for (const dim of alarm.dimensions) expect([...added, ...pluginTags], `${alarm.name}: ${dim.name}`).toContain(dim.name);
      const cp = alarm.dimensions.find((d) => d.name === "control_plane");
      expect(cp?.value).toBe(transforms[0]!.operations[0]!.new_value);
    }
    // the status classes are summed from the codes the plugin tags requests with
    const insert = transforms.find((t) => t.action === "insert")!;
    expect(res.alarms.map((a) => a.metricName)).toContain(insert.new_name);
    expect(insert.include).toBe(`${statsd.prefix}.request.count`);
    const classes = insert.operations.filter((op) => op.action === "aggregate_label_values");
    expect(classes.map((c) => [c.label, c.new_value, (c.aggregated_values as string[]).length, (c.aggregated_values as string[])[0]])).toEqual([
      ["status", "5xx", 100, "500"],
      ["status", "4xx", 100, "400"],
    ]);
  });

  it("the plugin sends every metric the collector and the alarms name, under the names the plugin's docs give", async () => {
    const res = await run();
    const statsd = res.plugins.find((p) => p.name === "statsd")!.config as { prefix: string; metrics: Array<{ name: string; stat_type: string }> };
    // plugin__statsd.md, with tag_style: request_count -> kong.request.count, latency -> kong.latency, upstream_latency -> kong.upstream_latency
    const sent = statsd.metrics.map((m) => ({ request_count: `${statsd.prefix}.request.count`, latency: `${statsd.prefix}.latency`, upstream_latency: `${statsd.prefix}.upstream_latency` })[m.name]);
    const config = parse(res.collectorConfig!) as Collector;
    const received = new Set([...sent, ...config.processors.metricstransform!.transforms!.filter((t) => t.new_name).map((t) => t.new_name!)]);
    for (const alarm of res.alarms) expect(received, alarm.name).toContain(alarm.metricName);
    // timers arrive as StatsD "ms" timings, which the receiver maps to histograms
    expect(config.receivers.statsd!.timer_histogram_mapping).toEqual([{ statsd_type: "timing", observer_type: "histogram" }]);
    expect(config.receivers.statsd!.endpoint).toBe("0.0.0.0:8125");
    expect(statsd.metrics.find((m) => m.name === "latency")!.stat_type).toBe("timer");
  });

  it("names only ADOT collector components, and every pipeline refers to defined ones", async () => {
    for (const extra of [{}, { runtime: "dedicated-cloud-gateway" as const, datadog: undefined }, { cloudWatch: false as const }]) {
      const res = await run(extra);
      const config = parse(res.collectorConfig!) as Collector;
      for (const kind of ["receivers", "processors", "exporters"] as const) {
        for (const name of Object.keys(config[kind])) expect(ADOT_COMPONENTS[kind] as readonly string[]).toContain(name);
      }
      for (const [name, p] of Object.entries(config.service.pipelines)) {
        expect(["metrics", "traces", "logs"]).toContain(name);
        for (const r of p.receivers) expect(config.receivers).toHaveProperty(r);
        for (const r of p.processors) expect(config.processors).toHaveProperty(r);
        for (const r of p.exporters) expect(config.exporters).toHaveProperty(r);
      }
    }
  });

  it("every plugin config validates against its Kong 3.14 schema", async () => {
    for (const extra of [{}, { runtime: "dedicated-cloud-gateway" as const, datadog: undefined }]) {
      const res = await run(extra);
      for (const p of res.plugins) expect(checkPlugin({ name: p.name, config: p.config }).errors, p.name).toEqual([]);
    }
    // the check is not vacuous: a field the schema lacks is an error
    expect(checkPlugin({ name: "statsd", config: { tag_style: "dogstatsd", namespace: "x" } }).errors).not.toEqual([]);
  });

  it("no plugin config points at an AWS API host (Kong cannot sign requests), anywhere", async () => {
    const res = await run();
    const cpId = (await ensureControlPlane({ konnect, name: "pipeline" })).controlPlane.id!;
    const stored = [...sandbox.state.konnect.regions.us!.get(cpId)!.entities.plugins.values()];
    expect(stored.length).toBe(4);
    for (const p of [...res.plugins, ...stored]) {
      expect((p as { name: string }).name).not.toBe("http-log");
      for (const s of configStrings((p as { config: unknown }).config)) expect(AWS_API_HOST.test(s), s).toBe(false);
    }
    // and the check itself recognizes the guide's mistake
    expect(AWS_API_HOST.test("https://logs.us-east-1.amazonaws.com/")).toBe(true);
    expect(AWS_API_HOST.test("https://xray.eu-west-1.api.aws")).toBe(true);
    expect(AWS_API_HOST.test("http://localhost:4318/v1/traces")).toBe(false);
  });
});
