import type { Change as R53Change, HealthCheck, HostedZone, ResourceRecordSet, Route53Client } from "@aws-sdk/client-route-53";
import { AwsStepError } from "../errors/aws-step-error.js";
import { ConfigError } from "../errors/config-error.js";
import type { OperationEvent } from "../reconcile/executor.js";
import { sleep as defaultSleep } from "../internal/sleep.js";
import { loadRoute53 } from "./load-sdk.js";

/** Normalizes a DNS name as Route 53 returns it: lowercase with the trailing dot. @internal */
export const fqdn = (name: string) => (name.toLowerCase().endsWith(".") ? name.toLowerCase() : `${name.toLowerCase()}.`);
const zoneIdOf = (id: string | undefined) => (id ?? "").replace(/^\/hostedzone\//, "");

/** Finds the hosted zone for a domain: the given one (checked to contain the domain) or the closest public zone. @internal */
export async function findHostedZone(client: Route53Client, domain: string, hostedZoneId: string | undefined, signal?: AbortSignal): Promise<{ id: string; name: string }> {
  const r53 = await loadRoute53();
  const target = fqdn(domain);
  if (hostedZoneId) {
    let zone: HostedZone | undefined;
    try {
      zone = (await client.send(new r53.GetHostedZoneCommand({ Id: hostedZoneId }), { abortSignal: signal })).HostedZone;
    } catch (error) {
      if ((error as { name?: string }).name === "NoSuchHostedZone") throw new ConfigError({ field: "hostedZoneId", problem: `no hosted zone ${hostedZoneId}`, fix: "check the id, or leave it out to find the zone by the domain" });
      throw new AwsStepError(`GetHostedZone ${hostedZoneId}`, error);
    }
    const name = zone?.Name ?? "";
    if (target !== name && !target.endsWith(`.${name}`)) throw new ConfigError({ field: "domain", problem: `${domain} is not inside hosted zone ${name}`, fix: "use a domain in that zone, or the zone that contains the domain" });
    return { id: zoneIdOf(zone?.Id), name };
  }
  // Every candidate suffix (api.example.com., example.com.; never the bare TLD) is asked for at once, one
  // ListHostedZonesByName each, and the most specific public zone wins: one round trip instead of one per
  // label. (A single listing cannot replace them: zones sort by reversed labels, so one starting at the
  // apex would have to read every zone between example.com and api.example.com.) It costs a request per
  // candidate even when the most specific one matches; domains have few labels.
  const labels = target.replace(/\.$/, "").split(".");
  const candidates = labels.slice(0, -1).map((_, i) => `${labels.slice(i).join(".")}.`);
  const found = await Promise.all(
    candidates.map(async (candidate) => {
      const out = await client.send(new r53.ListHostedZonesByNameCommand({ DNSName: candidate, MaxItems: 1 }), { abortSignal: signal }).catch((e: unknown) => {
        throw new AwsStepError(`ListHostedZonesByName ${candidate}`, e);
      });
      const zone = out.HostedZones?.[0];
      return zone?.Name === candidate && !zone.Config?.PrivateZone ? { id: zoneIdOf(zone.Id), name: candidate } : undefined;
    }),
  );
  const best = found.find((z) => z !== undefined);
  if (!best) throw new ConfigError({ field: "hostedZoneId", problem: `no public hosted zone contains ${domain}`, fix: "create the zone, or pass hostedZoneId" });
  return best;
}

/** Every record set of one name in a zone (one paginated list). @internal */
export async function listRecordSets(client: Route53Client, zoneId: string, name: string, signal?: AbortSignal): Promise<ResourceRecordSet[]> {
  const r53 = await loadRoute53();
  const out: ResourceRecordSet[] = [];
  let start: { StartRecordName?: string; StartRecordType?: ResourceRecordSet["Type"]; StartRecordIdentifier?: string } = { StartRecordName: fqdn(name) };
  for (;;) {
    const page = await client.send(new r53.ListResourceRecordSetsCommand({ HostedZoneId: zoneId, ...start, MaxItems: 300 }), { abortSignal: signal }).catch((e: unknown) => {
      throw new AwsStepError(`ListResourceRecordSets ${name}`, e);
    });
    const sets = page.ResourceRecordSets ?? [];
    const mine = sets.filter((s) => fqdn(s.Name ?? "") === fqdn(name));
    out.push(...mine);
    if (!page.IsTruncated || mine.length < sets.length) return out;
    start = { StartRecordName: page.NextRecordName, StartRecordType: page.NextRecordType, ...(page.NextRecordIdentifier ? { StartRecordIdentifier: page.NextRecordIdentifier } : {}) };
  }
}

/** Every health check of the account (paginated). @internal */
export async function listHealthChecks(client: Route53Client, signal?: AbortSignal): Promise<HealthCheck[]> {
  const r53 = await loadRoute53();
  const out: HealthCheck[] = [];
  let marker: string | undefined;
  do {
    const page = await client.send(new r53.ListHealthChecksCommand({ MaxItems: 1000, ...(marker ? { Marker: marker } : {}) }), { abortSignal: signal }).catch((e: unknown) => {
      throw new AwsStepError("ListHealthChecks", e);
    });
    out.push(...(page.HealthChecks ?? []));
    marker = page.IsTruncated ? page.NextMarker : undefined;
  } while (marker);
  return out;
}

/**
 * Splits record changes into batches Route 53 accepts: at most 100 changes per call, an UPSERT counting
 * twice (it is a delete plus a create), per the ChangeResourceRecordSets quotas.
 * @internal
 */
export function batchChanges(changes: R53Change[], limit = 100): R53Change[][] {
  const batches: R53Change[][] = [];
  let current: R53Change[] = [];
  let weight = 0;
  for (const c of changes) {
    const w = c.Action === "UPSERT" ? 2 : 1;
    if (weight + w > limit && current.length) {
      batches.push(current);
      current = [];
      weight = 0;
    }
    current.push(c);
    weight += w;
  }
  if (current.length) batches.push(current);
  return batches;
}

/** How the operations that write DNS records poll Route 53 until their changes are INSYNC. */
export interface WaitOptions {
  /** Give up after this long. @default 300000 (5 minutes) */
  timeoutMs?: number;
  /**
   * The longest wait between polls. Polls start 500 ms after the first one and double up to this, so a
   * change that is INSYNC within a second costs two polls and one that takes the usual 60 s about nine.
   * @default 15000
   */
  intervalMs?: number;
  /** Replaces the wait between polls. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** First wait between two GetChange polls; doubles up to `intervalMs`. @internal */
export const FIRST_POLL_DELAY_MS = 500;

/** Polls GetChange until INSYNC, with progress events; a timeout is an error that a re-run resumes from. @internal */
export async function waitForInsync(client: Route53Client, changeIds: string[], options: WaitOptions & { signal?: AbortSignal; onEvent?: (e: OperationEvent) => void; key: string }): Promise<void> {
  const r53 = await loadRoute53();
  const timeoutMs = options.timeoutMs ?? 300_000;
  const intervalMs = options.intervalMs ?? 15_000;
  const sleep = options.sleep ?? defaultSleep;
  let waited = 0;
  let next = Math.min(FIRST_POLL_DELAY_MS, intervalMs);
  const pending = new Set(changeIds);
  for (;;) {
    await Promise.all(
      [...pending].map(async (id) => {
        const out = await client.send(new r53.GetChangeCommand({ Id: id }), { abortSignal: options.signal }).catch((e: unknown) => {
          throw new AwsStepError(`GetChange ${id}`, e);
        });
        if (out.ChangeInfo?.Status === "INSYNC") pending.delete(id);
      }),
    );
    if (!pending.size) return;
    if (waited >= timeoutMs) {
      throw new AwsStepError(`GetChange (waiting for INSYNC)`, new Error(`${pending.size} change(s) still PENDING after ${Math.round(waited / 1000)} s; the records are written, run again to resume waiting`));
    }
    options.onEvent?.({ type: "waiting", kind: "aws.route53-change", key: options.key, message: `${pending.size} change(s) PENDING after ${Math.round(waited / 1000)} s` });
    // jitter keeps many waiters from polling in step
    const delay = Math.min(Math.round(next * (0.9 + Math.random() * 0.2)), Math.max(0, timeoutMs - waited));
    await sleep(delay, options.signal);
    waited += delay;
    next = Math.min(next * 2, intervalMs);
  }
}
