// The ACM and ELBv2 fakes answer the real SDK clients in their wire protocols (JSON 1.1 and Query),
// validate input against the official models, and are never more lenient than AWS.
import { DescribeCertificateCommand, ListCertificatesCommand, RequestCertificateCommand } from "@aws-sdk/client-acm";
import { AddListenerCertificatesCommand, DescribeListenersCommand, DescribeLoadBalancersCommand, ModifyListenerCommand, RemoveListenerCertificatesCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import { ChangeResourceRecordSetsCommand } from "@aws-sdk/client-route-53";
import { describe, expect, it } from "vitest";
import { route53 } from "../sandbox/aws-clients.js";
import { useSandbox } from "../use-sandbox.js";
import { acm, elbv2 } from "./clients.js";

const { sandbox } = useSandbox();
const fail = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as { name: string; message: string });

describe("ACM fake", () => {
  it("validates input against the model (IdempotencyToken is 1-32 word characters)", async () => {
    const e = await fail(acm().send(new RequestCertificateCommand({ DomainName: "api.example.com", ValidationMethod: "DNS", IdempotencyToken: "not-a-word-token" })));
    expect(e?.name).toBe("ValidationException");
    expect(e?.message).toContain("idempotencyToken");
    const bad = await fail(acm().send(new RequestCertificateCommand({ DomainName: "-bad-.example.com", ValidationMethod: "DNS" })));
    expect(bad?.name).toBe("ValidationException");
  });

  it("returns the same certificate for the same idempotency token within an hour, a new one after", async () => {
    const ask = () => acm().send(new RequestCertificateCommand({ DomainName: "api.example.com", ValidationMethod: "DNS", IdempotencyToken: "tok1" }));
    const a = (await ask()).CertificateArn;
    expect((await ask()).CertificateArn).toBe(a);
    sandbox.clock.advance(3_600_001);
    expect((await ask()).CertificateArn).not.toBe(a);
  });

  it("shows the validation CNAME shortly after the request and issues once it resolves in Route 53", async () => {
    sandbox.clock.autoAdvance = false;
    const zoneId = sandbox.seedHostedZone({ name: "example.com" });
    const arn = (await acm().send(new RequestCertificateCommand({ DomainName: "api.example.com", ValidationMethod: "DNS" }))).CertificateArn!;
    const describe = async () => (await acm().send(new DescribeCertificateCommand({ CertificateArn: arn }))).Certificate!;
    expect((await describe()).DomainValidationOptions![0]!.ResourceRecord).toBeUndefined();
    sandbox.clock.advance(5_000);
    const record = (await describe()).DomainValidationOptions![0]!.ResourceRecord!;
    expect(record).toMatchObject({ Type: "CNAME", Name: expect.stringMatching(/^_[0-9a-f]{32}\.api\.example\.com\.$/), Value: expect.stringMatching(/\.acm-validations\.aws\.$/) });
    sandbox.clock.advance(3_600_000);
    expect((await describe()).Status).toBe("PENDING_VALIDATION");
    await route53().send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [{ Action: "CREATE", ResourceRecordSet: { Name: record.Name, Type: "CNAME", TTL: 300, ResourceRecords: [{ Value: record.Value }] } }] } }));
    expect((await describe()).Status).toBe("PENDING_VALIDATION");
    sandbox.clock.advance(60_000);
    expect((await describe()).Status).toBe("ISSUED");
    // the same name in another region: the same validation record
    const other = (await acm("eu-west-1").send(new RequestCertificateCommand({ DomainName: "api.example.com", ValidationMethod: "DNS" }))).CertificateArn!;
    sandbox.clock.advance(5_000);
    expect((await acm("eu-west-1").send(new DescribeCertificateCommand({ CertificateArn: other }))).Certificate!.DomainValidationOptions![0]!.ResourceRecord).toEqual(record);
  });

  it("times a pending validation out after 72 hours and refuses more than 10 names", async () => {
    sandbox.clock.autoAdvance = false;
    const arn = (await acm().send(new RequestCertificateCommand({ DomainName: "api.example.com", ValidationMethod: "DNS" }))).CertificateArn!;
    sandbox.clock.advance(72 * 3_600_000);
    expect((await acm().send(new DescribeCertificateCommand({ CertificateArn: arn }))).Certificate!.Status).toBe("VALIDATION_TIMED_OUT");
    const e = await fail(acm().send(new RequestCertificateCommand({ DomainName: "a.example.com", ValidationMethod: "DNS", SubjectAlternativeNames: Array.from({ length: 10 }, (_, i) => `n${i}.example.com`) })));
    expect(e?.name).toBe("LimitExceededException");
  });

  it("pages ListCertificates", async () => {
    for (const n of ["a", "b", "c"]) await acm().send(new RequestCertificateCommand({ DomainName: `${n}.example.com`, ValidationMethod: "DNS" }));
    const first = await acm().send(new ListCertificatesCommand({ MaxItems: 2 }));
    expect(first.CertificateSummaryList).toHaveLength(2);
    const second = await acm().send(new ListCertificatesCommand({ MaxItems: 2, NextToken: first.NextToken }));
    expect(second.CertificateSummaryList!.map((c) => c.DomainName)).toEqual(["c.example.com"]);
  });
});

describe("ELBv2 fake", () => {
  it("answers DescribeLoadBalancers with the canonical hosted zone and refuses what AWS refuses", async () => {
    const lb = sandbox.seedLoadBalancer({ name: "kong-dp", region: "eu-west-1", listeners: [{ port: 443, protocol: "HTTPS", certificateArn: sandbox.seedIssuedCertificate({ domainName: "x.example.org", region: "eu-west-1" }) }] });
    const out = await elbv2("eu-west-1").send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [lb.loadBalancerArn] }));
    expect(out.LoadBalancers![0]).toMatchObject({ DNSName: lb.dnsName, CanonicalHostedZoneId: "Z32O12XQLNTSW2", Type: "application" });
    expect((await fail(elbv2("eu-west-1").send(new DescribeLoadBalancersCommand({ PageSize: 401 }))))?.name).toBe("ValidationError");
    expect((await fail(elbv2("eu-west-1").send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [`${lb.loadBalancerArn}0`] }))))?.name).toBe("LoadBalancerNotFoundException");
    const listenerArn = lb.listenerArns[0]!;
    expect((await elbv2("eu-west-1").send(new DescribeListenersCommand({ LoadBalancerArn: lb.loadBalancerArn }))).Listeners![0]).toMatchObject({ Protocol: "HTTPS", SslPolicy: "ELBSecurityPolicy-2016-08" });
    expect((await fail(elbv2("eu-west-1").send(new ModifyListenerCommand({ ListenerArn: listenerArn, SslPolicy: "ELBSecurityPolicy-Made-Up" }))))?.name).toBe("SSLPolicyNotFoundException");
    // a certificate that is not issued cannot go on a listener
    const pending = (await acm("eu-west-1").send(new RequestCertificateCommand({ DomainName: "api.example.com", ValidationMethod: "DNS" }))).CertificateArn!;
    expect((await fail(elbv2("eu-west-1").send(new AddListenerCertificatesCommand({ ListenerArn: listenerArn, Certificates: [{ CertificateArn: pending }] }))))?.name).toBe("CertificateNotFoundException");
    // nor can the default certificate be removed
    const def = sandbox.state.elbv2.listeners["eu-west-1"]!.get(listenerArn)!.defaultCertificateArn!;
    expect((await fail(elbv2("eu-west-1").send(new RemoveListenerCertificatesCommand({ ListenerArn: listenerArn, Certificates: [{ CertificateArn: def }] }))))?.name).toBe("OperationNotPermittedException");
  });
});
