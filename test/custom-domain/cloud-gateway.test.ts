import { ChangeResourceRecordSetsCommand, TestDNSAnswerCommand } from "@aws-sdk/client-route-53";
import { describe, expect, it } from "vitest";
import { ConfigError, removeCustomDomain, setupCustomDomain, type SetupCustomDomainOptions } from "../../src/index.js";
import { route53 } from "../sandbox/aws-clients.js";
import { useSandbox } from "../use-sandbox.js";

const { sandbox, konnect } = useSandbox();
const r53 = route53();

async function setup(extra: Partial<SetupCustomDomainOptions> = {}): Promise<SetupCustomDomainOptions> {
  sandbox.seedHostedZone({ name: "example.com" });
  const cp = (await konnect.api.POST("/v2/control-planes", { body: { name: "dcgw", cloud_gateway: true, cluster_type: "CLUSTER_TYPE_CONTROL_PLANE" } })).data!;
  sandbox.clearRequests();
  return { domain: "api.example.com", target: { kind: "cloud-gateway", konnect, controlPlaneId: cp.id }, route53: r53, wait: { intervalMs: 5 }, ...extra };
}

const zone = () => [...sandbox.state.route53.hostedZones.values()][0]!;
/** The Public Edge DNS prefix of the target's control plane: the first label of its control_plane_endpoint. */
const prefixOf = (options: SetupCustomDomainOptions) => {
  const cp = sandbox.state.konnect.regions.us!.get((options.target as { controlPlaneId: string }).controlPlaneId)!.controlPlane as unknown as { config: { control_plane_endpoint: string } };
  return /^https:\/\/([0-9a-f]{10})\.us\.cp0\.konghq\.com$/.exec(cp.config.control_plane_endpoint)![1]!;
};
const recordsAt = (name: string) => zone().records.filter((r) => r.Name === name);
const ops = (service?: "konnect" | "route53") => sandbox.writes(service).map((r) => r.operation);
const strip = (changes: Array<{ action: string; kind: string; key: string; diff: unknown }>) => changes.map((c) => ({ action: c.action, kind: c.kind, key: c.key, diff: c.diff }));

describe("setupCustomDomain (Dedicated Cloud Gateways)", () => {
  it("writes the CNAMEs and the registry in one batch, then creates the custom domain, waits for ready and verified, and Route 53 answers with the gateway", async () => {
    const options = await setup();
    const events: string[] = [];
    const res = await setupCustomDomain({ ...options, onEvent: (e) => events.push(`${e.type} ${e.kind}`) });
    expect(res.changes.map((c) => [c.action, c.kind, c.key])).toEqual([
      ["create", "aws.route53-domain-records", "api.example.com."],
      ["create", "konnect.custom-domain", "api.example.com"],
    ]);
    const id = res.customDomainId!;
    const prefix = prefixOf(options);
    // the registry that claims the custom domain is written before it (custom-domain.ts, ownership)
    expect(ops()).toEqual(["ChangeResourceRecordSets", "POST /v2/cloud-gateways/custom-domains"]);
    // Kong's docs: `<domain>` CNAME `<prefix>.gateways.konggateway.com`, the control plane's Public Edge DNS
    expect(recordsAt("api.example.com.")).toEqual([{ Name: "api.example.com.", Type: "CNAME", TTL: 300, ResourceRecords: [{ Value: `${prefix}.gateways.konggateway.com.` }] }]);
    expect(recordsAt("_acme-challenge.api.example.com.")[0]!.ResourceRecords).toEqual([{ Value: `_acme-challenge.${prefix}.acme.gateways.konggateway.com.` }]);
    // the ownership registry lists both records
    expect(recordsAt("_konnect-aws.api.example.com.")[0]!.ResourceRecords!.map((x) => x.Value)).toEqual([
      `"heritage=konnect-aws,konnect-aws/owner=konnect-aws:managed=true,konnect-aws/target=cloud-gateway/${(options.target as { controlPlaneId: string }).controlPlaneId}"`,
      '"konnect-aws/record=CNAME _acme-challenge.api.example.com."',
      '"konnect-aws/record=CNAME api.example.com."',
    ]);
    const domain = sandbox.state.konnect.cloudGateways.customDomains.get(id)!;
    expect(domain).toMatchObject({ state: "ready", domain: "api.example.com", control_plane_geo: "us" });
    expect(res.certificate).toBe(domain.certificate_id);
    expect(res.certificate).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.dnsAnswer).toEqual([`${prefix}.gateways.konggateway.com.`]);
    expect(events).toContain("waiting konnect.custom-domain");
    expect(events).toContain("waiting aws.route53-change");
    expect(res.records.map((r) => [r.name, r.type])).toEqual([["api.example.com.", "CNAME"], ["_acme-challenge.api.example.com.", "CNAME"]]);
  });

  it("makes zero writes when applied again, and dryRun shows the same changes apply makes", async () => {
    const options = await setup();
    const planned = await setupCustomDomain({ ...options, dryRun: true });
    expect(sandbox.writes()).toEqual([]);
    const applied = await setupCustomDomain(options);
    expect(strip(planned.changes).map((c) => [c.action, c.kind, c.key])).toEqual(strip(applied.changes).map((c) => [c.action, c.kind, c.key]));
    expect(planned.changes[0]!.diff.map((d) => d.path)).toEqual(applied.changes[0]!.diff.map((d) => d.path));
    expect(planned.changes[0]!.diff.map((d) => d.path)).toEqual(["CNAME api.example.com.", "CNAME _acme-challenge.api.example.com.", "TXT _konnect-aws.api.example.com."]);
    sandbox.clearRequests();
    const again = await setupCustomDomain(options);
    expect(sandbox.writes()).toEqual([]);
    expect(again.changes.every((c) => c.action === "noop")).toBe(true);
    expect(again.dnsAnswer).toEqual([`${prefixOf(options)}.gateways.konggateway.com.`]);
    const dry = await setupCustomDomain({ ...options, dryRun: true });
    expect(dry.changes.every((c) => c.action === "noop")).toBe(true);
  });

  it("keeps the user's CAA records and adds Konnect's CA to the set that governs the domain", async () => {
    const options = await setup();
    const caa = ['0 issue "letsencrypt.org"', '0 iodef "mailto:security@example.com"'];
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zone().id, ChangeBatch: { Changes: [{ Action: "CREATE", ResourceRecordSet: { Name: "example.com", Type: "CAA", TTL: 3600, ResourceRecords: caa.map((Value) => ({ Value })) } }] } }));
    const res = await setupCustomDomain(options);
    // the domain is a CNAME, so the CA climbs to example.com (RFC 8659 §3): the user's set gains pki.goog
    expect(recordsAt("example.com.").find((r) => r.Type === "CAA")!.ResourceRecords!.map((x) => x.Value)).toEqual([...caa, '0 issue "pki.goog"']);
    expect(res.changes[0]!.diff.find((d) => d.path === "CAA example.com.")).toEqual({ path: "CAA example.com.", before: caa, after: [...caa, '0 issue "pki.goog"'] });
    sandbox.clearRequests();
    await setupCustomDomain(options);
    expect(sandbox.writes()).toEqual([]);
    // the teardown takes out only our value
    await removeCustomDomain(options);
    expect(recordsAt("example.com.").find((r) => r.Type === "CAA")!.ResourceRecords!.map((x) => x.Value)).toEqual(caa);
  });

  it("adds nothing to a CAA set without an issue property (only issuewild and iodef: every CA may issue for the name)", async () => {
    const options = await setup();
    const caa = ['0 issuewild "letsencrypt.org"', '0 iodef "mailto:security@example.com"'];
    const caaSet = (values: string[]) => ({ Action: "UPSERT" as const, ResourceRecordSet: { Name: "example.com", Type: "CAA" as const, TTL: 3600, ResourceRecords: values.map((Value) => ({ Value })) } });
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zone().id, ChangeBatch: { Changes: [caaSet(caa)] } }));
    const res = await setupCustomDomain(options);
    // RFC 8659 §4.3: issuewild is ignored for api.example.com, so the set restricts nothing for it;
    // `issue "pki.goog"` would newly forbid every other CA
    expect(recordsAt("example.com.").find((r) => r.Type === "CAA")!.ResourceRecords!.map((x) => x.Value)).toEqual(caa);
    expect(res.changes[0]!.diff.map((d) => d.path)).not.toContain("CAA example.com.");
    expect(recordsAt("_konnect-aws.api.example.com.")[0]!.ResourceRecords!.map((x) => x.Value).join(" ")).not.toContain("CAA");
    sandbox.clearRequests();
    await setupCustomDomain(options);
    expect(sandbox.writes()).toEqual([]);
    // a value of ours stays only while the user's own issue values restrict: once they go, ours goes too
    const withIssue = ['0 issue "letsencrypt.org"', ...caa];
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zone().id, ChangeBatch: { Changes: [caaSet(withIssue)] } }));
    await setupCustomDomain(options);
    expect(recordsAt("example.com.").find((r) => r.Type === "CAA")!.ResourceRecords!.map((x) => x.Value)).toEqual([...withIssue, '0 issue "pki.goog"']);
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zone().id, ChangeBatch: { Changes: [caaSet([...caa, '0 issue "pki.goog"'])] } }));
    await setupCustomDomain(options);
    expect(recordsAt("example.com.").find((r) => r.Type === "CAA")!.ResourceRecords!.map((x) => x.Value)).toEqual(caa);
    expect(recordsAt("_konnect-aws.api.example.com.")[0]!.ResourceRecords!.map((x) => x.Value).join(" ")).not.toContain("CAA");
  });

  it("splits a registry text longer than a TXT string holds (255 characters) into several strings", async () => {
    const options = await setup({ ownership: { awsTag: { key: "konnect-aws:managed", value: "x".repeat(240) } } });
    await setupCustomDomain(options);
    const header = recordsAt("_konnect-aws.api.example.com.")[0]!.ResourceRecords![0]!.Value;
    expect(header.split('" "').length).toBe(2);
    sandbox.clearRequests();
    await setupCustomDomain(options);
    expect(sandbox.writes()).toEqual([]);
    await removeCustomDomain(options);
    expect(recordsAt("_konnect-aws.api.example.com.")).toEqual([]);
  });

  it("writes no CAA record when none governs the domain (every CA may issue)", async () => {
    const options = await setup();
    await setupCustomDomain(options);
    expect(zone().records.filter((r) => r.Type === "CAA")).toEqual([]);
  });

  it("teardown removes the custom domain, then the records and the registry; a second teardown writes nothing", async () => {
    const options = await setup();
    const before = structuredClone(zone().records);
    await setupCustomDomain(options);
    sandbox.clearRequests();
    const { changes, kept } = await removeCustomDomain(options);
    expect(changes.map((c) => [c.action, c.kind])).toEqual([["delete", "konnect.custom-domain"], ["delete", "aws.route53-domain-records"]]);
    expect(ops()).toEqual(["DELETE /v2/cloud-gateways/custom-domains/{customDomainId}", "ChangeResourceRecordSets"]);
    expect(kept).toEqual([]);
    expect(zone().records).toEqual(before);
    expect(sandbox.state.konnect.cloudGateways.customDomains.size).toBe(0);
    sandbox.clearRequests();
    const again = await removeCustomDomain(options);
    expect(sandbox.writes()).toEqual([]);
    expect(again.changes).toEqual([]);
  });

  it("a teardown keeps a custom domain registered by hand (no registry claim) and lists it; adopt deletes it", async () => {
    const options = await setup();
    const cpId = (options.target as { controlPlaneId: string }).controlPlaneId;
    const hand = (await konnect.api.POST("/v2/cloud-gateways/custom-domains", { body: { control_plane_id: cpId, control_plane_geo: "us", domain: "api.example.com" } })).data!;
    sandbox.clearRequests();
    const { changes, kept } = await removeCustomDomain(options);
    expect(changes).toEqual([]);
    expect(sandbox.writes()).toEqual([]);
    expect(kept).toEqual([{ kind: "konnect.custom-domain", key: "api.example.com", id: hand.id, reason: expect.stringContaining("_konnect-aws.api.example.com") }]);
    expect(sandbox.state.konnect.cloudGateways.customDomains.has(hand.id)).toBe(true);
    const adopted = await removeCustomDomain({ ...options, adopt: true });
    expect(adopted.changes.map((c) => [c.action, c.kind, c.id])).toEqual([["delete", "konnect.custom-domain", hand.id]]);
    expect(sandbox.state.konnect.cloudGateways.customDomains.has(hand.id)).toBe(false);
  });

  it("an apply refuses a custom domain registered by hand before any write, and takes it over with adopt", async () => {
    const options = await setup();
    const cpId = (options.target as { controlPlaneId: string }).controlPlaneId;
    const hand = (await konnect.api.POST("/v2/cloud-gateways/custom-domains", { body: { control_plane_id: cpId, control_plane_geo: "us", domain: "api.example.com" } })).data!;
    sandbox.clearRequests();
    const error = await setupCustomDomain(options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problem).toContain("konnect.custom-domain");
    expect(sandbox.writes()).toEqual([]);
    const res = await setupCustomDomain({ ...options, adopt: true });
    // the domain is used as it is; the registry now claims it, so later runs (and the teardown) own it
    expect(res.customDomainId).toBe(hand.id);
    expect(res.changes.map((c) => [c.action, c.kind])).toEqual([["create", "aws.route53-domain-records"], ["noop", "konnect.custom-domain"]]);
    sandbox.clearRequests();
    await setupCustomDomain(options);
    expect(sandbox.writes()).toEqual([]);
    const { kept } = await removeCustomDomain(options);
    expect(kept).toEqual([]);
    expect(sandbox.state.konnect.cloudGateways.customDomains.size).toBe(0);
  });

  it("a claim without its custom domain (a run stopped after the records) is completed by the next apply", async () => {
    const options = await setup();
    const first = await setupCustomDomain({ ...options, wait: false });
    sandbox.state.konnect.cloudGateways.customDomains.delete(first.customDomainId!);
    sandbox.clearRequests();
    const res = await setupCustomDomain(options);
    expect(res.changes.map((c) => [c.action, c.kind])).toEqual([["noop", "aws.route53-domain-records"], ["create", "konnect.custom-domain"]]);
    expect(ops()).toEqual(["POST /v2/cloud-gateways/custom-domains"]);
  });

  it("refuses a CNAME at the domain it did not write, and replaces it with adopt", async () => {
    const options = await setup();
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zone().id, ChangeBatch: { Changes: [{ Action: "CREATE", ResourceRecordSet: { Name: "api.example.com", Type: "CNAME", TTL: 60, ResourceRecords: [{ Value: "old-lb.example.net" }] } }] } }));
    sandbox.clearRequests();
    const error = await setupCustomDomain(options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain("CNAME api.example.com. (old-lb.example.net)");
    expect(sandbox.writes()).toEqual([]);
    const res = await setupCustomDomain({ ...options, adopt: true });
    expect(res.customDomainId).toBeDefined();
    expect(recordsAt("api.example.com.")[0]!.ResourceRecords).toEqual([{ Value: `${prefixOf(options)}.gateways.konggateway.com.` }]);
  });

  it("a teardown keeps a record it did not write", async () => {
    const options = await setup();
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zone().id, ChangeBatch: { Changes: [{ Action: "CREATE", ResourceRecordSet: { Name: "api.example.com", Type: "CNAME", TTL: 60, ResourceRecords: [{ Value: "old-lb.example.net" }] } }] } }));
    sandbox.clearRequests();
    await removeCustomDomain(options);
    expect(sandbox.writes()).toEqual([]);
    expect(recordsAt("api.example.com.")).toHaveLength(1);
  });

  it("changing the domain sets up the new one and removes only what it created for the old one", async () => {
    const options = await setup();
    const first = await setupCustomDomain(options);
    sandbox.clearRequests();
    const res = await setupCustomDomain({ ...options, domain: "gw.example.com" });
    expect(res.changes.map((c) => [c.action, c.kind, c.key])).toEqual(
      expect.arrayContaining([
        ["create", "konnect.custom-domain", "gw.example.com"],
        ["create", "aws.route53-domain-records", "gw.example.com."],
        ["delete", "aws.route53-domain-records", "api.example.com."],
        ["delete", "konnect.custom-domain", "api.example.com"],
      ]),
    );
    expect(recordsAt("api.example.com.")).toEqual([]);
    expect(recordsAt("_konnect-aws.api.example.com.")).toEqual([]);
    expect(sandbox.state.konnect.cloudGateways.customDomains.has(first.customDomainId!)).toBe(false);
    expect(res.dnsAnswer).toEqual([`${prefixOf(options)}.gateways.konggateway.com.`]);
    // a custom domain of the same control plane that konnect-aws did not set up stays
    await konnect.api.POST("/v2/cloud-gateways/custom-domains", { body: { control_plane_id: (options.target as { controlPlaneId: string }).controlPlaneId, control_plane_geo: "us", domain: "hand.example.com" } });
    sandbox.clearRequests();
    await setupCustomDomain({ ...options, domain: "gw.example.com" });
    expect(sandbox.writes()).toEqual([]);
    // named in replaces, it still stays: no registry record claims it
    await setupCustomDomain({ ...options, domain: "gw.example.com", replaces: ["hand.example.com"] });
    expect(sandbox.writes()).toEqual([]);
    expect([...sandbox.state.konnect.cloudGateways.customDomains.values()].map((d) => d.domain)).toContain("hand.example.com");
  });

  it("reports cname and ssl unverified until the records exist (online status reads the Route 53 fake)", async () => {
    const options = await setup();
    const res = await setupCustomDomain({ ...options, wait: false });
    const id = res.customDomainId!;
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zone().id, ChangeBatch: { Changes: [{ Action: "DELETE", ResourceRecordSet: recordsAt("api.example.com.")[0] as never }] } }));
    const status = (await konnect.api.GET("/v2/cloud-gateways/custom-domains/{customDomainId}/online-status", { params: { path: { customDomainId: id } } })).data;
    expect(status?.cname).toBe("unverified");
    const answer = await r53.send(new TestDNSAnswerCommand({ HostedZoneId: zone().id, RecordName: "api.example.com", RecordType: "CNAME" }));
    expect(answer.RecordData).toEqual([]);
  });

  it("points the CNAMEs at the control plane's Public Edge DNS prefix, never at the custom domain id (those records do not verify)", async () => {
    const options = await setup();
    const res = await setupCustomDomain({ ...options, wait: false });
    const id = res.customDomainId!;
    const prefix = prefixOf(options);
    expect(prefix).not.toBe(id);
    expect(res.records.map((r) => r.value)).toEqual([`${prefix}.gateways.konggateway.com.`, `_acme-challenge.${prefix}.acme.gateways.konggateway.com.`]);
    // the targets the old code wrote (the custom domain's UUID): Konnect verifies neither, and never issues
    const upsert = (name: string, value: string) => ({ Action: "UPSERT" as const, ResourceRecordSet: { Name: name, Type: "CNAME" as const, TTL: 300, ResourceRecords: [{ Value: value }] } });
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zone().id, ChangeBatch: { Changes: [upsert("api.example.com", `${id}.gateways.konggateway.com`), upsert("_acme-challenge.api.example.com", `_acme-challenge.${id}.acme.gateways.konggateway.com`)] } }));
    const read = async () => (await konnect.api.GET("/v2/cloud-gateways/custom-domains/{customDomainId}", { params: { path: { customDomainId: id } } })).data!;
    await read();
    sandbox.clock.advance(24 * 3_600_000);
    expect((await read()).state).toBe("initializing");
    const status = (await konnect.api.GET("/v2/cloud-gateways/custom-domains/{customDomainId}/online-status", { params: { path: { customDomainId: id } } })).data;
    expect(status).toEqual({ cname: "unverified", ssl: "unverified" });
  });

  it("takes the targets from target.publicEdgeDns when given (no control-plane read), a URL form included", async () => {
    const options = await setup();
    const target = options.target as { konnect: typeof konnect; controlPlaneId: string };
    const res = await setupCustomDomain({ ...options, target: { kind: "cloud-gateway", konnect, controlPlaneId: target.controlPlaneId, publicEdgeDns: `https://${prefixOf(options).toUpperCase()}.gateways.konggateway.com/` } });
    expect(sandbox.requests.map((r) => r.operation)).not.toContain(`GET /v2/control-planes/${target.controlPlaneId}`);
    expect(res.dnsAnswer).toEqual([`${prefixOf(options)}.gateways.konggateway.com.`]);
    // a value copied from another control plane's Connect menu is written as given (and never verifies)
    const other = await setupCustomDomain({ ...options, domain: "gw.example.com", wait: false, target: { kind: "cloud-gateway", konnect, controlPlaneId: target.controlPlaneId, publicEdgeDns: "9e454bcfec.gateways.konggateway.com" } });
    expect(other.records.map((r) => r.value)).toEqual(["9e454bcfec.gateways.konggateway.com.", "_acme-challenge.9e454bcfec.acme.gateways.konggateway.com."]);
  });

  it("refuses a control plane without a control_plane_endpoint to derive the prefix from, before any write, unless publicEdgeDns is given", async () => {
    const options = await setup();
    const cp = sandbox.state.konnect.regions.us!.get((options.target as { controlPlaneId: string }).controlPlaneId)!.controlPlane as unknown as { config: Record<string, unknown> };
    delete cp.config.control_plane_endpoint;
    const error = await setupCustomDomain(options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe("target.publicEdgeDns");
    expect((error as ConfigError).problem).toContain("no control_plane_endpoint");
    const dry = await setupCustomDomain({ ...options, dryRun: true }).catch((e: unknown) => e);
    expect((dry as ConfigError).field).toBe("target.publicEdgeDns");
    expect(sandbox.writes()).toEqual([]);
    const res = await setupCustomDomain({ ...options, wait: false, target: { ...(options.target as { kind: "cloud-gateway"; konnect: typeof konnect; controlPlaneId: string }), publicEdgeDns: "9e454bcfec.gateways.konggateway.com" } });
    expect(res.records[0]!.value).toBe("9e454bcfec.gateways.konggateway.com.");
  });

  it("refuses bad input before any request", async () => {
    const options = await setup();
    const cases: Array<[Partial<SetupCustomDomainOptions>, string]> = [
      [{ domain: "https://api.example.com/" }, "domain"],
      [{ domain: "api_example" }, "domain"],
      [{ domain: "*.example.com" }, "domain"],
      [{ target: { kind: "cloud-gateway", konnect: { ...konnect, region: "xx" } as never, controlPlaneId: (options.target as { controlPlaneId: string }).controlPlaneId } }, "target.konnect"],
      [{ hostedZoneId: "nope" }, "hostedZoneId"],
      [{ target: { kind: "cloud-gateway", konnect, controlPlaneId: "not-a-uuid" } }, "target.controlPlaneId"],
      ...["9e454bcfec.us.cp0.konghq.com", "dcgw.aws-us-east-2.edge.gateways.konggateway.com", "gateways.konggateway.com", "https://9e454bcfec.gateways.konggateway.com/path", ""].map(
        (publicEdgeDns): [Partial<SetupCustomDomainOptions>, string] => [{ target: { kind: "cloud-gateway", konnect, controlPlaneId: (options.target as { controlPlaneId: string }).controlPlaneId, publicEdgeDns } }, "target.publicEdgeDns"],
      ),
    ];
    for (const [extra, field] of cases) {
      const error = await setupCustomDomain({ ...options, ...extra }).catch((e: unknown) => e);
      expect([extra, (error as ConfigError).field]).toEqual([extra, field]);
    }
    expect(sandbox.requests).toEqual([]);
  });

  it("refuses the zone apex, where no CNAME is possible, before any write", async () => {
    const options = await setup();
    const error = await setupCustomDomain({ ...options, domain: "example.com" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problem).toContain("apex");
    expect(sandbox.writes()).toEqual([]);
  });

  it("refuses a domain outside the given hosted zone", async () => {
    const options = await setup();
    const error = await setupCustomDomain({ ...options, domain: "api.other.org", hostedZoneId: zone().id }).catch((e: unknown) => e);
    expect((error as ConfigError).field).toBe("domain");
    expect(sandbox.writes()).toEqual([]);
  });
});
