import type { KonnectClient } from "../../konnect/create-konnect-client.js";
import type { KonnectSchemas } from "../../konnect/types.js";
import type { OperationEvent } from "../../reconcile/executor.js";
import type { FieldDiff } from "../../reconcile/change.js";
import type { Observation, Resource } from "../../reconcile/resource.js";
import { waitForCloudGatewayState, type CloudGatewayWaitOptions } from "../../operations/cloud-gateway-wait.js";

/** @internal */
export type Network = KonnectSchemas["Network"];

/** A network to create (or find by name). @internal */
export interface NetworkSpec {
  name: string;
  region: string;
  availabilityZones: string[];
  cidrBlock: string;
}

/** What {@link cloudGatewayNetworkResource} manages. @internal */
export interface CloudGatewayNetworkDesired {
  konnect: KonnectClient;
  /** The network the caller named: by id (never created), or by name (created when missing). */
  spec: { id: string } | NetworkSpec;
  providerAccountId: string;
  /** The network as read before planning (undefined: none). */
  found: Network | undefined;
  /** Its transit-gateway attachments as read before planning (what a teardown's `usedBy` looks at). */
  attachments?: Array<KonnectSchemas["AwsTransitGatewayResponse"]> | undefined;
  mode: "apply" | "teardown";
  /** Teardown: delete the network (only on request). */
  deleteNetwork: boolean;
  /** Filled with the network once found or created, and kept current by the waits. */
  out: { network?: Network };
  wait: CloudGatewayWaitOptions | undefined;
  signal: AbortSignal | undefined;
  onEvent: ((e: OperationEvent) => void) | undefined;
}

/** The network's key: its name, or its id when given by id. @internal */
export const networkKey = (spec: CloudGatewayNetworkDesired["spec"]) => ("id" in spec ? spec.id : spec.name);

/** Waits until the network is ready, keeping `out.network` current. @internal */
export async function waitForNetwork(d: CloudGatewayNetworkDesired, id: string): Promise<Network> {
  const signal = d.signal ? { signal: d.signal } : {};
  await waitForCloudGatewayState({
    object: "network",
    id,
    kind: "konnect.cloud-gateway-network",
    key: networkKey(d.spec),
    done: ["ready"],
    timeoutMs: d.wait?.networkTimeoutMs ?? 90 * 60_000,
    wait: d.wait,
    signal: d.signal,
    onEvent: d.onEvent,
    read: async () => {
      const { data } = await d.konnect.api.GET("/v2/cloud-gateways/networks/{networkId}", { params: { path: { networkId: id } }, ...signal });
      d.out.network = data!;
      return data!;
    },
  });
  return d.out.network!;
}

/**
 * A Dedicated Cloud Gateway network (kind `konnect.cloud-gateway-network`, key its name or id).
 *
 * Ownership: Konnect networks carry no tags or labels (cloud-gateways.v2.yaml `Network`), so the mark
 * is the caller's own naming: the network the options name (by id, or by name) is the one this operation
 * manages, as the control plane is for a cloud-gateway configuration. Its region, availability zones and
 * CIDR block cannot change (the PATCH takes only `name`): a network of that name with other values is a
 * conflict refused before any write, never replaced. Creating waits (with `waiting` events) for `ready`,
 * 30 to 40 minutes on Konnect. A teardown deletes it only with `deleteNetwork`, and keeps it while other
 * attachments or configurations use it.
 * @internal
 */
export function cloudGatewayNetworkResource(d: CloudGatewayNetworkDesired): Resource<Network> {
  const signal = d.signal ? { signal: d.signal } : {};
  const spec = d.spec;
  return {
    kind: "konnect.cloud-gateway-network",
    key: networkKey(spec),
    mark: "the network named in the options (Konnect networks carry no tags)",
    field: "network",
    async observe(): Promise<Observation<Network>> {
      const n = d.found;
      if (n) d.out.network = n;
      if (!n) {
        const diff: FieldDiff[] = "id" in spec ? [] : [{ path: "name", after: spec.name }, { path: "region", after: spec.region }, { path: "availability_zones", after: spec.availabilityZones }, { path: "cidr_block", after: spec.cidrBlock }];
        return { exists: false, owned: false, diff };
      }
      const o: Observation<Network> = { exists: true, id: n.id, owned: true, actual: n, diff: [] };
      if (d.mode === "apply" && !("id" in spec)) {
        const same = n.region === spec.region && n.cidr_block === spec.cidrBlock && [...n.availability_zones].sort().join() === [...spec.availabilityZones].sort().join();
        if (!same) {
          o.conflict = {
            field: "network",
            problem: `network ${JSON.stringify(spec.name)} exists with region ${n.region}, availability zones ${n.availability_zones.join(", ")} and CIDR ${n.cidr_block}; Konnect cannot change those (its PATCH takes only name)`,
            fix: "give the network's current values, another name for a new network, or delete it first (disconnectTransitGateway with deleteNetwork: true)",
          };
        }
      }
      return o;
    },
    async create(progress) {
      if ("id" in spec) throw new Error(`network ${spec.id} does not exist`);
      const { data } = await d.konnect.api.POST("/v2/cloud-gateways/networks", {
        body: { name: spec.name, cloud_gateway_provider_account_id: d.providerAccountId, region: spec.region, availability_zones: spec.availabilityZones, cidr_block: spec.cidrBlock },
        ...signal,
      });
      d.out.network = data!;
      progress.wrote(data!.id);
      await waitForNetwork(d, data!.id);
      return data!.id;
    },
    // never called: observe reports no field it could change
    update: async () => undefined,
    async delete(o) {
      await d.konnect.api.DELETE("/v2/cloud-gateways/networks/{networkId}", { params: { path: { networkId: o.id! } }, ...signal });
    },
    describe: (o) => [{ path: "id", before: o.id }, { path: "cidr_block", before: o.actual?.cidr_block }],
    async usedBy(o, deleting) {
      if (!d.deleteNetwork) return "deleteNetwork is not set: the network stays (pass deleteNetwork: true to delete it)";
      // the network and its attachments were read before planning, in this run (the observed network is
      // d.found): their answers are taken as they are, not read again
      const known = d.found?.id === o.id ? d.found : undefined;
      const data = known ?? (await d.konnect.api.GET("/v2/cloud-gateways/networks/{networkId}", { params: { path: { networkId: o.id! } }, ...signal })).data;
      if ((data?.configuration_reference_count ?? 0) > 0) return `${data!.configuration_reference_count} cloud-gateway configuration(s) use it`;
      const attachments = known && d.attachments ? d.attachments : await d.konnect.collect("/v2/cloud-gateways/networks/{networkId}/transit-gateways", { params: { path: { networkId: o.id! } }, ...signal });
      const others = attachments.filter((a) => !deleting.has(a.id));
      return others.length ? `${others.length} other attachment(s) use it: ${others.map((a) => a.name).join(", ")}` : undefined;
    },
  };
}
