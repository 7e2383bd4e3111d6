// The sandbox state of every service a full deployment touches, canonical: the chain's snapshot (Konnect,
// secrets, Route 53 zones and health checks) plus ECS task definitions (ACTIVE ones: ECS keeps
// deregistered revisions as INACTIVE, which is AWS's own behaviour), log groups, alarms, ACM certificates,
// load-balancer listener certificates, Konnect networks, attachments and custom domains, EC2 attachments
// and routes, and RAM shares.
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { ACMClient } from "@aws-sdk/client-acm";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { EC2Client } from "@aws-sdk/client-ec2";
import { ECSClient } from "@aws-sdk/client-ecs";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { RAMClient } from "@aws-sdk/client-ram";
import type { DeployOptions } from "../../src/index.js";
import type { Sandbox } from "../../src/testing/index.js";
import { chainClients, credentials, snapshot } from "../scenario/full-chain.js";


/** Every AWS client a deployment takes, for us-east-1, with short retry waits. */
export function deployAws(maxAttempts = 5): NonNullable<DeployOptions["aws"]> {
  const c = chainClients(maxAttempts);
  const retryStrategy = new ConfiguredRetryStrategy(maxAttempts, () => 1);
  const region = "us-east-1";
  return {
    secretsManager: c.sm,
    route53: c.route53,
    elastiCache: c.elastiCache,
    lambda: c.lambda,
    ecs: new ECSClient({ region, credentials, retryStrategy }),
    cloudWatchLogs: new CloudWatchLogsClient({ region, credentials, retryStrategy }),
    cloudWatch: new CloudWatchClient({ region, credentials, retryStrategy }),
    acm: (r: string) => new ACMClient({ region: r, credentials, retryStrategy }),
    elbv2: new ElasticLoadBalancingV2Client({ region, credentials, retryStrategy }),
    // the Transit Gateway's region (the network's)
    ec2: new EC2Client({ region: "us-east-2", credentials, retryStrategy }),
    ram: new RAMClient({ region: "us-east-2", credentials, retryStrategy }),
  };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const mask = (v: unknown) => JSON.parse(JSON.stringify(v ?? null).replace(UUID, "<uuid>")) as unknown;
const sorted = (xs: unknown[]) => xs.map((x) => JSON.stringify(mask(x))).sort();

/** The whole sandbox, canonical (ids masked, lists sorted). */
export function snapshotAll(sandbox: Sandbox): unknown {
  const s = sandbox.state;
  const perRegion = <T>(regions: Record<string, Map<string, T>>) => Object.values(regions).flatMap((m) => [...m.values()]);
  const ecs = perRegion(s.ecs.regions).flatMap((revs) => revs.filter((r) => (r.taskDefinition as { status?: string }).status === "ACTIVE").map((r) => ({ family: (r.taskDefinition as { family?: string }).family, tags: r.tags })));
  const logGroups = perRegion(s.cloudWatchLogs.regions).map((g) => ({ name: g.name, region: g.region, retention: g.retentionInDays ?? null }));
  const alarms = perRegion(s.cloudWatch.regions).map((a) => ({ name: a.name, tags: a.tags }));
  const certificates = perRegion(s.acm.certificates).map((c) => ({ domain: c.domainName, names: c.names, tags: c.tags }));
  const listeners = perRegion(s.elbv2.listeners).map((l) => ({ port: l.port, certificates: l.certificateArns.length, default: l.defaultCertificateArn ?? null }));
  const cg = s.konnect.cloudGateways;
  const konnectCloud = { networks: [...cg.networks.values()].map((n) => n.name), attachments: [...cg.transitGateways.values()].map((t) => t.name), customDomains: [...cg.customDomains.values()].map((d) => d.domain) };
  const ec2 = { attachments: [...s.ec2.attachments.values()].filter((a) => a.state !== "deleted" && a.state !== "deleting").map((a) => a.state), routes: [...s.ec2.routeTables.values()].map((r) => r.routes) };
  const ram = [...s.ram.shares.values()].filter((x) => x.status !== "DELETED").map((x) => ({ resources: x.resourceArns, tags: x.tags }));
  return { chain: snapshot(sandbox), ecs: sorted(ecs), logGroups: sorted(logGroups), alarms: sorted(alarms), certificates: sorted(certificates), listeners: sorted(listeners), konnectCloud: mask(konnectCloud), ec2: mask(ec2), ram: sorted(ram) };
}
