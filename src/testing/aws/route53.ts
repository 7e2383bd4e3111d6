import { http, type HttpHandler } from "msw";
import type { SandboxClock } from "../clock.js";
import type { Random } from "../random.js";
import type { Serve } from "../serve.js";
import { buildHostedZone } from "./hosted-zone.js";
import { AwsFault } from "./json-protocol.js";
import { rejectInvalidInput } from "./reject-invalid.js";
import { parseXml, ROUTE53_MEMBERS, ROUTE53_NS as NS, xmlDocument, xmlError, xmlResponse } from "./xml.js";

type Json = Record<string, unknown>;

/** A resource record set as the Route 53 API describes it. */
export interface RecordSet {
  Name: string;
  Type: string;
  SetIdentifier?: string;
  Weight?: number;
  Region?: string;
  Failover?: "PRIMARY" | "SECONDARY";
  TTL?: number;
  ResourceRecords?: Array<{ Value: string }>;
  AliasTarget?: { HostedZoneId: string; DNSName: string; EvaluateTargetHealth: boolean };
  HealthCheckId?: string;
}

/** One hosted zone. */
export interface HostedZoneRecord {
  id: string;
  name: string;
  callerReference: string;
  comment?: string;
  privateZone: boolean;
  records: RecordSet[];
}

/** One health check. */
export interface HealthCheckRecord {
  id: string;
  callerReference: string;
  config: Json;
  version: number;
  /** Whether the fake's checkers see the endpoint healthy; tests flip it. */
  healthy: boolean;
}

/**
 * The Route 53 fake's state.
 *
 * @example
 * ```ts
 * const zone = [...sandbox.state.route53.hostedZones.values()][0];
 * ```
 */
export interface Route53State {
  hostedZones: Map<string, HostedZoneRecord>;
  changes: Map<string, { id: string; submittedAt: number; comment?: string }>;
  healthChecks: Map<string, HealthCheckRecord>;
  /** Tags by `<resource type>/<resource id>` (`healthcheck/<id>`, `hostedzone/<id>`). */
  tags: Map<string, Array<{ Key: string; Value: string }>>;
  /**
   * Which AWS region a resolver IP is nearest to, for latency routing in `TestDNSAnswer`. Resolvers not
   * listed are nearest to no region: the first healthy record (by region name) answers.
   */
  resolverRegions: Map<string, string>;
  /**
   * Every caller reference a `CreateHealthCheck` or `CreateHostedZone` has used. Route 53 remembers them
   * after the resource is deleted (see CreateHealthCheck below), so a reused one is refused.
   */
  callerReferences: { healthChecks: Set<string>; hostedZones: Set<string> };
}

/** @internal */
export interface Route53FakeOptions {
  state: () => Route53State;
  clock: SandboxClock;
  random: Random;
  serve: Serve;
  propagationMs: number;
}

const BASE = "https://route53.amazonaws.com/2013-04-01";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const NUMERIC = new Set(["TTL", "Weight", "Port", "RequestInterval", "FailureThreshold", "HealthThreshold"]);
const BOOLEAN = new Set(["EvaluateTargetHealth", "PrivateZone", "MeasureLatency", "Inverted", "Disabled", "EnableSNI"]);

/** Normalizes a DNS name the way Route 53 stores it: lowercase, with the trailing dot. */
export function fqdn(name: string): string {
  const n = name.toLowerCase();
  return n.endsWith(".") ? n : `${n}.`;
}

/** Parsed XML values are strings: restore numbers and booleans, and unwrap list members. */
function typed(v: unknown, key = ""): unknown {
  if (Array.isArray(v)) return v.map((x) => typed(x));
  if (v && typeof v === "object") {
    const o = v as Json;
    if (key === "ResourceRecords") return typed(o.ResourceRecord ?? []);
    if (key === "ChildHealthChecks") return typed(o.ChildHealthCheck ?? []);
    if (key === "Regions") return typed(o.Region ?? []);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, typed(x, k)]));
  }
  if (typeof v === "string" && NUMERIC.has(key)) return Number(v);
  if (typeof v === "string" && BOOLEAN.has(key)) return v === "true";
  return v;
}

const describeSet = (r: RecordSet) => `[name='${r.Name}', type='${r.Type}'${r.SetIdentifier ? `, set-identifier='${r.SetIdentifier}'` : ""}]`;
const sameKey = (a: RecordSet, b: RecordSet) => a.Name === b.Name && a.Type === b.Type && (a.SetIdentifier ?? "") === (b.SetIdentifier ?? "");

/** Canonical JSON for comparing record sets (DELETE must match exactly). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") return `{${Object.keys(v).sort().filter((k) => (v as Json)[k] !== undefined).map((k) => `${k}:${canonical((v as Json)[k])}`).join(",")}}`;
  return JSON.stringify(v);
}

/** @internal */
export function route53Handlers(o: Route53FakeOptions): HttpHandler[] {
  const st = () => o.state();

  const zoneOf = (id: string) => {
    const z = st().hostedZones.get(id.replace(/^\/?hostedzone\//, ""));
    if (!z) throw new AwsFault("NoSuchHostedZone", `No hosted zone found with ID: ${id}`, 404);
    return z;
  };
  const zoneXml = (z: HostedZoneRecord) => ({
    Id: `/hostedzone/${z.id}`,
    Name: z.name,
    CallerReference: z.callerReference,
    Config: { ...(z.comment ? { Comment: z.comment } : {}), PrivateZone: z.privateZone },
    ResourceRecordSetCount: z.records.length,
  });
  const delegation = (z: HostedZoneRecord) => ({ NameServers: (z.records.find((r) => r.Type === "NS")?.ResourceRecords ?? []).map((r) => r.Value) });
  const newChange = (comment?: string) => {
    const id = `C${o.random.chars(20, UPPER)}`;
    const change = { id, submittedAt: o.clock.now(), ...(comment ? { comment } : {}) };
    st().changes.set(id, change);
    return change;
  };
  const changeInfo = (c: { id: string; submittedAt: number; comment?: string }) => ({
    Id: `/change/${c.id}`,
    Status: o.clock.now() - c.submittedAt >= o.propagationMs ? "INSYNC" : "PENDING",
    SubmittedAt: new Date(c.submittedAt).toISOString(),
    ...(c.comment ? { Comment: c.comment } : {}),
  });

  const applyBatch = (z: HostedZoneRecord, changes: Array<{ Action: string; ResourceRecordSet: RecordSet }>) => {
    const errors: string[] = [];
    let records = [...z.records];
    let count = 0;
    for (const { Action, ResourceRecordSet: raw } of changes) {
      const r: RecordSet = { ...raw, Name: fqdn(raw.Name) };
      if (r.AliasTarget) r.AliasTarget = { ...r.AliasTarget, DNSName: fqdn(r.AliasTarget.DNSName) };
      count += r.ResourceRecords?.length ?? 0;
      if (r.Name !== z.name && !r.Name.endsWith(`.${z.name}`)) {
        errors.push(`RRSet with DNS name ${r.Name} is not permitted in zone ${z.name}`);
        continue;
      }
      if (r.AliasTarget && (r.TTL !== undefined || r.ResourceRecords)) errors.push(`Alias RRSet ${describeSet(r)} cannot have a TTL or resource records`);
      if (!r.AliasTarget && Action !== "DELETE" && (!r.ResourceRecords?.length || r.TTL === undefined)) errors.push(`RRSet ${describeSet(r)} needs a TTL and at least one resource record`);
      // a TXT character-string holds at most 255 characters (RFC 1035 §3.3; Route 53 docs, TXT record
      // type: "each string can be up to 255 characters"); the wording of Route 53's refusal is ours
      if (r.Type === "TXT" && Action !== "DELETE" && (r.ResourceRecords ?? []).some((x) => [...x.Value.matchAll(/"((?:[^"\\]|\\.)*)"/g)].some((m) => m[1]!.length > 255))) errors.push(`Invalid Resource Record: CharacterStringTooLong (Value is too long) in ${describeSet(r)}`);
      if ((r.Failover || r.Region || r.Weight !== undefined) && !r.SetIdentifier) errors.push(`RRSet ${describeSet(r)} with a routing policy needs a SetIdentifier`);
      if (r.HealthCheckId && !st().healthChecks.has(r.HealthCheckId)) errors.push(`The health check ${r.HealthCheckId} does not exist`);
      const existing = records.find((x) => sameKey(x, r));
      if (Action === "CREATE" || Action === "UPSERT") {
        if (Action === "CREATE" && existing) {
          errors.push(`Tried to create resource record set ${describeSet(r)} but it already exists`);
          continue;
        }
        const conflict = records.find((x) => x.Name === r.Name && !sameKey(x, r) && (x.Type === "CNAME" || r.Type === "CNAME") && x.Type !== r.Type);
        if (conflict) {
          errors.push(`RRSet of type ${r.Type} with DNS name ${r.Name} is not permitted as it conflicts with other records with the same DNS name in zone ${z.name}`);
          continue;
        }
        records = [...records.filter((x) => !sameKey(x, r)), r];
      } else if (Action === "DELETE") {
        if (!existing) errors.push(`Tried to delete resource record set ${describeSet(r)} but it was not found`);
        else if (canonical(existing) !== canonical(r)) errors.push(`Tried to delete resource record set ${describeSet(r)} but the values provided do not match the current values`);
        else records = records.filter((x) => !sameKey(x, r));
      } else {
        throw new AwsFault("InvalidInput", `Invalid action ${Action}`);
      }
    }
    // ChangeResourceRecordSets quota: at most 1,000 ResourceRecord elements per request
    if (count > 1000) errors.push("Number of records limit of 1000 exceeded.");
    // the batch is atomic: any error and nothing changes
    if (errors.length) throw new AwsFault("InvalidChangeBatch", `[${errors.join(", ")}]`);
    z.records = records;
  };

  /**
   * What Route 53 would answer, evaluating failover and latency routing with the health-check states
   * (Route 53 Developer Guide, "How Amazon Route 53 chooses records when health checking is configured").
   */
  const answer = (z: HostedZoneRecord, name: string, type: string, resolverIp: string | null): string[] => {
    const sets = z.records.filter((r) => r.Name === fqdn(name) && r.Type === type);
    const healthy = (r: RecordSet) => !r.HealthCheckId || st().healthChecks.get(r.HealthCheckId)?.healthy !== false;
    const values = (r: RecordSet) => (r.AliasTarget ? [r.AliasTarget.DNSName] : (r.ResourceRecords ?? []).map((x) => x.Value));
    if (!sets.length) return [];
    const failover = sets.filter((r) => r.Failover);
    if (failover.length) {
      const primary = failover.find((r) => r.Failover === "PRIMARY");
      const secondary = failover.find((r) => r.Failover === "SECONDARY");
      if (primary && healthy(primary)) return values(primary);
      if (secondary && healthy(secondary)) return values(secondary);
      // both unhealthy: Route 53 answers with the primary
      return primary ? values(primary) : values(secondary!);
    }
    const latency = sets.filter((r) => r.Region);
    if (latency.length) {
      const near = resolverIp ? st().resolverRegions.get(resolverIp) : undefined;
      const alive = latency.filter(healthy).sort((a, b) => String(a.Region).localeCompare(String(b.Region)));
      const pick = alive.find((r) => r.Region === near) ?? alive[0] ?? latency.find((r) => r.Region === near) ?? latency[0]!;
      return values(pick);
    }
    return values(sets[0]!);
  };

  const healthCheckXml = (h: HealthCheckRecord) => ({ Id: h.id, CallerReference: h.callerReference, HealthCheckConfig: h.config, HealthCheckVersion: h.version });

  type Op = { method: string; re: RegExp; name: string; write: boolean; run: (m: RegExpExecArray, url: URL, body: Json) => Response };
  const ops: Op[] = [
    {
      method: "POST",
      re: /^\/2013-04-01\/hostedzone\/?$/,
      name: "CreateHostedZone",
      write: true,
      run: (_m, _u, b) => {
        const name = fqdn(String(b.Name ?? ""));
        if (name === "." || !b.CallerReference) throw new AwsFault("InvalidInput", "Name and CallerReference are required");
        const ref = String(b.CallerReference);
        // "You must use a unique CallerReference string every time you submit a CreateHostedZone request";
        // HostedZoneAlreadyExists: "a hosted zone has already been created with the specified
        // CallerReference" (Route 53 API reference, CreateHostedZone), whether or not it still exists
        if (st().callerReferences.hostedZones.has(ref) || [...st().hostedZones.values()].some((z) => z.callerReference === ref)) throw new AwsFault("HostedZoneAlreadyExists", `A hosted zone has already been created with the specified caller reference.`, 409);
        const config = (b.HostedZoneConfig ?? {}) as Json;
        const zone = buildHostedZone({ name, callerReference: ref, ...(config.Comment ? { comment: String(config.Comment) } : {}), privateZone: config.PrivateZone === true }, o.random);
        const id = zone.id;
        st().hostedZones.set(id, zone);
        st().callerReferences.hostedZones.add(ref);
        const change = newChange();
        return xmlResponse("CreateHostedZoneResponse", { HostedZone: zoneXml(zone), ChangeInfo: changeInfo(change), DelegationSet: delegation(zone) }, 201, { Location: `${BASE}/hostedzone/${id}` });
      },
    },
    {
      method: "GET",
      re: /^\/2013-04-01\/hostedzone\/?$/,
      name: "ListHostedZones",
      write: false,
      run: () => xmlResponse("ListHostedZonesResponse", { HostedZones: [...st().hostedZones.values()].map(zoneXml), Marker: "", IsTruncated: false, MaxItems: 100 }),
    },
    {
      method: "GET",
      re: /^\/2013-04-01\/hostedzonesbyname\/?$/,
      name: "ListHostedZonesByName",
      write: false,
      run: (_m, url) => {
        // ordered by name with labels reversed (com.example.www), starting at dnsname
        const key = (n: string) => n.replace(/\.$/, "").split(".").reverse().join(".");
        const start = url.searchParams.get("dnsname");
        const max = Number(url.searchParams.get("maxitems") ?? 100);
        const zones = [...st().hostedZones.values()].sort((a, b) => key(a.name).localeCompare(key(b.name))).filter((z) => !start || key(z.name) >= key(fqdn(start)));
        const page = zones.slice(0, max);
        const next = zones[max];
        return xmlResponse("ListHostedZonesByNameResponse", {
          HostedZones: page.map(zoneXml),
          ...(start ? { DNSName: fqdn(start) } : {}),
          IsTruncated: Boolean(next),
          ...(next ? { NextDNSName: next.name, NextHostedZoneId: next.id } : {}),
          MaxItems: max,
        });
      },
    },
    {
      method: "GET",
      re: /^\/2013-04-01\/hostedzone\/([^/]+)\/?$/,
      name: "GetHostedZone",
      write: false,
      run: (m) => {
        const z = zoneOf(m[1]!);
        return xmlResponse("GetHostedZoneResponse", { HostedZone: zoneXml(z), DelegationSet: delegation(z) });
      },
    },
    {
      method: "POST",
      re: /^\/2013-04-01\/hostedzone\/([^/]+)\/rrset\/?$/,
      name: "ChangeResourceRecordSets",
      write: true,
      run: (m, _u, b) => {
        const z = zoneOf(m[1]!);
        const batch = (b.ChangeBatch ?? {}) as Json;
        const changes = (((batch.Changes ?? {}) as Json).Change ?? []) as Array<{ Action: string; ResourceRecordSet: RecordSet }>;
        if (!changes.length) throw new AwsFault("InvalidInput", "ChangeBatch must contain at least one change");
        applyBatch(z, typed(changes) as Array<{ Action: string; ResourceRecordSet: RecordSet }>);
        return xmlResponse("ChangeResourceRecordSetsResponse", { ChangeInfo: changeInfo(newChange(batch.Comment ? String(batch.Comment) : undefined)) });
      },
    },
    {
      method: "GET",
      re: /^\/2013-04-01\/hostedzone\/([^/]+)\/rrset\/?$/,
      name: "ListResourceRecordSets",
      write: false,
      run: (m, url) => {
        const z = zoneOf(m[1]!);
        // Route 53 lists in name order with labels reversed, then by type
        const key = (r: RecordSet) => `${r.Name.replace(/\.$/, "").split(".").reverse().join(".")} ${r.Type} ${r.SetIdentifier ?? ""}`;
        const sorted = [...z.records].sort((a, b) => key(a).localeCompare(key(b)));
        const name = url.searchParams.get("name");
        const type = url.searchParams.get("type");
        const max = Number(url.searchParams.get("maxitems") ?? 300);
        const startKey = name ? `${fqdn(name).replace(/\.$/, "").split(".").reverse().join(".")} ${type ?? ""}` : "";
        const from = sorted.filter((r) => key(r) >= startKey);
        const page = from.slice(0, max);
        const next = from[max];
        return xmlResponse("ListResourceRecordSetsResponse", {
          ResourceRecordSets: page,
          IsTruncated: Boolean(next),
          ...(next ? { NextRecordName: next.Name, NextRecordType: next.Type, ...(next.SetIdentifier ? { NextRecordIdentifier: next.SetIdentifier } : {}) } : {}),
          MaxItems: max,
        });
      },
    },
    {
      method: "GET",
      re: /^\/2013-04-01\/change\/([^/]+)\/?$/,
      name: "GetChange",
      write: false,
      run: (m) => {
        const c = st().changes.get(m[1]!.replace(/^\/?change\//, ""));
        if (!c) throw new AwsFault("NoSuchChange", `A change with the specified change ID does not exist.`, 404);
        // a client polling a PENDING change moves the clock toward INSYNC (clock.ts, autoAdvance)
        o.clock.observePending(c.submittedAt + o.propagationMs, o.propagationMs);
        return xmlResponse("GetChangeResponse", { ChangeInfo: changeInfo(c) });
      },
    },
    {
      method: "GET",
      re: /^\/2013-04-01\/testdnsanswer\/?$/,
      name: "TestDNSAnswer",
      write: false,
      run: (_m, url) => {
        const q = url.searchParams;
        const z = zoneOf(q.get("hostedzoneid") ?? "");
        const name = q.get("recordname") ?? "";
        const type = q.get("recordtype") ?? "A";
        const data = answer(z, name, type, q.get("resolverip"));
        return xmlResponse("TestDNSAnswerResponse", {
          Nameserver: (z.records.find((r) => r.Type === "NS")?.ResourceRecords?.[0]?.Value ?? "ns.sandbox.").replace(/\.$/, ""),
          RecordName: fqdn(name),
          RecordType: type,
          RecordData: data,
          ResponseCode: data.length ? "NOERROR" : "NXDOMAIN",
          Protocol: "UDP",
        });
      },
    },
    {
      method: "GET",
      re: /^\/2013-04-01\/healthcheck\/([^/]+)\/status\/?$/,
      name: "GetHealthCheckStatus",
      write: false,
      run: (m) => {
        const h = st().healthChecks.get(m[1]!);
        if (!h) throw new AwsFault("NoSuchHealthCheck", `No health check exists with the specified ID ${m[1]}.`, 404);
        const status = h.healthy ? "Success: HTTP Status Code 200, OK" : "Failure: HTTP Status Code 503, Service Unavailable";
        const observations = ["us-east-1", "eu-west-1", "ap-southeast-1"].map((Region) => ({ Region, IPAddress: "15.177.0.1", StatusReport: { Status: status, CheckedTime: new Date(o.clock.now()).toISOString() } }));
        return xmlResponse("GetHealthCheckStatusResponse", { HealthCheckObservations: observations });
      },
    },
    {
      method: "POST",
      re: /^\/2013-04-01\/healthcheck\/?$/,
      name: "CreateHealthCheck",
      write: true,
      run: (_m, _u, b) => {
        const ref = String(b.CallerReference ?? "");
        const config = typed(b.HealthCheckConfig ?? {}, "HealthCheckConfig") as Json;
        if (!ref || !config.Type) throw new AwsFault("InvalidInput", "CallerReference and HealthCheckConfig.Type are required");
        const same = [...st().healthChecks.values()].find((h) => h.callerReference === ref);
        if (same) {
          // CreateHealthCheck is idempotent by CallerReference: same settings return the existing check
          if (canonical(same.config) === canonical(config)) return xmlResponse("CreateHealthCheckResponse", { HealthCheck: healthCheckXml(same) }, 201, { Location: `${BASE}/healthcheck/${same.id}` });
          throw new AwsFault("HealthCheckAlreadyExists", "The health check you're attempting to create already exists with a different configuration.", 409);
        }
        // "If you send a CreateHealthCheck request with the same CallerReference as a deleted health check,
        // regardless of the settings, Route 53 returns a HealthCheckAlreadyExists error." (Route 53 API
        // reference, CreateHealthCheck, CallerReference; Route 53 forgets them only "after a number of days")
        if (st().callerReferences.healthChecks.has(ref)) throw new AwsFault("HealthCheckAlreadyExists", "The health check you're attempting to create already exists.", 409);
        const h: HealthCheckRecord = { id: o.random.uuid(), callerReference: ref, config, version: 1, healthy: true };
        st().healthChecks.set(h.id, h);
        st().callerReferences.healthChecks.add(ref);
        return xmlResponse("CreateHealthCheckResponse", { HealthCheck: healthCheckXml(h) }, 201, { Location: `${BASE}/healthcheck/${h.id}` });
      },
    },
    {
      method: "GET",
      re: /^\/2013-04-01\/healthcheck\/?$/,
      name: "ListHealthChecks",
      write: false,
      run: () => xmlResponse("ListHealthChecksResponse", { HealthChecks: [...st().healthChecks.values()].map(healthCheckXml), Marker: "", IsTruncated: false, MaxItems: 100 }),
    },
    {
      method: "GET",
      re: /^\/2013-04-01\/healthcheck\/([^/]+)\/?$/,
      name: "GetHealthCheck",
      write: false,
      run: (m) => {
        const h = st().healthChecks.get(m[1]!);
        if (!h) throw new AwsFault("NoSuchHealthCheck", `No health check exists with the specified ID ${m[1]}.`, 404);
        return xmlResponse("GetHealthCheckResponse", { HealthCheck: healthCheckXml(h) });
      },
    },
    {
      method: "POST",
      re: /^\/2013-04-01\/healthcheck\/([^/]+)\/?$/,
      name: "UpdateHealthCheck",
      write: true,
      run: (m, _u, b) => {
        const h = st().healthChecks.get(m[1]!);
        if (!h) throw new AwsFault("NoSuchHealthCheck", `No health check exists with the specified ID ${m[1]}.`, 404);
        const input = typed(b, "") as Json;
        if (input.HealthCheckVersion !== undefined && Number(input.HealthCheckVersion) !== h.version) throw new AwsFault("HealthCheckVersionMismatch", "The value of HealthCheckVersion in the request doesn't match the value of HealthCheckVersion in the health check.", 409);
        for (const [k, v] of Object.entries(input)) if (k !== "HealthCheckVersion" && k !== "ResetElements") h.config[k] = v;
        h.version++;
        return xmlResponse("UpdateHealthCheckResponse", { HealthCheck: healthCheckXml(h) });
      },
    },
    {
      method: "DELETE",
      re: /^\/2013-04-01\/healthcheck\/([^/]+)\/?$/,
      name: "DeleteHealthCheck",
      write: true,
      run: (m) => {
        const id = m[1]!;
        if (!st().healthChecks.has(id)) throw new AwsFault("NoSuchHealthCheck", `No health check exists with the specified ID ${id}.`, 404);
        const inUse = [...st().hostedZones.values()].some((z) => z.records.some((r) => r.HealthCheckId === id));
        if (inUse) throw new AwsFault("HealthCheckInUse", "This health check can't be deleted because it's in use by one or more resource record sets.", 400);
        st().callerReferences.healthChecks.add(st().healthChecks.get(id)!.callerReference);
        st().healthChecks.delete(id);
        st().tags.delete(`healthcheck/${id}`);
        return xmlResponse("DeleteHealthCheckResponse", {});
      },
    },
    {
      method: "POST",
      re: /^\/2013-04-01\/tags\/(healthcheck|hostedzone)\/([^/]+)\/?$/,
      name: "ChangeTagsForResource",
      write: true,
      run: (m, _u, b) => {
        const key = `${m[1]}/${m[2]}`;
        const exists = m[1] === "healthcheck" ? st().healthChecks.has(m[2]!) : st().hostedZones.has(m[2]!);
        if (!exists) throw new AwsFault(m[1] === "healthcheck" ? "NoSuchHealthCheck" : "NoSuchHostedZone", `No ${m[1]} with ID ${m[2]}`, 404);
        let tags = st().tags.get(key) ?? [];
        const add = (((b.AddTags ?? {}) as Json).Tag ?? []) as Array<{ Key: string; Value: string }>;
        const remove = (((b.RemoveTagKeys ?? {}) as Json).Key ?? []) as string[];
        tags = tags.filter((t) => !remove.includes(t.Key));
        for (const t of add) tags = [...tags.filter((x) => x.Key !== t.Key), { Key: t.Key, Value: t.Value ?? "" }];
        // "You can add a maximum of 10 tags to a health check or a hosted zone." (API reference,
        // ChangeTagsForResource, AddTags); InvalidInput is the only modeled client error that fits, and
        // Route 53's wording for a total over 10 is not published
        if (tags.length > 10) throw new AwsFault("InvalidInput", "A resource can have at most 10 tags", 400);
        st().tags.set(key, tags);
        return xmlResponse("ChangeTagsForResourceResponse", {});
      },
    },
    {
      method: "POST",
      re: /^\/2013-04-01\/tags\/(healthcheck|hostedzone)\/?$/,
      name: "ListTagsForResources",
      write: false,
      run: (m, _u, b) => {
        const raw = ((b.ResourceIds ?? {}) as Json).ResourceId;
        const ids = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String);
        // ListTagsForResources takes 1 to 10 ids (ResourceIds: TagResourceIdList, length 1..10)
        if (ids.length < 1 || ids.length > 10) throw new AwsFault("InvalidInput", `1 validation error detected: Value '[${ids.join(", ")}]' at 'resourceIds' failed to satisfy constraint: Member must have length ${ids.length ? "less than or equal to 10" : "greater than or equal to 1"}`);
        const sets = ids.map((id) => {
          const exists = m[1] === "healthcheck" ? st().healthChecks.has(id) : st().hostedZones.has(id);
          if (!exists) throw new AwsFault(m[1] === "healthcheck" ? "NoSuchHealthCheck" : "NoSuchHostedZone", `No ${m[1]} with ID ${id}`, 404);
          return { ResourceType: m[1], ResourceId: id, Tags: st().tags.get(`${m[1]}/${id}`) ?? [] };
        });
        return xmlDocument("ListTagsForResourcesResponse", NS, { ResourceTagSets: sets }, { members: { ...ROUTE53_MEMBERS, ResourceTagSets: "ResourceTagSet" } });
      },
    },
    {
      method: "GET",
      re: /^\/2013-04-01\/tags\/(healthcheck|hostedzone)\/([^/]+)\/?$/,
      name: "ListTagsForResource",
      write: false,
      run: (m) => {
        const exists = m[1] === "healthcheck" ? st().healthChecks.has(m[2]!) : st().hostedZones.has(m[2]!);
        if (!exists) throw new AwsFault(m[1] === "healthcheck" ? "NoSuchHealthCheck" : "NoSuchHostedZone", `No ${m[1]} with ID ${m[2]}`, 404);
        return xmlResponse("ListTagsForResourceResponse", { ResourceTagSet: { ResourceType: m[1], ResourceId: m[2], Tags: st().tags.get(`${m[1]}/${m[2]}`) ?? [] } });
      },
    },
  ];

  return [
    http.all(/^https:\/\/route53\.amazonaws\.com\/2013-04-01\//, async ({ request }) => {
      const url = new URL(request.url);
      let match: { op: Op; m: RegExpExecArray } | undefined;
      for (const op of ops) {
        const m = op.re.exec(url.pathname);
        if (m && op.method === request.method) {
          match = { op, m };
          break;
        }
      }
      return o.serve("route53", request, { operation: match?.op.name ?? "Unknown", write: match?.op.write ?? request.method !== "GET" }, async () => {
        if (!match) return xmlError("InvalidAction", `Unknown operation ${request.method} ${url.pathname}`, 400);
        if (!request.headers.get("authorization")?.startsWith("AWS4-HMAC-SHA256")) return xmlError("MissingAuthenticationToken", "Request is missing Authentication Token", 403);
        const rejected = await rejectInvalidInput("route53", match.op.name, request);
        if (rejected) return rejected;
        try {
          const text = await request.text();
          return match.op.run(match.m, url, text ? parseXml(text) : {});
        } catch (error) {
          if (error instanceof AwsFault) return xmlError(error.code, error.message, error.status);
          throw error;
        }
      });
    }),
  ];
}
