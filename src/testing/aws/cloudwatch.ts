import { http, HttpResponse, type HttpHandler } from "msw";
import type { SandboxClock } from "../clock.js";
import type { Serve } from "../serve.js";
import { AwsFault } from "./json-protocol.js";
import { rejectInvalidInput } from "./reject-invalid.js";

type Json = Record<string, unknown>;

/** One metric alarm in one region: the PutMetricAlarm input as stored, plus what CloudWatch adds. */
export interface MetricAlarmRecord {
  name: string;
  region: string;
  arn: string;
  /** The last PutMetricAlarm input, without AlarmName and Tags (an update overwrites all of it). */
  config: Json;
  tags: Record<string, string>;
  state: "OK" | "ALARM" | "INSUFFICIENT_DATA";
  updatedAt: number;
}

/**
 * The CloudWatch (alarms) fake's state: metric alarms by region, then by name.
 *
 * @example
 * ```ts
 * const alarm = sandbox.state.cloudWatch.regions["us-east-1"]?.get("kong-high-error-rate");
 * console.log(alarm?.config.Threshold);
 * ```
 */
export interface CloudWatchState {
  regions: Record<string, Map<string, MetricAlarmRecord>>;
}

/** @internal */
export interface CloudWatchFakeOptions {
  state: () => CloudWatchState;
  clock: SandboxClock;
  serve: Serve;
  accountId: string;
}

const WRITES = new Set(["PutMetricAlarm", "DeleteAlarms", "TagResource", "UntagResource"]);
const REQUEST_ID = "00000000-0000-4000-8000-000000000000";
/** PutMetricAlarm Tags: "You can associate as many as 50 tags with an alarm." */
const MAX_TAGS = 50;
/** DescribeAlarms MaxRecords: range 1..100; 50 when left out (the DescribeAlarms API reference's default). */
const DEFAULT_MAX_RECORDS = 50;
/** The `awsQueryError` code of each error the fake raises (aws-models/cloudwatch.json), and its fault. */
const QUERY_CODES: Record<string, { code: string; fault: "Sender" | "Receiver"; status: number }> = {
  ResourceNotFound: { code: "ResourceNotFound", fault: "Sender", status: 404 },
  ResourceNotFoundException: { code: "ResourceNotFoundException", fault: "Sender", status: 404 },
  LimitExceededFault: { code: "LimitExceeded", fault: "Sender", status: 400 },
  InvalidParameterValueException: { code: "InvalidParameterValue", fault: "Sender", status: 400 },
  InvalidParameterCombinationException: { code: "InvalidParameterCombination", fault: "Sender", status: 400 },
  InvalidNextToken: { code: "InvalidNextToken", fault: "Sender", status: 400 },
  // not in the 2025-04 reference model; the installed SDK (3.1164.0) models it: ValidationException, awsQueryError ValidationError, 400
  ValidationException: { code: "ValidationError", fault: "Sender", status: 400 },
};

/**
 * An error in CloudWatch's JSON protocol with Query compatibility (the installed SDK sends awsJson1_0 with
 * `x-amzn-query-mode: true`): `__type` names the modeled shape, and `x-amzn-query-error: <code>;<fault>`
 * carries the Query-era code, which the SDK prefers (@aws-sdk/core protocols, `x-amzn-query-error`).
 * @internal
 */
export function cloudWatchError(shape: string, message: string): Response {
  const q = QUERY_CODES[shape] ?? { code: shape, fault: "Sender" as const, status: 400 };
  return HttpResponse.json(
    { __type: `com.amazonaws.cloudwatch#${shape}`, message },
    { status: q.status, headers: { "Content-Type": "application/x-amz-json-1.0", "x-amzn-query-error": `${q.code};${q.fault}`, "x-amzn-RequestId": REQUEST_ID } },
  );
}

const json = (body: Json) => HttpResponse.json(body as never, { headers: { "Content-Type": "application/x-amz-json-1.0", "x-amzn-RequestId": REQUEST_ID } });

/** ExtendedStatistic: p, tm, tc, ts, wm, PR, TC, TS forms; the fake accepts the percentile form `p0.0`..`p100` and the trimmed ones. */
const EXTENDED = /^(p(\d{1,2}(\.\d{1,10})?|100(\.0{1,10})?)|(tm|tc|ts|wm)\d{1,2}(\.\d{1,10})?)$/;

/** @internal */
export function cloudWatchHandlers(o: CloudWatchFakeOptions): HttpHandler[] {
  const regionOf = (url: string) => /^https:\/\/monitoring\.([a-z0-9-]+)\.amazonaws\.com/.exec(url)![1]!;
  const store = (region: string) => (o.state().regions[region] ??= new Map());
  const arnOf = (region: string, name: string) => `arn:aws:cloudwatch:${region}:${o.accountId}:alarm:${name}`;

  const byArn = (region: string, arn: unknown): MetricAlarmRecord => {
    const m = typeof arn === "string" ? /^arn:aws:cloudwatch:([a-z0-9-]+):(\d{12}):alarm:(.+)$/.exec(arn) : null;
    if (!m) throw new AwsFault("InvalidParameterValueException", `Invalid ARN: ${String(arn)}`);
    const alarm = m[1] === region && m[2] === o.accountId ? store(region).get(m[3]!) : undefined;
    if (!alarm) throw new AwsFault("ResourceNotFoundException", `${String(arn)} not found`);
    return alarm;
  };
  const tagsOf = (list: unknown): Record<string, string> => Object.fromEntries(((list as Array<{ Key: string; Value: string }> | undefined) ?? []).map((t) => [t.Key, t.Value]));

  /** The PutMetricAlarm rules the model cannot express, each from its documentation. */
  const checkAlarm = (i: Json) => {
    const hasMetric = i.MetricName !== undefined;
    if (hasMetric && i.Metrics !== undefined) throw new AwsFault("InvalidParameterCombinationException", "MetricName and Metrics are mutually exclusive.");
    if (hasMetric) {
      // ExtendedStatistic: "you must specify either Statistic or ExtendedStatistic but not both"
      if ((i.Statistic === undefined) === (i.ExtendedStatistic === undefined)) throw new AwsFault("InvalidParameterCombinationException", "Exactly one of Statistic and ExtendedStatistic must be specified.");
      if (typeof i.ExtendedStatistic === "string" && !EXTENDED.test(i.ExtendedStatistic)) throw new AwsFault("InvalidParameterValueException", `The value ${i.ExtendedStatistic} for parameter ExtendedStatistic is not supported.`);
      // Period: "Period is required for alarms based on static thresholds"; "Valid values are 10, 30, and any multiple of 60."
      if (typeof i.Period !== "number") throw new AwsFault("ValidationException", "Period must not be null");
      if (!(i.Period === 10 || i.Period === 30 || i.Period % 60 === 0)) throw new AwsFault("InvalidParameterValueException", `The parameter Period must be 10, 30 or a multiple of 60, got ${i.Period}.`);
      // EvaluationPeriods: "this number multiplied by Period cannot be more than 86,400 seconds"
      if ((i.EvaluationPeriods as number) * i.Period > 86_400) throw new AwsFault("ValidationException", "The evaluation period of the alarm (EvaluationPeriods x Period) cannot exceed 86,400 seconds.");
      if (typeof i.Threshold !== "number" && i.ThresholdMetricId === undefined) throw new AwsFault("ValidationException", "Threshold must not be null");
    }
    if (typeof i.DatapointsToAlarm === "number" && i.DatapointsToAlarm > (i.EvaluationPeriods as number)) throw new AwsFault("ValidationException", "DatapointsToAlarm must be less than or equal to EvaluationPeriods.");
    if (i.TreatMissingData !== undefined && !["breaching", "notBreaching", "ignore", "missing"].includes(i.TreatMissingData as string)) {
      // TreatMissingData: "Valid Values: breaching | notBreaching | ignore | missing"
      throw new AwsFault("ValidationException", `Invalid value for TreatMissingData: ${String(i.TreatMissingData)}`);
    }
  };

  const describe = (a: MetricAlarmRecord): Json => ({
    AlarmName: a.name,
    AlarmArn: a.arn,
    ActionsEnabled: true,
    OKActions: [],
    AlarmActions: [],
    InsufficientDataActions: [],
    ...a.config,
    StateValue: a.state,
    StateReason: "Unchecked: Initial alarm creation",
    StateUpdatedTimestamp: a.updatedAt / 1000,
    AlarmConfigurationUpdatedTimestamp: a.updatedAt / 1000,
  });

  const ops: Record<string, (region: string, input: Json) => Json> = {
    PutMetricAlarm(region, i) {
      checkAlarm(i);
      const { AlarmName: name, Tags, ...config } = i as Json & { AlarmName: string };
      const existing = store(region).get(name);
      if (existing) {
        // "When you update an existing alarm, its state is left unchanged, but the update completely
        // overwrites the previous configuration"; "any tags you specify in this parameter are ignored"
        existing.config = config;
        existing.updatedAt = o.clock.now();
        return {};
      }
      const tags = tagsOf(Tags);
      if (Object.keys(tags).length > MAX_TAGS) throw new AwsFault("LimitExceededFault", `An alarm can have at most ${MAX_TAGS} tags.`);
      store(region).set(name, { name, region, arn: arnOf(region, name), config, tags, state: "INSUFFICIENT_DATA", updatedAt: o.clock.now() });
      return {};
    },
    DescribeAlarms(region, i) {
      const names = i.AlarmNames as string[] | undefined;
      const prefix = typeof i.AlarmNamePrefix === "string" ? i.AlarmNamePrefix : undefined;
      if (names?.length && prefix !== undefined) throw new AwsFault("InvalidParameterCombinationException", "AlarmNames and AlarmNamePrefix cannot be used together.");
      const all = [...store(region).values()].filter((a) => (names?.length ? names.includes(a.name) : true) && (prefix === undefined || a.name.startsWith(prefix))).sort((a, b) => (a.name < b.name ? -1 : 1));
      const max = typeof i.MaxRecords === "number" ? i.MaxRecords : DEFAULT_MAX_RECORDS;
      const start = typeof i.NextToken === "string" ? Number(Buffer.from(i.NextToken, "base64url").toString()) : 0;
      if (!Number.isInteger(start) || start < 0) throw new AwsFault("InvalidNextToken", "The service found an invalid NextToken.");
      const page = all.slice(start, start + max);
      return { MetricAlarms: page.map(describe), CompositeAlarms: [], ...(start + max < all.length ? { NextToken: Buffer.from(String(start + max)).toString("base64url") } : {}) };
    },
    DeleteAlarms(region, i) {
      const names = i.AlarmNames as string[];
      // "If you specify an incorrect alarm name or make any other error in the operation, no alarms are deleted."
      const missing = names.filter((n) => !store(region).has(n));
      if (missing.length) throw new AwsFault("ResourceNotFound", `Alarm(s) not found: ${missing.join(", ")}`);
      for (const n of names) store(region).delete(n);
      return {};
    },
    TagResource(region, i) {
      const a = byArn(region, i.ResourceARN);
      const merged = { ...a.tags, ...tagsOf(i.Tags) };
      if (Object.keys(merged).length > MAX_TAGS) throw new AwsFault("LimitExceededFault", `An alarm can have at most ${MAX_TAGS} tags.`);
      a.tags = merged;
      return {};
    },
    UntagResource(region, i) {
      const a = byArn(region, i.ResourceARN);
      for (const k of i.TagKeys as string[]) delete a.tags[k];
      return {};
    },
    ListTagsForResource(region, i) {
      return { Tags: Object.entries(byArn(region, i.ResourceARN).tags).map(([Key, Value]) => ({ Key, Value })) };
    },
  };

  return [
    http.post(/^https:\/\/monitoring\.[a-z0-9-]+\.amazonaws\.com\/?$/, async ({ request }) => {
      const action = (request.headers.get("x-amz-target") ?? "").replace(/^GraniteServiceVersion20100801\./, "");
      return o.serve("cloudwatch", request, { operation: action || "Unknown", write: WRITES.has(action) }, async () => {
        const op = ops[action];
        if (!op) return cloudWatchError("InvalidAction", `Unknown operation ${action}`);
        if (!request.headers.get("authorization")?.startsWith("AWS4-HMAC-SHA256")) return cloudWatchError("MissingAuthenticationToken", "Request is missing Authentication Token");
        const rejected = await rejectInvalidInput("cloudwatch", action, request);
        if (rejected) return rejected;
        try {
          const input = JSON.parse((await request.text()) || "{}") as Json;
          return json(op(regionOf(request.url), input));
        } catch (error) {
          if (error instanceof AwsFault) return cloudWatchError(error.code, error.message);
          throw error;
        }
      });
    }),
  ];
}
