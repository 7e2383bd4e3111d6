// `npm run demo`: the examples against the sandbox (no credentials, no network), or against real
// Konnect and AWS with --live. Prints the plan, applies it, then applies again to show no changes;
// then plans the teardown and runs it, removing everything the demo created in reverse order
// (multi-region, Lambda and Cognito, rate limiting, vault, control plane), and checks the sandbox is
// back to its seeded state. With --live the teardown runs only when --teardown is passed too:
//   npm run demo -- --live              creates real objects and leaves them
//   npm run demo -- --live --teardown   creates them, then deletes them (secrets with the default
//                                       30-day recovery window: scheduled for deletion, restorable)
import { ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { Route53Client } from "@aws-sdk/client-route-53";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { ECSClient } from "@aws-sdk/client-ecs";
import { setupServer } from "msw/node";
import { createKonnectClient } from "konnect-aws";
import { createSandbox, type SandboxState } from "konnect-aws/testing";
import { basicAwsDeployment } from "./basic-aws-deployment.js";
import { cognitoAndLambda } from "./cognito-and-lambda.js";
import { elastiCacheRateLimiting } from "./elasticache-rate-limiting.js";
import { multiRegion } from "./multi-region.js";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { observability } from "./observability.js";
import { EC2Client } from "@aws-sdk/client-ec2";
import { RAMClient } from "@aws-sdk/client-ram";
import { transitGateway } from "./transit-gateway.js";
import { ACMClient } from "@aws-sdk/client-acm";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { customDomain } from "./custom-domain.js";

const live = process.argv.includes("--live");
const teardown = !live || process.argv.includes("--teardown");
const region = process.env.AWS_REGION ?? "us-east-1";
const USER_POOL_ID = process.env.DEMO_USER_POOL_ID ?? `${region}_DemoPool1`;
const APP_CLIENT_ID = process.env.DEMO_APP_CLIENT_ID ?? "demoappclient1";
const DOMAIN = process.env.DEMO_DOMAIN ?? "api.example.com";
// the custom-domain scenario (its own name: the multi-region one routes DOMAIN); live, it runs when
// DEMO_LOAD_BALANCER_ARN names your ALB (DEMO_LISTENER_ARN: its HTTPS listener, optional)
const CUSTOM_DOMAIN = process.env.DEMO_CUSTOM_DOMAIN ?? "gw.example.com";

async function main() {
  if (live) {
    if (!process.env.KONNECT_TOKEN) throw new Error("--live needs KONNECT_TOKEN (and AWS credentials in the default chain)");
    console.log(`LIVE: real Konnect (${process.env.KONNECT_REGION ?? "us"}) and AWS (${region})${teardown ? ", then teardown" : " (pass --teardown to remove it all again)"}`);
    const konnect = createKonnectClient({ region: (process.env.KONNECT_REGION as "us") ?? "us" });
    await run(konnect, {}, teardown);
    return;
  }
  // The sandbox answers every Konnect and AWS call in memory; anything else is refused, so this mode
  // can never touch a real account.
  // The AWS SDK warns once per process that its 2027 releases need Node 22; that is for your own
  // runtime planning, not for this offline demo.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const sandbox = createSandbox();
  const server = setupServer(...sandbox.handlers);
  server.listen({ onUnhandledRequest: "error" });
  try {
    console.log("SANDBOX: in-memory Konnect and AWS (pass --live to use real accounts)");
    const konnect = createKonnectClient({ token: sandbox.token, env: {} });
    const credentials = { accessKeyId: "AKIASANDBOX000000000", secretAccessKey: "sandbox" };
    // what the scenarios expect to exist in your account, seeded: the replication group of the ElastiCache
    // scenario, the Lambda function and the Cognito user pool of the Cognito/Lambda one, and the public
    // hosted zone of the multi-region one
    sandbox.seedReplicationGroup({ id: "kong-rate-limits", region, clusterMode: false });
    sandbox.seedLambdaFunction({ name: "orders-handler", region, timeout: 15 });
    sandbox.seedUserPool({ id: USER_POOL_ID, clients: [APP_CLIENT_ID] });
    sandbox.seedHostedZone({ name: "example.com" });
    // the transit gateway (not auto-accepting: the demo accepts Kong's attachment) and a VPC route table
    // of the Transit Gateway scenario, in a Dedicated Cloud Gateways region
    const transitGatewayId = sandbox.seedTransitGateway({ region: "us-east-2", autoAccept: false });
    const routeTableId = sandbox.seedRouteTable({ region: "us-east-2", vpcCidr: "10.0.0.0/16" });
    // its VPC attached to the transit gateway (EC2 routes through a transit gateway only from attached VPCs)
    sandbox.seedVpcAttachment({ transitGatewayId, vpcId: sandbox.state.ec2.routeTables.get(routeTableId)!.vpcId });
    // the ALB of the custom-domain scenario, with an HTTPS listener whose default certificate is yours
    const ownCert = sandbox.seedIssuedCertificate({ domainName: "legacy.example.org", region });
    const alb = sandbox.seedLoadBalancer({ name: "kong-dp", region, listeners: [{ port: 443, protocol: "HTTPS", certificateArn: ownCert }] });
    const seeded = census(sandbox.state);
    const route53 = new Route53Client({ region: "us-east-1", credentials });
    await run(konnect, {
      secretsManager: new SecretsManagerClient({ region, credentials }),
      secretsManagerFor: (r: string) => new SecretsManagerClient({ region: r, credentials }),
      elastiCache: new ElastiCacheClient({ region, credentials }),
      lambda: new LambdaClient({ region, credentials }),
      route53,
      ecs: new ECSClient({ region, credentials }),
      cloudWatchLogs: new CloudWatchLogsClient({ region, credentials }),
      cloudWatch: new CloudWatchClient({ region, credentials }),
      transitGatewayId,
      routeTableId,
      ec2: new EC2Client({ region: "us-east-2", credentials }),
      ram: new RAMClient({ region: "us-east-2", credentials }),
      acmFor: (r: string) => new ACMClient({ region: r, credentials }),
      elbv2: new ElasticLoadBalancingV2Client({ region, credentials }),
      loadBalancer: { region, arn: alb.loadBalancerArn, listenerArn: alb.listenerArns[0]! },
      // the sandbox's clock moves while the waiters poll: short polls keep the demo quick
      wait: { intervalMs: 100 },
    }, teardown);
    const writes = sandbox.writes();
    console.log(`\nsandbox: ${sandbox.requests.length} requests, ${writes.length} writes in all`);
    const now = census(sandbox.state);
    const same = (Object.keys(seeded) as Array<keyof Census>).every((k) => k === "secretsScheduledForDeletion" || seeded[k] === now[k]);
    const scheduled = now.secretsScheduledForDeletion;
    console.log(`sandbox back to its seeded state: ${same ? "yes" : "NO"}${same && scheduled > 0 ? `, but for ${scheduled} deleted secret(s) still scheduled for deletion` : ""}`);
    console.log(`  Konnect control planes: ${now.controlPlanes} (seeded ${seeded.controlPlanes})`);
    console.log(`  secrets not scheduled for deletion: ${now.liveSecrets} (seeded ${seeded.liveSecrets})`);
    console.log(`  secrets scheduled for deletion: ${scheduled} (deleted with the default 30-day recovery window: restorable until then, and their names stay taken)`);
    console.log(`  Route 53 health checks: ${now.healthChecks} (seeded ${seeded.healthChecks})`);
    console.log(`  records at ${DOMAIN}: ${now.domainRecords} (seeded ${seeded.domainRecords})`);
    console.log(`  active ECS task definitions: ${now.activeTaskDefinitions} (seeded ${seeded.activeTaskDefinitions})`);
    console.log(`  CloudWatch log groups: ${now.logGroups} (seeded ${seeded.logGroups}), alarms: ${now.alarms} (seeded ${seeded.alarms})`);
    console.log(`  cloud-gateway networks: ${now.networks} (seeded ${seeded.networks}), transit-gateway attachments: ${now.attachments}, active RAM shares: ${now.activeShares}`);
    console.log(`  records at ${CUSTOM_DOMAIN} and ACM certificates: ${now.customDomainRecords} and ${now.certificates} (seeded ${seeded.customDomainRecords} and ${seeded.certificates})`);
    console.log(`  seeded objects untouched: ${now.replicationGroups} replication group(s), ${now.lambdaFunctions} Lambda function(s), ${now.userPools} user pool(s), ${now.hostedZones} hosted zone(s)`);
    if (!same) process.exitCode = 1;
  } finally {
    server.close();
  }
}

interface Census {
  controlPlanes: number;
  liveSecrets: number;
  secretsScheduledForDeletion: number;
  healthChecks: number;
  domainRecords: number;
  replicationGroups: number;
  lambdaFunctions: number;
  userPools: number;
  hostedZones: number;
  activeTaskDefinitions: number;
  logGroups: number;
  alarms: number;
  networks: number;
  attachments: number;
  activeShares: number;
  customDomainRecords: number;
  certificates: number;
}

// Counts what the demo creates and what it expects to find, from the sandbox's state.
function census(state: SandboxState): Census {
  const secrets = Object.values(state.secretsManager.regions).flatMap((m) => [...m.values()]);
  const name = DOMAIN.endsWith(".") ? DOMAIN : `${DOMAIN}.`;
  const zones = [...state.route53.hostedZones.values()];
  return {
    controlPlanes: Object.values(state.konnect.regions).reduce((n, m) => n + m.size, 0),
    liveSecrets: secrets.filter((s) => s.deletedAt === undefined).length,
    secretsScheduledForDeletion: secrets.filter((s) => s.deletedAt !== undefined).length,
    healthChecks: state.route53.healthChecks.size,
    domainRecords: zones.flatMap((z) => z.records).filter((r) => r.Name === name).length,
    replicationGroups: Object.values(state.elastiCache.replicationGroups).reduce((n, m) => n + m.size, 0),
    lambdaFunctions: Object.values(state.lambda.functions).reduce((n, m) => n + m.size, 0),
    userPools: state.cognito.pools.size,
    hostedZones: zones.length,
    activeTaskDefinitions: Object.values(state.ecs.regions).flatMap((m) => [...m.values()].flat()).filter((r) => r.taskDefinition.status === "ACTIVE").length,
    logGroups: Object.values(state.cloudWatchLogs.regions).reduce((n, m) => n + m.size, 0),
    alarms: Object.values(state.cloudWatch.regions).reduce((n, m) => n + m.size, 0),
    networks: state.konnect.cloudGateways.networks.size,
    attachments: state.konnect.cloudGateways.transitGateways.size,
    activeShares: [...state.ram.shares.values()].filter((s) => s.status === "ACTIVE").length,
    customDomainRecords: zones.flatMap((z) => z.records).filter((r) => r.Name.endsWith(`${CUSTOM_DOMAIN}.`)).length,
    certificates: Object.values(state.acm.certificates).reduce((n, m) => n + m.size, 0),
  };
}

interface AwsClients {
  secretsManager?: SecretsManagerClient;
  elastiCache?: ElastiCacheClient;
  lambda?: LambdaClient;
  route53?: Route53Client;
  secretsManagerFor?: (region: string) => SecretsManagerClient;
  ecs?: ECSClient;
  cloudWatchLogs?: CloudWatchLogsClient;
  cloudWatch?: CloudWatchClient;
  transitGatewayId?: string;
  routeTableId?: string;
  ec2?: EC2Client;
  ram?: RAMClient;
  acmFor?: (region: string) => ACMClient;
  elbv2?: ElasticLoadBalancingV2Client;
  loadBalancer?: { region: string; arn: string; listenerArn?: string };
  wait?: { intervalMs: number };
}

async function run(konnect: ReturnType<typeof createKonnectClient>, aws: AwsClients, teardown: boolean) {
  const apiKey = process.env.DEMO_API_KEY ?? "demo-upstream-key";
  const authToken = process.env.DEMO_REDIS_AUTH ?? "demo-redis-auth-token";
  const replicationGroupId = process.env.DEMO_REPLICATION_GROUP ?? "kong-rate-limits";
  const secondary = process.env.DEMO_SECONDARY_REGION ?? "eu-west-1";
  // each example's options, the same for its apply and its teardown
  // the data plane's task execution role: a placeholder in the sandbox; live, only with DEMO_EXECUTION_ROLE_ARN
  const executionRoleArn = process.env.DEMO_EXECUTION_ROLE_ARN ?? (aws.ecs ? "arn:aws:iam::123456789012:role/kong-dp-execution" : undefined);
  const basic = (dryRun: boolean) => ({ konnect, region, secretsManager: aws.secretsManager, apiKey, dryRun, ...(aws.ecs ? { ecs: aws.ecs } : {}), ...(executionRoleArn ? { executionRoleArn } : {}) });
  let taskDefinition: unknown;
  const scenarios = (controlPlaneId: string | undefined, dryRun: boolean) => ({
    rateLimiting: { konnect, controlPlaneId, region, replicationGroupId, authToken, ...aws, dryRun },
    cognitoLambda: {
      konnect,
      controlPlaneId,
      userPoolId: USER_POOL_ID,
      appClientId: APP_CLIENT_ID,
      functionArn: process.env.DEMO_FUNCTION_ARN ?? `arn:aws:lambda:${region}:123456789012:function:orders-handler`,
      invokerRoleArn: process.env.DEMO_INVOKER_ROLE_ARN ?? "arn:aws:iam::123456789012:role/kong-lambda-invoker",
      ...(aws.lambda ? { lambda: aws.lambda } : {}),
      dryRun,
    },
    multi: {
      mode: "failover" as const,
      secretNames: ["konnect-aws-demo/upstream-api-key"],
      domain: DOMAIN,
      endpoints: { [region]: process.env.DEMO_PRIMARY_ENDPOINT ?? `gw-${region}.example.net`, [secondary]: process.env.DEMO_SECONDARY_ENDPOINT ?? `gw-${secondary}.example.net` },
      ...(aws.route53 ? { route53: aws.route53 } : {}),
      ...(aws.secretsManagerFor ? { secretsManager: aws.secretsManagerFor } : {}),
      dryRun,
    },
    observe: { konnect, controlPlaneId, region, datadogHost: process.env.DEMO_DATADOG_HOST ?? "datadog-agent.internal", cloudWatchLogs: aws.cloudWatchLogs, cloudWatch: aws.cloudWatch, dryRun },
    // live: only with DEMO_TRANSIT_GATEWAY_ID (a real network takes 30 to 40 minutes and is billed)
    tgw: (aws.transitGatewayId ?? process.env.DEMO_TRANSIT_GATEWAY_ID)
      ? {
          konnect,
          transitGatewayId: (aws.transitGatewayId ?? process.env.DEMO_TRANSIT_GATEWAY_ID)!,
          vpcCidrs: (process.env.DEMO_VPC_CIDRS ?? "10.0.0.0/16").split(","),
          ...((aws.routeTableId ?? process.env.DEMO_ROUTE_TABLE_ID) ? { routeTableIds: [(aws.routeTableId ?? process.env.DEMO_ROUTE_TABLE_ID)!] } : {}),
          ...(aws.ec2 ? { ec2: aws.ec2 } : {}),
          ...(aws.ram ? { ram: aws.ram } : {}),
          dryRun,
        }
      : undefined,
    custom: {
      domain: CUSTOM_DOMAIN,
      loadBalancer: aws.loadBalancer ?? (process.env.DEMO_LOAD_BALANCER_ARN ? { region, arn: process.env.DEMO_LOAD_BALANCER_ARN, ...(process.env.DEMO_LISTENER_ARN ? { listenerArn: process.env.DEMO_LISTENER_ARN } : {}) } : undefined),
      ...(aws.route53 ? { route53: aws.route53 } : {}),
      ...(aws.acmFor ? { acm: aws.acmFor } : {}),
      ...(aws.elbv2 ? { elbv2: aws.elbv2 } : {}),
      ...(aws.wait ? { wait: aws.wait } : {}),
      dryRun,
    },
  });
  const apply = async (dryRun: boolean) => {
    const { controlPlane, dataPlanes } = await basicAwsDeployment(basic(dryRun));
    if (dataPlanes && !dryRun) taskDefinition = dataPlanes.taskDefinition;
    const o = scenarios(controlPlane.id, dryRun);
    await elastiCacheRateLimiting(o.rateLimiting);
    await cognitoAndLambda(o.cognitoLambda);
    await multiRegion(o.multi);
    await observability(o.observe);
    if (o.tgw) await transitGateway(o.tgw);
    if (o.custom.loadBalancer) await customDomain(o.custom);
    return controlPlane.id;
  };
  // the reverse order: what depends on an object goes before it
  const remove = async (controlPlaneId: string | undefined, dryRun: boolean) => {
    const o = scenarios(controlPlaneId, dryRun);
    await observability({ ...o.observe, teardown: true });
    if (o.tgw) await transitGateway({ ...o.tgw, teardown: true });
    if (o.custom.loadBalancer) await customDomain({ ...o.custom, teardown: true });
    await multiRegion({ ...o.multi, teardown: true });
    await cognitoAndLambda({ ...o.cognitoLambda, teardown: true });
    await elastiCacheRateLimiting({ ...o.rateLimiting, teardown: true });
    await basicAwsDeployment({ ...basic(dryRun), teardown: true });
  };
  console.log("\n=== 1. plan (dry run) ===");
  await apply(true);
  console.log("\n=== 2. apply ===");
  await apply(false);
  console.log("\n=== 3. apply again ===");
  const controlPlaneId = await apply(false);
  console.log("\n=== the data plane's ECS task definition (the certificate and key only as valueFrom ARNs) ===");
  console.log(JSON.stringify(taskDefinition, null, 2));
  if (!teardown) return;
  console.log("\n=== 4. teardown (dry run) ===");
  // each dry run reads the state as it is now: what an earlier step deletes (a replica, a plugin) still
  // keeps, in this plan, what a later step would otherwise delete; the teardown itself removes both
  console.log("(each step is planned against the current state: an object kept below only because an earlier step's deletion is still to come goes in the teardown)");
  await remove(controlPlaneId, true);
  console.log("\n=== 5. teardown ===");
  await remove(controlPlaneId, false);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
