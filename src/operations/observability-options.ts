import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { PolicyDocument } from "../aws/iam-policies.js";
import type { Change } from "../reconcile/change.js";
import type { CostAllocationTags } from "./cost-tags.js";
import type { OperationOptions } from "./operation-options.js";

/**
 * One alarm's thresholds. The guide's values are the defaults (see each alarm in
 * {@link ObservabilityAlarmsOptions}).
 *
 * @example
 * ```ts
 * const highErrorRate: AlarmThresholds = { threshold: 50, evaluationPeriods: 3 };
 * ```
 */
export interface AlarmThresholds {
  /** The value the statistic is compared with (greater than). */
  threshold?: number;
  /** Periods evaluated (the "N" of M out of N). */
  evaluationPeriods?: number;
  /** Breaching periods that set off the alarm (the "M"). @default evaluationPeriods */
  datapointsToAlarm?: number;
  /** Length of a period in seconds: 10, 30 or a multiple of 60. @default 300 */
  periodSeconds?: number;
}

/**
 * The alarms of {@link enableObservability}. `false` turns one off (it is then deleted if we made it).
 *
 * @example
 * ```ts
 * const alarms: ObservabilityAlarmsOptions = { highLatency: { threshold: 800 }, snsTopicArn: "arn:aws:sns:us-east-1:123456789012:oncall" };
 * ```
 */
export interface ObservabilityAlarmsOptions {
  /** 5xx responses summed over a period. Name `<prefix>-high-error-rate`. @default the guide's: above 100 for 2 periods (of 300 s: ours, the guide gives no period) */
  highErrorRate?: AlarmThresholds | false;
  /** p95 of Kong's total latency in ms. Name `<prefix>-high-latency`. @default the guide's: above 1000 ms for 3 periods (of 300 s: ours) */
  highLatency?: (AlarmThresholds & { percentile?: number }) | false;
  /** 4xx responses summed over a period (a key metric in the guide, without a threshold there). Name `<prefix>-high-client-error-rate`. @default above 500 for 2 periods of 300 s (ours) */
  clientErrors?: AlarmThresholds | false;
  /** 429 responses (rate-limit hits) summed over a period. Name `<prefix>-rate-limit-hits`. @default above 100 for 2 periods of 300 s (ours) */
  rateLimitHits?: AlarmThresholds | false;
  /** SNS topic notified when an alarm fires and when it recovers. */
  snsTopicArn?: string;
  /** Prefix of the alarm names; give each control plane its own when several share an account and region. @default "kong" (the guide's names) */
  namePrefix?: string;
}

/**
 * CloudWatch settings of {@link enableObservability}.
 *
 * @example
 * ```ts
 * const cloudWatch: ObservabilityCloudWatchOptions = { logGroupName: "/aws/kong/payments", retentionDays: 90 };
 * ```
 */
export interface ObservabilityCloudWatchOptions {
  /** The log group Kong's logs (and the collector's EMF metric logs) go to. @default `/aws/kong/<controlPlaneId>` (under `/aws/kong/`, as the guide's IAM policy scopes it) */
  logGroupName?: string;
  /** Days CloudWatch Logs keeps events: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653. @default 30 */
  retentionDays?: number;
  /** Customer-managed KMS key ARN for the log group (its key policy must let CloudWatch Logs use it). */
  kmsKeyId?: string;
  /** CloudWatch namespace of the metrics. @default "Kong/Gateway" */
  namespace?: string;
  /** Where Kong's statsd plugin sends (the collector sidecar). @default "localhost" */
  statsdHost?: string;
  /** The collector's StatsD UDP port. @default 8125 */
  statsdPort?: number;
  /** The alarms; `false` for none. @default the four alarms with their defaults */
  alarms?: ObservabilityAlarmsOptions | false;
}

/**
 * X-Ray settings of {@link enableObservability}.
 *
 * @example
 * ```ts
 * const xray: ObservabilityXRayOptions = { collectorEndpoint: "http://localhost:4318", sampleRate: 0.05 };
 * ```
 */
export interface ObservabilityXRayOptions {
  /** The ADOT collector's OTLP/HTTP base URL, as the data planes reach it (`http://localhost:4318` for a sidecar). */
  collectorEndpoint: string;
  /** Share of requests traced, 0 to 1. @default Kong's `tracing_sampling_rate` (kong.conf) */
  sampleRate?: number;
}

/**
 * Datadog settings of {@link enableObservability}.
 *
 * @example
 * ```ts
 * const datadog: ObservabilityDatadogOptions = { host: "datadog-agent.internal", environment: "prod" };
 * ```
 */
export interface ObservabilityDatadogOptions {
  /** The Datadog agent's host (DogStatsD). */
  host: string;
  /** The agent's DogStatsD port. @default 8125 */
  port?: number;
  /** `env:<environment>` tag on every metric. */
  environment?: string;
  /** More `key:value` tags on every metric (`region:<region>` is always added). */
  tags?: string[];
  /** Tag requests with the consumer's username. @default true */
  perConsumer?: boolean;
}

/**
 * Options of {@link enableObservability}.
 *
 * @example
 * ```ts
 * const options: EnableObservabilityOptions = { konnect, controlPlaneId, region: "us-east-1", xray: { collectorEndpoint: "http://localhost:4318" } };
 * ```
 */
export interface EnableObservabilityOptions extends OperationOptions {
  controlPlaneId: string;
  /** AWS region of the log group, the metrics, the alarms and the traces. */
  region: string;
  /**
   * Where the data planes run. `"self-hosted"` (ECS, EC2, EKS): logs through `file-log` to stdout and the
   * `awslogs` driver, metrics through `statsd` to the collector. `"dedicated-cloud-gateway"`: Kong's own
   * stdout is out of reach, so logs go through `opentelemetry` to the collector (which needs
   * `xray.collectorEndpoint`, reachable from the gateways), and no statsd metrics or CloudWatch alarms
   * are configured (the gateways cannot reach a StatsD port of yours).
   * @default "self-hosted"
   */
  runtime?: "self-hosted" | "dedicated-cloud-gateway";
  /** CloudWatch logs, metrics and alarms; `false` for none (X-Ray and Datadog only). @default on, with the defaults */
  cloudWatch?: ObservabilityCloudWatchOptions | false;
  /** X-Ray tracing through the ADOT collector. */
  xray?: ObservabilityXRayOptions;
  /** Datadog metrics through the Datadog agent. */
  datadog?: ObservabilityDatadogOptions;
  /** Cost-allocation tags for the log group and the alarms. */
  tags?: CostAllocationTags;
  /** @default a client for `region` from the default credential chain */
  cloudWatchLogs?: CloudWatchLogsClient;
  /** @default a client for `region` from the default credential chain */
  cloudWatchClient?: CloudWatchClient;
}

/** One CloudWatch alarm of {@link EnableObservabilityResult}. */
export interface ObservabilityAlarm {
  name: string;
  /** Undefined only in a dry run that would create it. */
  arn: string | undefined;
  namespace: string;
  metricName: string;
  dimensions: Array<{ name: string; value: string }>;
  statistic: string;
  threshold: number;
  periodSeconds: number;
  evaluationPeriods: number;
}

/** Result of {@link enableObservability}. */
export interface EnableObservabilityResult {
  /** The plugins configured (control-plane wide), with their ids (undefined only in a dry run that creates them). */
  plugins: Array<{ name: string; id: string | undefined; config: Record<string, unknown> }>;
  /** The log group (absent with `cloudWatch: false`). */
  logGroup?: { name: string; arn: string | undefined; retentionDays: number | undefined };
  alarms: ObservabilityAlarm[];
  /**
   * The ADOT collector configuration (YAML) to run next to the data planes, or undefined when nothing
   * needs a collector (Datadog only).
   */
  collectorConfig: string | undefined;
  /** Least-privilege policies: the data planes' `awslogs` writer (ECS task execution role) and the collector (its task role). */
  iamPolicy: { logWriter: PolicyDocument; collector: PolicyDocument };
  /**
   * For self-hosted data planes on ECS: the container definition's `logConfiguration` (ECS
   * `LogConfiguration`: `awslogs-group`, `awslogs-region`, `awslogs-stream-prefix`).
   */
  awslogsConfiguration?: { logDriver: "awslogs"; options: Record<string, string> };
  changes: Change[];
}
