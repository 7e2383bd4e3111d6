import { reconcileResources } from "../reconcile/reconcile-resources.js";
import { validateCustomDomainOptions, type SetupCustomDomainOptions } from "./custom-domain-options.js";
import { declareCustomDomain } from "./declare-custom-domain.js";
import type { TeardownResult } from "./teardown-options.js";

/** Options of {@link removeCustomDomain}: those of {@link setupCustomDomain}. */
export type RemoveCustomDomainOptions = SetupCustomDomainOptions;

/**
 * Removes what {@link setupCustomDomain} created for the same options: the records its registry record
 * lists (and the registry record itself), its value in a CAA set (the user's values stay), the certificate
 * on the listener, the ACM certificates with the ownership tag for the target, and the Konnect custom
 * domain of the control plane that the registry record claims (deleted before the records). Records it
 * did not write, certificates without the tag, a custom domain registered by hand (no claim; `adopt`
 * deletes it) and the listener's own settings are kept (the listener keeps the TLS policy it was given); kept objects are listed with the
 * reason. A second run finds nothing and writes nothing.
 *
 * @example
 * ```ts
 * import { createKonnectClient, removeCustomDomain } from "konnect-aws";
 * const konnect = createKonnectClient({ region: "us" });
 * const { changes, kept } = await removeCustomDomain({
 *   domain: "api.example.com",
 *   target: { kind: "cloud-gateway", konnect, controlPlaneId: "3f2a9d1e-0c4b-4f7a-9d2e-8b1c6a5e4f30" },
 * });
 * console.log(changes.length, kept);
 * ```
 */
export async function removeCustomDomain(options: RemoveCustomDomainOptions): Promise<TeardownResult> {
  validateCustomDomainOptions(options, "removeCustomDomain");
  const { resources } = await declareCustomDomain(options, "teardown");
  const { changes, kept } = await reconcileResources(resources, { mode: "teardown", dryRun: options.dryRun, adopt: options.adopt, concurrency: options.concurrency, signal: options.signal, onEvent: options.onEvent, logger: options.logger });
  return { changes, kept };
}
