import { reconcileResources } from "../reconcile/reconcile-resources.js";
import { validateTeardownOptions } from "./disable-aws-vault.js";
import { declareMultiRegionResources, validateMultiRegionOptions, type SetupMultiRegionOptions } from "./setup-multi-region.js";
import type { TeardownOptions, TeardownResult } from "./teardown-options.js";

/**
 * Options of {@link teardownMultiRegion}: the very options given to {@link setupMultiRegion}, plus what to keep.
 *
 * @example
 * ```ts
 * const options: TeardownMultiRegionOptions = { primaryRegion: "us-east-1", secondaryRegions: ["eu-west-1"], secretNames: ["payments/redis"], domain: "api.example.com", endpoints: { "us-east-1": "gw-use1.example.com", "eu-west-1": "gw-euw1.example.com" }, mode: "failover", recoveryWindowInDays: 7 };
 * ```
 */
export type TeardownMultiRegionOptions = SetupMultiRegionOptions & TeardownOptions;

/**
 * The teardown of {@link setupMultiRegion}, taking the same options. In this order:
 *
 * 1. **Records**: the domain's routed records konnect-aws wrote (set identifiers starting with
 *    `konnect-aws-`) are deleted with their exact current values in one change batch, then the operation
 *    waits for INSYNC (unless `wait: false`).
 * 2. **Health checks**: each region's check, and any other check of the domain that carries the ownership
 *    tag (one left behind by an earlier configuration).
 * 3. **Replicas**: the secondary regions are removed from each secret's replication
 *    (`RemoveRegionsFromReplication`), which leaves every replica behind as a standalone secret; those
 *    that carry the ownership tag are then deleted, with a 30-day recovery window unless
 *    `recoveryWindowInDays` or `forceDeleteWithoutRecovery` says otherwise. `keepSecrets: true` leaves the
 *    replication alone.
 *
 * The primary secrets are never touched: they belong to `disableAwsVault`, which can delete them once
 * their replicas are gone. Records and health checks without the ownership mark (a plain or another
 * tool's record at the name, a hand-made check) are kept and listed in `kept` (`adopt: true` deletes them
 * too), as is a check a kept record still uses. A Dedicated Cloud Gateway configuration (`cloudGateway`)
 * is kept and listed: Konnect's API has no way to delete one (no DELETE on
 * `/v2/cloud-gateways/configurations`); its data-plane groups keep running until changed in Konnect.
 * Running it twice makes no write the second time; `dryRun` lists the deletes and writes nothing.
 *
 * @example
 * ```ts
 * import { disableAwsVault, teardownMultiRegion, type SetupMultiRegionOptions } from "konnect-aws";
 * const multi: SetupMultiRegionOptions = {
 *   primaryRegion: "us-east-1",
 *   secondaryRegions: ["eu-west-1"],
 *   secretNames: ["payments/redis"],
 *   domain: "api.example.com",
 *   endpoints: { "us-east-1": "gw-use1.example.com", "eu-west-1": "gw-euw1.example.com" },
 *   mode: "failover",
 *   healthCheck: { port: 8100, path: "/status/ready" },
 * };
 * const { changes, kept } = await teardownMultiRegion({ ...multi, recoveryWindowInDays: 7 });
 * console.log(changes.map((c) => `${c.action} ${c.kind} ${c.key}`), kept);
 * // then the primary secrets and the vault
 * await disableAwsVault({ ...options, recoveryWindowInDays: 7 });
 * ```
 */
export async function teardownMultiRegion(options: TeardownMultiRegionOptions): Promise<TeardownResult> {
  const regions = validateMultiRegionOptions(options);
  validateTeardownOptions(options);
  const { resources } = await declareMultiRegionResources(options, regions, "teardown");
  const { changes, kept } = await reconcileResources(resources, { mode: "teardown", dryRun: options.dryRun, adopt: options.adopt, concurrency: options.concurrency, signal: options.signal, onEvent: options.onEvent, logger: options.logger });
  return { changes, kept };
}
