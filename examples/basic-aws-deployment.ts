// The guide's "Basic AWS Deployment": a control plane with the cost-allocation tags, an AWS Secrets
// Manager vault, one secret, and the {vault://...} reference to use in plugin configs.
//
// Live (real Konnect and AWS; creates objects in both):
//   KONNECT_TOKEN=kpat_... AWS_REGION=us-east-1 npx tsx examples/basic-aws-deployment.ts --live
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { enableAwsVault, ensureControlPlane, secret, type KonnectClient } from "konnect-aws";
import { printChanges } from "./print-changes.js";

export interface BasicDeploymentOptions {
  konnect: KonnectClient;
  region: string;
  secretsManager?: SecretsManagerClient;
  apiKey: string;
  dryRun?: boolean;
}

export async function basicAwsDeployment(o: BasicDeploymentOptions) {
  const costTags = { ManagedBy: "platform-team", Environment: "dev", Project: "konnect-aws-demo", CostCenter: "cc-0001", Owner: "platform" };
  const cp = await ensureControlPlane({ konnect: o.konnect, name: "konnect-aws-demo", description: "konnect-aws basic deployment", costTags, dryRun: o.dryRun });
  printChanges("control plane", cp.changes);
  const vault = await enableAwsVault({
    konnect: o.konnect,
    controlPlaneId: cp.controlPlane.id,
    region: o.region,
    secrets: { "konnect-aws-demo/upstream-api-key": secret(o.apiKey) },
    tags: costTags,
    ttl: 300,
    ...(o.secretsManager ? { secretsManager: o.secretsManager } : {}),
    dryRun: o.dryRun,
  });
  printChanges("vault and secrets", vault.changes);
  console.log(`  reference: ${String(vault.references["konnect-aws-demo/upstream-api-key"])}`);
  return { controlPlane: cp.controlPlane, vault };
}

if (process.argv[1]?.endsWith("basic-aws-deployment.ts") && process.argv.includes("--live")) {
  const { createKonnectClient } = await import("konnect-aws");
  const region = process.env.AWS_REGION ?? "us-east-1";
  const apiKey = process.env.DEMO_API_KEY ?? "replace-me";
  await basicAwsDeployment({ konnect: createKonnectClient(), region, apiKey });
}
