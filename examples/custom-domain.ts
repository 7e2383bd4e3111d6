// The guide's "AWS Route 53 & ACM" (`enable_aws_custom_domain`, `enable_aws_acm_cert`,
// `aws_custom_domain = "api.example.com"`): the API at your own domain with a valid certificate. The
// guide's Terraform sent invented fields and wrote no DNS record; here either real path works:
// - your data planes behind an ALB: an ACM certificate validated through Route 53, alias records to the
//   ALB, and the certificate on its HTTPS listener (TLS 1.2+);
// - Dedicated Cloud Gateways: a Konnect custom domain and the CNAMEs Konnect's docs require.
// With `teardown`, the same options remove the records, the certificate and the custom domain.
import type { ACMClient } from "@aws-sdk/client-acm";
import type { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import type { Route53Client } from "@aws-sdk/client-route-53";
import { removeCustomDomain, setupCustomDomain, type CustomDomainWaitOptions, type KonnectClient, type SetupCustomDomainOptions } from "konnect-aws";
import { printChanges, printTeardown } from "./print-changes.js";

export interface CustomDomainExampleOptions {
  domain: string;
  /** Self-hosted data planes behind this ALB (and, optionally, its HTTPS listener)... */
  loadBalancer?: { region: string; arn: string; listenerArn?: string };
  /** ... or a Dedicated Cloud Gateway control plane. */
  cloudGateway?: { konnect: KonnectClient; controlPlaneId: string };
  route53?: Route53Client;
  acm?: (region: string) => ACMClient;
  elbv2?: ElasticLoadBalancingV2Client;
  wait?: CustomDomainWaitOptions;
  dryRun?: boolean;
  /** Remove what the example creates instead, with the same options. */
  teardown?: boolean;
}

export async function customDomain(o: CustomDomainExampleOptions) {
  const lb = o.loadBalancer;
  const target: SetupCustomDomainOptions["target"] = lb
    ? { kind: "load-balancer", region: lb.region, loadBalancerArn: lb.arn, ...(lb.listenerArn ? { listenerArn: lb.listenerArn } : {}) }
    : { kind: "cloud-gateway", konnect: o.cloudGateway!.konnect, controlPlaneId: o.cloudGateway!.controlPlaneId };
  const options: SetupCustomDomainOptions = {
    domain: o.domain,
    target,
    tags: { Environment: "dev", Project: "konnect-aws-demo" },
    ...(o.route53 ? { route53: o.route53 } : {}),
    ...(o.acm ? { acm: o.acm } : {}),
    ...(o.elbv2 ? { elbv2: o.elbv2 } : {}),
    ...(o.wait ? { wait: o.wait } : {}),
    dryRun: o.dryRun,
  };
  if (o.teardown) {
    const removed = await removeCustomDomain(options);
    printTeardown(`custom domain ${o.domain}`, removed);
    return removed;
  }
  const result = await setupCustomDomain(options);
  printChanges(`custom domain ${o.domain}`, result.changes);
  for (const r of result.records) console.log(`  ${r.name} ${r.type} ${r.value}`);
  if (result.certificate) console.log(`  certificate: ${result.certificate}`);
  if (result.dnsAnswer) console.log(`  Route 53 answers ${o.domain}: ${result.dnsAnswer.join(", ")}`);
  return result;
}
