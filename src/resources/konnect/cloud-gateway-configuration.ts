import { ConfigError } from "../../errors/config-error.js";
import type { KonnectClient } from "../../konnect/create-konnect-client.js";
import type { KonnectSchemas } from "../../konnect/types.js";
import type { FieldDiff } from "../../reconcile/change.js";
import { sameValue } from "../../reconcile/diff.js";
import type { Observation, Resource } from "../../reconcile/resource.js";

type Configuration = KonnectSchemas["ConfigurationManifest"];
type Json = Record<string, unknown>;

/** One region's data-plane group. @internal */
export interface DataPlaneGroupSpec {
  region: string;
  networkId: string;
  baseRps: number;
  /** `KONG_*` environment of the group's data planes. */
  environment: Record<string, string>;
}

/** What {@link cloudGatewayConfigurationResource} manages. @internal */
export interface CloudGatewayConfigurationDesired {
  konnect: KonnectClient;
  controlPlaneId: string;
  version: string;
  apiAccess: "private" | "public" | "private+public";
  groups: readonly DataPlaneGroupSpec[];
  mode: "apply" | "teardown";
  signal: AbortSignal | undefined;
}

/**
 * Why a teardown keeps the configuration. Konnect's API has no DELETE for cloud-gateway configurations:
 * `/v2/cloud-gateways/configurations` has GET and PUT, `/v2/cloud-gateways/configurations/{id}` only GET
 * (spec/konnect.yaml; cloud-gateways.v2.yaml), while networks, transit gateways, private DNS, custom
 * domains and add-ons have one.
 * @internal
 */
export const CONFIGURATION_KEPT_REASON =
  "Konnect's API cannot delete a cloud-gateway configuration (it has GET and PUT, no DELETE): konnect-aws leaves it, and its running data-plane groups, in place; change or remove the groups in Konnect";

/**
 * The Dedicated Cloud Gateway configuration of a control plane in its geo (kind
 * `konnect.cloud-gateway-configuration`, key `<controlPlaneId>@<geo>`): one data-plane group per region,
 * replaced as a whole by one PUT holding every group (Konnect diffs it and adds, removes or updates
 * groups). Only what the SDK sets is compared (Konnect adds fields, such as `autoscale.max_rps`); an
 * identical configuration answered with 409 is nothing to do. Configurations carry no tags or labels:
 * the control plane, which the caller names, is what makes it ours, so it is always owned.
 *
 * A teardown cannot delete it (see {@link CONFIGURATION_KEPT_REASON}): it is kept and listed with that reason.
 * @internal
 */
export function cloudGatewayConfigurationResource(d: CloudGatewayConfigurationDesired): Resource<Configuration> {
  const signal = d.signal ? { signal: d.signal } : {};
  const groups = d.groups.map((g) => ({
    provider: "aws" as const,
    region: g.region,
    cloud_gateway_network_id: g.networkId,
    autoscale: { kind: "autopilot" as const, base_rps: g.baseRps },
    environment: Object.entries(g.environment).map(([name, value]) => ({ name, value })),
  }));
  const body = () => ({ control_plane_id: d.controlPlaneId, control_plane_geo: d.konnect.region, version: d.version, kind: "dedicated.v0" as const, api_access: d.apiAccess, dataplane_groups: groups });
  const put = async (current: Configuration | undefined) => {
    const { data } = await d.konnect.api.PUT("/v2/cloud-gateways/configurations", { body: body(), ...signal }).catch((e: unknown) => {
      // Konnect answers an identical configuration with 409: nothing to do
      if ((e as { status?: number }).status === 409 && /identical/i.test(String((e as { detail?: string }).detail))) return { data: current };
      throw e;
    });
    return data?.id;
  };
  return {
    kind: "konnect.cloud-gateway-configuration",
    key: `${d.controlPlaneId}@${d.konnect.region}`,
    mark: "a cloud-gateway control plane",
    field: "cloudGateway",
    async observe(): Promise<Observation<Configuration>> {
      const { data: cp } = await d.konnect.api.GET("/v2/control-planes/{controlPlaneId}", { params: { path: { controlPlaneId: d.controlPlaneId } }, ...signal });
      if (!cp?.config.cloud_gateway) {
        if (d.mode === "teardown") return { exists: false, owned: false, diff: [] };
        throw new ConfigError({ field: "cloudGateway", problem: `control plane ${d.controlPlaneId} is not a Dedicated Cloud Gateway control plane`, fix: "drop cloudGateway (set KONG_VAULT_AWS_REGION on your own data planes), or use a cloud-gateway control plane" });
      }
      const configs = await d.konnect.collect("/v2/cloud-gateways/configurations", { params: { query: { filter: { control_plane_id: { eq: d.controlPlaneId } } } }, ...signal });
      const current = (configs as Configuration[]).find((c) => c.control_plane_id === d.controlPlaneId && c.control_plane_geo === d.konnect.region);
      // compare what the SDK sets: Konnect adds fields to the echo (autoscale.max_rps is set to 10x base_rps)
      const currentGroups = ((current?.dataplane_group_config ?? []) as Json[]).map((g) => {
        const a = (g.autoscale ?? {}) as Json;
        return { provider: g.provider, region: g.region, cloud_gateway_network_id: g.cloud_gateway_network_id, autoscale: { kind: a.kind, base_rps: a.base_rps }, environment: g.environment ?? [] };
      });
      const diff: FieldDiff[] = [];
      if (!current || (current.api_access ?? "private+public") !== d.apiAccess || !sameValue(currentGroups, groups, "groups", ["groups"]) || current.version !== d.version) {
        diff.push({ path: "dataplane_groups", ...(current ? { before: currentGroups } : {}), after: groups });
        if (current?.version !== d.version) diff.push({ path: "version", ...(current ? { before: current.version } : {}), after: d.version });
      }
      if (!current) return { exists: false, owned: false, diff };
      return { exists: true, ...(current.id ? { id: current.id } : {}), owned: true, actual: current, diff };
    },
    create: () => put(undefined),
    update: async (o) => void (await put(o.actual)),
    // never called: usedBy keeps the configuration in every teardown
    delete: async () => Promise.reject(new Error(CONFIGURATION_KEPT_REASON)),
    usedBy: async () => CONFIGURATION_KEPT_REASON,
  };
}
