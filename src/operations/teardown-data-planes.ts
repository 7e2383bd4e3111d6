import { reconcileResources } from "../reconcile/reconcile-resources.js";
import { validateDataPlaneOptions, type ProvisionDataPlanesOptions } from "./data-plane-options.js";
import { declareDataPlaneResources } from "./declare-data-plane-resources.js";
import { validateTeardownOptions } from "./disable-aws-vault.js";
import type { TeardownOptions, TeardownResult } from "./teardown-options.js";

/**
 * Options of {@link teardownDataPlanes}: the very options given to {@link provisionDataPlanes}, plus what to keep.
 *
 * @example
 * ```ts
 * const options: TeardownDataPlanesOptions = { konnect, controlPlaneId, region: "us-east-1", recoveryWindowInDays: 7 };
 * ```
 */
export type TeardownDataPlanesOptions = ProvisionDataPlanesOptions & TeardownOptions;

/**
 * The teardown of {@link provisionDataPlanes}, taking the same options: deregisters the task definition
 * revisions that carry the ownership tag (when `registerTaskDefinition` was set), unpins the
 * certificates recorded in the tagged secret (current, previous, and the older replaced ones still pinned), then deletes the secret (30-day recovery window unless
 * told otherwise; `keepSecrets` leaves it). Certificates pinned by hand, and revisions registered by
 * others, are never touched; an unmarked secret and what it records are kept and listed unless `adopt`.
 * Data planes still running with the certificate lose their connection once it is unpinned. Running it
 * twice makes no write the second time.
 *
 * @example
 * ```ts
 * import { teardownDataPlanes } from "konnect-aws";
 * const { changes, kept } = await teardownDataPlanes({ konnect, controlPlaneId, region: "us-east-1", recoveryWindowInDays: 7 });
 * console.log(changes.length, kept);
 * ```
 */
export async function teardownDataPlanes(options: TeardownDataPlanesOptions): Promise<TeardownResult> {
  const settings = validateDataPlaneOptions(options, "teardownDataPlanes");
  validateTeardownOptions(options);
  const d = await declareDataPlaneResources(options, settings, "teardown");
  const resources = options.keepSecrets ? d.resources.filter((r) => r.kind !== "aws.secret") : d.resources;
  const { changes, kept } = await reconcileResources(resources, { mode: "teardown", dryRun: options.dryRun, adopt: options.adopt, concurrency: options.concurrency, signal: options.signal, onEvent: options.onEvent, logger: options.logger });
  return { changes, kept };
}
