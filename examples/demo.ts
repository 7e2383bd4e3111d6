// `npm run demo`: the examples against the sandbox (no credentials, no network), or against real
// Konnect and AWS with --live. Prints the plan, applies it, then applies again to show no changes.
import { ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { Route53Client } from "@aws-sdk/client-route-53";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { setupServer } from "msw/node";
import { createKonnectClient } from "konnect-aws";
import { createSandbox } from "konnect-aws/testing";
import { basicAwsDeployment } from "./basic-aws-deployment.js";
import { cognitoAndLambda } from "./cognito-and-lambda.js";
import { elastiCacheRateLimiting } from "./elasticache-rate-limiting.js";
import { multiRegion } from "./multi-region.js";

const live = process.argv.includes("--live");
const region = process.env.AWS_REGION ?? "us-east-1";
const USER_POOL_ID = process.env.DEMO_USER_POOL_ID ?? `${region}_DemoPool1`;
const APP_CLIENT_ID = process.env.DEMO_APP_CLIENT_ID ?? "demoappclient1";

async function main() {
  if (live) {
    if (!process.env.KONNECT_TOKEN) throw new Error("--live needs KONNECT_TOKEN (and AWS credentials in the default chain)");
    console.log(`LIVE: real Konnect (${process.env.KONNECT_REGION ?? "us"}) and AWS (${region})`);
    const konnect = createKonnectClient({ region: (process.env.KONNECT_REGION as "us") ?? "us" });
    await run(konnect, {});
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
    const route53 = new Route53Client({ region: "us-east-1", credentials });
    await run(konnect, {
      secretsManager: new SecretsManagerClient({ region, credentials }),
      secretsManagerFor: (r: string) => new SecretsManagerClient({ region: r, credentials }),
      elastiCache: new ElastiCacheClient({ region, credentials }),
      lambda: new LambdaClient({ region, credentials }),
      route53,
    });
    const writes = sandbox.writes();
    console.log(`\nsandbox: ${sandbox.requests.length} requests, ${writes.length} writes in all`);
  } finally {
    server.close();
  }
}

interface AwsClients {
  secretsManager?: SecretsManagerClient;
  elastiCache?: ElastiCacheClient;
  lambda?: LambdaClient;
  route53?: Route53Client;
  secretsManagerFor?: (region: string) => SecretsManagerClient;
}

async function run(konnect: ReturnType<typeof createKonnectClient>, aws: AwsClients) {
  const apiKey = process.env.DEMO_API_KEY ?? "demo-upstream-key";
  const authToken = process.env.DEMO_REDIS_AUTH ?? "demo-redis-auth-token";
  const replicationGroupId = process.env.DEMO_REPLICATION_GROUP ?? "kong-rate-limits";
  const once = async (dryRun: boolean) => {
    const basic = await basicAwsDeployment({ konnect, region, secretsManager: aws.secretsManager, apiKey, dryRun });
    await elastiCacheRateLimiting({ konnect, controlPlaneId: basic.controlPlane.id, region, replicationGroupId, authToken, ...aws, dryRun });
    await cognitoAndLambda({
      konnect,
      controlPlaneId: basic.controlPlane.id,
      userPoolId: USER_POOL_ID,
      appClientId: APP_CLIENT_ID,
      functionArn: process.env.DEMO_FUNCTION_ARN ?? `arn:aws:lambda:${region}:123456789012:function:orders-handler`,
      invokerRoleArn: process.env.DEMO_INVOKER_ROLE_ARN ?? "arn:aws:iam::123456789012:role/kong-lambda-invoker",
      ...(aws.lambda ? { lambda: aws.lambda } : {}),
      dryRun,
    });
    const secondary = process.env.DEMO_SECONDARY_REGION ?? "eu-west-1";
    await multiRegion({
      mode: "failover",
      secretNames: ["konnect-aws-demo/upstream-api-key"],
      domain: process.env.DEMO_DOMAIN ?? "api.example.com",
      endpoints: { [region]: process.env.DEMO_PRIMARY_ENDPOINT ?? `gw-${region}.example.net`, [secondary]: process.env.DEMO_SECONDARY_ENDPOINT ?? `gw-${secondary}.example.net` },
      ...(aws.route53 ? { route53: aws.route53 } : {}),
      ...(aws.secretsManagerFor ? { secretsManager: aws.secretsManagerFor } : {}),
      dryRun,
    });
  };
  console.log("\n=== 1. plan (dry run) ===");
  await once(true);
  console.log("\n=== 2. apply ===");
  await once(false);
  console.log("\n=== 3. apply again ===");
  await once(false);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
