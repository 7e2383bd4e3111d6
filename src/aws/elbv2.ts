import type { ElasticLoadBalancingV2Client, LoadBalancer } from "@aws-sdk/client-elastic-load-balancing-v2";
import { ConfigError } from "../errors/config-error.js";
import { loadElbV2 } from "./load-sdk.js";
import { awsStep } from "./secrets-manager.js";

/** The load balancer: by ARN, or by DNS name (DescribeLoadBalancers, every page), or as given with its zone id. @internal */
export async function findLoadBalancer(client: ElasticLoadBalancingV2Client, t: { region: string; loadBalancerArn?: string | undefined; dnsName?: string | undefined; canonicalHostedZoneId?: string | undefined }, signal: AbortSignal | undefined): Promise<LoadBalancer> {
  if (t.dnsName && t.canonicalHostedZoneId) return { DNSName: t.dnsName, CanonicalHostedZoneId: t.canonicalHostedZoneId };
  const elb = await loadElbV2();
  let marker: string | undefined;
  do {
    const page = await awsStep("DescribeLoadBalancers", () => client.send(new elb.DescribeLoadBalancersCommand({ ...(t.loadBalancerArn ? { LoadBalancerArns: [t.loadBalancerArn] } : { PageSize: 400 }), ...(marker ? { Marker: marker } : {}) }), { abortSignal: signal })).catch((e: unknown) => {
      if ((e as { awsErrorName?: string }).awsErrorName === "LoadBalancerNotFoundException" || (e as { awsErrorName?: string }).awsErrorName === "LoadBalancerNotFound") throw new ConfigError({ field: "target.loadBalancerArn", problem: `no load balancer ${t.loadBalancerArn} in ${t.region}`, fix: "check the ARN and target.region", cause: e });
      throw e;
    });
    const found = (page.LoadBalancers ?? []).find((l) => (t.loadBalancerArn ? l.LoadBalancerArn === t.loadBalancerArn : (l.DNSName ?? "").toLowerCase() === t.dnsName!.toLowerCase().replace(/^dualstack\./, "")));
    if (found) return found;
    marker = t.loadBalancerArn ? undefined : page.NextMarker;
  } while (marker);
  throw new ConfigError({ field: t.loadBalancerArn ? "target.loadBalancerArn" : "target.dnsName", problem: `no load balancer ${t.loadBalancerArn ?? t.dnsName} in ${t.region}`, fix: "check the name and target.region, or pass canonicalHostedZoneId with dnsName" });
}
