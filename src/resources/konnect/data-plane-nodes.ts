import type { KonnectClient } from "../../konnect/create-konnect-client.js";
import type { paths } from "../../../generated/konnect.js";
import type { KonnectSchemas } from "../../konnect/types.js";

/** A control plane as Konnect returns it. @internal */
export type ControlPlaneEntity = KonnectSchemas["ControlPlane"];

/**
 * One data plane node record (`GET /v2/control-planes/{id}/nodes`, control-planes-config.v2.yaml
 * `list-nodes`): the generated item type of that response (`last_ping` in Unix seconds).
 * @internal
 */
export type NodeRecord = NonNullable<paths["/v2/control-planes/{controlPlaneId}/nodes"]["get"]["responses"][200]["content"]["application/json"]["items"]>[number];

const opt = (signal?: AbortSignal) => (signal ? { signal } : {});

/** Reads one control plane (its `config` holds the endpoints data planes connect to). @internal */
export async function readControlPlane(konnect: KonnectClient, controlPlaneId: string, signal?: AbortSignal): Promise<ControlPlaneEntity> {
  const { data } = await konnect.api.GET("/v2/control-planes/{controlPlaneId}", { params: { path: { controlPlaneId } }, ...opt(signal) });
  return data as ControlPlaneEntity;
}

/** Largest page asked of `/nodes`; the spec states no maximum, 100 is Konnect's common platform cap. */
const NODE_PAGE = 100;

/**
 * Every node record of a control plane, following `page.next` (a cursor URL whose `page[after]` the
 * next request sends).
 * @internal
 */
export async function listNodeRecords(konnect: KonnectClient, controlPlaneId: string, signal?: AbortSignal): Promise<NodeRecord[]> {
  const out: NodeRecord[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const query = { "page[size]": NODE_PAGE, ...(after ? { "page[after]": after } : {}) };
    const { data } = await konnect.api.GET("/v2/control-planes/{controlPlaneId}/nodes", { params: { path: { controlPlaneId }, query }, ...opt(signal) });
    out.push(...(data?.items ?? []));
    const next = data?.page?.next;
    const cursor = next ? new URL(next, "https://konnect.invalid").searchParams.get("page[after]") : null;
    if (!cursor || cursor === after) break;
    after = cursor;
  }
  return out;
}

/** The config hash a data plane in sync with the control plane reports (`expected-config-hash`). @internal */
export async function readExpectedConfigHash(konnect: KonnectClient, controlPlaneId: string, signal?: AbortSignal): Promise<string> {
  const { data } = await konnect.api.GET("/v2/control-planes/{controlPlaneId}/expected-config-hash", { params: { path: { controlPlaneId } }, ...opt(signal) });
  return data?.expected_hash ?? "";
}
