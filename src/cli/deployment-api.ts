// The one place the CLI meets the deployment layer (issue #18: loadConfig / plan / deploy / destroy): the
// shapes are adapted here, so the rest of the CLI stays written against DeploymentApi.
import type { KonnectClient } from "../konnect/create-konnect-client.js";
import type { DeploymentConfig } from "../deploy/config.js";
import { deploy, plan } from "../deploy/deploy.js";
import { destroy } from "../deploy/destroy.js";
import { loadConfig } from "../deploy/load-config.js";
import type { DeployOptions } from "../deploy/types.js";
import type { OperationEvent } from "../reconcile/executor.js";
import type { Change, ChangeAction } from "../reconcile/change.js";
import { deploymentClientsWithCredentials } from "./deployment-clients.js";

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

/** The sandbox's clients, as the CLI passes them with `--sandbox`. */
interface SandboxClients {
  konnect?: KonnectClient;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Waits against the sandbox: its clock moves as waiters poll, so a poll need not sleep long in real time. */
const SANDBOX_WAIT = { intervalMs: 10, sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 10))) };

/** The CLI's call options as {@link DeployOptions}: signal and events as they are; sandbox clients become the Konnect client and every AWS client. */
async function deployOptions(config: DeploymentConfig, o: DeploymentCallOptions = {}): Promise<DeployOptions> {
  const c = (o.clients ?? {}) as SandboxClients;
  return {
    ...(o.dryRun !== undefined ? { dryRun: o.dryRun } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.onEvent ? { onEvent: o.onEvent } : {}),
    ...(c.konnect ? { konnect: c.konnect } : {}),
    ...(c.credentials ? { aws: await deploymentClientsWithCredentials(config, c.credentials), wait: SANDBOX_WAIT } : {}),
  };
}

const asConfig = (config: Record<string, unknown>) => config as DeploymentConfig;

/** The deployment layer of this build: loadConfig, plan, deploy and destroy of src/deploy. */
export const deploymentApi: DeploymentApi | undefined = {
  loadConfig: async (source) => (await loadConfig(source as string)) as unknown as Record<string, unknown>,
  plan: async (config, o) => plan(asConfig(config), await deployOptions(asConfig(config), o)),
  deploy: async (config, o) => deploy(asConfig(config), await deployOptions(asConfig(config), o)),
  // the CLI has no flag for secrets' recovery window: destroy keeps the 30-day default of Secrets Manager
  destroy: async (config, o) => destroy(asConfig(config), await deployOptions(asConfig(config), o)),
};
