import { checkOptionalBoolean } from "../internal/validate.js";
import { reconcileResources } from "../reconcile/reconcile-resources.js";
import { declareTransitGatewayResources, validateTransitGatewayOptions, type ConnectTransitGatewayOptions } from "./connect-transit-gateway.js";
import type { TeardownResult } from "./teardown-options.js";

/**
 * Options of {@link disconnectTransitGateway}: the options given to {@link connectTransitGateway}, plus
 * whether to delete the network too.
 *
 * @example
 * ```ts
 * const options: DisconnectTransitGatewayOptions = { konnect, network: { name: "prod-net", region: "us-east-2", availabilityZones: ["use2-az1"], cidrBlock: "192.168.0.0/16" }, transitGatewayId: "tgw-0123456789abcdef0", vpcCidrs: ["10.0.0.0/16"], deleteNetwork: true };
 * ```
 */
export type DisconnectTransitGatewayOptions = ConnectTransitGatewayOptions & {
  /** Delete the cloud-gateway network as well (kept while other attachments or configurations use it). @default false */
  deleteNetwork?: boolean;
};

/**
 * The teardown of {@link connectTransitGateway}, taking the same options: deletes the routes it added
 * (routes to the network's CIDR through the transit gateway), the attachment `konnect-aws-<transitGatewayId>`
 * (after any transitional state ends), the RAM share it created (only with the ownership tag, and kept
 * while another network's attachment uses it; a share given as `ramShareArn` is never touched), and the network only with `deleteNetwork: true`. An
 * attachment of that transit gateway under another name, or an untagged share, is kept unless `adopt`.
 * The share and the routes are found on their own: a network or transit gateway deleted meanwhile does
 * not stop their removal (the routes need the network's CIDR: with a network given by `id` and gone,
 * they are kept and listed).
 * Kept objects are listed with the reason. Running it twice makes no write the second time.
 *
 * @example
 * ```ts
 * import { disconnectTransitGateway } from "konnect-aws";
 * const { changes, kept } = await disconnectTransitGateway({ konnect, network: { name: "prod-net", region: "us-east-2", availabilityZones: ["use2-az1"], cidrBlock: "192.168.0.0/16" }, transitGatewayId: "tgw-0123456789abcdef0", vpcCidrs: ["10.0.0.0/16"], deleteNetwork: true });
 * console.log(changes.map((c) => `${c.action} ${c.kind} ${c.key}`), kept);
 * ```
 */
export async function disconnectTransitGateway(options: DisconnectTransitGatewayOptions): Promise<TeardownResult> {
  const parsed = validateTransitGatewayOptions(options);
  checkOptionalBoolean(options.deleteNetwork, "deleteNetwork");
  const facts = await declareTransitGatewayResources(options, parsed, "teardown");
  const { changes, kept } = await reconcileResources(facts.resources, { mode: "teardown", dryRun: options.dryRun, adopt: options.adopt, concurrency: options.concurrency, signal: options.signal, onEvent: options.onEvent, logger: options.logger });
  return { changes, kept: [...kept, ...facts.kept] };
}
