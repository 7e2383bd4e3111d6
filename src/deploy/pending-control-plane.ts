import { KonnectNotFoundError } from "../errors/api-error.js";
import type { KonnectClient } from "../konnect/create-konnect-client.js";

/**
 * Stands for the id of a control plane that the plan creates (or that a destroy no longer finds): a
 * UUID Konnect never issues (all zero but the version and variant digits), so operations accept it,
 * and {@link pendingControlPlaneClient} answers for it without a request.
 * @internal
 */
export const PENDING_CONTROL_PLANE_ID = "00000000-0000-4000-8000-000000000000";

/** What plans and results show in place of that id. @internal */
export const PENDING_ID_TEXT = "(known after apply: control plane id)";

/** What the plan's control plane reads as: ensureControlPlane's defaults (hybrid, pinned certificates), endpoints known after apply. */
function plannedControlPlane(p: { name: string; cloudGateway?: boolean }) {
  return {
    id: PENDING_CONTROL_PLANE_ID,
    name: p.name,
    labels: {},
    config: {
      control_plane_endpoint: "https://known-after-apply.invalid",
      telemetry_endpoint: "https://known-after-apply-telemetry.invalid",
      cluster_type: "CLUSTER_TYPE_CONTROL_PLANE",
      auth_type: "pinned_client_certs",
      cloud_gateway: p.cloudGateway === true,
      proxy_urls: [],
    },
  };
}

const onPending = (init: unknown) => (init as { params?: { path?: { controlPlaneId?: unknown } } } | undefined)?.params?.path?.controlPlaneId === PENDING_CONTROL_PLANE_ID;

/**
 * A view of `konnect` in which the pending control plane exists and is empty: its lists are empty and
 * its entities are 404s, answered here without a request, and any write to it throws (a dry run never
 * writes). Everything else goes to `konnect` itself. This lets each operation plan its creates inside
 * a control plane that the same plan creates, through its own code path, as Terraform shows
 * "known after apply".
 * @internal
 */
export function pendingControlPlaneClient(konnect: KonnectClient, planned?: { name: string; cloudGateway?: boolean }): KonnectClient {
  const api = new Proxy(konnect.api, {
    get(target, prop, receiver) {
      const real = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== "string" || !["GET", "PUT", "POST", "PATCH", "DELETE"].includes(prop) || typeof real !== "function") return real;
      return (path: string, init?: unknown) => {
        if (!onPending(init)) return (real as (p: string, i: unknown) => unknown).call(target, path, init);
        const url = `${konnect.serverUrl}${path.replace("{controlPlaneId}", PENDING_CONTROL_PLANE_ID)}`;
        if (prop !== "GET") return Promise.reject(new Error(`konnect-aws internal error: ${prop} ${url} on a control plane that does not exist yet (only dry runs see it)`));
        // the control plane itself, as the plan creates it: its endpoints are known only after apply, so
        // they read as hosts of the reserved .invalid domain (RFC 2606), which plans show as they are
        if (planned && path === "/v2/control-planes/{controlPlaneId}") return Promise.resolve({ data: plannedControlPlane(planned), response: new Response(null, { status: 200 }) });
        // a collection read in one request (dp-client-certificates): empty, in both list shapes Konnect uses
        if (planned && !path.endsWith("}")) return Promise.resolve({ data: { items: [], data: [], page: {} }, response: new Response(null, { status: 200 }) });
        return Promise.reject(new KonnectNotFoundError({ status: 404, title: "Not Found", detail: "the control plane is created by this plan", invalidParameters: [], conflict: false, method: "GET", url }));
      };
    },
  });
  return {
    ...konnect,
    api,
    region: konnect.region,
    serverUrl: konnect.serverUrl,
    globalServerUrl: konnect.globalServerUrl,
    checkToken: (o) => konnect.checkToken(o),
    paginate: ((path, o) => (onPending(o) ? (async function* () {})() : konnect.paginate(path, o))) as KonnectClient["paginate"],
    collect: ((path, o) => (onPending(o) ? Promise.resolve([]) : konnect.collect(path, o))) as KonnectClient["collect"],
    findOne: ((path, o) => (onPending(o) ? Promise.resolve(undefined) : konnect.findOne(path, o))) as KonnectClient["findOne"],
  };
}
