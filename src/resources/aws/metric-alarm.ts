import type { CloudWatchClient, MetricAlarm, PutMetricAlarmCommandInput } from "@aws-sdk/client-cloudwatch";
import { loadCloudWatch } from "../../aws/load-sdk.js";
import { awsStep } from "../../aws/secrets-manager.js";
import type { FieldDiff } from "../../reconcile/change.js";
import { sameValue } from "../../reconcile/diff.js";
import type { Ownership } from "../../reconcile/ownership.js";
import type { Observation, Resource } from "../../reconcile/resource.js";

/** An alarm as observed: the DescribeAlarms entry and its tags. @internal */
export interface ObservedAlarm {
  alarm: MetricAlarm;
  tags: Record<string, string>;
}

/** The alarm settings {@link metricAlarmResource} manages: the PutMetricAlarm input without name and tags. @internal */
export type AlarmSettings = Omit<PutMetricAlarmCommandInput, "AlarmName" | "Tags">;

/** Fields compared with the live alarm (everything the operation sets; PutMetricAlarm overwrites them all). */
const COMPARED: Array<keyof AlarmSettings> = [
  "AlarmDescription",
  "ActionsEnabled",
  "AlarmActions",
  "OKActions",
  "InsufficientDataActions",
  "MetricName",
  "Namespace",
  "Statistic",
  "ExtendedStatistic",
  "Dimensions",
  "Period",
  "EvaluationPeriods",
  "DatapointsToAlarm",
  "Threshold",
  "ComparisonOperator",
  "TreatMissingData",
];

/**
 * Reads the alarms of a run once: one DescribeAlarms by name (at most 100 names, the API's limit), then
 * the tags of each alarm found (ListTagsForResource, in parallel).
 * @internal
 */
export function createAlarmReader(client: () => Promise<CloudWatchClient>, names: readonly string[], signal: AbortSignal | undefined): () => Promise<Map<string, ObservedAlarm>> {
  let read: Promise<Map<string, ObservedAlarm>> | undefined;
  return () =>
    (read ??= (async () => {
      const [cw, c] = await Promise.all([loadCloudWatch(), client()]);
      const found = new Map<string, ObservedAlarm>();
      for (let i = 0; i < names.length; i += 100) {
        const part = names.slice(i, i + 100);
        const out = await awsStep(`DescribeAlarms (${part.length} names)`, () => c.send(new cw.DescribeAlarmsCommand({ AlarmNames: part, AlarmTypes: ["MetricAlarm"], MaxRecords: 100 }), { abortSignal: signal }));
        await Promise.all(
          (out.MetricAlarms ?? []).map(async (alarm) => {
            const tags = await awsStep(`ListTagsForResource ${alarm.AlarmName}`, () => c.send(new cw.ListTagsForResourceCommand({ ResourceARN: alarm.AlarmArn }), { abortSignal: signal }));
            found.set(alarm.AlarmName!, { alarm, tags: Object.fromEntries((tags.Tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""])) });
          }),
        );
      }
      return found;
    })());
}

/** What {@link metricAlarmResource} manages. @internal */
export interface MetricAlarmDesired {
  client: () => Promise<CloudWatchClient>;
  read: () => Promise<Map<string, ObservedAlarm>>;
  name: string;
  settings: AlarmSettings;
  /** The user's tags; the ownership tag is added. */
  tags?: Record<string, string> | undefined;
  ownership: Ownership;
  /**
   * A tag naming what the alarm watches (`konnect-aws:control-plane=<id>`): an alarm of the same name
   * carrying another value belongs to something else and is a conflict, never overwritten.
   */
  identity?: { key: string; value: string } | undefined;
  signal?: AbortSignal | undefined;
  field?: string | undefined;
  /** Filled by the run: the alarm's ARN once known. */
  out: { arn?: string | undefined };
}

/**
 * One CloudWatch metric alarm (kind `aws.metric-alarm`, key its name), marked by the ownership tag.
 * PutMetricAlarm both creates and updates (an update "completely overwrites the previous configuration"
 * and ignores `Tags`), so it is naturally idempotent; tags of an existing alarm converge with TagResource
 * (missing or changed only). Deleted with DeleteAlarms.
 * @internal
 */
export function metricAlarmResource(d: MetricAlarmDesired): Resource<ObservedAlarm> {
  const abort = { abortSignal: d.signal };
  const mark = d.ownership.awsTag;
  const wantTags = { ...(d.tags ?? {}), ...(d.identity ? { [d.identity.key]: d.identity.value } : {}), [mark.key]: mark.value };
  const plan = (o: ObservedAlarm) => {
    const diff: FieldDiff[] = [];
    const live = o.alarm as Record<string, unknown>;
    const want = d.settings as Record<string, unknown>;
    for (const f of COMPARED) {
      // CloudWatch answers empty action lists and ActionsEnabled: true for what was left out
      const before = live[f] ?? null;
      const after = want[f] ?? (f === "ActionsEnabled" ? true : f.endsWith("Actions") ? [] : null);
      const norm = (v: unknown) => (Array.isArray(v) && v.length === 0 ? null : v);
      if (!sameValue(norm(before), norm(after))) diff.push({ path: f, before, after });
    }
    const settingsChanged = diff.length > 0;
    const add = Object.entries(wantTags).filter(([k, v]) => o.tags[k] !== v);
    for (const [k, v] of add) diff.push({ path: `tags.${k}`, ...(k in o.tags ? { before: o.tags[k] } : {}), after: v });
    return { diff, add, settingsChanged };
  };
  const put = async (tags?: Record<string, string>) => {
    const [cw, c] = await Promise.all([loadCloudWatch(), d.client()]);
    await awsStep(`PutMetricAlarm ${d.name}`, () => c.send(new cw.PutMetricAlarmCommand({ AlarmName: d.name, ...d.settings, ...(tags ? { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) } : {}) }), abort));
  };
  return {
    kind: "aws.metric-alarm",
    key: d.name,
    mark: `the ${mark.key}=${mark.value} tag`,
    field: d.field ?? "alarms",
    async observe(): Promise<Observation<ObservedAlarm>> {
      const found = (await d.read()).get(d.name);
      if (!found) return { exists: false, owned: false, diff: [...Object.entries(d.settings).map(([k, v]) => ({ path: k, after: v })), ...Object.entries(wantTags).map(([k, v]) => ({ path: `tags.${k}`, after: v }))] };
      d.out.arn = found.alarm.AlarmArn;
      const other = d.identity ? found.tags[d.identity.key] : undefined;
      const conflict =
        d.identity && other !== undefined && other !== d.identity.value
          ? { field: d.field ?? "alarms", problem: `the alarm ${d.name} watches ${d.identity.key}=${other}, not ${d.identity.value}`, fix: "give this control plane's alarms their own names (a name prefix per control plane)" }
          : undefined;
      // another control plane's alarm is never ours: an apply refuses it, a teardown keeps it
      return { exists: true, id: found.alarm.AlarmArn!, owned: found.tags[mark.key] === mark.value && !conflict, actual: found, diff: plan(found).diff, ...(conflict ? { conflict } : {}) };
    },
    async create() {
      // tags go with the creating call: the alarm never exists without the mark
      await put(wantTags);
      return undefined;
    },
    async update(o, progress) {
      const { add, settingsChanged } = plan(o.actual!);
      if (add.length) {
        const [cw, c] = await Promise.all([loadCloudWatch(), d.client()]);
        await awsStep(`TagResource ${d.name}`, () => c.send(new cw.TagResourceCommand({ ResourceARN: o.id!, Tags: add.map(([Key, Value]) => ({ Key, Value })) }), abort));
        progress.wrote();
      }
      if (settingsChanged) await put();
    },
    async delete() {
      const [cw, c] = await Promise.all([loadCloudWatch(), d.client()]);
      await awsStep(`DeleteAlarms ${d.name}`, () => c.send(new cw.DeleteAlarmsCommand({ AlarmNames: [d.name] }), abort));
    },
    describe: (o) => [{ path: "AlarmName", before: d.name }, { path: "MetricName", before: o.actual?.alarm.MetricName }],
  };
}
