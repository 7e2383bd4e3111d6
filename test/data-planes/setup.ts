import { ECSClient } from "@aws-sdk/client-ecs";
import { ensureControlPlane, type ProvisionDataPlanesOptions } from "../../src/index.js";
import type { createSandbox } from "../../src/testing/index.js";
import type { KonnectClient } from "../../src/index.js";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

// Static fake credentials: the SDK signs requests for real (SigV4), the sandbox checks they are signed.
const credentials = { accessKeyId: "AKIASANDBOX000000000", secretAccessKey: "sandbox-secret-key" };
export const ecsClient = (region = "us-east-1") => new ECSClient({ region, credentials, maxAttempts: 1 });

export const EXECUTION_ROLE = "arn:aws:iam::123456789012:role/kong-dp-execution";
export const TASK_ROLE = "arn:aws:iam::123456789012:role/kong-dp-task";

/** A control plane, and options of provisionDataPlanes for it, on the sandbox clock. */
export async function dataPlaneSetup(ctx: { sandbox: ReturnType<typeof createSandbox>; konnect: KonnectClient; sm: SecretsManagerClient }, extra: Partial<ProvisionDataPlanesOptions> = {}) {
  const { controlPlane } = await ensureControlPlane({ konnect: ctx.konnect, name: "payments-prod" });
  const options: ProvisionDataPlanesOptions = {
    konnect: ctx.konnect,
    controlPlaneId: controlPlane.id!,
    region: "us-east-1",
    registerTaskDefinition: true,
    executionRoleArn: EXECUTION_ROLE,
    taskRoleArn: TASK_ROLE,
    secretsManager: ctx.sm,
    ecs: ecsClient(),
    tags: { Environment: "prod" },
    now: () => ctx.sandbox.clock.now(),
    ...extra,
  };
  ctx.sandbox.clearRequests();
  return { options, controlPlane };
}
