import { check, checkOptionalBoolean } from "../internal/validate.js";
import { reconcileResources } from "../reconcile/reconcile-resources.js";
import { declareVaultResources, validateVaultOptions, type EnableAwsVaultOptions } from "./enable-aws-vault.js";
import type { TeardownOptions, TeardownResult } from "./teardown-options.js";

/**
 * Options of {@link disableAwsVault}: the very options given to {@link enableAwsVault}, plus what to keep.
 *
 * @example
 * ```ts
 * const options: DisableAwsVaultOptions = { konnect, controlPlaneId, region: "us-east-1", secrets: { "prod/redis": secret("s3cret") }, recoveryWindowInDays: 7 };
 * ```
 */
export type DisableAwsVaultOptions = EnableAwsVaultOptions & TeardownOptions;

/** Checks the teardown options every teardown shares. @internal */
export function validateTeardownOptions(o: TeardownOptions): void {
  check(o.recoveryWindowInDays === undefined || (Number.isInteger(o.recoveryWindowInDays) && o.recoveryWindowInDays >= 7 && o.recoveryWindowInDays <= 30), "recoveryWindowInDays", `${String(o.recoveryWindowInDays)} is not a whole number of days from 7 to 30`, "Secrets Manager keeps a deleted secret 7 to 30 days: use, for example, 7");
  checkOptionalBoolean(o.forceDeleteWithoutRecovery, "forceDeleteWithoutRecovery");
  checkOptionalBoolean(o.keepSecrets, "keepSecrets");
  check(!(o.forceDeleteWithoutRecovery && o.recoveryWindowInDays !== undefined), "forceDeleteWithoutRecovery", "a forced delete has no recovery window", "give one of forceDeleteWithoutRecovery and recoveryWindowInDays");
}

/**
 * The teardown of {@link enableAwsVault}, taking the same options: deletes the secrets it manages (with a
 * 30-day recovery window unless told otherwise; never forced without `forceDeleteWithoutRecovery`), then
 * the vault entity. Only objects with the ownership mark are deleted (`adopt` extends that to the
 * unmarked ones of the same names). A secret still referenced by a plugin or partial, or still
 * replicated to other regions, and a vault whose prefix a plugin or partial still references, are kept
 * and listed in `kept` with the reason. Running it twice makes no write the second time.
 *
 * @example
 * ```ts
 * import { disableAwsVault } from "konnect-aws";
 * const { changes, kept } = await disableAwsVault({ ...options, recoveryWindowInDays: 7 });
 * console.log(changes.map((c) => `${c.action} ${c.kind} ${c.key}`), kept);
 * ```
 */
export async function disableAwsVault(options: DisableAwsVaultOptions): Promise<TeardownResult> {
  const { prefix, secrets } = validateVaultOptions(options);
  validateTeardownOptions(options);
  const { vault, secretResources } = declareVaultResources(options, prefix, secrets, "teardown");
  const resources = options.keepSecrets ? [vault] : [vault, ...secretResources];
  const { changes, kept } = await reconcileResources(resources, { mode: "teardown", dryRun: options.dryRun, adopt: options.adopt, concurrency: options.concurrency, signal: options.signal, onEvent: options.onEvent, logger: options.logger });
  return { changes, kept };
}
