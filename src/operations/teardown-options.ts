import type { Change } from "../reconcile/change.js";
import type { KeptResource } from "../reconcile/reconcile-resources.js";

/**
 * What every teardown adds to its operation's options: how to treat data users may still need.
 *
 * @example
 * ```ts
 * const options: TeardownOptions = { recoveryWindowInDays: 7 };
 * ```
 */
export interface TeardownOptions {
  /** Days Secrets Manager keeps a deleted secret recoverable (7 to 30). @default 30 */
  recoveryWindowInDays?: number;
  /** Delete secrets at once, with no recovery window: they cannot be restored. @default false */
  forceDeleteWithoutRecovery?: boolean;
  /** Leave the secrets in Secrets Manager; remove only the other objects. @default false */
  keepSecrets?: boolean;
}

/**
 * What every teardown returns: the deletions (or, with `dryRun`, the deletions it would make) and what it
 * leaves in place, with the reason.
 *
 * @example
 * ```ts
 * const { changes, kept } = await disableAwsVault(options);
 * ```
 */
export interface TeardownResult {
  /** `delete` changes, in the order they ran. */
  changes: Change[];
  /** Objects left in place: not ours, or still used by something that remains. */
  kept: KeptResource[];
}
