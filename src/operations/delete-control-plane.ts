import { reconcileResources } from "../reconcile/reconcile-resources.js";
import { validateTeardownOptions } from "./disable-aws-vault.js";
import { declareControlPlane, validateControlPlaneOptions, type EnsureControlPlaneOptions } from "./ensure-control-plane.js";
import type { TeardownOptions, TeardownResult } from "./teardown-options.js";

/**
 * The teardown of {@link ensureControlPlane}, taking the same options: deletes the control plane of that
 * name (DELETE `/v2/control-planes/{controlPlaneId}`) when it carries the ownership label (`adopt`
 * extends that to an unlabelled one). Deleting a control plane deletes everything in it, so a control
 * plane that still holds core entities without the ownership tag (services, routes, plugins, consumers,
 * consumer groups, vaults, partials, or JWT credentials of our consumers) is kept and listed in `kept`
 * with the count, unless `adopt` is set. Run the other teardowns ({@link disableAwsVault}, ...) first:
 * what they leave is what keeps the control plane. Running it twice makes no write the second time;
 * `dryRun` lists the delete without writing.
 *
 * @example
 * ```ts
 * import { createKonnectClient, deleteControlPlane } from "konnect-aws";
 *
 * const konnect = createKonnectClient({ region: "eu" });
 * const { changes, kept } = await deleteControlPlane({ konnect, name: "payments-prod" });
 * for (const k of kept) console.log(`kept ${k.kind} ${k.key}: ${k.reason}`);
 * console.log(changes.map((c) => `${c.action} ${c.kind} ${c.key}`));
 * ```
 */
export async function deleteControlPlane(options: EnsureControlPlaneOptions & TeardownOptions): Promise<TeardownResult> {
  const labels = validateControlPlaneOptions(options, "deleteControlPlane");
  validateTeardownOptions(options);
  const { changes, kept } = await reconcileResources([declareControlPlane(options, labels, {})], { mode: "teardown", dryRun: options.dryRun, adopt: options.adopt, concurrency: options.concurrency, signal: options.signal, onEvent: options.onEvent, logger: options.logger });
  return { changes, kept };
}
