import { DescribeCertificateCommand, DeleteCertificateCommand, RequestCertificateCommand } from "@aws-sdk/client-acm";
import { ChangeResourceRecordSetsCommand } from "@aws-sdk/client-route-53";
import { describe, expect, it } from "vitest";
import { ConfigError, removeCustomDomain, setupCustomDomain, type SetupCustomDomainOptions } from "../../src/index.js";
import { route53 } from "../sandbox/aws-clients.js";
import { useSandbox } from "../use-sandbox.js";
import { acm, elbv2 } from "./clients.js";

const { sandbox } = useSandbox();
const r53 = route53();

function setup(extra: Partial<SetupCustomDomainOptions> = {}, lbSeed: Parameters<typeof sandbox.seedLoadBalancer>[0] = { name: "kong-dp" }) {
  sandbox.seedHostedZone({ name: "example.com" });
  const lb = sandbox.seedLoadBalancer(lbSeed);
  sandbox.clearRequests();
  const options: SetupCustomDomainOptions = {
    domain: "api.example.com",
    target: { kind: "load-balancer", region: "us-east-1", loadBalancerArn: lb.loadBalancerArn },
    tags: { Environment: "prod", CostCenter: "cc-1234" },
    route53: r53,
    acm: (region) => acm(region),
    elbv2: elbv2(),
    wait: { intervalMs: 5 },
    ...extra,
  };
  return { options, lb };
}

const zone = () => [...sandbox.state.route53.hostedZones.values()][0]!;
const recordsAt = (name: string) => zone().records.filter((r) => r.Name === name);
const certs = (region = "us-east-1") => [...(sandbox.state.acm.certificates[region]?.values() ?? [])];
const ops = () => sandbox.writes().map((r) => `${r.service} ${r.operation}`);

describe("setupCustomDomain (ACM certificate, ALB)", () => {
  it("requests a DNS-validated certificate, writes validation and alias records in one batch, waits for ISSUED, and Route 53 answers with the ALB", async () => {
    const { options, lb } = setup();
    const events: string[] = [];
    const res = await setupCustomDomain({ ...options, onEvent: (e) => events.push(`${e.type} ${e.kind}`) });
    expect(res.changes.map((c) => [c.action, c.kind])).toEqual([
      ["create", "aws.acm-certificate"],
      ["create", "aws.route53-domain-records"],
    ]);
    expect(ops()).toEqual(["acm RequestCertificate", "route53 ChangeResourceRecordSets"]);
    const [cert] = certs();
    expect(res.certificate).toBe(cert!.arn);
    expect(res.certificates).toEqual({ "us-east-1": cert!.arn });
    expect(cert!.tags).toEqual(expect.arrayContaining([{ Key: "konnect-aws:managed", Value: "true" }, { Key: "CostCenter", Value: "cc-1234" }, { Key: "konnect-aws:custom-domain-target", Value: `load-balancer/${lb.loadBalancerArn}` }]));
    const detail = (await acm().send(new DescribeCertificateCommand({ CertificateArn: cert!.arn }))).Certificate!;
    expect(detail.Status).toBe("ISSUED");
    const v = detail.DomainValidationOptions![0]!.ResourceRecord!;
    expect(recordsAt(v.Name!)).toEqual([{ Name: v.Name, Type: "CNAME", TTL: 300, ResourceRecords: [{ Value: v.Value }] }]);
    // the alias takes the canonical hosted zone id from DescribeLoadBalancers, with target health
    expect(recordsAt("api.example.com.")).toEqual([{ Name: "api.example.com.", Type: "A", AliasTarget: { HostedZoneId: lb.canonicalHostedZoneId, DNSName: `${lb.dnsName}.`, EvaluateTargetHealth: true } }]);
    expect(res.dnsAnswer).toEqual([`${lb.dnsName}.`]);
    expect(events).toContain("waiting aws.acm-certificate");
    expect(sandbox.requests.filter((r) => r.operation === "DescribeLoadBalancers")).toHaveLength(1);
  });

  it("makes zero writes when applied again, and dryRun shows the same changes apply makes", async () => {
    const { options } = setup();
    const planned = await setupCustomDomain({ ...options, dryRun: true });
    expect(sandbox.writes()).toEqual([]);
    expect(planned.certificate).toBeUndefined();
    const applied = await setupCustomDomain(options);
    expect(planned.changes.map((c) => [c.action, c.kind, c.key])).toEqual(applied.changes.map((c) => [c.action, c.kind, c.key]));
    sandbox.clearRequests();
    const again = await setupCustomDomain(options);
    expect(sandbox.writes()).toEqual([]);
    expect(again.changes.every((c) => c.action === "noop")).toBe(true);
    expect(again.certificate).toBe(applied.certificate);
    expect(certs()).toHaveLength(1);
  });

  it("attaches the certificate to the HTTPS listener (keeping its default certificate) and raises the policy to TLS 1.2+", async () => {
    // the listener's default certificate is the user's own, issued earlier
    const own = sandbox.seedIssuedCertificate({ domainName: "legacy.example.org" });
    const { options, lb } = setup({}, { name: "kong-dp", listeners: [{ port: 443, protocol: "HTTPS", certificateArn: own, sslPolicy: "ELBSecurityPolicy-2016-08" }] });
    const listenerArn = lb.listenerArns[0]!;
    const res = await setupCustomDomain({ ...options, target: { ...(options.target as object), kind: "load-balancer", region: "us-east-1", loadBalancerArn: lb.loadBalancerArn, listenerArn } });
    const listener = sandbox.state.elbv2.listeners["us-east-1"]!.get(listenerArn)!;
    expect(listener).toMatchObject({ defaultCertificateArn: own, certificateArns: [res.certificate], sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" });
    expect(ops()).toEqual(["acm RequestCertificate", "route53 ChangeResourceRecordSets", "elbv2 AddListenerCertificates", "elbv2 ModifyListener"]);
    sandbox.clearRequests();
    await setupCustomDomain({ ...options, target: { kind: "load-balancer", region: "us-east-1", loadBalancerArn: lb.loadBalancerArn, listenerArn } });
    expect(sandbox.writes()).toEqual([]);
    // ACM refuses to delete a certificate in use, as AWS does
    const refused = await acm().send(new DeleteCertificateCommand({ CertificateArn: res.certificate! })).catch((e: unknown) => e);
    expect((refused as { name: string }).name).toBe("ResourceInUseException");
    // the teardown detaches ours first, then deletes it; the user's default certificate stays
    const { changes } = await removeCustomDomain({ ...options, target: { kind: "load-balancer", region: "us-east-1", loadBalancerArn: lb.loadBalancerArn, listenerArn } });
    expect(changes.map((x) => [x.action, x.kind])).toEqual(expect.arrayContaining([["delete", "aws.elbv2-listener-certificate"], ["delete", "aws.acm-certificate"], ["delete", "aws.route53-domain-records"]]));
    expect(listener).toMatchObject({ defaultCertificateArn: own, certificateArns: [] });
    expect(certs().map((x) => x.arn)).toEqual([own]);
  });

  it("one certificate per region, validated by the same DNS records", async () => {
    const { options, lb } = setup();
    const res = await setupCustomDomain({ ...options, target: { kind: "load-balancer", region: "us-east-1", loadBalancerArn: lb.loadBalancerArn, certificateRegions: ["us-east-1", "eu-west-1"] } });
    expect(Object.keys(res.certificates)).toEqual(["us-east-1", "eu-west-1"]);
    expect(res.changes.map((c) => [c.action, c.kind, c.key])).toEqual([
      ["create", "aws.acm-certificate", "us-east-1 api.example.com"],
      ["create", "aws.acm-certificate", "eu-west-1 api.example.com"],
      ["create", "aws.route53-domain-records", "api.example.com."],
    ]);
    const validation = zone().records.filter((r) => r.Type === "CNAME");
    expect(validation).toHaveLength(1);
    for (const region of ["us-east-1", "eu-west-1"]) {
      const d = (await acm(region).send(new DescribeCertificateCommand({ CertificateArn: res.certificates[region] }))).Certificate!;
      expect([region, d.Status, d.DomainValidationOptions![0]!.ResourceRecord!.Name]).toEqual([region, "ISSUED", validation[0]!.Name]);
    }
  });

  it("writes only certificates and validation records when setupMultiRegion owns the name (aliasRecords: false)", async () => {
    const { options, lb } = setup();
    const res = await setupCustomDomain({ ...options, target: { kind: "load-balancer", region: "us-east-1", loadBalancerArn: lb.loadBalancerArn, aliasRecords: false } });
    expect(recordsAt("api.example.com.")).toEqual([]);
    expect(res.dnsAnswer).toBeUndefined();
    expect(sandbox.requests.filter((r) => r.operation === "DescribeLoadBalancers")).toEqual([]);
  });

  it("an AAAA alias for a dualstack load balancer, and a wildcard with extra names", async () => {
    const { options, lb } = setup({ domain: "*.api.example.com", subjectAlternativeNames: ["api.example.com"] }, { name: "kong-dp", ipAddressType: "dualstack" });
    await setupCustomDomain(options);
    expect(recordsAt("\\052.api.example.com.").length + recordsAt("*.api.example.com.").length).toBe(2);
    expect(certs()[0]!.names).toEqual(["*.api.example.com", "api.example.com"]);
    // a wildcard and its base name share one validation record
    expect(zone().records.filter((r) => r.Type === "CNAME")).toHaveLength(1);
    void lb;
  });

  it("keeps the user's CAA set and adds amazon.com to it; a set already allowing Amazon is left alone", async () => {
    const { options } = setup();
    const caa = ['0 issue "letsencrypt.org"'];
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zone().id, ChangeBatch: { Changes: [{ Action: "CREATE", ResourceRecordSet: { Name: "example.com", Type: "CAA", TTL: 3600, ResourceRecords: caa.map((Value) => ({ Value })) } }] } }));
    await setupCustomDomain(options);
    expect(recordsAt("example.com.").find((r) => r.Type === "CAA")!.ResourceRecords!.map((x) => x.Value)).toEqual([...caa, '0 issue "amazon.com"']);
    await removeCustomDomain(options);
    expect(recordsAt("example.com.").find((r) => r.Type === "CAA")!.ResourceRecords!.map((x) => x.Value)).toEqual(caa);
  });

  it("CAA: a set of only issuewild values gets nothing for a single name, and issuewild amazon.com for a wildcard", async () => {
    const { options } = setup();
    const caa = ['0 issuewild "letsencrypt.org"'];
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zone().id, ChangeBatch: { Changes: [{ Action: "CREATE", ResourceRecordSet: { Name: "example.com", Type: "CAA", TTL: 3600, ResourceRecords: caa.map((Value) => ({ Value })) } }] } }));
    const caaValues = () => recordsAt("example.com.").find((r) => r.Type === "CAA")!.ResourceRecords!.map((x) => x.Value);
    // RFC 8659 §4.3: issuewild does not apply to api.example.com, so every CA may issue for it already
    await setupCustomDomain(options);
    expect(caaValues()).toEqual(caa);
    await removeCustomDomain(options);
    // for *.example.com the issuewild values govern: amazon.com joins them
    await setupCustomDomain({ ...options, domain: "*.example.com" });
    expect(caaValues()).toEqual([...caa, '0 issuewild "amazon.com"']);
    await removeCustomDomain({ ...options, domain: "*.example.com" });
    expect(caaValues()).toEqual(caa);
  });

  it("reuses our certificate for the same names instead of requesting a second one, and ignores one without our tag", async () => {
    const { options } = setup();
    await acm().send(new RequestCertificateCommand({ DomainName: "api.example.com", ValidationMethod: "DNS" }));
    await setupCustomDomain(options);
    expect(certs()).toHaveLength(2);
    sandbox.clearRequests();
    await setupCustomDomain(options);
    expect(sandbox.writes()).toEqual([]);
  });

  it("changing the extra names requests a new certificate and deletes only ours for the old names", async () => {
    const { options } = setup();
    const first = await setupCustomDomain(options);
    const second = await setupCustomDomain({ ...options, subjectAlternativeNames: ["www.example.com"] });
    expect(second.certificate).not.toBe(first.certificate);
    expect(certs().map((c) => c.arn)).toEqual([second.certificate]);
    expect(second.changes.find((c) => c.action === "delete")).toMatchObject({ kind: "aws.acm-certificate" });
  });

  it("changing the domain (named in replaces) removes the old domain's records and certificate", async () => {
    const { options, lb } = setup();
    await setupCustomDomain(options);
    // without a listener, certificates of other names are not read (a tag read per certificate of the
    // account would cost every run): the old domain is named
    const res = await setupCustomDomain({ ...options, domain: "gw.example.com", replaces: ["api.example.com"] });
    expect(recordsAt("api.example.com.")).toEqual([]);
    expect(recordsAt("_konnect-aws.api.example.com.")).toEqual([]);
    expect(recordsAt("gw.example.com.")[0]!.AliasTarget!.DNSName).toBe(`${lb.dnsName}.`);
    expect(certs().map((c) => c.arn)).toEqual([res.certificate]);
  });

  it("changing the domain with a listener finds the old certificate on it, detaches and deletes it, and removes its records", async () => {
    const own = sandbox.seedIssuedCertificate({ domainName: "legacy.example.org" });
    const { options, lb } = setup({}, { name: "kong-dp", listeners: [{ port: 443, protocol: "HTTPS", certificateArn: own, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" }] });
    const target = { kind: "load-balancer" as const, region: "us-east-1", loadBalancerArn: lb.loadBalancerArn, listenerArn: lb.listenerArns[0]! };
    const first = await setupCustomDomain({ ...options, target });
    const res = await setupCustomDomain({ ...options, target, domain: "gw.example.com" });
    const listener = sandbox.state.elbv2.listeners["us-east-1"]!.get(lb.listenerArns[0]!)!;
    expect(listener.certificateArns).toEqual([res.certificate]);
    expect(certs().map((c) => c.arn).sort()).toEqual([own, res.certificate].sort());
    expect(certs().some((c) => c.arn === first.certificate)).toBe(false);
    expect(recordsAt("api.example.com.")).toEqual([]);
    expect(recordsAt("_konnect-aws.api.example.com.")).toEqual([]);
    sandbox.clearRequests();
    await setupCustomDomain({ ...options, target, domain: "gw.example.com" });
    expect(sandbox.writes()).toEqual([]);
  });

  it("teardown removes what it created and nothing else; a second teardown writes nothing", async () => {
    const { options } = setup();
    const before = structuredClone(zone().records);
    await setupCustomDomain(options);
    sandbox.clearRequests();
    const { changes, kept } = await removeCustomDomain(options);
    expect(changes.map((c) => [c.action, c.kind])).toEqual([["delete", "aws.route53-domain-records"], ["delete", "aws.acm-certificate"]]);
    expect(kept).toEqual([]);
    expect(zone().records).toEqual(before);
    expect(certs()).toEqual([]);
    sandbox.clearRequests();
    expect((await removeCustomDomain(options)).changes).toEqual([]);
    expect(sandbox.writes()).toEqual([]);
  });

  it("times out with an error naming what is still pending", async () => {
    const { options } = setup();
    sandbox.clock.autoAdvance = false;
    const error = await setupCustomDomain({ ...options, wait: { intervalMs: 1, timeoutMs: 20 } }).catch((e: unknown) => e);
    expect(String((error as Error).message)).toMatch(/PENDING|still/);
  });

  it("finds the load balancer by DNS name, or takes the zone id given with it", async () => {
    const { options, lb } = setup();
    await setupCustomDomain({ ...options, target: { kind: "load-balancer", region: "us-east-1", dnsName: lb.dnsName } });
    expect(recordsAt("api.example.com.")[0]!.AliasTarget!.HostedZoneId).toBe(lb.canonicalHostedZoneId);
    sandbox.clearRequests();
    await setupCustomDomain({ ...options, target: { kind: "load-balancer", region: "us-east-1", dnsName: lb.dnsName, canonicalHostedZoneId: lb.canonicalHostedZoneId } });
    expect(sandbox.requests.filter((r) => r.service === "elbv2")).toEqual([]);
  });

  it("refuses bad input before any request", async () => {
    const { options, lb } = setup();
    const t = { kind: "load-balancer" as const, region: "us-east-1", loadBalancerArn: lb.loadBalancerArn };
    const cases: Array<[Partial<SetupCustomDomainOptions>, string]> = [
      [{ domain: "api..example.com" }, "domain"],
      [{ target: { ...t, region: "mars-1" } }, "target.region"],
      [{ target: { ...t, region: "eu-west-1" } }, "target.region"],
      [{ target: { kind: "load-balancer", region: "us-east-1" } }, "target.loadBalancerArn"],
      [{ target: { ...t, sslPolicy: "ELBSecurityPolicy-2016-08" } }, "target.sslPolicy"],
      [{ target: { ...t, listenerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/kong-dp/0123456789abcdef/0123456789abcdef", certificateRegions: ["eu-west-1"] } }, "target.certificateRegions"],
      [{ subjectAlternativeNames: Array.from({ length: 10 }, (_, i) => `n${i}.example.com`) }, "subjectAlternativeNames"],
      [{ target: { kind: "nope" } as never }, "target.kind"],
    ];
    for (const [extra, field] of cases) {
      const error = await setupCustomDomain({ ...options, ...extra }).catch((e: unknown) => e);
      expect([extra, (error as ConfigError).field]).toEqual([extra, field]);
    }
    expect(sandbox.requests).toEqual([]);
  });

  it("refuses extra names outside the hosted zone before any write", async () => {
    const { options } = setup({ subjectAlternativeNames: ["www.other.org"] });
    const error = await setupCustomDomain(options).catch((e: unknown) => e);
    expect((error as ConfigError).field).toBe("subjectAlternativeNames[0]");
    expect(sandbox.writes()).toEqual([]);
  });
});
