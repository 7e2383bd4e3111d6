// The one place the CLI meets the deployment layer (issue #18: loadConfig / plan / deploy / destroy).
// plan, apply and destroy are written against DeploymentApi; `deploymentApi` stays undefined until the
// deployment functions exist in this build, and the commands then exit with "not available in this
// build" instead of pretending. Wiring them is one edit here:
//   import { loadConfig, plan, deploy, destroy } from "../deploy/index.js";
//   export const deploymentApi: DeploymentApi | undefined = { loadConfig, plan, deploy, destroy };
import type { OperationEvent } from "../reconcile/executor.js";
import type { Change, ChangeAction } from "../reconcile/change.js";

/** What the deployment functions return: the changes made (or, dry, that would be made) and counts. */
export interface DeploymentResult {
  changes: Change[];
  summary: Partial<Record<ChangeAction, number>>;
  /** Objects left in place because they lack our ownership mark (destroy). */
  kept?: Array<{ kind: string; key: string; reason?: string }>;
}

/** Options the CLI passes to plan / deploy / destroy. */
export interface DeploymentCallOptions {
  dryRun?: boolean;
  signal?: AbortSignal;
  onEvent?: (event: OperationEvent) => void;
  /** Replaces the default clients (the sandbox's: endpoints answered in memory, static credentials). */
  clients?: Record<string, unknown>;
}

/** The deployment layer as the CLI uses it. */
export interface DeploymentApi {
  /** Reads and validates a config file (`konnect-aws.yaml`, `terraform.tfvars`) or object. */
  loadConfig(pathOrObject: string | Record<string, unknown>): Promise<Record<string, unknown>> | Record<string, unknown>;
  plan(config: Record<string, unknown>, options?: DeploymentCallOptions): Promise<DeploymentResult>;
  deploy(config: Record<string, unknown>, options?: DeploymentCallOptions): Promise<DeploymentResult>;
  destroy(config: Record<string, unknown>, options?: DeploymentCallOptions): Promise<DeploymentResult>;
}

/** The deployment layer of this build: none yet (see the top of this file). */
export const deploymentApi: DeploymentApi | undefined = undefined;
