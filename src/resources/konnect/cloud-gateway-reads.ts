import type { KonnectClient } from "../../konnect/create-konnect-client.js";
import type { KonnectSchemas } from "../../konnect/types.js";
import type { Network, NetworkSpec } from "./cloud-gateway-network.js";
import type { Attachment } from "./transit-gateway-attachment.js";

/** @internal */
export type Availability = KonnectSchemas["AvailabilityDocument"];
/** @internal */
export type ProviderAccount = KonnectSchemas["ProviderAccount"];

const opts = (signal: AbortSignal | undefined) => (signal ? { signal } : {});

/** The organization's AWS provider account (its `provider_account_id` is Kong's AWS account). @internal */
export async function findAwsProviderAccount(konnect: KonnectClient, signal: AbortSignal | undefined): Promise<ProviderAccount | undefined> {
  const accounts = await konnect.collect("/v2/cloud-gateways/provider-accounts", opts(signal));
  return accounts.find((a) => a.provider === "aws");
}

/** The network given by id (undefined on 404) or by name. @internal */
export async function findNetwork(konnect: KonnectClient, spec: { id: string } | NetworkSpec, signal: AbortSignal | undefined): Promise<Network | undefined> {
  if ("id" in spec) {
    return konnect.api.GET("/v2/cloud-gateways/networks/{networkId}", { params: { path: { networkId: spec.id } }, ...opts(signal) }).then(
      (r) => r.data as Network,
      (e: unknown) => ((e as { status?: number }).status === 404 ? undefined : Promise.reject(e)),
    );
  }
  const all = await konnect.collect("/v2/cloud-gateways/networks", { params: { query: { filter: { name: { eq: spec.name } } } }, ...opts(signal) });
  return (all as Network[]).find((n) => n.name === spec.name);
}

/** `/v2/cloud-gateways/availability.json`: regions, AZ ids, allowed and reserved CIDR blocks. @internal */
export async function readAvailability(konnect: KonnectClient, signal: AbortSignal | undefined): Promise<Availability> {
  const { data } = await konnect.api.GET("/v2/cloud-gateways/availability.json", opts(signal));
  return data!;
}

/** Every transit-gateway attachment of a network. @internal */
export async function listAttachments(konnect: KonnectClient, networkId: string, signal: AbortSignal | undefined): Promise<Attachment[]> {
  return (await konnect.collect("/v2/cloud-gateways/networks/{networkId}/transit-gateways", { params: { path: { networkId } }, ...opts(signal) })) as Attachment[];
}

/** Every cloud-gateway network of the organization. @internal */
export async function listNetworks(konnect: KonnectClient, signal: AbortSignal | undefined): Promise<Network[]> {
  return (await konnect.collect("/v2/cloud-gateways/networks", opts(signal))) as Network[];
}
