import type { CloudWatchLogsClient, LogGroup } from "@aws-sdk/client-cloudwatch-logs";
import { loadCloudWatchLogs } from "../../aws/load-sdk.js";
import { awsStep } from "../../aws/secrets-manager.js";
import type { FieldDiff } from "../../reconcile/change.js";
import type { Ownership } from "../../reconcile/ownership.js";
import type { Observation, Resource } from "../../reconcile/resource.js";
import { settleInOrder } from "../../internal/settle-in-order.js";

/** A log group as observed: the DescribeLogGroups entry and its tags. @internal */
export interface ObservedLogGroup {
  group: LogGroup;
  tags: Record<string, string>;
}

/**
 * What {@link logGroupResource} manages. Reusable by any operation that needs a log group (the
 * observability operation; the data planes' `awslogs` task definitions): put
 * `logGroupResource({ client, name: "/aws/kong/prod", retentionDays: 30, kmsKeyId, tags, ownership, out })`
 * in the list given to `reconcileResources` (and in `dependsOn` of what writes into the group); after the
 * run, `out.arn` holds `arn:aws:logs:<region>:<account>:log-group:/aws/kong/prod` (undefined in a dry run
 * that creates it). Its teardown deletes the group with its events.
 * @internal
 */
export interface LogGroupDesired {
  /** A CloudWatch Logs client of the group's region (or a promise of one, created lazily). */
  client: CloudWatchLogsClient | (() => Promise<CloudWatchLogsClient>);
  /** The log group name (1..512 of `[.\-_/#A-Za-z0-9]`). */
  name: string;
  /** Retention in days (one of CloudWatch Logs' values); `undefined`: never expire. */
  retentionDays: number | undefined;
  /** KMS key ARN; `undefined`: no customer key (an existing association is removed). */
  kmsKeyId?: string | undefined;
  /** The user's tags; the ownership tag is added. Tags set by others stay. */
  tags?: Record<string, string> | undefined;
  ownership: Ownership;
  signal?: AbortSignal | undefined;
  /** The option a refusal names. @default "logGroupName" */
  field?: string | undefined;
  /** Filled by the run: the group's ARN (without the `:*` suffix) once known. */
  out: { arn?: string | undefined };
}

/**
 * One CloudWatch Logs log group (kind `aws.log-group`, key `<region-less name>`), found with one
 * `DescribeLogGroups` by name prefix and one `ListTagsForResource`; marked by the ownership tag. Created
 * with CreateLogGroup (tags and key in the same call, so a group never exists unmarked), then
 * PutRetentionPolicy; a re-run after a crash between the two finds the group marked and sets the
 * retention. Updated with PutRetentionPolicy / DeleteRetentionPolicy, AssociateKmsKey /
 * DisassociateKmsKey and TagResource (only missing or changed tags: tags others set stay). Deleted with
 * DeleteLogGroup, which deletes its events too.
 * @internal
 */
export function logGroupResource(d: LogGroupDesired): Resource<ObservedLogGroup> {
  const client = typeof d.client === "function" ? d.client : () => Promise.resolve(d.client as CloudWatchLogsClient);
  const abort = { abortSignal: d.signal };
  const mark = d.ownership.awsTag;
  const wantTags = { ...(d.tags ?? {}), [mark.key]: mark.value };
  const plan = (o: ObservedLogGroup) => {
    const diff: FieldDiff[] = [];
    const retention = o.group.retentionInDays;
    if ((retention ?? null) !== (d.retentionDays ?? null)) diff.push({ path: "retentionInDays", before: retention ?? null, after: d.retentionDays ?? null });
    if ((o.group.kmsKeyId ?? null) !== (d.kmsKeyId ?? null)) diff.push({ path: "kmsKeyId", before: o.group.kmsKeyId ?? null, after: d.kmsKeyId ?? null });
    const add = Object.entries(wantTags).filter(([k, v]) => o.tags[k] !== v);
    for (const [k, v] of add) diff.push({ path: `tags.${k}`, ...(k in o.tags ? { before: o.tags[k] } : {}), after: v });
    return { diff, add };
  };
  return {
    kind: "aws.log-group",
    key: d.name,
    mark: `the ${mark.key}=${mark.value} tag`,
    field: d.field ?? "logGroupName",
    async observe(): Promise<Observation<ObservedLogGroup>> {
      const [logs, c] = await Promise.all([loadCloudWatchLogs(), client()]);
      const page = await awsStep(`DescribeLogGroups ${d.name}`, () => c.send(new logs.DescribeLogGroupsCommand({ logGroupNamePrefix: d.name, limit: 50 }), abort));
      // a prefix read lists longer names too; the first page holds the exact name if it exists (ASCII order puts it first)
      const group = page.logGroups?.find((g) => g.logGroupName === d.name);
      if (!group) {
        return {
          exists: false,
          owned: false,
          diff: [{ path: "logGroupName", after: d.name }, { path: "retentionInDays", after: d.retentionDays ?? null }, ...(d.kmsKeyId ? [{ path: "kmsKeyId", after: d.kmsKeyId }] : []), ...Object.entries(wantTags).map(([k, v]) => ({ path: `tags.${k}`, after: v }))],
        };
      }
      const arn = group.logGroupArn ?? group.arn?.replace(/:\*$/, "");
      d.out.arn = arn;
      const listed = await awsStep(`ListTagsForResource ${d.name}`, () => c.send(new logs.ListTagsForResourceCommand({ resourceArn: arn }), abort));
      const observed = { group, tags: listed.tags ?? {} };
      return { exists: true, id: arn!, owned: observed.tags[mark.key] === mark.value, actual: observed, diff: plan(observed).diff };
    },
    async create(progress) {
      const [logs, c] = await Promise.all([loadCloudWatchLogs(), client()]);
      await awsStep(`CreateLogGroup ${d.name}`, () => c.send(new logs.CreateLogGroupCommand({ logGroupName: d.name, tags: wantTags, ...(d.kmsKeyId ? { kmsKeyId: d.kmsKeyId } : {}) }), abort));
      progress.wrote();
      // the ARN CreateLogGroup does not return: read it back once, alongside the retention (neither needs the other)
      // both end before a failure of either is reported (settleInOrder): no request outlives the write
      const [, page] = await settleInOrder([
        d.retentionDays !== undefined ? awsStep(`PutRetentionPolicy ${d.name}`, () => c.send(new logs.PutRetentionPolicyCommand({ logGroupName: d.name, retentionInDays: d.retentionDays! }), abort)) : undefined,
        awsStep(`DescribeLogGroups ${d.name}`, () => c.send(new logs.DescribeLogGroupsCommand({ logGroupNamePrefix: d.name, limit: 1 }), abort)),
      ] as const);
      const g = page.logGroups?.find((x) => x.logGroupName === d.name);
      d.out.arn = g?.logGroupArn ?? g?.arn?.replace(/:\*$/, "");
      return d.out.arn;
    },
    async update(o, progress) {
      const [logs, c] = await Promise.all([loadCloudWatchLogs(), client()]);
      const { group } = o.actual!;
      const { add } = plan(o.actual!);
      // the mark first: a crash after it leaves a marked group the next run finishes
      if (add.length) {
        await awsStep(`TagResource ${d.name}`, () => c.send(new logs.TagResourceCommand({ resourceArn: o.id!, tags: Object.fromEntries(add) }), abort));
        progress.wrote();
      }
      if ((group.retentionInDays ?? null) !== (d.retentionDays ?? null)) {
        await awsStep(`PutRetentionPolicy ${d.name}`, () =>
          d.retentionDays === undefined ? c.send(new logs.DeleteRetentionPolicyCommand({ logGroupName: d.name }), abort) : c.send(new logs.PutRetentionPolicyCommand({ logGroupName: d.name, retentionInDays: d.retentionDays }), abort),
        );
        progress.wrote();
      }
      if ((group.kmsKeyId ?? null) !== (d.kmsKeyId ?? null)) {
        await awsStep(`AssociateKmsKey ${d.name}`, () =>
          d.kmsKeyId ? c.send(new logs.AssociateKmsKeyCommand({ logGroupName: d.name, kmsKeyId: d.kmsKeyId }), abort) : c.send(new logs.DisassociateKmsKeyCommand({ logGroupName: d.name }), abort),
        );
      }
    },
    async delete() {
      const [logs, c] = await Promise.all([loadCloudWatchLogs(), client()]);
      await awsStep(`DeleteLogGroup ${d.name}`, () => c.send(new logs.DeleteLogGroupCommand({ logGroupName: d.name }), abort));
    },
    describe: (o) => [{ path: "logGroupName", before: d.name }, { path: "retentionInDays", before: o.actual?.group.retentionInDays ?? null }],
  };
}
