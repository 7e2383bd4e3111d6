import { reconcileResources } from "../reconcile/reconcile-resources.js";
import { cognitoIssuer } from "./cognito.js";
import { declareCognitoResources, validateCognitoOptions, type ConfigureCognitoJwtOptions } from "./configure-cognito-jwt.js";
import { validateTeardownOptions } from "./disable-aws-vault.js";
import type { TeardownOptions, TeardownResult } from "./teardown-options.js";

/**
 * Options of {@link removeCognitoJwt}: the very options given to {@link configureCognitoJwt}.
 *
 * @example
 * ```ts
 * const options: RemoveCognitoJwtOptions = { konnect, controlPlaneId, userPoolId: "us-east-1_AbCdEf123", mode: "jwt" };
 * ```
 */
export type RemoveCognitoJwtOptions = ConfigureCognitoJwtOptions & TeardownOptions;

/**
 * The teardown of {@link configureCognitoJwt}, taking the same options: deletes the plugin and, in `jwt`
 * mode, the consumer's jwt credentials and then the consumer. Only objects with the ownership mark are
 * deleted (`adopt` extends that to the unmarked ones of the same names and keys); the others are kept
 * and listed in `kept` with the reason. A consumer that still holds a credential or a plugin this
 * teardown does not delete is kept too (Kong would delete them with it). It reads no JWKS: every
 * credential the consumer holds is considered, also those of keys Cognito has since retired. Once the
 * plugin is gone, the scope is no longer protected. Running it twice makes no write the second time.
 *
 * @example
 * ```ts
 * import { configureCognitoJwt, removeCognitoJwt } from "konnect-aws";
 * const options = { konnect, controlPlaneId, userPoolId: "us-east-1_AbCdEf123", mode: "jwt" as const };
 * await configureCognitoJwt(options);
 * const plan = await removeCognitoJwt({ ...options, dryRun: true });
 * console.log(plan.changes.map((c) => `${c.action} ${c.kind} ${c.key}`));
 * const { kept } = await removeCognitoJwt(options);
 * for (const k of kept) console.log(`kept ${k.kind} ${k.key}: ${k.reason}`);
 * ```
 */
export async function removeCognitoJwt(options: RemoveCognitoJwtOptions): Promise<TeardownResult> {
  const { region, poolId } = validateCognitoOptions(options, "removeCognitoJwt");
  validateTeardownOptions(options);
  const { resources } = await declareCognitoResources(options, poolId, cognitoIssuer(region, poolId), "teardown");
  const { changes, kept } = await reconcileResources(resources, { mode: "teardown", dryRun: options.dryRun, adopt: options.adopt, concurrency: options.concurrency, signal: options.signal, onEvent: options.onEvent, logger: options.logger });
  return { changes, kept };
}
