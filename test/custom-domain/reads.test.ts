import { describe, expect, it } from "vitest";
import { ConfigError, removeCustomDomain, setupCustomDomain, type SetupCustomDomainOptions } from "../../src/index.js";
import { route53 } from "../sandbox/aws-clients.js";
import { useSandbox } from "../use-sandbox.js";
import { acm, elbv2 } from "./clients.js";

// What a custom-domain run reads, by operation: the reads started together (declare-custom-domain.ts) are
// each made once, and a certificate the run saw ISSUED is not read again to wait for it.
const { sandbox, konnect } = useSandbox();
const r53 = route53();
const count = () => {
  const out: Record<string, number> = {};
  for (const r of sandbox.requests) out[`${r.service} ${r.operation}`] = (out[`${r.service} ${r.operation}`] ?? 0) + 1;
  return out;
};

function setup(): SetupCustomDomainOptions {
  sandbox.seedHostedZone({ name: "example.com" });
  const own = sandbox.seedIssuedCertificate({ domainName: "legacy.example.org" });
  const lb = sandbox.seedLoadBalancer({ name: "kong-dp", listeners: [{ port: 443, protocol: "HTTPS", certificateArn: own, sslPolicy: "ELBSecurityPolicy-2016-08" }] });
  sandbox.clearRequests();
  return {
    domain: "api.example.com",
    target: { kind: "load-balancer", region: "us-east-1", loadBalancerArn: lb.loadBalancerArn, listenerArn: lb.listenerArns[0]! },
    route53: r53,
    acm: (region) => acm(region),
    elbv2: elbv2(),
    wait: { intervalMs: 5 },
  };
}

describe("setupCustomDomain reads", () => {
  it("a re-apply with a listener reads the listener once, the certificate once (it is ISSUED: no wait), and writes nothing", async () => {
    const options = setup();
    const first = await setupCustomDomain(options);
    sandbox.clearRequests();
    const again = await setupCustomDomain(options);
    expect(sandbox.writes()).toEqual([]);
    expect(again.certificate).toBe(first.certificate);
    expect(again.dnsAnswer).toEqual(first.dnsAnswer);
    expect(count()).toEqual({
      // the two candidate zones, api.example.com. and example.com.
      "route53 ListHostedZonesByName": 2,
      "elbv2 DescribeLoadBalancers": 1,
      "elbv2 DescribeListeners": 1,
      "elbv2 DescribeListenerCertificates": 1,
      "acm ListCertificates": 1,
      // ours and the listener's default certificate (the user's)
      "acm ListTagsForCertificate": 2,
      "acm DescribeCertificate": 1,
      // the registry, the domain, its parent (CAA) and the validation record
      "route53 ListResourceRecordSets": 4,
      "route53 TestDNSAnswer": 1,
    });
  });

  it("the first apply waits for the certificate once, before attaching it, and not again after", async () => {
    const options = setup();
    const res = await setupCustomDomain(options);
    expect(sandbox.state.elbv2.listeners["us-east-1"]!.get((options.target as { listenerArn: string }).listenerArn)!.certificateArns).toEqual([res.certificate]);
    const describes = sandbox.requests.filter((r) => r.operation === "DescribeCertificate" || r.operation === "AddListenerCertificates").map((r) => r.operation);
    // the last DescribeCertificate (ISSUED) comes before the attach; none follows it
    expect(describes.at(-1)).toBe("AddListenerCertificates");
    expect(res.dnsAnswer?.length).toBeGreaterThan(0);
  });

  it("a missing hosted zone is still the refusal when the load balancer is missing too (reads started together)", async () => {
    const error = await setupCustomDomain({
      domain: "api.nowhere.org",
      target: { kind: "load-balancer", region: "us-east-1", loadBalancerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/gone/0123456789abcdef" },
      route53: r53,
      acm: (region) => acm(region),
      elbv2: elbv2(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe("hostedZoneId");
    expect(sandbox.writes()).toEqual([]);
  });

  it("names outside the zone are refused before the missing load balancer's refusal, and before any write", async () => {
    sandbox.seedHostedZone({ name: "example.com" });
    const error = await setupCustomDomain({
      domain: "api.example.com",
      subjectAlternativeNames: ["www.other.org"],
      target: { kind: "load-balancer", region: "us-east-1", loadBalancerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/gone/0123456789abcdef" },
      route53: r53,
      acm: (region) => acm(region),
      elbv2: elbv2(),
    }).catch((e: unknown) => e);
    expect((error as ConfigError).field).toBe("subjectAlternativeNames[0]");
    expect(sandbox.writes()).toEqual([]);
  });

  it("a teardown reads the listener once before its own fresh read, and a second one reads and writes nothing more", async () => {
    const options = setup();
    await setupCustomDomain(options);
    sandbox.clearRequests();
    await removeCustomDomain(options);
    // one read to plan, one fresh read right before removing our certificate from it
    expect(count()["elbv2 DescribeListeners"]).toBe(2);
    sandbox.clearRequests();
    expect((await removeCustomDomain(options)).changes).toEqual([]);
    expect(sandbox.writes()).toEqual([]);
    expect(count()["elbv2 DescribeListeners"]).toBe(1);
  });

  it("cloud gateway: a re-apply reads the registry record once (for the claim and for the records) and writes nothing", async () => {
    sandbox.seedHostedZone({ name: "example.com" });
    const cp = (await konnect.api.POST("/v2/control-planes", { body: { name: "dcgw", cloud_gateway: true, cluster_type: "CLUSTER_TYPE_CONTROL_PLANE" } })).data!;
    const options: SetupCustomDomainOptions = { domain: "api.example.com", target: { kind: "cloud-gateway", konnect, controlPlaneId: cp.id }, route53: r53, wait: { intervalMs: 5 } };
    const first = await setupCustomDomain(options);
    sandbox.clearRequests();
    const again = await setupCustomDomain(options);
    expect(sandbox.writes()).toEqual([]);
    expect(again.customDomainId).toBe(first.customDomainId);
    const reads = sandbox.requests.filter((r) => r.operation === "ListResourceRecordSets").map((r) => decodeURIComponent(new URL(r.url).searchParams.get("name") ?? ""));
    // the registry, the two CNAMEs' names and the parent (CAA), each once
    expect(reads.sort()).toEqual(["_acme-challenge.api.example.com.", "_konnect-aws.api.example.com.", "api.example.com.", "example.com."]);
  });
});
