import type { RAMClient } from "@aws-sdk/client-ram";
import type { KonnectClient } from "../konnect/create-konnect-client.js";
import { findResourceShare, findResourceShareOnly, type RamResourceShareDesired } from "../resources/aws/ram-resource-share.js";
import type { Network } from "../resources/konnect/cloud-gateway-network.js";
import { listAttachments, listNetworks } from "../resources/konnect/cloud-gateway-reads.js";
import { attachmentName, type Attachment } from "../resources/konnect/transit-gateway-attachment.js";

/**
 * The name of the RAM share konnect-aws creates: keyed on the transit gateway and Kong's AWS account (the
 * share's only resource and only principal), not on how the network was named, so `{ name }` and `{ id }`
 * runs find the same share. One share of a transit gateway with Kong's account serves every network that
 * attaches it.
 * @internal
 */
export const shareName = (transitGatewayId: string, principal: string) => `konnect-aws-${transitGatewayId}-${principal}`;

/**
 * Names earlier versions gave the share: `konnect-aws-<network name or id>-<transitGatewayId>`, after the
 * form the network was given in. Each is looked for, so a share created under one is reused, not doubled.
 * @internal
 */
export function legacyShareNames(transitGatewayId: string, network: { id?: string; name?: string } | undefined, spec: { id: string } | { name: string }): string[] {
  const keys = [network?.name, network?.id, "id" in spec ? spec.id : spec.name].filter((k): k is string => Boolean(k));
  return [...new Set(keys)].map((k) => `konnect-aws-${k}-${transitGatewayId}`);
}

/**
 * Our share under the first of `names` that exists (the current name first, then the legacy ones), with
 * its associations unless `associations` is false (a teardown: it deletes the share by its ARN and checks
 * no conflict, so what the share holds is not read).
 * @internal
 */
export async function findOurShare(ram: RAMClient, names: string[], signal: AbortSignal | undefined, associations = true): Promise<{ name: string; found: RamResourceShareDesired["found"] }> {
  for (const name of names) {
    const found = associations ? await findResourceShare(ram, { name }, signal) : await findResourceShareOnly(ram, { name }, signal);
    if (found) return { name, found };
  }
  return { name: names[0]!, found: undefined };
}

/**
 * The attachments, on any network of the organization, that use the share `arn`, except the attachment
 * the teardown removes (`konnect-aws-<transitGatewayId>` on `network`): a share still in use is kept.
 * `networkAttachments` are `network`'s attachments as already read (not read again); the other networks'
 * attachments are read together, not one network after the other (the list keeps the networks' order).
 * @internal
 */
export async function findShareUsers(konnect: KonnectClient, arn: string, transitGatewayId: string, network: Network | undefined, networkAttachments: Attachment[], signal: AbortSignal | undefined): Promise<string[]> {
  const networks = await listNetworks(konnect, signal);
  const lists = await Promise.all(networks.map((n) => (n.id === network?.id ? networkAttachments : listAttachments(konnect, n.id, signal))));
  const users: string[] = [];
  for (const [i, n] of networks.entries()) {
    for (const a of lists[i]!) {
      if (n.id === network?.id && a.name === attachmentName(transitGatewayId)) continue;
      if (a.transit_gateway_attachment_config?.ram_share_arn === arn) users.push(`attachment ${a.name} of network ${n.name}`);
    }
  }
  return users;
}
