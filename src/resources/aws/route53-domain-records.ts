import type { Change as R53Change, ResourceRecordSet, Route53Client } from "@aws-sdk/client-route-53";
import { loadRoute53 } from "../../aws/load-sdk.js";
import { batchChanges, fqdn, listRecordSets, waitForInsync, type WaitOptions } from "../../aws/route53.js";
import { awsStep } from "../../aws/secrets-manager.js";
import { ConfigError } from "../../errors/config-error.js";
import type { FieldDiff } from "../../reconcile/change.js";
import type { OperationEvent } from "../../reconcile/executor.js";
import type { Observation, Resource } from "../../reconcile/resource.js";
import type { Zone } from "./route53-record-set.js";

/**
 * Plain records (a CNAME, an alias A/AAAA, a CAA value) cannot carry a set identifier, so the
 * `konnect-aws-` set-identifier mark of the routed records cannot prove they are ours. Their mark is a TXT
 * record next to the name, as external-dns's TXT registry does (kubernetes-sigs/external-dns,
 * docs/registry/txt.md: `"heritage=external-dns,external-dns/owner=<id>,external-dns/resource=..."` in a
 * TXT record beside each managed record): `_konnect-aws.<domain>` holds
 * `"heritage=konnect-aws,konnect-aws/owner=<tag key>=<tag value>,konnect-aws/target=<target>"` and one string
 * per record konnect-aws wrote for the domain (`"konnect-aws/record=CNAME api.example.com."`, and for a
 * value merged into a CAA set `"konnect-aws/record=CAA example.com. 0 issue pki.goog"`). A record not listed
 * there is not ours, whatever its value. The TXT name sits below the domain, so it coexists with a CNAME
 * at the domain (RFC 1034 §3.6.2 forbids other data only at the CNAME's own name).
 * @internal
 */
export const REGISTRY_LABEL = "_konnect-aws";
const HERITAGE = "heritage=konnect-aws";
const RECORD = "konnect-aws/record=";

/** The registry TXT name of a domain (a wildcard's `*` becomes `_konnect-aws-wildcard`). @internal */
export const registryName = (domain: string) => (domain.startsWith("*.") ? `${REGISTRY_LABEL}-wildcard.${fqdn(domain.slice(2))}` : `${REGISTRY_LABEL}.${fqdn(domain)}`);

/** One record konnect-aws wants at a name. @internal */
export interface DomainRecord {
  name: string;
  type: "CNAME" | "A" | "AAAA";
  /** CNAME target. */
  value?: string;
  /** Alias target (A / AAAA). */
  alias?: { HostedZoneId: string; DNSName: string; EvaluateTargetHealth: boolean };
  /**
   * A record other certificates may rely on too (an ACM validation CNAME, one per name and account): an
   * identical one that someone else wrote is used as it is, neither claimed nor refused.
   */
  shareable?: boolean;
}

/** The CA a CAA set must allow, and the names that count as allowing it. @internal */
export interface CaaIssuer {
  /** What to add, such as `pki.goog` (Konnect's issuer) or `amazon.com` (ACM). */
  add: string;
  /** Issuer domains that already allow it (ACM accepts any of amazon.com, amazontrust.com, awstrust.com, amazonaws.com). */
  accepted: readonly string[];
  /** Whether the name is a wildcard (CAA `issuewild` applies when the set has one, RFC 8659 §4.3). */
  wildcard: boolean;
  /** Whether the domain itself may hold CAA (false when it is a CNAME: the search starts at its parent). */
  atDomain: boolean;
}

/** What {@link domainRecordsResource} manages. @internal */
export interface DomainRecordsDesired {
  client: Route53Client;
  zone: () => Promise<Zone>;
  domain: string;
  /** `<tag key>=<tag value>` of the AWS ownership tag. */
  owner: string;
  /** What the records point at (`cloud-gateway/<control plane>`, `load-balancer/<arn>`), kept in the registry. */
  target: string;
  /** The records wanted; values an earlier write of the plan provides are read at write time. */
  records: (phase: "plan" | "write") => DomainRecord[];
  caa: CaaIssuer | undefined;
  /** `teardown` (or `absent`): remove every record the registry lists. */
  mode: "apply" | "teardown";
  absent?: boolean;
  adopt: boolean | undefined;
  ttl: number;
  wait: boolean | WaitOptions | undefined;
  comment: string;
  onEvent: ((e: OperationEvent) => void) | undefined;
  signal: AbortSignal | undefined;
  dependsOn?: readonly Resource[];
  /**
   * Resolves once `records("plan")` is final (the certificates it takes validation records from are
   * observed): the observe reads the zone without waiting for it, and plans after it, reading then any
   * name it made known that the read did not cover.
   */
  settled?: () => Promise<unknown>;
  /** The registry record's sets as the run already read them (to learn whether it claims a custom domain): the first read uses them. */
  registry?: Promise<ResourceRecordSet[]>;
}

interface Observed {
  sets: ResourceRecordSet[];
  registry: ResourceRecordSet | undefined;
  /** Record keys (`TYPE name.`) and CAA entries the registry lists. */
  listed: string[];
  caaAt: string | undefined;
  /** The names read. */
  names: string[];
}

const keyOf = (type: string, name: string) => `${type} ${name.startsWith("(") ? name : fqdn(name)}`;
/**
 * A TXT value: a character-string holds at most 255 characters (RFC 1035 §3.3; Route 53 TXT records: "each
 * string can be up to 255 characters"), so a longer text goes as several strings in one value, which
 * {@link untxt} joins again.
 */
const txt = (s: string) => (s.match(/.{1,255}/g) ?? [""]).map((part) => `"${part}"`).join(" ");
const untxt = (v: string | undefined) => [...(v ?? "").matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).join("") || (v ?? "");
const caaEntry = (name: string, tag: string, issuer: string) => `CAA ${fqdn(name)} 0 ${tag} ${issuer}`;
/** `0 issue "pki.goog; account=1"` -> { tag: "issue", issuer: "pki.goog" } (RFC 8659 §4.2 issuer-domain-name). */
const parseCaa = (v: string) => {
  const m = /^\s*\d+\s+(\S+)\s+"?([^";]*)/.exec(v);
  return m ? { tag: m[1]!.toLowerCase(), issuer: m[2]!.trim().toLowerCase() } : undefined;
};

/** The wanted record as Route 53 stores it. */
function recordSet(r: DomainRecord, ttl: number): ResourceRecordSet {
  // a value only a later write knows stays as its placeholder text in a plan
  const dns = (v: string) => (v.startsWith("(") ? v : fqdn(v));
  if (!r.alias) return { Name: dns(r.name), Type: r.type, TTL: ttl, ResourceRecords: [{ Value: dns(r.value ?? "") }] };
  return r.alias ? { Name: fqdn(r.name), Type: r.type, AliasTarget: { ...r.alias, DNSName: fqdn(r.alias.DNSName) } } : { Name: fqdn(r.name), Type: r.type, TTL: ttl, ResourceRecords: [{ Value: fqdn(r.value ?? "") }] };
}

const sameRecord = (a: ResourceRecordSet, b: ResourceRecordSet) =>
  a.Type === b.Type &&
  (a.AliasTarget
    ? Boolean(b.AliasTarget) && a.AliasTarget.HostedZoneId === b.AliasTarget!.HostedZoneId && fqdn(a.AliasTarget.DNSName ?? "") === fqdn(b.AliasTarget!.DNSName ?? "") && a.AliasTarget.EvaluateTargetHealth === b.AliasTarget!.EvaluateTargetHealth
    : !b.AliasTarget && a.TTL === b.TTL && (a.ResourceRecords ?? []).map((x) => fqdn(x.Value ?? "")).join(",") === (b.ResourceRecords ?? []).map((x) => fqdn(x.Value ?? "")).join(","));

const show = (r: ResourceRecordSet) => (r.AliasTarget ? `alias ${fqdn(r.AliasTarget.DNSName ?? "")}` : (r.ResourceRecords ?? []).map((x) => x.Value).join(" "));

/**
 * The DNS records of one custom domain in its hosted zone (kind `aws.route53-domain-records`, key the
 * domain): the CNAMEs or alias records, validation CNAMEs, a value merged into the CAA set that governs the
 * domain, and the registry TXT record that proves which of them are ours ({@link REGISTRY_LABEL}). All
 * changes of a run go in one batch per zone (split only past Route 53's 100-change limit), then the run
 * waits for INSYNC. A record at a wanted name that the registry does not list is refused (or, with
 * `adopt`, replaced and claimed); a shareable one with the same value is used as is.
 *
 * CAA (RFC 8659 §3): a CA looks for the CAA set at the name, then climbs to its parents; a CNAME at the
 * name hands the lookup to the CNAME's target, and the climb continues from the name's parent. So the set
 * that governs the domain is the first one found climbing from the domain (from its parent when the domain
 * is a CNAME) to the zone apex. When there is none, every CA may issue and nothing is written (adding a
 * set would forbid every other CA for the whole subtree); the same when the set has no property of the tag
 * that governs the name (`issue`, or for a wildcard `issuewild` when the set has one: RFC 8659 §3,
 * §4.3), such as a set of only `issuewild` or `iodef` values. When the set restricts issuance and does not
 * allow the issuer, the issuer is added to it, keeping every value the user has; a teardown takes out only
 * that value.
 * Ancestors above the hosted zone (a parent zone elsewhere) are not read.
 * @internal
 */
export function domainRecordsResource(d: DomainRecordsDesired): Resource<Observed> {
  const reg = registryName(d.domain);
  let observed: Promise<Observed> | undefined;
  let registryRead = d.registry;
  const known = (r: DomainRecord) => !r.name.startsWith("(");
  const read = (phase: "plan" | "write" = "plan") =>
    (observed ??= (async () => {
      const zone = await d.zone();
      const wanted = d.mode === "apply" && !d.absent ? d.records(phase).filter(known) : [];
      const chain: string[] = [];
      if (d.caa) {
        const labels = fqdn(d.domain.replace(/^\*\./, "")).split(".").filter(Boolean);
        for (let i = d.caa.atDomain ? 0 : 1; i < labels.length; i++) {
          const n = `${labels.slice(i).join(".")}.`;
          if (n.length < zone.name.length) break;
          chain.push(n);
          if (n === zone.name) break;
        }
      }
      // the names known without the registry (the wanted records, the CAA chain) are read alongside it;
      // only those the registry alone names (records of ours no longer wanted, a validation record not
      // known yet) wait for it
      const first = [...new Set([...wanted.map((r) => fqdn(r.name)), ...chain])];
      const readNames = (names: string[]) => Promise.all(names.map((n) => listRecordSets(d.client, zone.id, n, d.signal))).then((x) => x.flat());
      const given = registryRead;
      registryRead = undefined;
      const [registrySets, knownSets] = await Promise.all([given ?? listRecordSets(d.client, zone.id, reg, d.signal), readNames(first)]);
      const registry = registrySets.find((r) => r.Type === "TXT");
      const listed = (registry?.ResourceRecords ?? []).map((x) => untxt(x.Value)).filter((s) => s.startsWith(RECORD)).map((s) => s.slice(RECORD.length));
      const listedNames = listed.map((l) => (l.startsWith("CAA ") ? l.split(" ")[1]! : l.slice(l.indexOf(" ") + 1)));
      const more = [...new Set(listedNames.map(fqdn))].filter((n) => !first.includes(n));
      const sets = [...knownSets, ...(await readNames(more))];
      const caaAt = chain.find((n) => sets.some((s) => s.Type === "CAA" && fqdn(s.Name ?? "") === n));
      return { sets, registry, listed, caaAt, names: [...first, ...more] };
    })());
  /** The read, with the names `records("plan")` knows once {@link DomainRecordsDesired.settled} resolved. */
  const readSettled = async (): Promise<Observed> => {
    const [o] = await Promise.all([read(), d.settled?.()]);
    if (d.mode !== "apply" || d.absent) return o;
    const missing = [...new Set(d.records("plan").filter(known).map((r) => fqdn(r.name)))].filter((n) => !o.names.includes(n));
    if (!missing.length) return o;
    const zone = await d.zone();
    const sets = (await Promise.all(missing.map((n) => listRecordSets(d.client, zone.id, n, d.signal)))).flat();
    const out = { ...o, sets: [...o.sets, ...sets], names: [...o.names, ...missing] };
    observed = Promise.resolve(out);
    return out;
  };

  const ours = (o: Observed) => {
    const values = (o.registry?.ResourceRecords ?? []).map((x) => untxt(x.Value));
    const header = values.find((v) => v.startsWith(HERITAGE));
    return Boolean(header && header.split(",").includes(`konnect-aws/owner=${d.owner}`));
  };
  const setOf = (o: Observed, type: string, name: string) => o.sets.find((s) => s.Type === type && fqdn(s.Name ?? "") === fqdn(name));

  /** The batch that brings the zone to the wanted state, the claims after it, and what stands in the way. */
  const plan = (o: Observed, phase: "plan" | "write") => {
    const changes: R53Change[] = [];
    const diff: FieldDiff[] = [];
    const blocked: string[] = [];
    const claims = new Set<string>();
    const remove = d.mode === "teardown" || d.absent;
    const wanted = remove ? [] : d.records(phase);
    for (const r of wanted) {
      const want = recordSet(r, d.ttl);
      const key = keyOf(r.type, r.name);
      const current = setOf(o, r.type, r.name);
      const listed = o.listed.includes(key);
      // a CNAME cannot share its name with other data, nor other data with a CNAME (RFC 1034 §3.6.2)
      const clashing = o.sets.filter((s) => fqdn(s.Name ?? "") === fqdn(r.name) && s.Type !== r.type && (r.type === "CNAME" || s.Type === "CNAME") && !o.listed.includes(keyOf(s.Type ?? "", s.Name ?? "")));
      for (const c of clashing) {
        if (d.adopt) {
          changes.push({ Action: "DELETE", ResourceRecordSet: c });
          diff.push({ path: keyOf(c.Type ?? "", c.Name ?? ""), before: show(c) });
        } else blocked.push(`${c.Type} ${fqdn(c.Name ?? "")} (${show(c)})`);
      }
      if (current && sameRecord(current, want)) {
        if (listed) claims.add(key);
        else if (r.shareable) continue;
        else if (d.adopt) {
          claims.add(key);
          diff.push({ path: key, before: show(current), after: `${show(want)} (claimed)` });
        } else blocked.push(`${key} (${show(current)})`);
        continue;
      }
      if (current && !listed && !d.adopt) {
        blocked.push(`${key} (${show(current)})`);
        continue;
      }
      changes.push({ Action: current ? "UPSERT" : "CREATE", ResourceRecordSet: want });
      diff.push({ path: key, ...(current ? { before: show(current) } : {}), after: show(want) });
      claims.add(key);
    }
    // records we wrote that are not wanted any more (or all of them, in a teardown)
    for (const key of o.listed.filter((k) => !k.startsWith("CAA ") && !claims.has(k))) {
      const [type, name] = key.split(" ") as [string, string];
      const current = setOf(o, type, name);
      if (current && !wanted.some((r) => keyOf(r.type, r.name) === key)) {
        changes.push({ Action: "DELETE", ResourceRecordSet: current });
        diff.push({ path: key, before: show(current) });
      }
    }
    // CAA: the value we merged, kept, added or taken out
    const caaListed = o.listed.filter((k) => k.startsWith("CAA "));
    // The property that governs the name, read from the user's values (ours left out, so a value we added
    // never keeps itself wanted): for a wildcard, `issuewild` when the set has one, else `issue`; for any
    // other name `issue`, every `issuewild` being ignored (RFC 8659 §4.3). A set with no property of that
    // tag does not restrict issuance (§3: "contains no Property Tags that restrict issuance (for instance,
    // if it contains only iodef Property Tags ...), CAA does not restrict issuance"; §4.3's example: a set
    // of only `issuewild "ca2.example.org"` "permits any Issuer to issue for wild3.example.com"), so nothing
    // is added: `issue "<ca>"` in such a set would newly forbid every other CA.
    const governing = o.caaAt ? setOf(o, "CAA", o.caaAt) : undefined;
    const theirs = (governing?.ResourceRecords ?? []).map((x) => parseCaa(x.Value ?? "")).filter((p): p is NonNullable<typeof p> => p !== undefined && !caaListed.includes(caaEntry(o.caaAt!, p.tag, p.issuer)));
    const governingTag = d.caa?.wildcard && theirs.some((p) => p.tag === "issuewild") ? "issuewild" : "issue";
    const restricts = theirs.some((p) => p.tag === governingTag);
    const edits = new Map<string, { set: ResourceRecordSet; drop: string[]; add: string[] }>();
    const edit = (set: ResourceRecordSet) => {
      const n = fqdn(set.Name ?? "");
      if (!edits.has(n)) edits.set(n, { set, drop: [], add: [] });
      return edits.get(n)!;
    };
    const wantCaa = !remove && d.caa && o.caaAt && restricts ? caaEntry(o.caaAt, governingTag, d.caa.add) : undefined;
    for (const entry of caaListed) {
      if (entry === wantCaa) continue;
      const [, name, , t, issuer] = entry.split(" ") as [string, string, string, string, string];
      const set = setOf(o, "CAA", name);
      if (set?.ResourceRecords?.some((x) => parseCaa(x.Value ?? "")?.tag === t && parseCaa(x.Value ?? "")?.issuer === issuer)) edit(set).drop.push(`0 ${t} "${issuer}"`);
    }
    if (wantCaa && d.caa) {
      const set = governing!;
      const t = governingTag;
      const allowed = (set.ResourceRecords ?? []).some((x) => {
        const p = parseCaa(x.Value ?? "");
        return p?.tag === t && (d.caa!.accepted.includes(p.issuer) || p.issuer === d.caa!.add);
      });
      if (caaListed.includes(wantCaa)) claims.add(wantCaa);
      else if (!allowed) {
        edit(set).add.push(`0 ${t} "${d.caa.add}"`);
        claims.add(wantCaa);
      }
    }
    for (const [name, e] of edits) {
      const values = (e.set.ResourceRecords ?? []).map((x) => x.Value ?? "").filter((v) => !e.drop.some((x) => parseCaa(x)?.tag === parseCaa(v)?.tag && parseCaa(x)?.issuer === parseCaa(v)?.issuer));
      const next = [...values, ...e.add];
      changes.push(next.length ? { Action: "UPSERT", ResourceRecordSet: { ...e.set, ResourceRecords: next.map((Value) => ({ Value })) } } : { Action: "DELETE", ResourceRecordSet: e.set });
      diff.push({ path: `CAA ${name}`, before: (e.set.ResourceRecords ?? []).map((x) => x.Value), after: next });
    }
    // the registry: header and one string per claimed record
    const strings = [`${HERITAGE},konnect-aws/owner=${d.owner},konnect-aws/target=${d.target}`, ...[...claims].sort().map((k) => `${RECORD}${k}`)];
    const registry: ResourceRecordSet = { Name: reg, Type: "TXT", TTL: 300, ResourceRecords: strings.map((s) => ({ Value: txt(s) })) };
    if (remove) {
      if (o.registry) changes.push({ Action: "DELETE", ResourceRecordSet: o.registry });
    } else if (!o.registry || !sameRecord(o.registry, registry)) {
      changes.push({ Action: o.registry ? "UPSERT" : "CREATE", ResourceRecordSet: registry });
      diff.push({ path: `TXT ${reg}`, ...(o.registry ? { before: (o.registry.ResourceRecords ?? []).map((x) => untxt(x.Value)) } : {}), after: strings });
    }
    return { changes, diff, blocked };
  };

  const write = async (progress?: { wrote(id?: string): void }) => {
    const r53 = await loadRoute53();
    const zone = await d.zone();
    // names only a write earlier in the run made known (a new certificate's validation record) are read now
    const before = await read();
    if (d.mode === "apply" && !d.absent && d.records("write").some((r) => !before.names.includes(fqdn(r.name)))) observed = undefined;
    const { changes, blocked } = plan(await read("write"), "write");
    // a record that appeared since the plan (or at a name only the write knew) is never overwritten
    if (blocked.length) throw new ConfigError({ field: "domain", problem: `${d.domain} has records konnect-aws did not create: ${blocked.join(", ")}`, fix: "remove them, or pass adopt: true to replace them" });
    const ids: string[] = [];
    for (const part of batchChanges(changes)) {
      const out = await awsStep(`ChangeResourceRecordSets ${zone.name}`, () => d.client.send(new r53.ChangeResourceRecordSetsCommand({ HostedZoneId: zone.id, ChangeBatch: { Comment: d.comment, Changes: part } }), { abortSignal: d.signal }));
      if (out.ChangeInfo?.Id) ids.push(out.ChangeInfo.Id);
      progress?.wrote(ids.join(","));
    }
    if (ids.length && d.wait !== false) await waitForInsync(d.client, ids, { ...(typeof d.wait === "object" ? d.wait : {}), signal: d.signal, onEvent: d.onEvent, key: fqdn(d.domain) });
    return ids.join(",") || undefined;
  };

  return {
    kind: "aws.route53-domain-records",
    key: fqdn(d.domain),
    ...(d.dependsOn ? { dependsOn: d.dependsOn } : {}),
    ...(d.absent ? { absent: true } : {}),
    mark: `the TXT record ${reg} (heritage=konnect-aws, owner ${d.owner})`,
    field: "domain",
    async observe(): Promise<Observation<Observed>> {
      const o = await readSettled();
      if (d.mode === "teardown" || d.absent) return { exists: Boolean(o.registry), owned: ours(o), actual: o, diff: [] };
      const { diff, blocked } = plan(o, "plan");
      if (o.registry && !ours(o) && !d.adopt) {
        return { exists: true, owned: false, actual: o, diff, conflict: { field: "domain", problem: `${reg} is a TXT record konnect-aws did not write (or wrote for another owner than ${d.owner})`, fix: "remove it, use the ownership that wrote it, or pass adopt: true" } };
      }
      if (blocked.length) {
        return { exists: true, owned: false, actual: o, diff, conflict: { field: "domain", problem: `${d.domain} already has records konnect-aws did not create: ${blocked.join(", ")}`, fix: "remove them, or pass adopt: true to replace them" } };
      }
      return { exists: Boolean(o.registry), owned: !o.registry || ours(o), actual: o, diff };
    },
    create: (progress) => write(progress),
    update: async (_o, progress) => void (await write(progress)),
    async delete() {
      await write();
    },
    describe: (o) => plan(o.actual!, "plan").diff.concat(o.actual!.registry ? [{ path: `TXT ${reg}`, before: (o.actual!.registry.ResourceRecords ?? []).map((x) => untxt(x.Value)) }] : []),
  };
}
