import { checkAwsRegion } from "../aws/regions.js";
import { checkAwsTags } from "../aws/validate.js";
import { check, checkControlPlaneId, checkHost, checkNumber, checkOptionalArray, checkOptionalBoolean, checkOptionalNumber, checkOptionalPlainObject, checkOptionalString, checkPlainObject, checkString, describeValue, show } from "../internal/validate.js";
import { checkOperationOptions } from "./check-operation-options.js";
import { checkCostTags, definedTags } from "./cost-tags.js";
import { alarmMetric, type AlarmMetric } from "./observability-metrics.js";
import type { AlarmThresholds, EnableObservabilityOptions } from "./observability-options.js";
import { AWS_API_HOST, datadogConfig, fileLogConfig, openTelemetryConfig, statsdConfig, type DesiredPlugin } from "./observability-plugins.js";

/** CloudWatch Logs retention values (PutRetentionPolicy `retentionInDays`, aws-models/cloudwatch-logs.json). @internal */
export const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
/** CreateLogGroup `logGroupName`: 1..512 of `[.\-_/#A-Za-z0-9]` (aws-models/cloudwatch-logs.json `LogGroupName`). */
const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
/** A key ARN: CloudWatch Logs takes only ARNs for `kmsKeyId` (CreateLogGroup: "The Amazon Resource Name (ARN) of the KMS key"). */
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):key\/[A-Za-z0-9-]+$/;
const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):(\d{12}):[A-Za-z0-9_-]{1,256}$/;

/** The four alarm kinds, their names and the guide's (or our) defaults. @internal */
export const ALARM_KINDS = [
  { option: "highErrorRate", suffix: "high-error-rate", metric: "5xx", description: "Kong 5xx responses above the threshold", defaults: { threshold: 100, evaluationPeriods: 2, periodSeconds: 300 } },
  { option: "highLatency", suffix: "high-latency", metric: "latency", description: "Kong p95 latency (ms) above the threshold", defaults: { threshold: 1000, evaluationPeriods: 3, periodSeconds: 300 } },
  { option: "clientErrors", suffix: "high-client-error-rate", metric: "4xx", description: "Kong 4xx responses above the threshold", defaults: { threshold: 500, evaluationPeriods: 2, periodSeconds: 300 } },
  { option: "rateLimitHits", suffix: "rate-limit-hits", metric: "rate-limit", description: "Kong rate-limit hits (429 responses) above the threshold", defaults: { threshold: 100, evaluationPeriods: 2, periodSeconds: 300 } },
] as const;

/** One alarm the run wants. @internal */
export interface PlannedAlarm {
  name: string;
  description: string;
  metric: AlarmMetric;
  threshold: number;
  periodSeconds: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
}

/** What the options resolve to, before any request. @internal */
export interface ObservabilityPlan {
  runtime: "self-hosted" | "dedicated-cloud-gateway";
  cloudWatch: { logGroupName: string; retentionDays: number; kmsKeyId: string | undefined; namespace: string; statsd: { host: string; port: number } | undefined } | undefined;
  alarms: PlannedAlarm[];
  /** Alarm names of the kinds turned off (deleted if ours). */
  alarmsOff: string[];
  alarmActions: string[];
  plugins: DesiredPlugin[];
  /** Plugins of this operation not wanted in this run (deleted if ours). */
  pluginsOff: DesiredPlugin["name"][];
  xray: { endpoint: string; sampleRate: number | undefined } | undefined;
  tags: Record<string, string>;
}

const URL = /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/;

function checkThresholds(t: unknown, field: string, latency: boolean): void {
  if (t === false || t === undefined) return;
  checkPlainObject(t as AlarmThresholds, field, "threshold: 100, evaluationPeriods: 2");
  const a = t as AlarmThresholds & { percentile?: number };
  checkOptionalNumber(a.threshold, `${field}.threshold`, { min: 0, max: 1e12 });
  checkOptionalNumber(a.evaluationPeriods, `${field}.evaluationPeriods`, { min: 1, max: 1440, integer: true });
  checkOptionalNumber(a.datapointsToAlarm, `${field}.datapointsToAlarm`, { min: 1, max: 1440, integer: true });
  checkOptionalNumber(a.periodSeconds, `${field}.periodSeconds`, { min: 10, max: 86_400, integer: true, unit: "seconds" });
  // PutMetricAlarm Period: "Valid values are 10, 30, and any multiple of 60"
  check(a.periodSeconds === undefined || a.periodSeconds === 10 || a.periodSeconds === 30 || a.periodSeconds % 60 === 0, `${field}.periodSeconds`, `${String(a.periodSeconds)} is not a CloudWatch alarm period`, "use 10, 30 or a multiple of 60 (such as 300); 10 and 30 only suit high-resolution metrics, which EMF does not send here");
  if (latency) checkOptionalNumber(a.percentile, `${field}.percentile`, { min: 1, max: 99.9 });
  else check(a.percentile === undefined, `${field}.percentile`, "only the latency alarm takes a percentile", "remove it");
}

/**
 * Checks every option and resolves the plan, before any request: names, plugin configs, alarm settings.
 * @internal
 */
export function planObservability(o: EnableObservabilityOptions): ObservabilityPlan {
  checkOperationOptions(o, "enableObservability", 'konnect, controlPlaneId, region: "us-east-1"');
  checkControlPlaneId(o.controlPlaneId);
  checkAwsRegion(o.region, "region");
  const runtime = o.runtime ?? "self-hosted";
  check(runtime === "self-hosted" || runtime === "dedicated-cloud-gateway", "runtime", `unknown runtime ${show(o.runtime)}`, 'use "self-hosted" (your ECS/EC2/EKS data planes) or "dedicated-cloud-gateway"');
  check(o.cloudWatch === undefined || o.cloudWatch === false || (typeof o.cloudWatch === "object" && o.cloudWatch !== null && !Array.isArray(o.cloudWatch)), "cloudWatch", `expected an object or false, got ${describeValue(o.cloudWatch)}`, "pass cloudWatch: { retentionDays: 30 }, or false");
  checkOptionalPlainObject(o.xray, "xray", 'collectorEndpoint: "http://localhost:4318"');
  checkOptionalPlainObject(o.datadog, "datadog", 'host: "datadog-agent.internal"');
  checkCostTags(o.tags, "tags");
  const tags = definedTags(o.tags);
  checkAwsTags(tags, "tags");
  check(o.cloudWatchLogs === undefined || typeof (o.cloudWatchLogs as { send?: unknown } | null)?.send === "function", "cloudWatchLogs", `expected a CloudWatchLogsClient, got ${describeValue(o.cloudWatchLogs)}`, "pass cloudWatchLogs: new CloudWatchLogsClient({ region }), or leave it out");
  check(o.cloudWatchClient === undefined || typeof (o.cloudWatchClient as { send?: unknown } | null)?.send === "function", "cloudWatchClient", `expected a CloudWatchClient, got ${describeValue(o.cloudWatchClient)}`, "pass cloudWatchClient: new CloudWatchClient({ region }), or leave it out");

  let xray: ObservabilityPlan["xray"];
  if (o.xray) {
    checkString(o.xray.collectorEndpoint, "xray.collectorEndpoint", { what: "a URL", max: 2048, example: "http://localhost:4318" });
    check(URL.test(o.xray.collectorEndpoint), "xray.collectorEndpoint", `${show(o.xray.collectorEndpoint)} is not an http(s) URL`, "give the collector's OTLP/HTTP base URL, such as http://localhost:4318 (Kong appends /v1/traces)");
    check(!AWS_API_HOST.test(o.xray.collectorEndpoint), "xray.collectorEndpoint", "points at an AWS API endpoint, which only takes SigV4-signed requests Kong cannot make", "point it at your ADOT collector (it signs and forwards to X-Ray)");
    checkOptionalNumber(o.xray.sampleRate, "xray.sampleRate", { min: 0, max: 1 });
    // Kong's opentelemetry endpoints are built as <base>/v1/traces (and /v1/logs): a base URL that already
    // carries a path would double it
    check(!URL.test(o.xray.collectorEndpoint) || new globalThis.URL(o.xray.collectorEndpoint).pathname.replace(/\/+$/, "") === "", "xray.collectorEndpoint", `${show(o.xray.collectorEndpoint)} has a path; the OTLP paths (/v1/traces, /v1/logs) are appended to it`, "give the base URL only, such as http://localhost:4318");
    xray = { endpoint: o.xray.collectorEndpoint, sampleRate: o.xray.sampleRate };
  }
  if (runtime === "dedicated-cloud-gateway") {
    check(xray !== undefined || o.cloudWatch === false, "xray.collectorEndpoint", "Dedicated Cloud Gateways reach CloudWatch only through an OpenTelemetry collector, and none is given", "set xray: { collectorEndpoint } to a collector the gateways can reach (through the transit gateway), or cloudWatch: false");
  }

  const cw = o.cloudWatch === false ? undefined : (o.cloudWatch ?? {});
  let cloudWatch: ObservabilityPlan["cloudWatch"];
  const alarms: PlannedAlarm[] = [];
  const alarmsOff: string[] = [];
  let alarmActions: string[] = [];
  if (cw) {
    const logGroupName = cw.logGroupName ?? `/aws/kong/${o.controlPlaneId}`;
    checkString(logGroupName, "cloudWatch.logGroupName", { what: "a log group name", max: 512, example: "/aws/kong/payments" });
    check(LOG_GROUP_NAME.test(logGroupName), "cloudWatch.logGroupName", `${show(logGroupName)} has characters CloudWatch Logs refuses`, "use letters, digits and . - _ / # only, such as /aws/kong/payments");
    const retentionDays = cw.retentionDays ?? 30;
    check(RETENTION_DAYS.includes(retentionDays), "cloudWatch.retentionDays", `${describeValue(retentionDays)} is not a CloudWatch Logs retention`, `use one of ${RETENTION_DAYS.join(", ")}`);
    checkOptionalString(cw.kmsKeyId, "cloudWatch.kmsKeyId", { what: "a KMS key ARN", max: 256 });
    const kmsRegion = cw.kmsKeyId !== undefined ? KMS_KEY_ARN.exec(cw.kmsKeyId)?.[1] : undefined;
    check(cw.kmsKeyId === undefined || kmsRegion !== undefined, "cloudWatch.kmsKeyId", `${show(cw.kmsKeyId)} is not a KMS key ARN; CloudWatch Logs takes only key ARNs`, "use arn:aws:kms:<region>:<account>:key/<id>");
    check(kmsRegion === undefined || kmsRegion === o.region, "cloudWatch.kmsKeyId", `the key is in ${String(kmsRegion)}, the log group in ${o.region}`, `use a key of ${o.region}`);
    const namespace = cw.namespace ?? "Kong/Gateway";
    checkString(namespace, "cloudWatch.namespace", { what: "a CloudWatch namespace", max: 255, example: "Kong/Gateway" });
    // PutMetricData: "You cannot specify a namespace that begins with 'AWS/'"; the model's pattern forbids a leading ':'
    check(!namespace.startsWith("AWS/") && !namespace.startsWith(":"), "cloudWatch.namespace", `${show(namespace)} is reserved (AWS/ namespaces belong to AWS services)`, "use your own, such as Kong/Gateway");
    let statsd: { host: string; port: number } | undefined;
    if (runtime === "self-hosted") {
      const host = cw.statsdHost ?? "localhost";
      checkHost(host, "cloudWatch.statsdHost");
      const port = cw.statsdPort ?? 8125;
      checkNumber(port, "cloudWatch.statsdPort", { min: 1, max: 65535, integer: true });
      statsd = { host, port };
    }
    cloudWatch = { logGroupName, retentionDays, kmsKeyId: cw.kmsKeyId, namespace, statsd };

    const a = cw.alarms === false ? undefined : (cw.alarms ?? {});
    check(cw.alarms === undefined || cw.alarms === false || (typeof cw.alarms === "object" && cw.alarms !== null), "cloudWatch.alarms", `expected an object or false, got ${describeValue(cw.alarms)}`, "pass alarms: { highErrorRate: { threshold: 50 } }, or false");
    const prefix = a?.namePrefix ?? "kong";
    checkString(prefix, "cloudWatch.alarms.namePrefix", { what: "an alarm name prefix", max: 200, example: "kong-payments" });
    if (a?.snsTopicArn !== undefined) {
      checkString(a.snsTopicArn, "cloudWatch.alarms.snsTopicArn", { what: "an SNS topic ARN", max: 1024 });
      const topic = SNS_TOPIC_ARN.exec(a.snsTopicArn);
      check(topic, "cloudWatch.alarms.snsTopicArn", `${show(a.snsTopicArn)} is not an SNS topic ARN`, "use arn:aws:sns:<region>:<account>:<topic>");
      // CloudWatch alarm actions must be in the alarm's region (PutMetricAlarm AlarmActions: "arn:aws:sns:region:account-id:sns-topic-name")
      check(topic[1] === o.region, "cloudWatch.alarms.snsTopicArn", `the topic is in ${topic[1]}, the alarms in ${o.region}`, `use a topic of ${o.region}`);
      alarmActions = [a.snsTopicArn];
    }
    for (const kind of ALARM_KINDS) {
      const name = `${prefix}-${kind.suffix}`;
      const field = `cloudWatch.alarms.${kind.option}`;
      const given = a?.[kind.option];
      checkThresholds(given, field, kind.metric === "latency");
      // Dedicated Cloud Gateways send no statsd metrics: alarms on them would never leave INSUFFICIENT_DATA
      if (!a || given === false || runtime === "dedicated-cloud-gateway") {
        alarmsOff.push(name);
        continue;
      }
      const t = { ...kind.defaults, ...(given ?? {}) } as Required<Omit<AlarmThresholds, "datapointsToAlarm">> & AlarmThresholds & { percentile?: number };
      check(t.evaluationPeriods * t.periodSeconds <= 86_400, field, `${t.evaluationPeriods} periods of ${t.periodSeconds} s exceed CloudWatch's one-day evaluation limit`, "lower evaluationPeriods or periodSeconds (their product is at most 86400)");
      const datapoints = t.datapointsToAlarm ?? t.evaluationPeriods;
      check(datapoints <= t.evaluationPeriods, `${field}.datapointsToAlarm`, `${datapoints} is more than evaluationPeriods (${t.evaluationPeriods})`, "use at most evaluationPeriods");
      const percentile = kind.metric === "latency" ? `p${t.percentile ?? 95}` : undefined;
      alarms.push({ name, description: kind.description, metric: alarmMetric(kind.metric, o.controlPlaneId, percentile), threshold: t.threshold, periodSeconds: t.periodSeconds, evaluationPeriods: t.evaluationPeriods, datapointsToAlarm: datapoints });
    }
    if (runtime === "dedicated-cloud-gateway" && a && Object.keys(a).length) {
      check(false, "cloudWatch.alarms", "Dedicated Cloud Gateways cannot send statsd metrics to your collector, so these alarms would never see data", "leave cloudWatch.alarms out (or false) for a Dedicated Cloud Gateway; use X-Ray or Datadog for its metrics");
    }
  }

  const plugins: DesiredPlugin[] = [];
  if (cloudWatch && runtime === "self-hosted") plugins.push({ name: "file-log", config: fileLogConfig() }, { name: "statsd", config: statsdConfig(cloudWatch.statsd!.host, cloudWatch.statsd!.port) });
  if (xray || (cloudWatch && runtime === "dedicated-cloud-gateway")) {
    plugins.push({ name: "opentelemetry", config: openTelemetryConfig(xray!.endpoint, { sampleRate: xray?.sampleRate, logs: Boolean(cloudWatch && runtime === "dedicated-cloud-gateway"), serviceName: `kong-${o.controlPlaneId}` }) });
  }
  if (o.datadog) {
    const d = o.datadog;
    checkHost(d.host, "datadog.host");
    check(!AWS_API_HOST.test(d.host), "datadog.host", "is an AWS API host; the Datadog plugin sends DogStatsD over UDP to an agent", "give the Datadog agent's host");
    checkOptionalNumber(d.port, "datadog.port", { min: 1, max: 65535, integer: true });
    checkOptionalString(d.environment, "datadog.environment", { what: "an environment name", max: 200, example: "prod" });
    checkOptionalArray(d.tags, "datadog.tags", '["team:payments"]');
    (d.tags ?? []).forEach((t, i) => {
      checkString(t, `datadog.tags[${i}]`, { what: "a key:value tag", max: 200, example: "team:payments" });
      check(!t.endsWith(":"), `datadog.tags[${i}]`, `${show(t)} ends with ':'`, "write key:value");
    });
    checkOptionalBoolean(d.perConsumer, "datadog.perConsumer");
    const port = d.port ?? 8125;
    const local = (h: string) => h === "localhost" || h === "127.0.0.1" || h === "::1";
    const s = cloudWatch?.statsd;
    check(!(s && s.port === port && (s.host === d.host || (local(s.host) && local(d.host)))), "datadog.port", `the Datadog agent and the collector's StatsD receiver would both listen on ${d.host}:${port}`, "move one: cloudWatch.statsdPort: 8126, for example");
    const ddTags = [...(d.environment ? [`env:${d.environment}`] : []), `region:${o.region}`, ...(d.tags ?? [])];
    plugins.push({ name: "datadog", config: datadogConfig({ host: d.host, port, tags: ddTags, perConsumer: d.perConsumer ?? true }) });
  }
  const wanted = new Set(plugins.map((p) => p.name));
  const pluginsOff = (["file-log", "statsd", "opentelemetry", "datadog"] as const).filter((n) => !wanted.has(n));
  return { runtime, cloudWatch, alarms, alarmsOff, alarmActions, plugins, pluginsOff, xray, tags };
}
