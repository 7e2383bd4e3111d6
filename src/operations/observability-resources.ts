import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { loadCloudWatch, loadCloudWatchLogs } from "../aws/load-sdk.js";
import type { KonnectSchemas } from "../konnect/types.js";
import { DEFAULT_OWNERSHIP, type Ownership } from "../reconcile/ownership.js";
import type { Resource } from "../reconcile/resource.js";
import { logGroupResource } from "../resources/aws/log-group.js";
import { createAlarmReader, metricAlarmResource, type AlarmSettings } from "../resources/aws/metric-alarm.js";
import { listScopePlugins, pluginResource } from "../resources/konnect/plugin.js";
import { sameScope, type ResolvedScope } from "../resources/konnect/scope.js";
import type { EnableObservabilityOptions } from "./observability-options.js";
import type { ObservabilityPlan, PlannedAlarm } from "./observability-plan.js";

type Plugin = KonnectSchemas["Plugin"];

/** The control plane as a whole: observability plugins apply to every request. */
const GLOBAL: ResolvedScope = { service: null, route: null, consumer: null, consumer_group: null, label: "control-plane" };

/** The tag that ties an alarm to its control plane (a second control plane reusing the names is refused). @internal */
export const CONTROL_PLANE_TAG = "konnect-aws:control-plane";

/** The PutMetricAlarm settings of a planned alarm. @internal */
export function alarmSettings(a: PlannedAlarm, namespace: string, actions: string[]): AlarmSettings {
  return {
    AlarmDescription: `${a.description} (konnect-aws enableObservability)`,
    ActionsEnabled: true,
    ...(actions.length ? { AlarmActions: actions, OKActions: actions } : {}),
    Namespace: namespace,
    MetricName: a.metric.metricName,
    Dimensions: a.metric.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
    ...(a.metric.statistic ? { Statistic: a.metric.statistic } : { ExtendedStatistic: a.metric.extendedStatistic! }),
    Period: a.periodSeconds,
    EvaluationPeriods: a.evaluationPeriods,
    DatapointsToAlarm: a.datapointsToAlarm,
    Threshold: a.threshold,
    ComparisonOperator: "GreaterThanThreshold",
    // no traffic is no error: a quiet gateway stays OK
    TreatMissingData: "notBreaching",
  };
}

/**
 * The resources of the observability operation: the log group first, then the plugins (which send into
 * it through the collector); the alarms alongside the log group: an alarm names its metric, and "when this
 * operation creates an alarm, the alarm state is immediately set to INSUFFICIENT_DATA" (PutMetricAlarm,
 * aws-models/cloudwatch.json) until data comes, so it needs neither the group nor the plugins first. In `apply` mode the
 * plugins and alarms turned off are declared `absent` (deleted when ours); a teardown declares everything.
 * @internal
 */
export function declareObservabilityResources(o: EnableObservabilityOptions, plan: ObservabilityPlan, mode: "apply" | "teardown") {
  const ownership: Ownership = { ...DEFAULT_OWNERSHIP, ...o.ownership };
  const { konnect, controlPlaneId, signal } = o;
  let logsClient: Promise<CloudWatchLogsClient> | undefined;
  let cwClient: Promise<CloudWatchClient> | undefined;
  const logs = () => (logsClient ??= o.cloudWatchLogs ? Promise.resolve(o.cloudWatchLogs) : loadCloudWatchLogs().then((m) => new m.CloudWatchLogsClient({ region: o.region })));
  const cw = () => (cwClient ??= o.cloudWatchClient ? Promise.resolve(o.cloudWatchClient) : loadCloudWatch().then((m) => new m.CloudWatchClient({ region: o.region })));

  const logGroupOut: { arn?: string | undefined } = {};
  const logGroup = plan.cloudWatch
    ? logGroupResource({ client: logs, name: plan.cloudWatch.logGroupName, retentionDays: plan.cloudWatch.retentionDays, kmsKeyId: plan.cloudWatch.kmsKeyId, tags: plan.tags, ownership, signal, field: "cloudWatch.logGroupName", out: logGroupOut })
    : undefined;

  // one filtered list read per plugin name, shared by every plugin resource
  const names = ["file-log", "statsd", "opentelemetry", "datadog"];
  let pluginList: Promise<Plugin[]> | undefined;
  const plugins = () => (pluginList ??= listScopePlugins(konnect, controlPlaneId, names, undefined, signal));
  const pluginOuts = new Map<string, { plugin?: Plugin }>();
  const wanted = mode === "apply" ? plan.plugins : [];
  const declared = [...wanted.map((p) => ({ ...p, absent: false })), ...(mode === "apply" ? plan.pluginsOff : names).map((name) => ({ name, config: {}, absent: true }))];
  const pluginResources: Resource[] = declared.map((p) => {
    const out: { plugin?: Plugin } = {};
    pluginOuts.set(p.name, out);
    const r = pluginResource({ konnect, controlPlaneId, name: p.name, scope: GLOBAL, config: p.config, find: async () => (await plugins()).find((x) => x.name === p.name && sameScope(x as Record<string, unknown>, GLOBAL)), ownership, signal, field: p.name === "datadog" ? "datadog" : p.name === "opentelemetry" ? "xray" : "cloudWatch", out });
    return Object.assign(r, { ...(p.absent && mode === "apply" ? { absent: true } : {}), dependsOn: logGroup ? [logGroup] : [] });
  });

  const alarmNames = mode === "apply" ? [...plan.alarms.map((a) => a.name), ...plan.alarmsOff] : [...plan.alarms.map((a) => a.name), ...plan.alarmsOff];
  const readAlarms = createAlarmReader(cw, alarmNames, signal);
  const alarmOuts = new Map<string, { arn?: string | undefined }>();
  const identity = { key: CONTROL_PLANE_TAG, value: controlPlaneId };
  const alarmResources: Resource[] = [
    ...plan.alarms.map((a) => {
      const out = {};
      alarmOuts.set(a.name, out);
      return metricAlarmResource({ client: cw, read: readAlarms, name: a.name, settings: alarmSettings(a, plan.cloudWatch!.namespace, plan.alarmActions), tags: plan.tags, identity, ownership, signal, field: "cloudWatch.alarms", out });
    }),
    ...plan.alarmsOff.map((name) =>
      Object.assign(metricAlarmResource({ client: cw, read: readAlarms, name, settings: {}, identity, ownership, signal, field: "cloudWatch.alarms", out: {} }), mode === "apply" ? { absent: true } : {}),
    ),
  ];
  const resources: Resource[] = [...(logGroup ? [logGroup] : []), ...pluginResources, ...alarmResources];
  return { resources, logGroupOut, pluginOuts, alarmOuts };
}
