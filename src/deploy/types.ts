import type { WaitOptions } from "../aws/route53.js";
import type { KonnectClient } from "../konnect/create-konnect-client.js";
import type { Logger } from "../konnect/logger.js";
import type { TeardownOptions } from "../operations/teardown-options.js";
import type { Change, ChangeAction } from "../reconcile/change.js";
import type { OperationEvent } from "../reconcile/executor.js";
import type { Ownership } from "../reconcile/ownership.js";
import type { KeptResource } from "../reconcile/reconcile-resources.js";
import type { DeployAwsClients } from "./step-options.js";

/**
 * Options of {@link plan}, {@link deploy} and {@link destroy}.
 *
 * @example
 * ```ts
 * const options: DeployOptions = { dryRun: true, onEvent: (e) => console.log(e.step, e.type, e.kind, e.key) };
 * ```
 */
export interface DeployOptions {
  /** The Konnect client. @default one for `konnect_region` with `konnect_token` (or `KONNECT_TOKEN`) */
  konnect?: KonnectClient;
  /** AWS clients. @default each operation's own, from the default credential chain */
  aws?: DeployAwsClients;
  /** Plan only: every change a real run would make, no write. @default false */
  dryRun?: boolean;
  /** Take over existing objects that lack the ownership mark. @default false */
  adopt?: boolean;
  /** Ownership marks. @default DEFAULT_OWNERSHIP */
  ownership?: Partial<Ownership>;
  /** Writes in flight at once within one operation. @default 16 */
  concurrency?: number;
  signal?: AbortSignal;
  /** Progress events of every operation, with the step's name. */
  onEvent?: (event: DeployEvent) => void;
  /** Diagnostics and warnings (redacted). */
  logger?: Logger;
  /** How to wait for Route 53 changes to be INSYNC (multi-region), as in {@link SetupMultiRegionOptions.wait}. @default true */
  wait?: boolean | WaitOptions;
  /** Environment for `KONNECT_TOKEN` when the configuration has no `konnect_token`. @default process.env */
  env?: Record<string, string | undefined>;
}

/** Options of {@link destroy}: those of {@link deploy}, and what to do with secrets. */
export interface DestroyOptions extends DeployOptions, TeardownOptions {}

/** An operation's progress event, with the step it belongs to. */
export interface DeployEvent extends OperationEvent {
  step: string;
}

/** A change of a deployment, with the step that made it. */
export interface DeployChange extends Change {
  step: string;
}

/** One step of a deployment: its operation's changes and what it returned besides (ids, references, policies). */
export interface DeployStepResult {
  step: string;
  operation: string;
  changes: Change[];
  /** The operation's result without `changes` (values known only after apply read `(known after apply...)` in a plan). */
  outputs: Record<string, unknown>;
}

/** Result of {@link plan} and {@link deploy}. */
export interface DeployResult {
  /** Every change, in step order; creates of a plan are `pending: true` when their id comes from the write. */
  changes: DeployChange[];
  /** Counts per action. */
  summary: Record<ChangeAction, number>;
  steps: DeployStepResult[];
  /** What the configuration does that deserves a look (secrets written in the file, tags that cannot be labels). */
  warnings: string[];
  dryRun: boolean;
}

/** One step of a {@link destroy}. */
export interface DestroyStepResult {
  step: string;
  operation: string;
  changes: Change[];
  kept: KeptResource[];
}

/** Result of {@link destroy}. */
export interface DestroyResult {
  /** The deletes, in the order the steps ran. */
  changes: DeployChange[];
  summary: Record<ChangeAction, number>;
  /** Objects left in place (not ours, or still used), with the reason. */
  kept: Array<KeptResource & { step: string }>;
  steps: DestroyStepResult[];
  warnings: string[];
  dryRun: boolean;
}
