// The guide's "Basic AWS Deployment": a control plane with the cost-allocation tags, an AWS Secrets
// Manager vault, one secret, and the {vault://...} reference to use in plugin configs. With `teardown`,
// the same options remove them again: the vault and its secret, then the control plane.
//
// Live (real Konnect and AWS; creates objects in both, or with --teardown removes them):
//   KONNECT_TOKEN=kpat_... AWS_REGION=us-east-1 npx tsx examples/basic-aws-deployment.ts --live [--teardown]
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { deleteControlPlane, disableAwsVault, enableAwsVault, ensureControlPlane, secret, type EnableAwsVaultResult, type EnsuredControlPlane, type KonnectClient, type TeardownOptions, type TeardownResult } from "konnect-aws";
import { printChanges, printTeardown } from "./print-changes.js";

export interface BasicDeploymentOptions {
  konnect: KonnectClient;
  region: string;
  secretsManager?: SecretsManagerClient;
  apiKey: string;
  dryRun?: boolean;
  /** Remove what the example creates instead, with the same options (`true`: the teardowns' defaults). */
  teardown?: boolean | TeardownOptions;
}

export interface BasicDeploymentResult {
  controlPlane: EnsuredControlPlane;
  vault: EnableAwsVaultResult;
}

export async function basicAwsDeployment(o: BasicDeploymentOptions & { teardown: true | TeardownOptions }): Promise<TeardownResult>;
export async function basicAwsDeployment(o: BasicDeploymentOptions & { teardown?: false }): Promise<BasicDeploymentResult>;
export async function basicAwsDeployment(o: BasicDeploymentOptions): Promise<BasicDeploymentResult | TeardownResult> {
  const costTags = { ManagedBy: "platform-team", Environment: "dev", Project: "konnect-aws-demo", CostCenter: "cc-0001", Owner: "platform" };
  const cpOptions = { konnect: o.konnect, name: "konnect-aws-demo", description: "konnect-aws basic deployment", costTags, dryRun: o.dryRun };
  const vaultOptions = (controlPlaneId: string | undefined) => ({
    konnect: o.konnect,
    controlPlaneId,
    region: o.region,
    secrets: { "konnect-aws-demo/upstream-api-key": secret(o.apiKey) },
    tags: costTags,
    ttl: 300,
    ...(o.secretsManager ? { secretsManager: o.secretsManager } : {}),
    dryRun: o.dryRun,
  });
  if (o.teardown) {
    const t = o.teardown === true ? {} : o.teardown;
    // the vault lives in the control plane: find its id (a dry run of the apply reads, never writes)
    const { controlPlane } = await ensureControlPlane({ ...cpOptions, dryRun: true });
    if (controlPlane.id === undefined) {
      console.log("\nvault, secrets and control plane: no control plane 'konnect-aws-demo', nothing to remove");
      return { changes: [], kept: [] };
    }
    const vault = await disableAwsVault({ ...vaultOptions(controlPlane.id), ...t });
    printTeardown("vault and secrets", vault);
    const cp = await deleteControlPlane({ ...cpOptions, ...t });
    printTeardown("control plane", cp);
    return { changes: [...vault.changes, ...cp.changes], kept: [...vault.kept, ...cp.kept] };
  }
  const cp = await ensureControlPlane(cpOptions);
  printChanges("control plane", cp.changes);
  const vault = await enableAwsVault(vaultOptions(cp.controlPlane.id));
  printChanges("vault and secrets", vault.changes);
  console.log(`  reference: ${String(vault.references["konnect-aws-demo/upstream-api-key"])}`);
  return { controlPlane: cp.controlPlane, vault };
}

if (process.argv[1]?.endsWith("basic-aws-deployment.ts") && process.argv.includes("--live")) {
  const { createKonnectClient } = await import("konnect-aws");
  const region = process.env.AWS_REGION ?? "us-east-1";
  const apiKey = process.env.DEMO_API_KEY ?? "replace-me";
  const options = { konnect: createKonnectClient(), region, apiKey };
  if (process.argv.includes("--teardown")) await basicAwsDeployment({ ...options, teardown: true });
  else await basicAwsDeployment(options);
}
