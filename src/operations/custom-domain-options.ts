import type { ACMClient } from "@aws-sdk/client-acm";
import type { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import type { Route53Client } from "@aws-sdk/client-route-53";
import type { CertificateWaitOptions } from "../aws/acm.js";
import { checkAwsRegion } from "../aws/regions.js";
import { checkAwsTags } from "../aws/validate.js";
import type { KonnectClient } from "../konnect/create-konnect-client.js";
import { check, checkControlPlaneId, checkKonnectClient, checkOptionalArray, checkOptionalBoolean, checkOptionalNumber, checkOptionalString, checkPlainObject, checkString, describeValue, show } from "../internal/validate.js";
import type { Change } from "../reconcile/change.js";
import { checkOperationOptions } from "./check-operation-options.js";
import { prefixOfPublicEdgeDns } from "../resources/konnect/public-edge-dns.js";
import { checkCostTags, type CostAllocationTags } from "./cost-tags.js";
import type { OperationOptions } from "./operation-options.js";

/** Path 1: a Dedicated Cloud Gateway control plane; Konnect holds the certificate and terminates TLS. */
export interface CloudGatewayDomainTarget {
  kind: "cloud-gateway";
  /** Client for the control plane's geo (the custom domain's `control_plane_geo` is its region). */
  konnect: KonnectClient;
  controlPlaneId: string;
  /**
   * The control plane's Public Edge DNS, as Gateway Manager's Connect menu shows it
   * (`9e454bcfec.gateways.konggateway.com`; `https://` in front is accepted). Its first label is the prefix
   * of both CNAME targets: `<domain>` -> `<prefix>.gateways.konggateway.com` and `_acme-challenge.<domain>`
   * -> `_acme-challenge.<prefix>.acme.gateways.konggateway.com`.
   * @default derived from the control plane's `config.control_plane_endpoint` (`https://<prefix>.<geo>.cp0.konghq.com`)
   */
  publicEdgeDns?: string;
}

/** Path 2: self-hosted data planes behind an Application Load Balancer; ACM holds the certificate. */
export interface LoadBalancerDomainTarget {
  kind: "load-balancer";
  /** The load balancer's region. */
  region: string;
  /** The load balancer (its DNS name and canonical hosted zone come from DescribeLoadBalancers). */
  loadBalancerArn?: string;
  /** Or its DNS name (looked up with DescribeLoadBalancers unless `canonicalHostedZoneId` is given). */
  dnsName?: string;
  /** The load balancer's canonical hosted zone id, with `dnsName`: no DescribeLoadBalancers at all. */
  canonicalHostedZoneId?: string;
  /** The HTTPS listener to attach the certificate to (as an extra, SNI certificate). */
  listenerArn?: string;
  /**
   * Security policy set on the listener when its own allows TLS below 1.2 (a TLS 1.2+ policy).
   * @default "ELBSecurityPolicy-TLS13-1-2-2021-06"
   */
  sslPolicy?: string;
  /**
   * Regions to request a certificate in: ACM certificates are regional, so a `setupMultiRegion`
   * deployment with a load balancer per region needs one in each; every one is validated by the same DNS
   * records. @default [region]
   */
  certificateRegions?: string[];
  /**
   * Write the alias A (and AAAA) records of the domain to the load balancer. Turn off when
   * `setupMultiRegion` routes the domain (its failover or latency records own the name).
   * @default true
   */
  aliasRecords?: boolean;
  /** Also write an AAAA alias. @default true when the load balancer is dualstack (from DescribeLoadBalancers) */
  ipv6?: boolean;
}

/** How long {@link setupCustomDomain} waits for Route 53, ACM and Konnect (each wait has this budget). */
export type CustomDomainWaitOptions = CertificateWaitOptions;

/**
 * Options of {@link setupCustomDomain} (and {@link removeCustomDomain}).
 *
 * @example
 * ```ts
 * const options: SetupCustomDomainOptions = { domain: "api.example.com", target: { kind: "load-balancer", region: "us-east-1", loadBalancerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/kong/0123456789abcdef" } };
 * ```
 */
export interface SetupCustomDomainOptions extends Omit<OperationOptions, "konnect"> {
  /** The name clients use, such as api.example.com (a wildcard `*.example.com` only for a load balancer). */
  domain: string;
  target: CloudGatewayDomainTarget | LoadBalancerDomainTarget;
  /** Extra names on the ACM certificate (load balancer only), in the same hosted zone. */
  subjectAlternativeNames?: string[];
  /** @default the public hosted zone that contains the domain */
  hostedZoneId?: string;
  /**
   * Domains this one replaces: their records, certificates and custom domains that konnect-aws created
   * are removed. Found without it: earlier domains of the same control plane (their registry record
   * names the control plane), and certificates of ours for the same domain or on the same listener.
   */
  replaces?: string[];
  /** Cost-allocation tags for the ACM certificates (the ownership and target tags are added). */
  tags?: CostAllocationTags;
  /** TTL of the CNAME records. @default 300 */
  ttl?: number;
  /** Wait for INSYNC, the certificate and the domain (progress goes to onEvent); `false` returns after the writes. @default true */
  wait?: boolean | CustomDomainWaitOptions;
  route53?: Route53Client;
  /** ACM clients: one, or a function of the region. @default one per region from the default credential chain */
  acm?: ACMClient | ((region: string) => ACMClient);
  /** ELBv2 client for the load balancer's region. @default one from the default credential chain */
  elbv2?: ElasticLoadBalancingV2Client;
}

/** One record of the domain, as written (or to be written) in Route 53. */
export interface CustomDomainRecord {
  name: string;
  type: "CNAME" | "A" | "AAAA";
  /** The CNAME target, or the alias target's DNS name. */
  value: string;
  /** Set on alias records. */
  aliasHostedZoneId?: string;
}

/** Result of {@link setupCustomDomain}. */
export interface SetupCustomDomainResult {
  domain: string;
  hostedZone: { id: string; name: string };
  /**
   * The certificate: the ACM ARN in the load balancer's region, or Konnect's certificate id once the
   * custom domain is ready. `undefined` in a dry run before it exists, or when not waiting.
   */
  certificate: string | undefined;
  /** The ACM certificate of each region (load balancer path). */
  certificates: Record<string, string>;
  /** The Konnect custom domain id (cloud-gateway path). */
  customDomainId?: string;
  /** The records of the domain in Route 53 (with placeholders in a dry run). */
  records: CustomDomainRecord[];
  /** What Route 53 answers for the domain (TestDNSAnswer), after waiting. */
  dnsAnswer: string[] | undefined;
  changes: Change[];
}

/**
 * A DNS name: labels of letters, digits and hyphens (not at either end), 1-63 characters each, 253 in all
 * (RFC 1035 §2.3.1, RFC 1123 §2.1), at least two labels; `*.` in front for a wildcard.
 * @internal
 */
export const DOMAIN = /^(\*\.)?(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])$/;
/** Konnect geos a custom domain can live in (cloud-gateways.v2.yaml ControlPlaneGeo). @internal */
export const CUSTOM_DOMAIN_GEOS = ["us", "eu", "au", "me", "in", "sg"] as const;
const ELB_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:([a-z0-9-]+):\d{12}:(loadbalancer|listener)\/(app|net)\/[^/]+\/[0-9a-f]+(\/[0-9a-f]+)?$/;

function checkDomainName(value: unknown, field: string, wildcard: boolean): asserts value is string {
  checkString(value, field, { what: "a DNS name", max: 253, example: "api.example.com" });
  const v = value.toLowerCase().replace(/\.$/, "");
  check(!v.includes("://") && !v.includes("/"), field, `${show(value)} is a URL, not a DNS name`, "give the name alone, without scheme or path, such as api.example.com");
  check(DOMAIN.test(v), field, `${show(value)} is not a DNS name (labels of letters, digits and inner hyphens, 1-63 characters, at least two)`, "use a name such as api.example.com");
  check(wildcard || !v.startsWith("*."), field, `${show(value)} is a wildcard; Konnect custom domains are single names (one CNAME per name to the gateway)`, "give each name (api.example.com) its own custom domain, or use the load-balancer target with an ACM wildcard certificate");
}

/** Checks the options of {@link setupCustomDomain} and {@link removeCustomDomain} before any request. @internal */
export function validateCustomDomainOptions(o: SetupCustomDomainOptions, fn: string): void {
  checkOperationOptions(o, fn, 'domain: "api.example.com", target: { kind: "cloud-gateway", konnect, controlPlaneId }', { konnect: false });
  checkPlainObject(o.target, "target", 'kind: "cloud-gateway", konnect, controlPlaneId');
  const t = o.target;
  check(t.kind === "cloud-gateway" || t.kind === "load-balancer", "target.kind", `unknown target ${describeValue((t as { kind?: unknown }).kind)}`, 'use "cloud-gateway" (Dedicated Cloud Gateways) or "load-balancer" (your ALB with an ACM certificate)');
  checkDomainName(o.domain, "domain", t.kind === "load-balancer");
  checkOptionalString(o.hostedZoneId, "hostedZoneId", { what: "a hosted zone id", max: 64 });
  check(o.hostedZoneId === undefined || /^(\/hostedzone\/)?Z[A-Z0-9]{1,32}$/.test(o.hostedZoneId), "hostedZoneId", `${show(o.hostedZoneId)} is not a Route 53 hosted zone id`, "use the id from Route 53, such as Z0123456789ABC");
  checkOptionalArray(o.replaces, "replaces", '"old-api.example.com"');
  (o.replaces ?? []).forEach((r, i) => {
    checkDomainName(r, `replaces[${i}]`, t.kind === "load-balancer");
    check(r.toLowerCase() !== o.domain.toLowerCase(), `replaces[${i}]`, `${show(r)} is the domain itself`, "list only the domains this one replaces");
  });
  checkOptionalNumber(o.ttl, "ttl", { min: 0, max: 86_400, integer: true, unit: "seconds" });
  checkCostTags(o.tags, "tags");
  checkAwsTags(o.tags, "tags");
  if (t.kind === "cloud-gateway") {
    checkKonnectClient(t.konnect);
    checkControlPlaneId(t.controlPlaneId, "target.controlPlaneId");
    checkOptionalString(t.publicEdgeDns, "target.publicEdgeDns", { what: "the Public Edge DNS of the control plane", max: 253, example: "9e454bcfec.gateways.konggateway.com" });
    check(t.publicEdgeDns === undefined || prefixOfPublicEdgeDns(t.publicEdgeDns) !== undefined, "target.publicEdgeDns", `${show(t.publicEdgeDns)} is not a Public Edge DNS (<prefix>.gateways.konggateway.com)`, "copy it from the control plane's Connect menu in Gateway Manager, such as 9e454bcfec.gateways.konggateway.com, or leave it out to derive it from the control plane");
    const geo = t.konnect.region as string;
    check((CUSTOM_DOMAIN_GEOS as readonly string[]).includes(geo), "target.konnect", `the client's region ${show(geo)} is not a geo custom domains live in (${CUSTOM_DOMAIN_GEOS.join(", ")})`, "create the client for the control plane's region, such as createKonnectClient({ region: \"eu\" })");
    check(o.subjectAlternativeNames === undefined, "subjectAlternativeNames", "a Konnect custom domain is one name", "register each extra name with its own setupCustomDomain call");
    return;
  }
  checkAwsRegion(t.region, "target.region");
  checkOptionalString(t.loadBalancerArn, "target.loadBalancerArn", { what: "a load balancer ARN", max: 2048 });
  checkOptionalString(t.dnsName, "target.dnsName", { what: "the load balancer's DNS name", max: 253 });
  check(t.loadBalancerArn !== undefined || t.dnsName !== undefined, "target.loadBalancerArn", "the load balancer is missing", "give its loadBalancerArn, or its dnsName");
  check(t.loadBalancerArn === undefined || t.dnsName === undefined, "target.dnsName", "give either loadBalancerArn or dnsName, not both", "keep loadBalancerArn");
  const lb = t.loadBalancerArn ? ELB_ARN.exec(t.loadBalancerArn) : undefined;
  check(t.loadBalancerArn === undefined || (lb && lb[2] === "loadbalancer"), "target.loadBalancerArn", `${show(t.loadBalancerArn)} is not a load balancer ARN`, "use arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/app/<name>/<id>");
  check(!lb || lb[1] === t.region, "target.region", `the load balancer is in ${lb?.[1]}, not ${t.region}`, `set target.region to ${lb?.[1]}`);
  check(t.dnsName === undefined || DOMAIN.test(t.dnsName.toLowerCase().replace(/^dualstack\./, "")), "target.dnsName", `${show(t.dnsName)} is not a DNS name`, "give the load balancer's DNS name, such as kong-123.us-east-1.elb.amazonaws.com");
  checkOptionalString(t.canonicalHostedZoneId, "target.canonicalHostedZoneId", { what: "a hosted zone id", max: 32 });
  check(t.canonicalHostedZoneId === undefined || /^Z[A-Z0-9]{1,32}$/.test(t.canonicalHostedZoneId), "target.canonicalHostedZoneId", `${show(t.canonicalHostedZoneId)} is not a hosted zone id`, "use DescribeLoadBalancers' CanonicalHostedZoneId, or leave it out");
  checkOptionalString(t.listenerArn, "target.listenerArn", { what: "a listener ARN", max: 2048 });
  const ln = t.listenerArn ? ELB_ARN.exec(t.listenerArn) : undefined;
  check(t.listenerArn === undefined || (ln && ln[2] === "listener"), "target.listenerArn", `${show(t.listenerArn)} is not a listener ARN`, "use arn:aws:elasticloadbalancing:<region>:<account>:listener/app/<name>/<id>/<id>");
  check(!ln || ln[1] === t.region, "target.listenerArn", `the listener is in ${ln?.[1]}, not ${t.region}`, "give a listener of the load balancer");
  checkOptionalString(t.sslPolicy, "target.sslPolicy", { what: "a security policy name", max: 128 });
  check(t.sslPolicy === undefined || /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)-/.test(t.sslPolicy), "target.sslPolicy", `${show(t.sslPolicy)} allows TLS below 1.2 (or is not an ALB security policy)`, "use a TLS 1.2+ policy such as ELBSecurityPolicy-TLS13-1-2-2021-06");
  checkOptionalArray(t.certificateRegions, "target.certificateRegions", '"us-east-1", "eu-west-1"');
  (t.certificateRegions ?? []).forEach((r, i) => checkAwsRegion(r, `target.certificateRegions[${i}]`));
  check(!t.listenerArn || !t.certificateRegions || t.certificateRegions.includes(t.region), "target.certificateRegions", `the listener is in ${t.region}, which has no certificate`, `add ${t.region}`);
  checkOptionalBoolean(t.aliasRecords, "target.aliasRecords");
  checkOptionalBoolean(t.ipv6, "target.ipv6");
  checkOptionalArray(o.subjectAlternativeNames, "subjectAlternativeNames", '"www.example.com"');
  (o.subjectAlternativeNames ?? []).forEach((n, i) => checkDomainName(n, `subjectAlternativeNames[${i}]`, true));
  // ACM quota "Domain names per ACM certificate": 10 by default (ACM User Guide, Quotas)
  check(1 + (o.subjectAlternativeNames ?? []).length <= 10, "subjectAlternativeNames", `a certificate holds at most 10 names by default, got ${1 + (o.subjectAlternativeNames ?? []).length}`, "drop names, or raise the ACM quota and split the work");
}
