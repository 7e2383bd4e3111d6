import { LATENCY, PIPELINE_METRICS, STATSD_PREFIX, UPSTREAM_LATENCY } from "./observability-metrics.js";

type Json = Record<string, unknown>;

/** The Kong plugins observability may configure, control-plane wide. @internal */
export type ObservabilityPluginName = "file-log" | "statsd" | "opentelemetry" | "datadog";

/** One desired plugin: its name and the config fields it manages (Kong 3.14 schema fields only). @internal */
export interface DesiredPlugin {
  name: ObservabilityPluginName;
  config: Json;
}

/**
 * `file-log` to the container's stdout, where ECS's `awslogs` driver picks it up: Kong's file-log page
 * (kong-docs/plugin__file-log.md) names `/dev/stdout` among the paths it can write to. One JSON line per
 * request, no network call from Kong, so nothing unsigned ever reaches AWS.
 * @internal
 */
export function fileLogConfig(): Json {
  return { path: "/dev/stdout" };
}

/**
 * `statsd` to the collector next to the data plane: DogStatsD tags (`tag_style`), so every metric keeps
 * its status, service and route as tags; the metrics of the pipeline catalog only. Counters need a
 * `sample_rate` (plugin__statsd.md: "Metrics with a stat_type of counter or gauge require the
 * sample_rate field"); 1 sends every request.
 * @internal
 */
export function statsdConfig(host: string, port: number): Json {
  return {
    host,
    port,
    prefix: STATSD_PREFIX,
    tag_style: "dogstatsd",
    metrics: PIPELINE_METRICS.map((m) => ({ name: m.plugin, stat_type: m.statType, ...(m.statType === "counter" ? { sample_rate: 1 } : {}) })),
  };
}

/**
 * `opentelemetry` sending spans (and, on Dedicated Cloud Gateways, Kong's logs and access logs) to the
 * collector's OTLP/HTTP endpoint (Kong's plugin exports over HTTP only: plugin__opentelemetry.md). It
 * extracts and injects the AWS X-Ray header (`aws`, new in 3.4: "AWS X-Ray header") next to W3C, so a
 * request arriving from an ALB joins its trace, and upstream services (Lambda behind it) continue it.
 * @internal
 */
export function openTelemetryConfig(endpoint: string, o: { sampleRate?: number | undefined; logs: boolean; serviceName: string }): Json {
  const base = endpoint.replace(/\/+$/, "");
  return {
    traces_endpoint: `${base}/v1/traces`,
    ...(o.logs ? { logs_endpoint: `${base}/v1/logs`, access_logs: { endpoint: `${base}/v1/logs` } } : {}),
    propagation: { extract: ["aws", "w3c"], inject: ["aws", "w3c"], default_format: "aws" },
    ...(o.sampleRate !== undefined ? { sampling_rate: o.sampleRate } : {}),
    resource_attributes: { "service.name": o.serviceName },
  };
}

/** Options of {@link datadogConfig}. @internal */
export interface DatadogPluginInput {
  host: string;
  port: number;
  /** Tags added to every metric (`env:prod`, `region:us-east-1`, and the user's). */
  tags: string[];
  /** Tag requests with the consumer's username. */
  perConsumer: boolean;
}

/**
 * `datadog` to the Datadog agent's DogStatsD port. The plugin tags every metric with the status
 * (`status_tag`) and, with `consumer_identifier`, the consumer (plugin__datadog.md: "The metrics will be
 * sent with the tags name and status ... If you specify consumer_identifier with the metric, a consumer
 * tag will be added"). Latencies are `distribution`s, which Datadog turns into percentiles.
 * @internal
 */
export function datadogConfig(i: DatadogPluginInput): Json {
  const consumer = i.perConsumer ? { consumer_identifier: "username" } : {};
  return {
    host: i.host,
    port: i.port,
    prefix: STATSD_PREFIX,
    status_tag: "status",
    consumer_tag: "consumer",
    metrics: [
      { name: "request_count", stat_type: "counter", sample_rate: 1, tags: i.tags, ...consumer },
      { name: LATENCY.plugin, stat_type: "distribution", tags: i.tags, ...consumer },
      { name: UPSTREAM_LATENCY.plugin, stat_type: "distribution", tags: i.tags, ...consumer },
      { name: "kong_latency", stat_type: "distribution", tags: i.tags, ...consumer },
    ],
  };
}

/**
 * Hosts of AWS service APIs: no plugin config may point at one. Kong has no SigV4 signing in its logging
 * plugins, so any such request would be unsigned, and AWS rejects it (the guide's http-log to
 * `logs.<region>.amazonaws.com`).
 * @internal
 */
export const AWS_API_HOST = /(^|[/.@])[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?([:/]|$)|(^|[/.@])[a-z0-9-]+\.api\.aws([:/]|$)/i;

/** Every string in a config (deep), for the AWS-host check. @internal */
export function configStrings(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(configStrings);
  if (v && typeof v === "object") return Object.values(v).flatMap(configStrings);
  return [];
}
