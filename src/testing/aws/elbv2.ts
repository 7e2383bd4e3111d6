import { http, type HttpHandler } from "msw";
import type { Random } from "../random.js";
import type { Serve } from "../serve.js";
import { AwsFault } from "./json-protocol.js";
import { rejectInvalidInput } from "./reject-invalid.js";
import { xmlDocument } from "./xml.js";

const NS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
const REQUEST_ID = "00000000-0000-4000-8000-000000000000";

/**
 * Canonical hosted zone ids of Application Load Balancers by region (AWS General Reference, "Elastic Load
 * Balancing endpoints and quotas", column "Route 53 Hosted Zone ID (Application Load Balancers, Classic
 * Load Balancers)"; the eu-west-1, eu-central-1 and ap-southeast-2 values also match the
 * DUALSTACK_CANONICAL_HOSTED_ZONE_NAME_IDS table of the roadworker gem, Aws::Route53). Only the fake uses this table, to answer DescribeLoadBalancers as AWS would; the SDK
 * reads the id from DescribeLoadBalancers and never from a table.
 */
const ALB_ZONE: Record<string, string> = {
  "us-east-1": "Z35SXDOTRQ7X7K",
  "us-east-2": "Z3AADJGX6KTTL2",
  "us-west-2": "Z1H1FL5HABSF5",
  "eu-west-1": "Z32O12XQLNTSW2",
  "eu-central-1": "Z215JYRZR1TBD5",
  "ap-southeast-2": "Z1GM3OXH4ZPM65",
};

/**
 * Security policies of Application Load Balancers (Elastic Load Balancing User Guide, "Security policies
 * for your Application Load Balancer"); an unknown name is SSLPolicyNotFound, as in AWS.
 */
export const ALB_SSL_POLICIES = [
  "ELBSecurityPolicy-TLS13-1-2-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
  "ELBSecurityPolicy-TLS13-1-1-2021-06",
  "ELBSecurityPolicy-TLS13-1-0-2021-06",
  "ELBSecurityPolicy-TLS13-1-3-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
  "ELBSecurityPolicy-TLS-1-2-2017-01",
  "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
  "ELBSecurityPolicy-FS-1-2-2019-08",
  "ELBSecurityPolicy-FS-1-2-Res-2019-08",
  "ELBSecurityPolicy-FS-1-2-Res-2020-10",
  "ELBSecurityPolicy-FS-1-1-2019-08",
  "ELBSecurityPolicy-FS-2018-06",
  "ELBSecurityPolicy-TLS-1-1-2017-01",
  "ELBSecurityPolicy-2016-08",
  "ELBSecurityPolicy-2015-05",
  "ELBSecurityPolicy-TLS-1-0-2015-04",
];

/** How to seed a load balancer. */
export interface LoadBalancerSeed {
  name: string;
  region?: string;
  /** @default "internet-facing" */
  scheme?: "internet-facing" | "internal";
  /** @default "ipv4" */
  ipAddressType?: "ipv4" | "dualstack";
  /** Listeners to create. @default one HTTPS listener on 443 with a default certificate you give, or one HTTP listener on 80 */
  listeners?: Array<{ port: number; protocol: "HTTP" | "HTTPS"; sslPolicy?: string; certificateArn?: string }>;
  /** For regions outside the fake's table of canonical hosted zone ids. */
  canonicalHostedZoneId?: string;
}

/** What {@link LoadBalancerSeed} made. */
export interface SeededLoadBalancer {
  loadBalancerArn: string;
  dnsName: string;
  canonicalHostedZoneId: string;
  listenerArns: string[];
}

/** One listener. */
export interface ListenerRecord {
  arn: string;
  loadBalancerArn: string;
  port: number;
  protocol: string;
  sslPolicy?: string;
  /** The default certificate (HTTPS). */
  defaultCertificateArn?: string;
  /** Further certificates (SNI), as AddListenerCertificates adds them. */
  certificateArns: string[];
}

/**
 * The ELBv2 fake's state: load balancers (as DescribeLoadBalancers returns them) and listeners, by region.
 *
 * @example
 * ```ts
 * const lb = sandbox.seedLoadBalancer({ name: "kong-dp" });
 * const listener = sandbox.state.elbv2.listeners["us-east-1"]?.get(lb.listenerArns[0]!);
 * ```
 */
export interface ElbV2State {
  loadBalancers: Record<string, Map<string, Record<string, unknown>>>;
  listeners: Record<string, Map<string, ListenerRecord>>;
}

/** @internal */
export interface ElbV2FakeOptions {
  state: () => ElbV2State;
  random: Random;
  serve: Serve;
  /** Whether a certificate exists in ACM in the region and is ISSUED (the ACM fake). */
  certificateIssued: (region: string, arn: string) => boolean;
}

/** Adds a load balancer with its listeners. @internal */
export function seedLoadBalancer(state: ElbV2State, random: Random, accountId: string, seed: LoadBalancerSeed): SeededLoadBalancer {
  const region = seed.region ?? "us-east-1";
  const zone = seed.canonicalHostedZoneId ?? ALB_ZONE[region];
  if (!zone) throw new Error(`seedLoadBalancer: no canonical hosted zone id known for ${region}; pass canonicalHostedZoneId`);
  const hex = random.chars(16, "0123456789abcdef");
  const arn = `arn:aws:elasticloadbalancing:${region}:${accountId}:loadbalancer/app/${seed.name}/${hex}`;
  const scheme = seed.scheme ?? "internet-facing";
  const dnsName = `${scheme === "internal" ? "internal-" : ""}${seed.name}-${random.chars(10, "0123456789")}.${region}.elb.amazonaws.com`;
  (state.loadBalancers[region] ??= new Map()).set(arn, {
    LoadBalancerArn: arn,
    DNSName: dnsName,
    CanonicalHostedZoneId: zone,
    CreatedTime: new Date(Date.UTC(2026, 0, 1)).toISOString(),
    LoadBalancerName: seed.name,
    Scheme: scheme,
    VpcId: `vpc-${random.chars(17, "0123456789abcdef")}`,
    State: { Code: "active" },
    Type: "application",
    IpAddressType: seed.ipAddressType ?? "ipv4",
  });
  const listeners = seed.listeners ?? [{ port: 80, protocol: "HTTP" as const }];
  const listenerArns = listeners.map((l) => {
    const la = `arn:aws:elasticloadbalancing:${region}:${accountId}:listener/app/${seed.name}/${hex}/${random.chars(16, "0123456789abcdef")}`;
    (state.listeners[region] ??= new Map()).set(la, {
      arn: la,
      loadBalancerArn: arn,
      port: l.port,
      protocol: l.protocol,
      ...(l.protocol === "HTTPS" ? { sslPolicy: l.sslPolicy ?? "ELBSecurityPolicy-2016-08" } : {}),
      ...(l.certificateArn ? { defaultCertificateArn: l.certificateArn } : {}),
      certificateArns: [],
    });
    return la;
  });
  return { loadBalancerArn: arn, dnsName, canonicalHostedZoneId: zone, listenerArns };
}

/** `Foo.member.N` (and `Foo.member.N.Bar`) values of a Query request. */
function queryList(form: URLSearchParams, name: string, field?: string): string[] {
  const out: string[] = [];
  for (let n = 1; ; n++) {
    const v = form.get(field ? `${name}.member.${n}.${field}` : `${name}.member.${n}`);
    if (v === null) return out;
    out.push(v);
  }
}

/** ALB quota "Certificates per Application Load Balancer (not counting default certificates)": 25 (ELB User Guide, Quotas). */
const MAX_LISTENER_CERTIFICATES = 25;
const WRITES = new Set(["AddListenerCertificates", "RemoveListenerCertificates", "ModifyListener"]);

/** @internal */
export function elbV2Handlers(o: ElbV2FakeOptions): HttpHandler[] {
  const fault = (code: string, message: string, status: number) => xmlDocument("ErrorResponse", NS, { Error: { Type: "Sender", Code: code, Message: message }, RequestId: REQUEST_ID }, { status });
  const ok = (action: string, result: Record<string, unknown>) => xmlDocument(`${action}Response`, NS, { [`${action}Result`]: result, ResponseMetadata: { RequestId: o.random.uuid() } }, { members: {} });
  const listenerXml = (l: ListenerRecord) => ({
    ListenerArn: l.arn,
    LoadBalancerArn: l.loadBalancerArn,
    Port: l.port,
    Protocol: l.protocol,
    ...(l.defaultCertificateArn ? { Certificates: [{ CertificateArn: l.defaultCertificateArn }] } : {}),
    ...(l.sslPolicy ? { SslPolicy: l.sslPolicy } : {}),
    DefaultActions: [{ Type: "fixed-response", Order: 1, FixedResponseConfig: { StatusCode: "404", ContentType: "text/plain" } }],
  });

  const run = (region: string, action: string, form: URLSearchParams): Response => {
    const lbs = o.state().loadBalancers[region] ?? new Map<string, Record<string, unknown>>();
    const listeners = o.state().listeners[region] ?? new Map<string, ListenerRecord>();
    const listener = (arn: string | null) => {
      const l = arn ? listeners.get(arn) : undefined;
      if (!l) throw new AwsFault("ListenerNotFound", `One or more listeners not found`);
      return l;
    };
    const checkCertificates = (arns: string[]) => {
      for (const a of arns) if (!o.certificateIssued(region, a)) throw new AwsFault("CertificateNotFound", `Certificate '${a}' not found`);
    };
    switch (action) {
      case "DescribeLoadBalancers": {
        const arns = queryList(form, "LoadBalancerArns");
        const names = queryList(form, "Names");
        if (arns.length && names.length) throw new AwsFault("ValidationError", "Load balancer names and load balancer ARNs cannot be specified at the same time");
        let list = [...lbs.values()];
        if (arns.length) {
          const missing = arns.filter((a) => !lbs.has(a));
          if (missing.length) throw new AwsFault("LoadBalancerNotFound", `One or more load balancers not found`);
          list = arns.map((a) => lbs.get(a)!);
        } else if (names.length) {
          list = list.filter((l) => names.includes(String(l.LoadBalancerName)));
          if (list.length < names.length) throw new AwsFault("LoadBalancerNotFound", `One or more load balancers not found`);
        }
        const start = Number(form.get("Marker") ?? 0);
        const size = Number(form.get("PageSize") ?? 400);
        const page = list.slice(start, start + size);
        return ok(action, { LoadBalancers: page, ...(start + size < list.length ? { NextMarker: String(start + size) } : {}) });
      }
      case "DescribeListeners": {
        const lbArn = form.get("LoadBalancerArn");
        const arns = queryList(form, "ListenerArns");
        if (!lbArn && !arns.length) throw new AwsFault("ValidationError", "You must specify either listener ARNs or a load balancer ARN");
        if (lbArn && !lbs.has(lbArn)) throw new AwsFault("LoadBalancerNotFound", `One or more load balancers not found`);
        const list = arns.length ? arns.map((a) => listener(a)) : [...listeners.values()].filter((l) => l.loadBalancerArn === lbArn);
        return ok(action, { Listeners: list.map(listenerXml) });
      }
      case "DescribeListenerCertificates": {
        const l = listener(form.get("ListenerArn"));
        return ok(action, { Certificates: [...(l.defaultCertificateArn ? [{ CertificateArn: l.defaultCertificateArn, IsDefault: true }] : []), ...l.certificateArns.map((a) => ({ CertificateArn: a, IsDefault: false }))] });
      }
      case "AddListenerCertificates": {
        const l = listener(form.get("ListenerArn"));
        if (l.protocol !== "HTTPS") throw new AwsFault("InvalidConfigurationRequest", `Certificates can only be added to HTTPS listeners`);
        const add = queryList(form, "Certificates", "CertificateArn");
        checkCertificates(add);
        const next = [...new Set([...l.certificateArns, ...add])];
        if (next.length > MAX_LISTENER_CERTIFICATES) throw new AwsFault("TooManyCertificates", "You've reached the limit on the number of certificates per load balancer");
        l.certificateArns = next;
        return ok(action, { Certificates: add.map((a) => ({ CertificateArn: a, IsDefault: false })) });
      }
      case "RemoveListenerCertificates": {
        const l = listener(form.get("ListenerArn"));
        const remove = queryList(form, "Certificates", "CertificateArn");
        if (remove.includes(l.defaultCertificateArn ?? "")) throw new AwsFault("OperationNotPermitted", "The default certificate cannot be removed; use ModifyListener to replace it");
        l.certificateArns = l.certificateArns.filter((a) => !remove.includes(a));
        return ok(action, {});
      }
      case "ModifyListener": {
        const l = listener(form.get("ListenerArn"));
        const protocol = form.get("Protocol") ?? l.protocol;
        const policy = form.get("SslPolicy");
        const certs = queryList(form, "Certificates", "CertificateArn");
        if (policy !== null && !ALB_SSL_POLICIES.includes(policy)) throw new AwsFault("SSLPolicyNotFound", `SSL policy '${policy}' not found`);
        if (certs.length > 1) throw new AwsFault("TooManyCertificates", "A listener can have only one default certificate");
        checkCertificates(certs);
        if (protocol === "HTTPS" && !certs.length && !l.defaultCertificateArn) throw new AwsFault("CertificateNotFound", "A certificate must be specified for HTTPS listeners");
        l.protocol = protocol;
        if (form.get("Port")) l.port = Number(form.get("Port"));
        if (policy !== null) l.sslPolicy = policy;
        else if (protocol === "HTTPS" && !l.sslPolicy) l.sslPolicy = "ELBSecurityPolicy-2016-08";
        if (certs.length) l.defaultCertificateArn = certs[0]!;
        return ok(action, { Listeners: [listenerXml(l)] });
      }
      default:
        throw new AwsFault("InvalidAction", `The action ${action} is not valid for this web service.`);
    }
  };

  return [
    http.post(/^https:\/\/elasticloadbalancing\.([a-z0-9-]+)\.amazonaws\.com\/?$/, async ({ request }) => {
      const region = /^https:\/\/elasticloadbalancing\.([a-z0-9-]+)\./.exec(request.url)![1]!;
      const form = new URLSearchParams(await request.clone().text());
      const action = form.get("Action") ?? "Unknown";
      return o.serve("elbv2", request, { operation: action, write: WRITES.has(action) }, async () => {
        if (!request.headers.get("authorization")?.startsWith("AWS4-HMAC-SHA256")) return fault("MissingAuthenticationToken", "Request is missing Authentication Token", 403);
        try {
          if (action !== "DescribeLoadBalancers" && action !== "DescribeListeners" && action !== "DescribeListenerCertificates" && !WRITES.has(action)) throw new AwsFault("InvalidAction", `The action ${action} is not valid for this web service.`);
          const rejected = await rejectInvalidInput("elbv2", action, request);
          if (rejected) return rejected;
          return run(region, action, form);
        } catch (error) {
          if (error instanceof AwsFault) return fault(error.code, error.message, error.status);
          throw error;
        }
      });
    }),
  ];
}
