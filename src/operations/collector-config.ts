import { toYaml, type YamlValue } from "../internal/yaml.js";
import { DIMENSIONS, EMF_DECLARATIONS, REQUEST_COUNT, STATUS_CLASS_COUNT, STATUS_TAG, STATSD_PREFIX, statusCodes } from "./observability-metrics.js";

/**
 * The components of the AWS Distro for OpenTelemetry (ADOT) collector this configuration may name, by
 * their configuration keys. Source: the ADOT collector README, "ADOT Collector Built-in Components"
 * (aws-observability/aws-otel-collector): receivers `statsdreceiver`, `otlpreceiver`; processors
 * `batchprocessor`, `metricstransformprocessor`; exporters `awsemfexporter`, `awsxrayexporter`. The
 * `awscloudwatchlogs` exporter (opentelemetry-collector-contrib `exporter/awscloudwatchlogsexporter`) joined
 * ADOT in v0.35.0 (aws-otel/aws-otel.github.io#664, the v0.35.0 release notes: `adot.exporter.awscloudwatchlogs`);
 * it is named only for Dedicated Cloud Gateways, whose logs cannot reach `awslogs`.
 * test/observability/collector-config.test.ts checks every generated configuration against this list.
 * @internal
 */
export const ADOT_COMPONENTS = {
  receivers: ["statsd", "otlp"],
  processors: ["batch", "metricstransform"],
  exporters: ["awsemf", "awsxray", "awscloudwatchlogs"],
} as const;

/** Input of {@link buildCollectorConfig}. @internal */
export interface CollectorConfigInput {
  region: string;
  controlPlaneId: string;
  /** CloudWatch namespace of the metrics. */
  namespace: string;
  /** The log group the EMF metric logs (and, for Dedicated Cloud Gateways, Kong's logs) go to. */
  logGroupName: string;
  /** The StatsD receiver's UDP port; undefined: no metrics pipeline. */
  statsdPort: number | undefined;
  /** OTLP/HTTP port for traces and logs; undefined: no OTLP receiver. */
  otlpPort: number | undefined;
  traces: boolean;
  /** OTLP logs to CloudWatch Logs (Dedicated Cloud Gateways). */
  logs: boolean;
}

/** `^kong\.request\.count$`: an exact-name regular expression. */
const exact = (name: string) => `^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`;

/**
 * The collector configuration as data: StatsD (UDP) in, the control-plane dimension and the status
 * classes added by metricstransform, EMF out (awsemf, with exactly the dimension sets of
 * {@link EMF_DECLARATIONS}); OTLP/HTTP in, X-Ray out; optionally OTLP logs to CloudWatch Logs.
 * @internal
 */
export function buildCollectorConfig(i: CollectorConfigInput): { [key: string]: YamlValue } {
  const receivers: Record<string, YamlValue> = {};
  const exporters: Record<string, YamlValue> = {};
  const processors: Record<string, YamlValue> = { batch: {} };
  const pipelines: Record<string, YamlValue> = {};
  if (i.statsdPort !== undefined) {
    receivers.statsd = {
      endpoint: `0.0.0.0:${i.statsdPort}`,
      aggregation_interval: "60s",
      // Kong's statsd logger opens a new UDP socket per batch, so every batch comes from another source
      // port; the receiver aggregates per client IP and port unless told otherwise ("useful when the client
      // sends metrics from a random ports", statsdreceiver README, opentelemetry-collector-contrib)
      enable_ip_only_aggregation: true,
      // Kong's timers ("ms") become histograms, so CloudWatch gets distributions rather than one gauge.
      // Not verified from a document we hold: that the EMF exporter publishes these histograms in a form
      // CloudWatch computes percentiles from (the p95 latency alarm needs it). Check it on a real account
      // (the alarm leaves INSUFFICIENT_DATA once traffic flows) before relying on the latency alarm.
      timer_histogram_mapping: [{ statsd_type: "timing", observer_type: "histogram" }],
    };
    const classOps: YamlValue[] = ([5, 4] as const).map((cls) => ({ action: "aggregate_label_values", label: STATUS_TAG, aggregated_values: statusCodes(cls), new_value: `${cls}xx`, aggregation_type: "sum" }));
    processors.metricstransform = {
      transforms: [
        // every Kong metric carries the control plane: one series per control plane, whatever the data plane
        { include: `^${STATSD_PREFIX}\\.`, match_type: "regexp", action: "update", operations: [{ action: "add_label", new_label: DIMENSIONS.controlPlane, new_value: i.controlPlaneId }] },
        // a copy of the request count whose status codes are summed into 4xx / 5xx
        { include: REQUEST_COUNT.name, match_type: "strict", action: "insert", new_name: STATUS_CLASS_COUNT.name, operations: [...classOps, { action: "update_label", label: STATUS_TAG, new_label: DIMENSIONS.statusClass }] },
      ],
    };
    exporters.awsemf = {
      region: i.region,
      namespace: i.namespace,
      log_group_name: i.logGroupName,
      log_stream_name: "kong-metrics",
      // only the declared dimension sets: no extra (billed) rollup metrics, and no `OTelLib` dimension,
      // which the exporter's rollup adds to StatsD metrics since the receiver sets an instrumentation
      // scope (aws-observability/aws-otel-collector#2249, "could break ... CloudWatch Alarms")
      dimension_rollup_option: "NoDimensionRollup",
      metric_declarations: EMF_DECLARATIONS.map((d) => ({
        dimensions: d.dimensions,
        metric_name_selectors: [exact(d.metric)],
        ...(d.labelMatcher ? { label_matchers: [{ label_names: [d.labelMatcher.label], regex: d.labelMatcher.regex }] } : {}),
      })),
    };
    pipelines.metrics = { receivers: ["statsd"], processors: ["metricstransform", "batch"], exporters: ["awsemf"] };
  }
  if (i.otlpPort !== undefined) receivers.otlp = { protocols: { http: { endpoint: `0.0.0.0:${i.otlpPort}` } } };
  if (i.traces) {
    exporters.awsxray = { region: i.region };
    pipelines.traces = { receivers: ["otlp"], processors: ["batch"], exporters: ["awsxray"] };
  }
  if (i.logs) {
    exporters.awscloudwatchlogs = { region: i.region, log_group_name: i.logGroupName, log_stream_name: "kong-otlp-logs" };
    pipelines.logs = { receivers: ["otlp"], processors: ["batch"], exporters: ["awscloudwatchlogs"] };
  }
  return { receivers, processors, exporters, service: { pipelines } };
}

/** {@link buildCollectorConfig} as YAML text, with a header saying what it is for. @internal */
export function renderCollectorConfig(i: CollectorConfigInput): string {
  const header = [
    "# AWS Distro for OpenTelemetry collector configuration generated by konnect-aws (enableObservability).",
    "# Run it where the data planes reach it (on ECS: a sidecar container of the data-plane task).",
    "",
  ].join("\n");
  return header + toYaml(buildCollectorConfig(i));
}
