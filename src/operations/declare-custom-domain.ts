import type { ACMClient } from "@aws-sdk/client-acm";
import type { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import type { ResourceRecordSet, Route53Client } from "@aws-sdk/client-route-53";
import { loadAcm, loadElbV2, loadRoute53 } from "../aws/load-sdk.js";
import { findHostedZone, fqdn, listRecordSets } from "../aws/route53.js";
import { findLoadBalancer } from "../aws/elbv2.js";
import { ConfigError } from "../errors/config-error.js";
import { drainOnFailure, settleInOrder } from "../internal/settle-in-order.js";
import { DEFAULT_OWNERSHIP, type Ownership } from "../reconcile/ownership.js";
import type { Resource } from "../reconcile/resource.js";
import { acmCertificateResource, CERTIFICATE_TARGET_TAG, createCertificateReader, listReusableCertificates, staleCertificateResource, type OwnedCertificate } from "../resources/aws/acm-certificate.js";
import { DEFAULT_TLS_POLICY, listenerCertificateResource, readListener } from "../resources/aws/listener-certificate.js";
import { domainRecordsResource, registryName, type DomainRecord } from "../resources/aws/route53-domain-records.js";
import type { Zone } from "../resources/aws/route53-record-set.js";
import { createCustomDomainReader, customDomainResource } from "../resources/konnect/custom-domain.js";
import { readControlPlane } from "../resources/konnect/data-plane-nodes.js";
import { acmeHost, gatewayHost, prefixOfControlPlaneEndpoint, prefixOfPublicEdgeDns } from "../resources/konnect/public-edge-dns.js";
import { definedTags } from "./cost-tags.js";
import type { CloudGatewayDomainTarget, LoadBalancerDomainTarget, SetupCustomDomainOptions } from "./custom-domain-options.js";
import { observeEarly } from "../reconcile/observe-early.js";

/** Konnect's issuer for custom-domain certificates: "CAA must allow pki.goog" (konnect-api-notes §9, Kong docs). */
const KONNECT_CA = "pki.goog";
/**
 * ACM: a CAA record must name one of amazon.com, amazontrust.com, awstrust.com or amazonaws.com (ACM User
 * Guide, "(Optional) Configure a CAA record"); amazon.com is the one added.
 */
const ACM_CAS = ["amazon.com", "amazontrust.com", "awstrust.com", "amazonaws.com"];

/** What {@link declareCustomDomain} returns. @internal */
export interface CustomDomainPlan {
  resources: Resource[];
  zone: Zone;
  route53: Route53Client;
  /** The wanted records of the domain, as known now. */
  records: () => DomainRecord[];
  /** Cloud-gateway path: the custom domain id, once known. */
  customDomainId: () => string | undefined;
  /** Load-balancer path: the certificate of each region, once known. */
  certificates: () => Record<string, string>;
  acm: (region: string) => Promise<ACMClient>;
  /** Load-balancer path: the certificate ARNs the run knows to be ISSUED (observed so, or waited for). */
  issued: Set<string>;
}

/** Everything both paths share. */
interface Common {
  options: SetupCustomDomainOptions;
  mode: "apply" | "teardown";
  ownership: Ownership;
  owner: string;
  route53: Route53Client;
  /** The domain's hosted zone, being read: each path reads alongside it what does not need it. */
  zone: Promise<Zone>;
  domain: string;
  wait: SetupCustomDomainOptions["wait"];
  /** Observes started early (observeEarly), awaited before a refusal is reported. */
  inFlight: Array<Promise<unknown>>;
}


/**
 * The resources of a custom-domain run (apply or teardown) from the same options, after the reads that
 * decide which resources exist (hosted zone, load balancer, existing custom domains or certificates).
 * @internal
 */
export async function declareCustomDomain(options: SetupCustomDomainOptions, mode: "apply" | "teardown"): Promise<CustomDomainPlan> {
  const ownership: Ownership = { ...DEFAULT_OWNERSHIP, ...options.ownership };
  const route53 = options.route53 ?? new (await loadRoute53()).Route53Client({ region: "us-east-1" });
  const domain = options.domain.toLowerCase().replace(/\.$/, "");
  const zone = findHostedZone(route53, domain.replace(/^\*\./, ""), options.hostedZoneId, options.signal);
  // handled where each path awaits it (first, so a missing zone is still the refusal given)
  zone.catch(() => undefined);
  // a refusal can come while observes started early are under way: they end before the caller hears of it
  return drainOnFailure((inFlight) => {
    const c: Common = { options, mode, ownership, owner: `${ownership.awsTag.key}=${ownership.awsTag.value}`, route53, zone, domain, wait: options.wait, inFlight };
    return options.target.kind === "cloud-gateway" ? declareCloudGateway(c, options.target) : declareLoadBalancer(c, options.target);
  });
}

const waitOf = (w: SetupCustomDomainOptions["wait"]) => (typeof w === "object" ? w : {});

/** The records resource of a domain, with the run's settings. */
function recordsFor(c: Common, zone: Zone, domain: string, target: string, records: (phase: "plan" | "write") => DomainRecord[], caa: Parameters<typeof domainRecordsResource>[0]["caa"], extra: { absent?: boolean; dependsOn?: Resource[]; settled?: () => Promise<unknown>; registry?: Promise<ResourceRecordSet[]> } = {}) {
  return domainRecordsResource({
    client: c.route53,
    zone: async () => zone,
    domain,
    owner: c.owner,
    target,
    records,
    caa,
    mode: c.mode,
    adopt: c.options.adopt,
    ttl: c.options.ttl ?? 300,
    wait: c.wait === false ? false : waitOf(c.wait),
    comment: c.mode === "apply" ? "konnect-aws setupCustomDomain" : "konnect-aws removeCustomDomain",
    onEvent: c.options.onEvent,
    signal: c.options.signal,
    ...extra,
  });
}

/** Whether a domain's registry record names this target and owner (it is ours and was for this target). */
async function registryClaims(c: Common, domain: string, target: string): Promise<Zone | undefined> {
  const zone = await findHostedZone(c.route53, domain.replace(/^\*\./, ""), undefined, c.options.signal).catch((e: unknown) => {
    if (e instanceof ConfigError) return undefined;
    throw e;
  });
  return zone && (await claimsIn(c, zone, domain, target)) ? zone : undefined;
}

/** Whether the registry record of a domain in a known zone names this target and owner (`read`: that record's sets, when the run read them already). */
async function claimsIn(c: Common, zone: Zone, domain: string, target: string, read?: Promise<ResourceRecordSet[]>): Promise<boolean> {
  const sets = await (read ?? listRecordSets(c.route53, zone.id, registryName(domain), c.options.signal));
  const header = (sets.find((s) => s.Type === "TXT")?.ResourceRecords ?? []).map((x) => [...(x.Value ?? "").matchAll(/"([^"]*)"/g)].map((m) => m[1]).join("")).find((v) => v.startsWith("heritage=konnect-aws"));
  return Boolean(header && header.split(",").includes(`konnect-aws/owner=${c.owner}`) && header.split(",").includes(`konnect-aws/target=${target}`));
}

async function declareCloudGateway(c: Common, t: CloudGatewayDomainTarget): Promise<CustomDomainPlan> {
  const { options, domain, mode } = c;
  const target = `cloud-gateway/${t.controlPlaneId}`;
  const geo = t.konnect.region as "us";
  const read = createCustomDomainReader(t.konnect, t.controlPlaneId, domain, options.signal);
  // The reads that need no other answer start together: the zone, the control plane (the CNAME targets
  // carry its Public Edge DNS prefix, public-edge-dns.ts; a teardown removes what the registry lists and
  // needs none) and the custom domains. The registry record of the domain follows the zone, read once:
  // it says whether the custom domain is ours, and it is the records' own first read.
  const registry = c.zone.then((z) => listRecordSets(c.route53, z.id, registryName(domain), options.signal));
  registry.catch(() => undefined);
  const [zone, prefix, existing] = await settleInOrder([
    c.zone.then((z) => {
      // a CNAME cannot live at the zone apex, beside its SOA and NS records (RFC 1034 §3.6.2; Route 53 refuses it)
      if (fqdn(domain) === z.name) {
        throw new ConfigError({ field: "domain", problem: `${domain} is the apex of hosted zone ${z.name}: Konnect needs a CNAME to the gateway there, and DNS allows no CNAME at a zone apex`, fix: `use a subdomain such as api.${domain}, or put your own load balancer at the apex (target kind "load-balancer", an alias record)` });
      }
      return z;
    }),
    mode === "apply" ? edgePrefix(t, options.signal) : undefined,
    read(),
  ] as const);
  const out: { id?: string } = {};
  const records = (): DomainRecord[] =>
    prefix
      ? [
          { name: domain, type: "CNAME", value: gatewayHost(prefix) },
          { name: `_acme-challenge.${domain}`, type: "CNAME", value: acmeHost(prefix) },
        ]
      : [];
  const caa = { add: KONNECT_CA, accepted: [KONNECT_CA], wildcard: false, atDomain: false };
  // The registry record (written with the records) is what makes the custom domain ours, so it is written
  // before the domain is created and removed after the domain is deleted: a run stopped in between leaves
  // a claim without a domain (the next run creates it), never a domain of ours without a claim (which
  // would then need adopt). The targets do not depend on the domain's id, so the records can go first.
  // Their other names are read now, alongside the registry (and the other domains' claims below).
  const recordSet = recordsFor(c, zone, domain, target, records, caa, { registry });
  observeEarly([recordSet], { shared: true, inFlight: c.inFlight });
  // earlier domains of this control plane that konnect-aws set up (their registry names the control
  // plane), and those the caller says this one replaces: removed (only when the registry claims them)
  // before their records
  const others = existing.filter((x) => x.control_plane_id === t.controlPlaneId && x.domain.toLowerCase() !== domain);
  const [claimed, ...oldZones] = await settleInOrder([claimsIn(c, zone, domain, target, registry), ...others.map((old) => registryClaims(c, old.domain, target))]);
  const customDomain = customDomainResource({ konnect: t.konnect, controlPlaneId: t.controlPlaneId, geo, domain, read, claimed: claimed as boolean, out, dependsOn: [recordSet], signal: options.signal });
  const resources: Resource[] = [recordSet, customDomain];
  const replaced = new Set((options.replaces ?? []).map((r) => r.toLowerCase()));
  for (const [i, old] of others.entries()) {
    const oldZone = oldZones[i] as Zone | undefined;
    if (!oldZone && !replaced.has(old.domain.toLowerCase())) continue;
    const oldRecords = oldZone ? [recordsFor(c, oldZone, old.domain, target, () => [], caa, { absent: true })] : [];
    resources.push(...oldRecords, customDomainResource({ konnect: t.konnect, controlPlaneId: t.controlPlaneId, geo, domain: old.domain, read, claimed: Boolean(oldZone), out: {}, absent: true, dependsOn: oldRecords, signal: options.signal }));
  }
  return { resources, zone, route53: c.route53, records, customDomainId: () => out.id, certificates: () => ({}), acm: () => Promise.reject(new Error("no ACM on the cloud-gateway path")), issued: new Set() };
}

/**
 * The Public Edge DNS prefix of the target's control plane: from `publicEdgeDns` when given, else from
 * the control plane's `config.control_plane_endpoint`; a ConfigError (before any write) when neither has one.
 */
async function edgePrefix(t: CloudGatewayDomainTarget, signal: AbortSignal | undefined): Promise<string> {
  if (t.publicEdgeDns !== undefined) return prefixOfPublicEdgeDns(t.publicEdgeDns)!;
  const cp = await readControlPlane(t.konnect, t.controlPlaneId, signal);
  const endpoint = (cp?.config as { control_plane_endpoint?: string } | undefined)?.control_plane_endpoint;
  const prefix = prefixOfControlPlaneEndpoint(endpoint);
  if (!prefix) {
    throw new ConfigError({ field: "target.publicEdgeDns", problem: endpoint ? `the control_plane_endpoint of control plane ${t.controlPlaneId}, ${JSON.stringify(endpoint)}, has no first label to take its Public Edge DNS prefix from` : `control plane ${t.controlPlaneId} has no control_plane_endpoint to take its Public Edge DNS prefix from`, fix: "give target.publicEdgeDns, copied from the control plane's Connect menu in Gateway Manager (such as 9e454bcfec.gateways.konggateway.com)" });
  }
  return prefix;
}

async function declareLoadBalancer(c: Common, t: LoadBalancerDomainTarget): Promise<CustomDomainPlan> {
  const { options, domain, mode } = c;
  const names = [...new Set([domain, ...(options.subjectAlternativeNames ?? []).map((n) => n.toLowerCase().replace(/\.$/, ""))])];
  const target = `load-balancer/${t.loadBalancerArn ?? t.dnsName!.toLowerCase()}`;
  const acmClients = new Map<string, Promise<ACMClient>>();
  const acmFor = (region: string) => {
    const given = options.acm;
    if (!acmClients.has(region)) acmClients.set(region, typeof given === "function" ? Promise.resolve(given(region)) : given ? Promise.resolve(given) : loadAcm().then((m) => new m.ACMClient({ region })));
    return acmClients.get(region)!;
  };
  let elbClient: Promise<ElasticLoadBalancingV2Client> | undefined;
  const elbv2 = () => (elbClient ??= options.elbv2 ? Promise.resolve(options.elbv2) : loadElbV2().then((m) => new m.ElasticLoadBalancingV2Client({ region: t.region })));
  const regions = t.certificateRegions ?? [t.region];
  const alias = t.aliasRecords !== false;

  // The reads that need no other answer start together with the zone's: the load balancer (the alias
  // target), the listener with its certificates (which certificates concern the run, and the listener
  // resource's own observe), and each region's certificate list (filtered once the listener's
  // certificates are known). The zone is needed only by the records and by the check that the names are
  // in it, which still comes before any write, and before the other reads' refusals as when it ran first.
  const listed = new Map(regions.map((r) => [r, acmFor(r).then((client) => listReusableCertificates(client, options.signal))]));
  const [zone, lb, listener] = await settleInOrder([
    c.zone.then((z) => {
      for (const [i, n] of names.entries()) {
        const bare = fqdn(n.replace(/^\*\./, ""));
        if (bare !== z.name && !bare.endsWith(`.${z.name}`)) throw new ConfigError({ field: i === 0 ? "domain" : `subjectAlternativeNames[${names.indexOf(n) - 1}]`, problem: `${n} is not inside hosted zone ${z.name}, where the validation records go`, fix: "use names of one hosted zone, or one setupCustomDomain call per zone" });
      }
      return z;
    }),
    mode === "apply" && alias ? elbv2().then((client) => findLoadBalancer(client, t, options.signal)) : undefined,
    t.listenerArn ? elbv2().then((client) => readListener(client, t.listenerArn!, options.signal)) : undefined,
    Promise.all(listed.values()),
  ] as const);
  const attached = (listener?.certificates ?? []).map((x) => x.CertificateArn!);
  const domains = new Set([domain, ...(options.replaces ?? []).map((r) => r.toLowerCase())]);
  const readers = new Map(regions.map((r) => [r, createCertificateReader(() => acmFor(r), r, c.ownership, (s) => domains.has((s.DomainName ?? "").toLowerCase()) || attached.includes(s.CertificateArn ?? ""), options.signal, listed.get(r))]));
  const tags = { ...definedTags(options.tags), [c.ownership.awsTag.key]: c.ownership.awsTag.value, [CERTIFICATE_TARGET_TAG]: target.slice(0, 256) };
  const outs = new Map(regions.map((r) => [r, {} as { arn?: string; validation?: Array<{ name: string; value: string }> }]));
  const issued = new Set<string>();
  const norm = (x: readonly string[]) => [...x].map((n) => n.toLowerCase()).sort().join(",");
  const certs = mode === "apply" ? regions.map((region) => acmCertificateResource({ client: () => acmFor(region), region, names, target, tags, read: readers.get(region)!, out: outs.get(region)!, issued, wait: waitOf(c.wait), onEvent: options.onEvent, signal: options.signal })) : [];

  const records = (): DomainRecord[] => {
    const validation = new Map<string, DomainRecord>();
    for (const r of regions) {
      const v = outs.get(r)!.validation;
      // ACM uses one validation CNAME per name and account, in every region: written once
      if (v) for (const x of v) validation.set(fqdn(x.name), { name: x.name, type: "CNAME", value: x.value, shareable: true });
    }
    const list: DomainRecord[] = validation.size ? [...validation.values()] : names.map((n) => ({ name: `(validation record of ${n}, once requested)`, type: "CNAME" as const, value: "(from ACM)", shareable: true }));
    if (alias && lb) {
      const aliasTarget = { HostedZoneId: lb.CanonicalHostedZoneId!, DNSName: lb.DNSName!, EvaluateTargetHealth: true };
      list.push({ name: domain, type: "A", alias: aliasTarget });
      if (t.ipv6 ?? (lb.IpAddressType ?? "").startsWith("dualstack")) list.push({ name: domain, type: "AAAA", alias: aliasTarget });
    }
    return list;
  };
  const caa = { add: "amazon.com", accepted: ACM_CAS, wildcard: domain.startsWith("*."), atDomain: true };
  // The certificates' observes (their tag reads, then DescribeCertificate) and the records' read (the
  // registry and the names known now) start here, together; the records plan once the certificates have
  // given their validation records. Which certificates are stale (known after the tag reads) decides only
  // what the records wait for before writing, filled in below.
  const recordDeps: Resource[] = [];
  // a teardown removes the records before the certificates they validate
  const recordSet = recordsFor(c, zone, domain, target, records, caa, { dependsOn: recordDeps, settled: () => Promise.all(certs.map((r) => r.observe())) });
  observeEarly([...certs, recordSet], { shared: true, inFlight: c.inFlight });
  const owned = (await Promise.all(regions.map((r) => readers.get(r)!()))).flat().filter((x) => x.target === target);
  // ours for this target but not for these names (the names or the domain changed), or every one in a teardown
  const stale: OwnedCertificate[] = owned.filter((x) => mode === "teardown" || norm(x.names) !== norm(names));
  const staleCerts = stale.map((x) => staleCertificateResource(() => acmFor(x.region), x, options.signal));
  recordDeps.push(...(mode === "apply" ? certs : staleCerts));
  const resources: Resource[] = [...certs, recordSet];
  // the records of earlier domains whose certificates go (the domain changed), removed with them
  const oldDomains = [...new Set(stale.map((x) => (x.names[0] ?? "").toLowerCase()).filter((n) => n && n !== domain))];
  const oldZones = await settleInOrder(oldDomains.map((old) => registryClaims(c, old, target)));
  for (const [i, old] of oldDomains.entries()) {
    const oldZone = oldZones[i];
    if (oldZone) resources.push(recordsFor(c, oldZone, old, target, () => [], caa, { absent: true }));
  }
  if (t.listenerArn) {
    const listenerResource = listenerCertificateResource({
      client: elbv2,
      acm: () => acmFor(t.region),
      listenerArn: t.listenerArn,
      certificateArn: () => outs.get(t.region)?.arn ?? (mode === "teardown" ? stale.find((x) => x.region === t.region && norm(x.names) === norm(names))?.arn : undefined),
      stale: stale.filter((x) => x.region === t.region).map((x) => x.arn),
      sslPolicy: t.sslPolicy ?? DEFAULT_TLS_POLICY,
      mode,
      dependsOn: [...certs, recordSet, ...staleCerts],
      read: Promise.resolve(listener!),
      issued,
      wait: waitOf(c.wait),
      onEvent: options.onEvent,
      signal: options.signal,
    });
    resources.push(listenerResource);
  }
  resources.push(...staleCerts);
  const certificates = () => Object.fromEntries(regions.flatMap((r) => (outs.get(r)!.arn ? [[r, outs.get(r)!.arn!]] : [])));
  return { resources, zone, route53: c.route53, records, customDomainId: () => undefined, certificates, acm: acmFor, issued };
}
