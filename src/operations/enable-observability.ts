import { buildObservabilityPolicies } from "../aws/observability-policies.js";
import { awsPartition } from "../aws/regions.js";
import { accountOfArn } from "../aws/secrets-manager.js";
import { reconcileResources } from "../reconcile/reconcile-resources.js";
import { renderCollectorConfig } from "./collector-config.js";
import type { EnableObservabilityOptions, EnableObservabilityResult } from "./observability-options.js";
import { planObservability } from "./observability-plan.js";
import { declareObservabilityResources } from "./observability-resources.js";
import { replanOnConflict } from "./replan-on-conflict.js";

/** The collector's OTLP/HTTP port (the OpenTelemetry default for OTLP over HTTP). @internal */
export const OTLP_HTTP_PORT = 4318;

/**
 * Makes a control plane observable on AWS, with a pipeline that actually delivers (Kong has no
 * CloudWatch plugin, and CloudWatch only takes SigV4-signed calls, so no plugin ever calls an AWS API):
 *
 * - **Logs**: a CloudWatch log group (default `/aws/kong/<controlPlaneId>`, retention 30 days, optional
 *   KMS key, tags). Self-hosted data planes log through `file-log` to stdout and the ECS `awslogs` driver
 *   (the returned `awslogsConfiguration`); Dedicated Cloud Gateways through `opentelemetry` to the
 *   collector, which writes to the group.
 * - **Metrics**: the `statsd` plugin (DogStatsD tags) to an ADOT collector next to the data planes, whose
 *   configuration is returned (`collectorConfig`): StatsD in, EMF out into the log group, so CloudWatch
 *   extracts the metrics. Metric names and dimensions come from one catalog shared with the alarms.
 * - **Alarms**: the guide's `kong-high-error-rate` (5xx above 100 for 2 periods) and `kong-high-latency`
 *   (p95 above 1000 ms for 3 periods), plus 4xx and rate-limit hits; thresholds and periods are options,
 *   an SNS topic optional; a changed threshold updates that alarm in place.
 * - **Tracing**: `opentelemetry` to the collector, with AWS X-Ray header propagation, and the `awsxray`
 *   exporter; a sampling rate option.
 * - **Datadog**: the `datadog` plugin to the agent, tagged with environment and region, per status and
 *   consumer.
 *
 * Applied twice, the second run writes nothing; `dryRun` returns the same changes without writing. Plugins
 * and alarms turned off in a later run are removed when they carry the ownership mark.
 *
 * @example
 * ```ts
 * import { createKonnectClient, enableObservability } from "konnect-aws";
 *
 * const { collectorConfig, awslogsConfiguration, iamPolicy, alarms } = await enableObservability({
 *   konnect: createKonnectClient(),
 *   controlPlaneId,
 *   region: "us-east-1",
 *   cloudWatch: { retentionDays: 30, alarms: { snsTopicArn: "arn:aws:sns:us-east-1:123456789012:oncall" } },
 *   xray: { collectorEndpoint: "http://localhost:4318", sampleRate: 0.05 },
 *   datadog: { host: "datadog-agent.internal", environment: "prod" },
 * });
 * console.log(alarms.map((a) => a.name), collectorConfig);
 * ```
 */
export async function enableObservability(options: EnableObservabilityOptions): Promise<EnableObservabilityResult> {
  return replanOnConflict(() => enableObservabilityOnce(options), options?.signal);
}

async function enableObservabilityOnce(options: EnableObservabilityOptions): Promise<EnableObservabilityResult> {
  const plan = planObservability(options);
  const { resources, logGroupOut, pluginOuts, alarmOuts } = declareObservabilityResources(options, plan, "apply");
  const { changes } = await reconcileResources(resources, { mode: "apply", dryRun: options.dryRun, adopt: options.adopt, concurrency: options.concurrency, signal: options.signal, onEvent: options.onEvent, logger: options.logger });

  const cw = plan.cloudWatch;
  const dcg = plan.runtime === "dedicated-cloud-gateway";
  const needsCollector = Boolean((cw && !dcg) || plan.xray);
  const collectorConfig = needsCollector
    ? renderCollectorConfig({
        region: options.region,
        controlPlaneId: options.controlPlaneId,
        namespace: cw?.namespace ?? "Kong/Gateway",
        logGroupName: cw?.logGroupName ?? "",
        statsdPort: cw?.statsd?.port,
        // the collector listens where the plugin sends: the endpoint's own port when it names one; otherwise
        // OTLP/HTTP's 4318 (then whatever the gateways reach on 80/443 must forward to it)
        otlpPort: plan.xray ? Number(new URL(plan.xray.endpoint).port || OTLP_HTTP_PORT) : undefined,
        traces: Boolean(plan.xray),
        logs: Boolean(cw && dcg),
      })
    : undefined;
  const account = accountOfArn(logGroupOut.arn) ?? "*";
  const policies = buildObservabilityPolicies({
    region: options.region,
    accountId: account,
    logGroupName: cw?.logGroupName,
    metrics: Boolean(cw && !dcg),
    xray: Boolean(plan.xray),
    collectorLogs: Boolean(cw && dcg),
    kmsKeyArn: cw?.kmsKeyId,
  });
  return {
    plugins: plan.plugins.map((p) => ({ name: p.name, id: pluginOuts.get(p.name)?.plugin?.id ?? undefined, config: (pluginOuts.get(p.name)?.plugin?.config as Record<string, unknown> | undefined) ?? p.config })),
    ...(cw ? { logGroup: { name: cw.logGroupName, arn: logGroupOut.arn, retentionDays: cw.retentionDays } } : {}),
    alarms: plan.alarms.map((a) => ({
      name: a.name,
      // PutMetricAlarm returns no ARN: a created alarm's is the documented form, in the log group's account
      arn: alarmOuts.get(a.name)?.arn ?? (options.dryRun || account === "*" ? undefined : `arn:${awsPartition(options.region)}:cloudwatch:${options.region}:${account}:alarm:${a.name}`),
      namespace: cw!.namespace,
      metricName: a.metric.metricName,
      dimensions: a.metric.dimensions,
      statistic: a.metric.statistic ?? a.metric.extendedStatistic!,
      threshold: a.threshold,
      periodSeconds: a.periodSeconds,
      evaluationPeriods: a.evaluationPeriods,
    })),
    collectorConfig,
    iamPolicy: policies,
    ...(cw && !dcg ? { awslogsConfiguration: { logDriver: "awslogs" as const, options: { "awslogs-group": cw.logGroupName, "awslogs-region": options.region, "awslogs-stream-prefix": "kong" } } } : {}),
    changes,
  };
}
