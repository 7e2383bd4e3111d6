import type { HttpHandler } from "msw";
import type { SandboxClock } from "../clock.js";
import type { Serve } from "../serve.js";
import { AwsFault } from "./json-protocol.js";
import { serveAwsJson } from "./serve-aws-json.js";

type Json = Record<string, unknown>;

/** One log group in one region. */
export interface LogGroupRecord {
  name: string;
  region: string;
  /** `arn:aws:logs:<region>:<account>:log-group:<name>` (DescribeLogGroups' `logGroupArn`, the ARN TagResource takes). */
  arn: string;
  createdAt: number;
  retentionInDays?: number;
  kmsKeyId?: string;
  logGroupClass: string;
  tags: Record<string, string>;
}

/**
 * The CloudWatch Logs fake's state: log groups by region, then by name.
 *
 * @example
 * ```ts
 * const group = sandbox.state.cloudWatchLogs.regions["us-east-1"]?.get("/aws/kong/prod");
 * console.log(group?.retentionInDays);
 * ```
 */
export interface CloudWatchLogsState {
  regions: Record<string, Map<string, LogGroupRecord>>;
}

/** @internal */
export interface CloudWatchLogsFakeOptions {
  state: () => CloudWatchLogsState;
  clock: SandboxClock;
  serve: Serve;
  accountId: string;
}

const WRITES = new Set(["CreateLogGroup", "DeleteLogGroup", "PutRetentionPolicy", "DeleteRetentionPolicy", "AssociateKmsKey", "DisassociateKmsKey", "TagResource", "UntagResource"]);
/**
 * PutRetentionPolicy: "Possible values are: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
 * 1096, 1827, 2192, 2557, 2922, 3288, and 3653." (aws-models/cloudwatch-logs.json, retentionInDays; the
 * model's `Days` shape has no enum trait, so model validation cannot catch it).
 * @internal
 */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;
/** CloudWatch Logs quotas: "Tags: 50 per log group" (CreateLogGroup and TagResource documentation; the `Tags` map's length trait). */
const MAX_TAGS = 50;
/** DescribeLogGroups `limit`: "the default is up to 50 items" (aws-models/cloudwatch-logs.json). */
const DEFAULT_LIMIT = 50;

/** @internal */
export function cloudWatchLogsHandlers(o: CloudWatchLogsFakeOptions): HttpHandler[] {
  const store = (region: string) => (o.state().regions[region] ??= new Map());
  const notFound = () => new AwsFault("ResourceNotFoundException", "The specified log group does not exist.");

  const find = (region: string, name: unknown): LogGroupRecord => {
    const g = typeof name === "string" ? store(region).get(name) : undefined;
    if (!g) throw notFound();
    return g;
  };
  const byArn = (region: string, arn: unknown): LogGroupRecord => {
    // TagResource: "resourceArn ... For a log group, the ARN ... arn:aws:logs:Region:account-id:log-group:log-group-name"
    // (without the `:*` suffix the group's `arn` field carries)
    const m = typeof arn === "string" ? /^arn:aws:logs:([a-z0-9-]+):(\d{12}):log-group:(.+)$/.exec(arn) : null;
    if (!m) throw new AwsFault("InvalidParameterException", `Invalid resource ARN: ${String(arn)}`);
    if (m[1] !== region || m[2] !== o.accountId) throw notFound();
    return find(region, m[3]);
  };
  const checkKms = (id: unknown) => {
    // AssociateKmsKey / CreateLogGroup kmsKeyId: "The Amazon Resource Name (ARN) of the KMS key ... For more
    // information, see Amazon Resource Names" — a key id or alias is refused
    if (typeof id !== "string" || !/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/.+$/.test(id)) {
      throw new AwsFault("InvalidParameterException", "Specified KMS key ARN is not valid. The key must be a symmetric KMS key ARN.");
    }
  };
  const addTags = (g: LogGroupRecord, tags: Record<string, string>) => {
    const merged = { ...g.tags, ...tags };
    if (Object.keys(merged).length > MAX_TAGS) throw new AwsFault("TooManyTagsException", `A resource can have no more than ${MAX_TAGS} tags.`);
    g.tags = merged;
  };
  const describe = (g: LogGroupRecord): Json => ({
    logGroupName: g.name,
    creationTime: g.createdAt,
    ...(g.retentionInDays !== undefined ? { retentionInDays: g.retentionInDays } : {}),
    metricFilterCount: 0,
    arn: `${g.arn}:*`,
    storedBytes: 0,
    ...(g.kmsKeyId !== undefined ? { kmsKeyId: g.kmsKeyId } : {}),
    logGroupClass: g.logGroupClass,
    logGroupArn: g.arn,
  });

  const ops: Record<string, (region: string, input: Json) => Json> = {
    CreateLogGroup(region, i) {
      const name = i.logGroupName as string;
      if (store(region).has(name)) throw new AwsFault("ResourceAlreadyExistsException", "The specified log group already exists");
      if (i.kmsKeyId !== undefined) checkKms(i.kmsKeyId);
      const tags = (i.tags as Record<string, string> | undefined) ?? {};
      if (Object.keys(tags).length > MAX_TAGS) throw new AwsFault("TooManyTagsException", `A resource can have no more than ${MAX_TAGS} tags.`);
      store(region).set(name, {
        name,
        region,
        arn: `arn:aws:logs:${region}:${o.accountId}:log-group:${name}`,
        createdAt: o.clock.now(),
        ...(typeof i.kmsKeyId === "string" ? { kmsKeyId: i.kmsKeyId } : {}),
        logGroupClass: typeof i.logGroupClass === "string" ? i.logGroupClass : "STANDARD",
        tags: { ...tags },
      });
      return {};
    },
    DescribeLogGroups(region, i) {
      if (i.logGroupNamePrefix !== undefined && i.logGroupNamePattern !== undefined) {
        throw new AwsFault("InvalidParameterException", "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
      }
      const limit = typeof i.limit === "number" ? i.limit : DEFAULT_LIMIT;
      const prefix = typeof i.logGroupNamePrefix === "string" ? i.logGroupNamePrefix : "";
      const pattern = typeof i.logGroupNamePattern === "string" ? i.logGroupNamePattern.toLowerCase() : "";
      // names sort in ASCII order (the API lists log groups "in ASCII order" by name)
      const all = [...store(region).values()].filter((g) => g.name.startsWith(prefix) && g.name.toLowerCase().includes(pattern)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const start = typeof i.nextToken === "string" ? Number(Buffer.from(i.nextToken, "base64url").toString()) : 0;
      if (!Number.isInteger(start) || start < 0) throw new AwsFault("InvalidParameterException", "The specified nextToken is invalid.");
      const page = all.slice(start, start + limit);
      const next = start + limit < all.length ? Buffer.from(String(start + limit)).toString("base64url") : undefined;
      return { logGroups: page.map(describe), ...(next ? { nextToken: next } : {}) };
    },
    PutRetentionPolicy(region, i) {
      const g = find(region, i.logGroupName);
      const days = i.retentionInDays as number;
      if (!(LOG_RETENTION_DAYS as readonly number[]).includes(days)) {
        throw new AwsFault("InvalidParameterException", `1 validation error detected: Value '${days}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${LOG_RETENTION_DAYS.join(", ")}]`);
      }
      g.retentionInDays = days;
      return {};
    },
    DeleteRetentionPolicy(region, i) {
      delete find(region, i.logGroupName).retentionInDays;
      return {};
    },
    AssociateKmsKey(region, i) {
      if (i.logGroupName === undefined) throw new AwsFault("InvalidParameterException", "Either logGroupName or resourceIdentifier must be specified.");
      const g = find(region, i.logGroupName);
      checkKms(i.kmsKeyId);
      g.kmsKeyId = i.kmsKeyId as string;
      return {};
    },
    DisassociateKmsKey(region, i) {
      if (i.logGroupName === undefined) throw new AwsFault("InvalidParameterException", "Either logGroupName or resourceIdentifier must be specified.");
      delete find(region, i.logGroupName).kmsKeyId;
      return {};
    },
    TagResource(region, i) {
      addTags(byArn(region, i.resourceArn), i.tags as Record<string, string>);
      return {};
    },
    UntagResource(region, i) {
      const g = byArn(region, i.resourceArn);
      for (const k of i.tagKeys as string[]) delete g.tags[k];
      return {};
    },
    ListTagsForResource(region, i) {
      return { tags: { ...byArn(region, i.resourceArn).tags } };
    },
    DeleteLogGroup(region, i) {
      const g = find(region, i.logGroupName);
      store(region).delete(g.name);
      return {};
    },
  };

  return [serveAwsJson({ service: "logs", targetPrefix: "Logs_20140328.", ops, writes: WRITES, serve: o.serve })];
}
