import { nodeCrypto } from "../../internal/node-crypto.js";
import type { HealthCheck, HealthCheckConfig, Route53Client } from "@aws-sdk/client-route-53";
import { loadRoute53 } from "../../aws/load-sdk.js";
import { fqdn, listHealthChecks } from "../../aws/route53.js";
import { awsStep } from "../../aws/secrets-manager.js";
import type { FieldDiff } from "../../reconcile/change.js";
import { sameValue } from "../../reconcile/diff.js";
import type { Ownership } from "../../reconcile/ownership.js";
import type { Observation, Resource } from "../../reconcile/resource.js";

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
/** The caller references of earlier versions: `konnect-aws/<domain>/<region>/<hash>`. */
const LEGACY_PREFIX = "konnect-aws/";

/** What Route 53 cannot change on an existing check (UpdateHealthCheck has no Type or RequestInterval). */
const IMMUTABLE: Array<keyof HealthCheckConfig> = ["Type", "RequestInterval", "MeasureLatency"];
/** What we set and UpdateHealthCheck can change. */
const UPDATABLE: Array<keyof HealthCheckConfig> = ["FullyQualifiedDomainName", "Port", "ResourcePath", "FailureThreshold", "EnableSNI"];

/** The domain part of the identity tag: the name itself while it fits Route 53's 256-character tag values. */
const domainKey = (domain: string) => {
  const name = fqdn(domain);
  return name.length <= 200 ? name : `sha256:${nodeCrypto().createHash("sha256").update(name).digest("hex").slice(0, 32)}`;
};

/** The identity tag value of one region's check: `<region>/<domain>.` @internal */
export const healthCheckIdentity = (domain: string, region: string) => `${region}/${domainKey(domain)}`;

/** A health check with its tags, as observed. @internal */
export interface ObservedHealthCheck {
  check: HealthCheck;
  tags: Record<string, string>;
}

/** One region's desired check. @internal */
export interface HealthCheckSpec {
  region: string;
  config: HealthCheckConfig;
  /** Every tag the check must carry: user tags, ownership, identity and Name. */
  tags: Record<string, string>;
}

/** Which existing check serves each region, and the other checks of the domain. @internal */
export interface HealthCheckAssignment {
  /** The check found for each region (absent: none, one is created). */
  found: Map<string, ObservedHealthCheck>;
  /**
   * Checks no region uses: this domain's by their identity tag (ours or, untagged, by the caller reference
   * of earlier versions), and untagged checks with the configuration of one of the regions (made by hand).
   */
  unused: ObservedHealthCheck[];
}

const sameFields = (a: HealthCheckConfig | undefined, b: HealthCheckConfig, fields: Array<keyof HealthCheckConfig>) => fields.every((f) => sameValue(a?.[f] ?? null, b[f] ?? null));
const ownedBy = (o: ObservedHealthCheck, ownership: Ownership) => o.tags[ownership.awsTag.key] === ownership.awsTag.value;
const untagged = (o: ObservedHealthCheck) => !Object.keys(o.tags).length;
/** A check of this domain: by the identity tag, or by the caller reference of earlier versions. */
/** Exactly a caller reference we made (`konnect-aws-` and a random UUID), not one that merely starts alike. */
const isOurCallerReference = (ref: string | undefined) => /^konnect-aws-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(ref ?? "");

const ofDomain = (o: ObservedHealthCheck, domain: string) => Boolean(o.tags[HEALTH_CHECK_IDENTITY_TAG]?.endsWith(`/${domainKey(domain)}`) || o.check.CallerReference?.startsWith(`${LEGACY_PREFIX}${fqdn(domain)}/`));

/** Input of {@link createHealthCheckReader}. @internal */
export interface HealthCheckReaderInput {
  client: Route53Client;
  domain: string;
  specs: readonly HealthCheckSpec[];
  ownership: Ownership;
  adopt: boolean | undefined;
  signal: AbortSignal | undefined;
}

/**
 * Reads the account's health checks once for every check resource of a run (one paginated
 * `ListHealthChecks`, then the tags of those that may be ours, 10 per `ListTagsForResources` call, in
 * parallel) and decides which check serves each region:
 * - ours by the ownership and identity tags, with the same type and interval (which Route 53 cannot
 *   change: a check of another type or interval is replaced, and the old one becomes unused);
 * - else a check whose tagging failed right after its creation (our caller-reference prefix, no tags, the
 *   same configuration): taken back and tagged;
 * - else, with `adopt`, an untagged check of the same configuration.
 * Regions claim in order; a check serves one region at most.
 * @internal
 */
export function createHealthCheckReader(p: HealthCheckReaderInput): () => Promise<HealthCheckAssignment> {
  let assignment: Promise<HealthCheckAssignment> | undefined;
  const read = async (): Promise<HealthCheckAssignment> => {
    const [r53, all] = await Promise.all([loadRoute53(), listHealthChecks(p.client, p.signal)]);
    const names = new Set(p.specs.map((s) => fqdn(s.config.FullyQualifiedDomainName ?? "")));
    const candidates = all.filter((h) => h.Id && (h.CallerReference?.startsWith(CALLER_REFERENCE_PREFIX) || h.CallerReference?.startsWith(LEGACY_PREFIX) || names.has(fqdn(h.HealthCheckConfig?.FullyQualifiedDomainName ?? ""))));
    const tags = new Map<string, Record<string, string>>();
    const chunks: HealthCheck[][] = [];
    for (let i = 0; i < candidates.length; i += 10) chunks.push(candidates.slice(i, i + 10));
    await Promise.all(
      chunks.map(async (part) => {
        const out = await awsStep(`ListTagsForResources (${part.length} health checks)`, () =>
          p.client.send(new r53.ListTagsForResourcesCommand({ ResourceType: "healthcheck", ResourceIds: part.map((h) => h.Id!) }), { abortSignal: p.signal }),
        );
        for (const set of out.ResourceTagSets ?? []) tags.set(set.ResourceId ?? "", Object.fromEntries((set.Tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""])));
      }),
    );
    const observed = candidates.map((check) => ({ check, tags: tags.get(check.Id!) ?? {} }));

    const claimed = new Set<string>();
    const found = new Map<string, ObservedHealthCheck>();
    for (const spec of p.specs) {
      const free = observed.filter((o) => !claimed.has(o.check.Id!));
      const mine = free.filter((o) => ownedBy(o, p.ownership) && o.tags[HEALTH_CHECK_IDENTITY_TAG] === spec.tags[HEALTH_CHECK_IDENTITY_TAG]);
      const untaggedSame = free.filter((o) => untagged(o) && sameFields(o.check.HealthCheckConfig, spec.config, [...IMMUTABLE, ...UPDATABLE]));
      const hit =
        mine.find((o) => sameFields(o.check.HealthCheckConfig, spec.config, IMMUTABLE)) ??
        untaggedSame.find((o) => isOurCallerReference(o.check.CallerReference)) ??
        (p.adopt ? untaggedSame[0] : undefined);
      if (!hit) continue;
      claimed.add(hit.check.Id!);
      found.set(spec.region, hit);
    }
    const lookalike = (o: ObservedHealthCheck) => untagged(o) && p.specs.some((s) => sameFields(o.check.HealthCheckConfig, s.config, [...IMMUTABLE, ...UPDATABLE]));
    const unused = observed.filter((o) => !claimed.has(o.check.Id!) && (ofDomain(o, p.domain) || lookalike(o)));
    return { found, unused };
  };
  return () => (assignment ??= read());
}

/**
 * The unused checks an apply run removes once the records moved away from them: this domain's checks (by
 * the identity tag, or the caller reference of earlier versions) that carry the ownership tag or, with
 * `adopt`, any of them. A check without the ownership tag is never deleted without `adopt`; an untagged
 * look-alike of another origin is left alone. A teardown takes every unused check (the engine keeps the
 * unowned ones and lists them).
 * @internal
 */
export function staleHealthChecks(a: HealthCheckAssignment, domain: string, ownership: Ownership, adopt: boolean | undefined): ObservedHealthCheck[] {
  return a.unused.filter((o) => ofDomain(o, domain) && (ownedBy(o, ownership) || adopt));
}

/** What {@link healthCheckResource} manages. @internal */
export interface HealthCheckDesired {
  client: Route53Client;
  domain: string;
  spec: HealthCheckSpec;
  read: () => Promise<HealthCheckAssignment>;
  ownership: Ownership;
  signal: AbortSignal | undefined;
  /** Teardown: why the check must stay (a record that remains still uses it), or undefined. */
  usedBy?: ((id: string) => string | undefined) | undefined;
  /** Filled by the run: the id of the region's check once known. */
  out: { id?: string | undefined };
}

const tagList = (t: Record<string, string>) => Object.entries(t).map(([Key, Value]) => ({ Key, Value }));

async function deleteCheck(client: Route53Client, id: string, signal: AbortSignal | undefined): Promise<void> {
  const r53 = await loadRoute53();
  await awsStep(`DeleteHealthCheck ${id}`, () => client.send(new r53.DeleteHealthCheckCommand({ HealthCheckId: id }), { abortSignal: signal }));
}

/**
 * One region's Route 53 health check (kind `aws.route53-health-check`, key `<domain>.@<region>`), found
 * by {@link createHealthCheckReader}. Created with a fresh `konnect-aws-<uuid>` caller reference, then
 * tagged (ownership, identity, Name, the user's tags); a crash between the two leaves an untagged check
 * with our caller reference, which the next run takes back. Updatable fields converge with
 * UpdateHealthCheck, tags with ChangeTagsForResource (missing or changed added, others removed); a
 * type or interval change creates a new check (the old one is removed as unused). Deleted with
 * DeleteHealthCheck, after the records that use it.
 * @internal
 */
export function healthCheckResource(d: HealthCheckDesired): Resource<ObservedHealthCheck> {
  const { spec } = d;
  const plan = (found: ObservedHealthCheck) => {
    const current = found.check.HealthCheckConfig;
    const diff: FieldDiff[] = [];
    const update: Partial<HealthCheckConfig> = {};
    for (const f of UPDATABLE) {
      if (!sameValue(current?.[f] ?? null, spec.config[f] ?? null)) {
        diff.push({ path: f, ...(current?.[f] !== undefined ? { before: current[f] } : {}), after: spec.config[f] });
        (update as Record<string, unknown>)[f] = spec.config[f];
      }
    }
    const add = Object.entries(spec.tags).filter(([k, v]) => found.tags[k] !== v);
    const remove = Object.keys(found.tags).filter((k) => !(k in spec.tags));
    for (const [k, v] of add) diff.push({ path: `tags.${k}`, ...(k in found.tags ? { before: found.tags[k] } : {}), after: v });
    for (const k of remove) diff.push({ path: `tags.${k}`, before: found.tags[k] });
    return { diff, update, add, remove };
  };
  const resource: Resource<ObservedHealthCheck> = {
    kind: "aws.route53-health-check",
    key: `${fqdn(d.domain)}@${spec.region}`,
    mark: `the ${d.ownership.awsTag.key}=${d.ownership.awsTag.value} tag`,
    field: "domain",
    async observe(): Promise<Observation<ObservedHealthCheck>> {
      const found = (await d.read()).found.get(spec.region);
      d.out.id = found?.check.Id;
      if (!found) return { exists: false, owned: false, diff: [...Object.entries(spec.config).map(([k, v]) => ({ path: k, after: v })), ...Object.entries(spec.tags).map(([k, v]) => ({ path: `tags.${k}`, after: v }))] };
      // ours by the tag, or by our caller reference on a check whose tagging failed after its creation
      const owned = ownedBy(found, d.ownership) || (untagged(found) && isOurCallerReference(found.check.CallerReference));
      return { exists: true, id: found.check.Id!, owned, actual: found, diff: plan(found).diff };
    },
    async create(progress) {
      const r53 = await loadRoute53();
      const out = await awsStep(`CreateHealthCheck ${spec.region}`, () =>
        d.client.send(new r53.CreateHealthCheckCommand({ CallerReference: `${CALLER_REFERENCE_PREFIX}${nodeCrypto().randomUUID()}`, HealthCheckConfig: spec.config }), { abortSignal: d.signal }),
      );
      const id = out.HealthCheck!.Id!;
      d.out.id = id;
      progress.wrote(id);
      // a crash between these two writes leaves an untagged check with our caller reference: the next
      // run takes it back by its configuration and tags it
      await awsStep(`ChangeTagsForResource ${id}`, () => d.client.send(new r53.ChangeTagsForResourceCommand({ ResourceType: "healthcheck", ResourceId: id, AddTags: tagList(spec.tags) }), { abortSignal: d.signal }));
      return id;
    },
    async update(o, progress) {
      const r53 = await loadRoute53();
      const { check } = o.actual!;
      const { update, add, remove } = plan(o.actual!);
      if (Object.keys(update).length) {
        await awsStep(`UpdateHealthCheck ${check.Id}`, () => d.client.send(new r53.UpdateHealthCheckCommand({ HealthCheckId: check.Id, HealthCheckVersion: check.HealthCheckVersion, ...update }), { abortSignal: d.signal }));
        progress.wrote();
      }
      if (add.length || remove.length) {
        await awsStep(`ChangeTagsForResource ${check.Id}`, () =>
          d.client.send(new r53.ChangeTagsForResourceCommand({ ResourceType: "healthcheck", ResourceId: check.Id, ...(add.length ? { AddTags: tagList(Object.fromEntries(add)) } : {}), ...(remove.length ? { RemoveTagKeys: remove } : {}) }), { abortSignal: d.signal }),
        );
      }
    },
    delete: (o) => deleteCheck(d.client, o.id!, d.signal),
    describe: (o) => [{ path: "HealthCheckConfig", before: o.actual?.check.HealthCheckConfig }],
    usedBy: async (o) => d.usedBy?.(o.id!),
  };
  return resource;
}

/** What {@link unusedHealthCheckResource} removes. @internal */
export interface UnusedHealthCheck {
  client: Route53Client;
  check: ObservedHealthCheck;
  mode: "apply" | "teardown";
  ownership: Ownership;
  signal: AbortSignal | undefined;
  /** Teardown: why the check must stay (a record that remains still uses it), or undefined. */
  usedBy?: ((id: string) => string | undefined) | undefined;
  /** Take an unmarked check of this domain as ours (it is then deleted like ours). */
  adopt?: boolean | undefined;
  /** The domain: `adopt` takes over only checks marked as this domain's, never a look-alike of another origin. */
  domain: string;
}

/**
 * A health check whose desired state is "absent" (kind `aws.route53-health-check`, key its caller
 * reference): one no region uses any more ({@link staleHealthChecks}), or, in a teardown, any unused
 * check of the domain.
 *
 * In a teardown it is an ordinary resource: deleted if ours, kept and listed otherwise. In an apply run it
 * is declared `absent`: the engine deletes it if ours and keeps it otherwise; the records list it among
 * what they depend on, so it goes once the records moved away from it.
 * @internal
 */
export function unusedHealthCheckResource(d: UnusedHealthCheck): Resource<ObservedHealthCheck> {
  const { check, tags } = d.check;
  const remove = () => deleteCheck(d.client, check.Id!, d.signal);
  const diff = [{ path: "HealthCheckConfig", before: check.HealthCheckConfig }];
  return {
    kind: "aws.route53-health-check",
    key: check.CallerReference ?? check.Id!,
    mark: `the ${d.ownership.awsTag.key}=${d.ownership.awsTag.value} tag`,
    field: "domain",
    ...(d.mode === "apply" ? { absent: true } : {}),
    observe: async () => ({ exists: true, id: check.Id!, owned: tags[d.ownership.awsTag.key] === d.ownership.awsTag.value || (Boolean(d.adopt) && ofDomain(d.check, d.domain)), actual: d.check, diff }),
    create: async () => check.Id,
    update: async () => undefined,
    delete: remove,
    describe: () => diff,
    // even with adopt, a check that nothing marks as this domain's (a look-alike of the same endpoint
    // made elsewhere, say by a monitoring team) is not ours to delete
    usedBy: async () => (tags[d.ownership.awsTag.key] !== d.ownership.awsTag.value && !ofDomain(d.check, d.domain) ? "an unmarked check of the same endpoint that nothing marks as this domain's: konnect-aws leaves it" : d.usedBy?.(check.Id!)),
  };
}
