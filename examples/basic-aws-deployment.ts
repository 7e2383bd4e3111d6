// The guide's "Basic AWS Deployment": a control plane with the cost-allocation tags, an AWS Secrets
// Manager vault, one secret, and the {vault://...} reference to use in plugin configs; it ends with a
// data plane ready to run: its cluster certificate pinned to the control plane and stored in Secrets
// Manager, and its Fargate task definition (registered when an execution role is given). With
// `teardown`, the same options remove them again: the data plane's task definition, certificate and
// secret, the vault and its secret, then the control plane.
//
// Live (real Konnect and AWS; creates objects in both, or with --teardown removes them):
//   KONNECT_TOKEN=kpat_... AWS_REGION=us-east-1 [DEMO_EXECUTION_ROLE_ARN=arn:aws:iam::...:role/...] \
//     npx tsx examples/basic-aws-deployment.ts --live [--teardown]
// Without DEMO_EXECUTION_ROLE_ARN the task definition is printed, not registered. To run it: create the
// execution role with `dataPlanes.iamPolicies.execution`, the log group `dataPlanes.logGroup`, and an
// ECS service on Fargate (awsvpc, outbound 443 to Konnect) with the registered task definition.
import type { ECSClient } from "@aws-sdk/client-ecs";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import {
  deleteControlPlane,
  disableAwsVault,
  enableAwsVault,
  ensureControlPlane,
  provisionDataPlanes,
  secret,
  teardownDataPlanes,
  type EnableAwsVaultResult,
  type EnsuredControlPlane,
  type KonnectClient,
  type ProvisionDataPlanesOptions,
  type ProvisionDataPlanesResult,
  type TeardownOptions,
  type TeardownResult,
} from "konnect-aws";
import { printChanges, printTeardown } from "./print-changes.js";

export interface BasicDeploymentOptions {
  konnect: KonnectClient;
  region: string;
  secretsManager?: SecretsManagerClient;
  ecs?: ECSClient;
  /** The data planes' task execution role: with it the task definition is registered, without it only returned. */
  executionRoleArn?: string;
  apiKey: string;
  dryRun?: boolean;
  /** Remove what the example creates instead, with the same options (`true`: the teardowns' defaults). */
  teardown?: boolean | TeardownOptions;
}

export interface BasicDeploymentResult {
  controlPlane: EnsuredControlPlane;
  vault: EnableAwsVaultResult;
  /** The data plane: certificate, environment, task definition and the roles' policies (undefined in a dry run that would create the control plane). */
  dataPlanes: ProvisionDataPlanesResult | undefined;
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
  const dataPlaneOptions = (controlPlaneId: string, vault?: EnableAwsVaultResult): ProvisionDataPlanesOptions => ({
    konnect: o.konnect,
    controlPlaneId,
    region: o.region,
    tags: costTags,
    registerTaskDefinition: o.executionRoleArn !== undefined,
    ...(o.executionRoleArn ? { executionRoleArn: o.executionRoleArn } : {}),
    // the task role reads the vault's secrets: its policy is the one enableAwsVault returned
    vault: { region: o.region, ...(vault ? { iamPolicy: vault.iamPolicy } : {}) },
    ...(o.secretsManager ? { secretsManager: o.secretsManager } : {}),
    ...(o.ecs ? { ecs: o.ecs } : {}),
    ...(o.dryRun !== undefined ? { dryRun: o.dryRun } : {}),
  });
  if (o.teardown) {
    const t = o.teardown === true ? {} : o.teardown;
    // the vault lives in the control plane: find its id (a dry run of the apply reads, never writes)
    const { controlPlane } = await ensureControlPlane({ ...cpOptions, dryRun: true });
    if (controlPlane.id === undefined) {
      console.log("\nvault, secrets and control plane: no control plane 'konnect-aws-demo', nothing to remove");
      return { changes: [], kept: [] };
    }
    const dp = await teardownDataPlanes({ ...dataPlaneOptions(controlPlane.id), ...t });
    printTeardown("data plane (task definition, certificate, secret)", dp);
    const vault = await disableAwsVault({ ...vaultOptions(controlPlane.id), ...t });
    printTeardown("vault and secrets", vault);
    const cp = await deleteControlPlane({ ...cpOptions, ...t });
    printTeardown("control plane", cp);
    return { changes: [...dp.changes, ...vault.changes, ...cp.changes], kept: [...dp.kept, ...vault.kept, ...cp.kept] };
  }
  const cp = await ensureControlPlane(cpOptions);
  printChanges("control plane", cp.changes);
  const vault = await enableAwsVault(vaultOptions(cp.controlPlane.id));
  printChanges("vault and secrets", vault.changes);
  console.log(`  reference: ${String(vault.references["konnect-aws-demo/upstream-api-key"])}`);
  // a dry run of a control plane not created yet has no id: the data plane is planned once it exists
  if (cp.controlPlane.id === undefined) {
    console.log("\ndata plane: planned after the control plane exists");
    return { controlPlane: cp.controlPlane, vault, dataPlanes: undefined };
  }
  const dataPlanes = await provisionDataPlanes(dataPlaneOptions(cp.controlPlane.id, vault));
  printChanges("data plane (certificate, secret, task definition)", dataPlanes.changes);
  console.log(`  certificate: ${dataPlanes.certificate.subject}, expires ${dataPlanes.certificate.expiresAt.toISOString()}`);
  console.log(`  task definition: ${dataPlanes.taskDefinition.arn ?? `${String(dataPlanes.taskDefinition.definition.family)} (not registered)`}`);
  return { controlPlane: cp.controlPlane, vault, dataPlanes };
}

if (process.argv[1]?.endsWith("basic-aws-deployment.ts") && process.argv.includes("--live")) {
  const { createKonnectClient } = await import("konnect-aws");
  const region = process.env.AWS_REGION ?? "us-east-1";
  const apiKey = process.env.DEMO_API_KEY ?? "replace-me";
  const executionRoleArn = process.env.DEMO_EXECUTION_ROLE_ARN;
  const options = { konnect: createKonnectClient(), region, apiKey, ...(executionRoleArn ? { executionRoleArn } : {}) };
  if (process.argv.includes("--teardown")) await basicAwsDeployment({ ...options, teardown: true });
  else await basicAwsDeployment(options);
}
