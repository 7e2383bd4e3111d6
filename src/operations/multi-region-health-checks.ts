import { createHash, randomUUID } from "node:crypto";
import type { HealthCheck, HealthCheckConfig, Route53Client } from "@aws-sdk/client-route-53";
import { loadRoute53 } from "../aws/load-sdk.js";
import { fqdn } from "../aws/route53.js";
import { awsStep } from "../aws/secrets-manager.js";
import type { Change, FieldDiff } from "../reconcile/change.js";
import { sameValue } from "../reconcile/diff.js";
import type { PlannedChange } from "../reconcile/executor.js";
import type { Ownership } from "../reconcile/ownership.js";

/**
 * Route 53 allows 10 tags per health check (Route 53 Developer Guide, "Quotas": "Tags per resource: 10").
 * @internal
 */
export const ROUTE53_MAX_TAGS = 10;
/** The tag that says which domain and region a health check serves (its identity, found again by it). @internal */
export const HEALTH_CHECK_IDENTITY_TAG = "konnect-aws:health-check";
/**
 * Caller references of the checks we create: `konnect-aws-<uuid>` (48 characters; Route 53 allows 64,
 * HealthCheckNonce length 1..64). Unique per creation, because Route 53 refuses a caller reference that
 * was ever used, even by a deleted check (CreateHealthCheck, CallerReference). Checks are found again by
 * their tags and configuration, never by recomputing a reference.
 * @internal
 */
export const CALLER_REFERENCE_PREFIX = "konnect-aws-";
/** The caller references of earlier versions: `konnect-aws/<domain>/<region>/<hash>`. @internal */
const LEGACY_PREFIX = "konnect-aws/";

/** What Route 53 cannot change on an existing check (UpdateHealthCheck has no Type or RequestInterval). */
const IMMUTABLE: Array<keyof HealthCheckConfig> = ["Type", "RequestInterval", "MeasureLatency"];
/** What we set and UpdateHealthCheck can change. */
const UPDATABLE: Array<keyof HealthCheckConfig> = ["FullyQualifiedDomainName", "Port", "ResourcePath", "FailureThreshold", "EnableSNI"];

/** The domain part of the identity tag: the name itself while it fits Route 53's 256-character tag values. */
const domainKey = (domain: string) => {
  const name = fqdn(domain);
  return name.length <= 200 ? name : `sha256:${createHash("sha256").update(name).digest("hex").slice(0, 32)}`;
};

/** The identity tag value of one region's check: `<region>/<domain>.` @internal */
export const healthCheckIdentity = (domain: string, region: string) => `${region}/${domainKey(domain)}`;

/** A health check with its tags, as the plan sees it. @internal */
export interface ObservedHealthCheck {
  check: HealthCheck;
  tags: Record<string, string>;
}

/**
 * Reads the account's health checks and the tags of those that may be ours (our caller-reference
 * prefixes, or probing one of the endpoints), 10 per `ListTagsForResources` call, in parallel.
 * @internal
 */
export async function observeHealthChecks(client: Route53Client, all: HealthCheck[], endpointNames: string[], signal?: AbortSignal): Promise<ObservedHealthCheck[]> {
  const r53 = await loadRoute53();
  const names = new Set(endpointNames.map((n) => fqdn(n)));
  const candidates = all.filter((h) => h.Id && (h.CallerReference?.startsWith(CALLER_REFERENCE_PREFIX) || h.CallerReference?.startsWith(LEGACY_PREFIX) || names.has(fqdn(h.HealthCheckConfig?.FullyQualifiedDomainName ?? ""))));
  const tags = new Map<string, Record<string, string>>();
  const chunks: HealthCheck[][] = [];
  for (let i = 0; i < candidates.length; i += 10) chunks.push(candidates.slice(i, i + 10));
  await Promise.all(
    chunks.map(async (part) => {
      const out = await awsStep(`ListTagsForResources (${part.length} health checks)`, () =>
        client.send(new r53.ListTagsForResourcesCommand({ ResourceType: "healthcheck", ResourceIds: part.map((h) => h.Id!) }), { abortSignal: signal }),
      );
      for (const set of out.ResourceTagSets ?? []) tags.set(set.ResourceId ?? "", Object.fromEntries((set.Tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""])));
    }),
  );
  return candidates.map((check) => ({ check, tags: tags.get(check.Id!) ?? {} }));
}

/** What one region's check plan produced. @internal */
export interface HealthCheckPlan {
  step: PlannedChange;
  /** The check that will serve the region (known now, or set by the step's write). */
  id: () => string | undefined;
}

const sameFields = (a: HealthCheckConfig | undefined, b: HealthCheckConfig, fields: Array<keyof HealthCheckConfig>) => fields.every((f) => sameValue(a?.[f] ?? null, b[f] ?? null));

/** Input of {@link planHealthCheck}. @internal */
export interface PlanHealthCheckInput {
  client: Route53Client;
  domain: string;
  region: string;
  config: HealthCheckConfig;
  /** Every tag the check must carry: user tags, ownership, identity and Name. */
  tags: Record<string, string>;
  observed: ObservedHealthCheck[];
  /** Checks already claimed by another region's plan. */
  claimed: Set<string>;
  ownership: Ownership;
  adopt: boolean | undefined;
  signal: AbortSignal | undefined;
}

/**
 * Plans one region's health check: found again by its ownership and identity tags; a check whose
 * tagging failed right after its creation (our caller reference, no tags, the same configuration) is
 * taken back and tagged; with `adopt`, an untagged check of the same configuration is taken over.
 * Otherwise a new check is created with a fresh caller reference and tagged. Configuration and tags
 * converge like any field: updatable fields with UpdateHealthCheck, the type or interval (which Route 53
 * cannot change) by a new check, tags with ChangeTagsForResource (missing or changed added, others
 * removed).
 * @internal
 */
export function planHealthCheck(p: PlanHealthCheckInput): HealthCheckPlan {
  const identity = p.tags[HEALTH_CHECK_IDENTITY_TAG]!;
  const owned = (o: ObservedHealthCheck) => o.tags[p.ownership.awsTag.key] === p.ownership.awsTag.value;
  const free = p.observed.filter((o) => !p.claimed.has(o.check.Id!));
  const mine = free.filter((o) => owned(o) && o.tags[HEALTH_CHECK_IDENTITY_TAG] === identity);
  const untaggedSame = free.filter((o) => !Object.keys(o.tags).length && sameFields(o.check.HealthCheckConfig, p.config, [...IMMUTABLE, ...UPDATABLE]));
  const found =
    mine.find((o) => sameFields(o.check.HealthCheckConfig, p.config, IMMUTABLE)) ??
    untaggedSame.find((o) => o.check.CallerReference?.startsWith(CALLER_REFERENCE_PREFIX)) ??
    (p.adopt ? untaggedSame[0] : undefined);
  const change: Change = { action: "noop", kind: "aws.route53-health-check", key: `${fqdn(p.domain)}@${p.region}`, diff: [] };
  const step: PlannedChange = { change };
  let id: string | undefined = found?.check.Id;
  const tagList = (t: Record<string, string>) => Object.entries(t).map(([Key, Value]) => ({ Key, Value }));
  const r53 = loadRoute53();

  if (!found) {
    Object.assign(change, { action: "create", pending: true, diff: [...Object.entries(p.config).map(([k, v]) => ({ path: k, after: v })), ...Object.entries(p.tags).map(([k, v]) => ({ path: `tags.${k}`, after: v }))] });
    step.apply = async (progress) => {
      const m = await r53;
      const out = await awsStep(`CreateHealthCheck ${p.region}`, () => p.client.send(new m.CreateHealthCheckCommand({ CallerReference: `${CALLER_REFERENCE_PREFIX}${randomUUID()}`, HealthCheckConfig: p.config }), { abortSignal: p.signal }));
      id = change.id = out.HealthCheck!.Id!;
      progress.wrote();
      // a crash between these two writes leaves an untagged check with our caller reference: the next
      // run takes it back by its configuration and tags it
      await awsStep(`ChangeTagsForResource ${id}`, () => p.client.send(new m.ChangeTagsForResourceCommand({ ResourceType: "healthcheck", ResourceId: id, AddTags: tagList(p.tags) }), { abortSignal: p.signal }));
      delete change.pending;
    };
    return { step, id: () => id };
  }

  p.claimed.add(found.check.Id!);
  change.id = found.check.Id;
  const current = found.check.HealthCheckConfig;
  const diff: FieldDiff[] = [];
  const update: Partial<HealthCheckConfig> = {};
  for (const f of UPDATABLE) {
    if (!sameValue(current?.[f] ?? null, p.config[f] ?? null)) {
      diff.push({ path: f, ...(current?.[f] !== undefined ? { before: current[f] } : {}), after: p.config[f] });
      (update as Record<string, unknown>)[f] = p.config[f];
    }
  }
  const add = Object.entries(p.tags).filter(([k, v]) => found.tags[k] !== v);
  const remove = Object.keys(found.tags).filter((k) => !(k in p.tags));
  for (const [k, v] of add) diff.push({ path: `tags.${k}`, ...(k in found.tags ? { before: found.tags[k] } : {}), after: v });
  for (const k of remove) diff.push({ path: `tags.${k}`, before: found.tags[k] });
  if (!diff.length) return { step, id: () => id };
  Object.assign(change, { action: "update", diff, ...(owned(found) ? {} : { adopted: true }) });
  step.apply = async (progress) => {
    const m = await r53;
    if (Object.keys(update).length) {
      await awsStep(`UpdateHealthCheck ${found.check.Id}`, () =>
        p.client.send(new m.UpdateHealthCheckCommand({ HealthCheckId: found.check.Id, HealthCheckVersion: found.check.HealthCheckVersion, ...update }), { abortSignal: p.signal }),
      );
      progress.wrote();
    }
    if (add.length || remove.length) {
      await awsStep(`ChangeTagsForResource ${found.check.Id}`, () =>
        p.client.send(new m.ChangeTagsForResourceCommand({ ResourceType: "healthcheck", ResourceId: found.check.Id, ...(add.length ? { AddTags: tagList(Object.fromEntries(add)) } : {}), ...(remove.length ? { RemoveTagKeys: remove } : {}) }), { abortSignal: p.signal }),
      );
    }
  };
  return { step, id: () => id };
}

/**
 * Health checks of this domain that no region uses any more: ours by the ownership tag (and by the
 * identity tag, or the caller reference of earlier versions), or, with `adopt`, any check claimed for
 * this domain by those marks. An untagged check is never deleted without `adopt`.
 * @internal
 */
export function staleHealthChecks(observed: ObservedHealthCheck[], domain: string, claimed: Set<string>, ownership: Ownership, adopt: boolean | undefined): ObservedHealthCheck[] {
  const suffix = `/${domainKey(domain)}`;
  const legacy = `${LEGACY_PREFIX}${fqdn(domain)}/`;
  return observed.filter((o) => {
    if (claimed.has(o.check.Id!)) return false;
    const forDomain = o.tags[HEALTH_CHECK_IDENTITY_TAG]?.endsWith(suffix) || o.check.CallerReference?.startsWith(legacy);
    const owned = o.tags[ownership.awsTag.key] === ownership.awsTag.value;
    return forDomain && (owned || adopt);
  });
}
