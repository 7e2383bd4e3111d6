import type { Change as R53Change, ResourceRecordSet, Route53Client } from "@aws-sdk/client-route-53";
import { loadRoute53 } from "../../aws/load-sdk.js";
import { batchChanges, fqdn, listRecordSets, waitForInsync, type WaitOptions } from "../../aws/route53.js";
import { awsStep } from "../../aws/secrets-manager.js";
import { ConfigError } from "../../errors/config-error.js";
import type { FieldDiff } from "../../reconcile/change.js";
import { sameValue } from "../../reconcile/diff.js";
import type { OperationEvent } from "../../reconcile/executor.js";
import type { Observation, Resource } from "../../reconcile/resource.js";

/** Set identifiers of the records konnect-aws writes start with this: it is their ownership mark. @internal */
export const SET_ID_PREFIX = "konnect-aws-";

/** A region's entry point: a DNS name (CNAME record) or a load balancer (alias A record). @internal */
export type RecordTarget = string | { dnsName: string; aliasHostedZoneId: string };

/** One region's routed record. @internal */
export interface RoutedRecordSpec {
  region: string;
  role: "primary" | "secondary";
  target: RecordTarget;
}

/** A hosted zone, as found. @internal */
export interface Zone {
  id: string;
  name: string;
}

/** Where the records live and how their writes are sent and awaited. @internal */
export interface RecordSetContext {
  client: Route53Client;
  zone: () => Promise<Zone>;
  domain: string;
  /** Every record set of the domain, read once for the run ({@link createRecordReader}). */
  read: () => Promise<ResourceRecordSet[]>;
  /** Wait for INSYNC after a write (`false`: return right after it). @default true */
  wait: boolean | WaitOptions | undefined;
  /** `Comment` of the change batches. */
  comment: string;
  onEvent: ((e: OperationEvent) => void) | undefined;
  signal: AbortSignal | undefined;
  /** The health checks the records use (and, for routed records, the replicas of the secrets their regions read). */
  dependsOn?: readonly Resource[] | undefined;
  /** Of `dependsOn`, the health checks: the records need only their ids, not their tagging (Resource.needsOnlyIdOf). */
  needsOnlyIdOf?: readonly Resource[] | undefined;
}

/** Reads the record sets of one name once for every record resource of a run. @internal */
export function createRecordReader(client: Route53Client, zone: () => Promise<Zone>, domain: string, signal: AbortSignal | undefined): () => Promise<ResourceRecordSet[]> {
  let records: Promise<ResourceRecordSet[]> | undefined;
  return () => (records ??= zone().then((z) => listRecordSets(client, z.id, domain, signal)));
}

const ours = (r: ResourceRecordSet) => Boolean(r.SetIdentifier?.startsWith(SET_ID_PREFIX));
/** Records that cannot share the name with routed records: plain CNAME / A / AAAA, or routed ones of another tool. */
const foreign = (r: ResourceRecordSet) => (r.SetIdentifier ? !ours(r) : r.Type === "CNAME" || r.Type === "A" || r.Type === "AAAA");

/** The records of the domain that are not ours and cannot share the name with ours. @internal */
export const foreignRecords = (records: readonly ResourceRecordSet[]) => records.filter(foreign);

/** How a record reads in a diff (names normalized; fields Route 53 leaves out stay out). @internal */
export const comparable = (r: ResourceRecordSet) => ({
  Name: fqdn(r.Name ?? ""),
  Type: r.Type,
  SetIdentifier: r.SetIdentifier,
  Failover: r.Failover,
  Region: r.Region,
  TTL: r.TTL,
  ResourceRecords: r.ResourceRecords?.map((x) => fqdn(x.Value ?? "")),
  AliasTarget: r.AliasTarget ? { ...r.AliasTarget, DNSName: fqdn(r.AliasTarget.DNSName ?? "") } : undefined,
  HealthCheckId: r.HealthCheckId,
});

const sameSet = (a: ResourceRecordSet, b: ResourceRecordSet) => a.SetIdentifier === b.SetIdentifier && a.Type === b.Type;
const label = (r: ResourceRecordSet) => `${r.Type}${r.SetIdentifier ? ` ${r.SetIdentifier}` : ""}`;

/** Sends record changes in batches Route 53 accepts, then waits for INSYNC; returns the change ids. */
async function writeRecords(c: RecordSetContext, changes: R53Change[], wrote: (changeIds: string) => void): Promise<string> {
  const r53 = await loadRoute53();
  const zone = await c.zone();
  const ids: string[] = [];
  for (const part of batchChanges(changes)) {
    const out = await awsStep(`ChangeResourceRecordSets ${zone.name}`, () => c.client.send(new r53.ChangeResourceRecordSetsCommand({ HostedZoneId: zone.id, ChangeBatch: { Comment: c.comment, Changes: part } }), { abortSignal: c.signal }));
    if (out.ChangeInfo?.Id) ids.push(out.ChangeInfo.Id);
    // the records are written: a failure while waiting still reports them, with the change ids
    wrote(ids.join(","));
  }
  if (c.wait !== false) await waitForInsync(c.client, ids, { ...(typeof c.wait === "object" ? c.wait : {}), signal: c.signal, onEvent: c.onEvent, key: fqdn(c.domain) });
  return ids.join(",");
}

/** What {@link routedRecordsResource} manages. @internal */
export interface RoutedRecordsDesired extends RecordSetContext {
  routing: "failover" | "latency";
  regions: readonly RoutedRecordSpec[];
  /** TTL of CNAME records. @default 60 */
  ttl: number | undefined;
  /** The health check of each region: known after the reads, or once the check's create ran. */
  healthCheckId: (region: string) => string | undefined;
  /** Whether the run takes over foreign records (their deletion goes into the same batch). */
  adopt: boolean | undefined;
  /** A teardown sees only our records: the foreign ones are resources of their own ({@link foreignRecordResource}). */
  mode: "apply" | "teardown";
}

/** The record of one region. @internal */
export function desiredRecord(d: Pick<RoutedRecordsDesired, "domain" | "routing" | "ttl">, spec: RoutedRecordSpec, healthCheckId: string): ResourceRecordSet {
  const routing =
    d.routing === "failover"
      ? { SetIdentifier: `${SET_ID_PREFIX}${spec.region}-${spec.role}`, Failover: spec.role === "primary" ? ("PRIMARY" as const) : ("SECONDARY" as const) }
      : { SetIdentifier: `${SET_ID_PREFIX}${spec.region}`, Region: spec.region as ResourceRecordSet["Region"] };
  const e = spec.target;
  if (typeof e === "string") return { Name: fqdn(d.domain), Type: "CNAME", ...routing, TTL: d.ttl ?? 60, ResourceRecords: [{ Value: fqdn(e) }], HealthCheckId: healthCheckId };
  return { Name: fqdn(d.domain), Type: "A", ...routing, AliasTarget: { HostedZoneId: e.aliasHostedZoneId, DNSName: fqdn(e.dnsName), EvaluateTargetHealth: true }, HealthCheckId: healthCheckId };
}

/**
 * The routed records of a domain (kind `aws.route53-records`, key the domain): failover (PRIMARY /
 * SECONDARY) or latency records, one per region, each with its region's health check; CNAMEs, or alias A
 * records with target health for load balancers. Ours carry a set identifier starting with
 * `konnect-aws-`. A plain CNAME / A / AAAA or another tool's routed record at the name makes the set
 * unowned: refused, or with `adopt` deleted in the same batch as our upserts. Written in batches of at
 * most 100 changes (`batchChanges`), built at write time (new health checks have ids by then), then
 * awaited until INSYNC. A teardown deletes ours with their exact current values, in one batch, and waits.
 * @internal
 */
export function routedRecordsResource(d: RoutedRecordsDesired): Resource<ResourceRecordSet[]> {
  const build = (id: (region: string) => string) => d.regions.map((spec) => desiredRecord(d, spec, id(spec.region)));
  const pendingId = (region: string) => d.healthCheckId(region) ?? `(health check of ${region}, created on apply)`;
  const plan = (existing: ResourceRecordSet[]) => {
    const mine = existing.filter(ours);
    const desired = build(pendingId);
    const toDelete = [...mine, ...(d.adopt ? foreignRecords(existing) : [])].filter((r) => !desired.some((x) => sameSet(x, r)));
    return { mine, toDelete };
  };
  const write = async (existing: ResourceRecordSet[], progress: { wrote(id?: string): void }) => {
    const { mine, toDelete } = plan(existing);
    const batch: R53Change[] = [
      ...toDelete.map((r) => ({ Action: "DELETE" as const, ResourceRecordSet: r })),
      ...build((r) => d.healthCheckId(r)!)
        .filter((x) => !mine.some((r) => sameSet(r, x) && sameValue(comparable(r), comparable(x))))
        .map((x) => ({ Action: "UPSERT" as const, ResourceRecordSet: x })),
    ];
    return writeRecords(d, batch, (id) => progress.wrote(id));
  };
  const resource: Resource<ResourceRecordSet[]> = {
    kind: "aws.route53-records",
    key: fqdn(d.domain),
    ...(d.dependsOn ? { dependsOn: d.dependsOn } : {}),
    ...(d.needsOnlyIdOf ? { needsOnlyIdOf: d.needsOnlyIdOf } : {}),
    mark: `set identifiers starting with ${SET_ID_PREFIX}`,
    field: "domain",
    async observe(): Promise<Observation<ResourceRecordSet[]>> {
      if (d.mode === "teardown") {
        const existing = await d.read();
        return { exists: existing.some(ours), owned: true, actual: existing, diff: [] };
      }
      const zone = await d.zone();
      if (fqdn(d.domain) === zone.name) {
        for (const spec of d.regions) {
          if (typeof spec.target === "string") throw new ConfigError({ field: `endpoints.${spec.region}`, problem: `${d.domain} is the zone apex, where DNS allows no CNAME`, fix: "give { dnsName, aliasHostedZoneId } of a load balancer (an alias record), or use a subdomain" });
        }
      }
      const existing = await d.read();
      const others = foreignRecords(existing);
      const { mine, toDelete } = plan(existing);
      const diff: FieldDiff[] = [];
      for (const x of build(pendingId)) {
        const current = mine.find((r) => sameSet(r, x));
        if (!current) diff.push({ path: x.SetIdentifier!, after: comparable(x) });
        else if (!sameValue(comparable(current), comparable(x))) diff.push({ path: x.SetIdentifier!, before: comparable(current), after: comparable(x) });
      }
      for (const r of toDelete) diff.push({ path: r.SetIdentifier ?? `${r.Type}`, before: comparable(r) });
      if (others.length && !d.adopt) {
        // the engine refuses an unowned object; this says which records stand in the way
        return { exists: true, owned: false, diff, conflict: { field: "domain", problem: `${d.domain} already has records konnect-aws did not create (${others.map(label).join(", ")}); routed records cannot share the name with them`, fix: "remove them, or pass adopt: true to replace them" } };
      }
      return { exists: mine.length > 0 || others.length > 0, owned: others.length === 0, actual: existing, diff };
    },
    create: (progress) => d.read().then((existing) => write(existing, progress)),
    update: (o, progress) => write(o.actual!, progress).then(() => undefined),
    async delete(o) {
      // DELETE needs the exact current values: the records as read
      await writeRecords(d, o.actual!.filter(ours).map((r) => ({ Action: "DELETE" as const, ResourceRecordSet: r })), () => undefined);
    },
    describe: (o) => o.actual!.filter(ours).map((r) => ({ path: r.SetIdentifier!, before: comparable(r) })),
  };
  return resource;
}

/**
 * One record at the domain that konnect-aws did not write (kind `aws.route53-records`, key
 * `<domain> <type> [<set identifier>]`), declared by a teardown so that it is listed as kept; with
 * `adopt` it is deleted (exact current values, then INSYNC).
 * @internal
 */
export function foreignRecordResource(c: RecordSetContext, record: ResourceRecordSet): Resource<ResourceRecordSet> {
  return {
    kind: "aws.route53-records",
    key: `${fqdn(c.domain)} ${label(record)}`,
    ...(c.dependsOn ? { dependsOn: c.dependsOn } : {}),
    mark: `a set identifier starting with ${SET_ID_PREFIX}`,
    field: "domain",
    observe: async () => ({ exists: true, owned: false, actual: record, diff: [] }),
    create: async () => undefined,
    update: async () => undefined,
    delete: async () => void (await writeRecords(c, [{ Action: "DELETE", ResourceRecordSet: record }], () => undefined)),
    describe: () => [{ path: record.SetIdentifier ?? `${record.Type}`, before: comparable(record) }],
  };
}

/** Teardown: why a health check must stay (a record that is not deleted uses it), or undefined. @internal */
export function recordsUsing(records: readonly ResourceRecordSet[], healthCheckId: string, adopt: boolean | undefined): string | undefined {
  const users = adopt ? [] : foreignRecords(records).filter((r) => r.HealthCheckId === healthCheckId);
  return users.length ? `still used by record ${users.map((r) => `${fqdn(r.Name ?? "")} ${label(r)}`).join(", ")}, which konnect-aws keeps` : undefined;
}
