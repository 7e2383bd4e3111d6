/**
 * The one source of truth of the metrics pipeline: what the Kong `statsd` plugin emits, what the
 * collector turns it into, and what the CloudWatch alarms watch. The plugin config, the collector
 * configuration and the alarms are all built from these constants, so the names cannot drift apart
 * (test/observability/pipeline-consistency.test.ts proves it on the generated artefacts).
 *
 * Why `statsd` (Kong's docs, ../shared/reference/kong-docs/plugin__statsd.md): with `tag_style` set,
 * it sends one metric per kind (`kong.request.count`, `kong.latency`, `kong.upstream_latency`) with the
 * service, route, consumer, node and **status** as tags ("When config.tag_style is enabled, Kong Gateway
 * uses a filter label, like service, route, workspace, consumer, node, or status"), in DogStatsD form,
 * which the page notes AWS CloudWatch's StatsD intake also speaks. The status tag is what the 4xx, 5xx
 * and rate-limit (429) alarms need, and it works on every Kong version Konnect runs. `prometheus` would
 * need a scraper next to every data plane; `opentelemetry` metrics are new in 3.13 and their names are
 * documented on a page we do not carry (plugin__opentelemetry.md only links /gateway/otel-metrics/), so
 * we could not prove the names the alarms would use.
 * @internal
 */

/** The prefix the statsd plugin puts before every metric (its `prefix`, Kong's default `kong`). @internal */
export const STATSD_PREFIX = "kong";

/** One metric of the pipeline. @internal */
export interface PipelineMetric {
  /** The statsd plugin's metric (`config.metrics[].name`). */
  plugin: "request_count" | "latency" | "upstream_latency";
  /** Its `stat_type` (status counts are counters only; latencies are timers). */
  statType: "counter" | "timer";
  /**
   * The name the plugin sends with `tag_style` set (plugin__statsd.md, "If you enable the tag_style
   * configuration ... the following metrics are sent instead"), which the collector keeps as the
   * CloudWatch metric name.
   */
  name: string;
  /** CloudWatch unit of the values. */
  unit: "Count" | "Milliseconds";
}

/** @internal */
export const REQUEST_COUNT: PipelineMetric = { plugin: "request_count", statType: "counter", name: `${STATSD_PREFIX}.request.count`, unit: "Count" };
/** @internal */
export const LATENCY: PipelineMetric = { plugin: "latency", statType: "timer", name: `${STATSD_PREFIX}.latency`, unit: "Milliseconds" };
/** @internal */
export const UPSTREAM_LATENCY: PipelineMetric = { plugin: "upstream_latency", statType: "timer", name: `${STATSD_PREFIX}.upstream_latency`, unit: "Milliseconds" };
/** Every metric the statsd plugin is configured to send. @internal */
export const PIPELINE_METRICS: readonly PipelineMetric[] = [REQUEST_COUNT, LATENCY, UPSTREAM_LATENCY];

/**
 * The status-class counter the collector derives from `kong.request.count` (metricstransform `insert`,
 * then `aggregate_label_values` of the status codes into `4xx` / `5xx`): CloudWatch alarms cannot sum
 * an open set of dimension values, so the class is computed before the metric reaches CloudWatch.
 * @internal
 */
export const STATUS_CLASS_COUNT = { name: `${STATSD_PREFIX}.request.count_by_class`, unit: "Count" as const, source: REQUEST_COUNT };

/** The DogStatsD tag the statsd plugin sends the HTTP status in (plugin__statsd.md: `status=200`). @internal */
export const STATUS_TAG = "status";
/** Dimension names, as the collector's attributes (and so CloudWatch dimensions) are named. @internal */
export const DIMENSIONS = {
  /** Added by the collector with the control plane's id: one CloudWatch series per control plane. */
  controlPlane: "control_plane",
  /** The status code, from the plugin's tag. */
  status: STATUS_TAG,
  /** `4xx` / `5xx`, derived by the collector. */
  statusClass: "status_class",
} as const;

/** The status codes the class label aggregates (Kong answers 100..599). @internal */
export const statusCodes = (cls: 4 | 5): string[] => Array.from({ length: 100 }, (_, i) => String(cls * 100 + i));

/** The status whose count is the rate-limit hits (rate-limiting plugins answer 429 by default). @internal */
export const RATE_LIMIT_STATUS = "429";

/** What an alarm watches, derived from the catalog only. @internal */
export interface AlarmMetric {
  metricName: string;
  dimensions: Array<{ name: string; value: string }>;
  statistic?: "Sum";
  extendedStatistic?: string;
  unit: "Count" | "Milliseconds";
}

/** The metric (and dimensions) each alarm kind watches, for one control plane. @internal */
export function alarmMetric(kind: "5xx" | "4xx" | "rate-limit" | "latency", controlPlane: string, percentile = "p95"): AlarmMetric {
  const cp = { name: DIMENSIONS.controlPlane, value: controlPlane };
  switch (kind) {
    case "5xx":
    case "4xx":
      return { metricName: STATUS_CLASS_COUNT.name, dimensions: [cp, { name: DIMENSIONS.statusClass, value: kind }], statistic: "Sum", unit: "Count" };
    case "rate-limit":
      return { metricName: REQUEST_COUNT.name, dimensions: [cp, { name: DIMENSIONS.status, value: RATE_LIMIT_STATUS }], statistic: "Sum", unit: "Count" };
    case "latency":
      return { metricName: LATENCY.name, dimensions: [cp], extendedStatistic: percentile, unit: "Milliseconds" };
  }
}

/**
 * The dimension sets the collector's EMF exporter declares per metric (its `metric_declarations`): the
 * sets the alarms above use, and no others (every extra set is another billed custom metric).
 * @internal
 */
export const EMF_DECLARATIONS: ReadonlyArray<{ metric: string; dimensions: string[][]; labelMatcher?: { label: string; regex: string } }> = [
  { metric: STATUS_CLASS_COUNT.name, dimensions: [[DIMENSIONS.controlPlane, DIMENSIONS.statusClass]], labelMatcher: { label: DIMENSIONS.statusClass, regex: "^[45]xx$" } },
  { metric: REQUEST_COUNT.name, dimensions: [[DIMENSIONS.controlPlane, DIMENSIONS.status]], labelMatcher: { label: DIMENSIONS.status, regex: `^${RATE_LIMIT_STATUS}$` } },
  { metric: LATENCY.name, dimensions: [[DIMENSIONS.controlPlane]] },
  { metric: UPSTREAM_LATENCY.name, dimensions: [[DIMENSIONS.controlPlane]] },
];
