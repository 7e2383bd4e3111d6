import { KonnectConnectionError } from "../../errors/connection-error.js";
import { isKonnectApiError } from "../../errors/guards.js";
import type { KonnectClient } from "../../konnect/create-konnect-client.js";
import type { KonnectSchemas } from "../../konnect/types.js";
import { diffManaged } from "../../reconcile/diff.js";
import type { Ownership } from "../../reconcile/ownership.js";
import type { Observation, Resource } from "../../reconcile/resource.js";
import { hasKonnectMark } from "./mark.js";

type ControlPlane = KonnectSchemas["ControlPlane"];

/** What {@link controlPlaneResource} manages. @internal */
export interface ControlPlaneDesired {
  konnect: KonnectClient;
  name: string;
  /** Managed only when given. */
  description?: string | undefined;
  /** Set at creation only (Konnect cannot change it). @default "CLUSTER_TYPE_CONTROL_PLANE" */
  clusterType?: ControlPlane["config"]["cluster_type"] | undefined;
  /** Set at creation only (Konnect cannot change it). */
  cloudGateway?: boolean | undefined;
  /** Managed only when given. */
  authType?: "pinned_client_certs" | "pki_client_certs" | undefined;
  /** The labels to set, the ownership label among them; other labels on the control plane are kept. */
  labels: Record<string, string>;
  ownership: Ownership;
  adopt?: boolean | undefined;
  signal?: AbortSignal | undefined;
  /** Filled by the run: the control plane as Konnect returned it last (observed, created or updated). */
  out: { controlPlane?: ControlPlane | undefined };
}

/** Attempts at creating a control plane whose POST failed in a way that may or may not have created it. */
const CREATE_ATTEMPTS = 3;

/** A 5xx or a lost connection: the server may have created the object before failing. */
const mayHaveBeenProcessed = (e: unknown) => e instanceof KonnectConnectionError || (isKonnectApiError(e) && e.status >= 500);

/** The core-entity collections of a control plane that a teardown checks for objects of others. */
const CORE_ENTITIES = [
  ["service", "/v2/control-planes/{controlPlaneId}/core-entities/services"],
  ["route", "/v2/control-planes/{controlPlaneId}/core-entities/routes"],
  ["plugin", "/v2/control-planes/{controlPlaneId}/core-entities/plugins"],
  ["consumer", "/v2/control-planes/{controlPlaneId}/core-entities/consumers"],
  ["consumer group", "/v2/control-planes/{controlPlaneId}/core-entities/consumer_groups"],
  ["vault", "/v2/control-planes/{controlPlaneId}/core-entities/vaults"],
  ["partial", "/v2/control-planes/{controlPlaneId}/core-entities/partials"],
] as const;

/**
 * A Konnect control plane, found by name (one list call filtered with `filter[name][eq]`), marked by the
 * ownership label. Created with POST: a POST whose answer is lost (5xx, dropped connection) may have
 * created it, so the control plane is read back by name and label before the POST is sent again.
 * Updated with PATCH, labels sent whole and merged so labels set by others stay. Its cluster type and
 * `cloud_gateway` are fixed once created: a difference is a conflict. Deleted with DELETE, but kept while
 * it holds core entities without the ownership tag (Konnect would delete them with it), unless `adopt`.
 * @internal
 */
export function controlPlaneResource(d: ControlPlaneDesired): Resource<ControlPlane> {
  const signal = d.signal ? { signal: d.signal } : {};
  const { key: labelKey, value: labelValue } = d.ownership.label;
  const isOurs = (cp: ControlPlane) => cp.labels?.[labelKey] === labelValue;
  const find = () => d.konnect.findOne("/v2/control-planes", { params: { query: { filter: { name: { eq: d.name } } } }, where: (cp) => cp.name === d.name, ...signal });
  const createBody = () => ({
    name: d.name,
    ...(d.description !== undefined ? { description: d.description } : {}),
    cluster_type: d.clusterType ?? "CLUSTER_TYPE_CONTROL_PLANE",
    ...(d.cloudGateway !== undefined ? { cloud_gateway: d.cloudGateway } : {}),
    ...(d.authType !== undefined ? { auth_type: d.authType } : {}),
    labels: d.labels,
  });
  const fixedFieldConflict = (existing: ControlPlane) => {
    if (d.clusterType !== undefined && d.clusterType !== existing.config.cluster_type) {
      return { field: "clusterType", problem: `the existing control plane is ${existing.config.cluster_type}; Konnect cannot change a cluster type`, fix: "use the existing type, or another name for a new control plane" };
    }
    if (d.cloudGateway !== undefined && d.cloudGateway !== existing.config.cloud_gateway) {
      return { field: "cloudGateway", problem: "Konnect cannot change cloud_gateway on an existing control plane", fix: "use another name for a new control plane" };
    }
    return undefined;
  };
  return {
    kind: "konnect.control-plane",
    key: d.name,
    mark: `the ${labelKey}=${labelValue} label`,
    field: "name",
    async observe(): Promise<Observation<ControlPlane>> {
      const existing = await find();
      d.out.controlPlane = existing;
      if (!existing) return { exists: false, owned: false, diff: diffManaged(createBody(), undefined) };
      const owned = isOurs(existing);
      const desired = {
        ...(d.description !== undefined ? { description: d.description } : {}),
        labels: d.labels,
        ...(d.authType !== undefined ? { config: { auth_type: d.authType } } : {}),
      };
      // an unowned control plane is refused for that first; the fixed fields matter once it may be managed
      const conflict = owned || d.adopt ? fixedFieldConflict(existing) : undefined;
      return {
        exists: true,
        id: existing.id,
        owned,
        actual: existing,
        diff: diffManaged(desired, existing as unknown as Record<string, unknown>),
        ...(conflict ? { conflict } : {}),
      };
    },
    async create() {
      const body = createBody();
      // POST is not idempotent, so the client does not retry it on 5xx or a dropped connection: the
      // request may have been processed. Read back by name instead: ours (the ownership label) means it
      // was created; nothing means it was not, and sending it again is safe.
      for (let attempt = 1; ; attempt++) {
        try {
          const { data } = await d.konnect.api.POST("/v2/control-planes", { body, ...signal });
          d.out.controlPlane = data;
          return data?.id;
        } catch (error) {
          if (!mayHaveBeenProcessed(error) || attempt >= CREATE_ATTEMPTS) throw error;
          const found = await find();
          if (found && isOurs(found)) {
            d.out.controlPlane = found;
            return found.id;
          }
          if (found) throw error;
        }
      }
    },
    async update(o) {
      const body = {
        ...(d.description !== undefined ? { description: d.description } : {}),
        // labels are sent whole, merged, so labels set by others survive whatever PATCH does with the map
        labels: { ...(o.actual!.labels ?? {}), ...d.labels },
        ...(d.authType !== undefined ? { auth_type: d.authType } : {}),
      };
      const { data } = await d.konnect.api.PATCH("/v2/control-planes/{controlPlaneId}", { params: { path: { controlPlaneId: o.id! } }, body, ...signal });
      d.out.controlPlane = data;
    },
    async delete(o) {
      await d.konnect.api.DELETE("/v2/control-planes/{controlPlaneId}", { params: { path: { controlPlaneId: o.id! } }, ...signal });
    },
    describe: (o) => [
      { path: "name", before: d.name },
      { path: "cluster_type", before: o.actual?.config.cluster_type },
    ],
    async usedBy(o, deleting) {
      if (d.adopt) return undefined;
      // deleting a control plane deletes every entity in it: count those konnect-aws did not create
      const controlPlaneId = o.id!;
      const hasTag = (e: { tags?: string[] | null }) => hasKonnectMark(e.tags, d.ownership);
      const lists = await Promise.all(CORE_ENTITIES.map(([, path]) => d.konnect.collect(path, { params: { path: { controlPlaneId } }, ...signal })));
      const foreign = new Map<string, number>();
      const count = (what: string) => foreign.set(what, (foreign.get(what) ?? 0) + 1);
      lists.forEach((list, i) => {
        for (const e of list as Array<{ id?: string | null; tags?: string[] | null }>) if (!hasTag(e) && !(e.id && deleting.has(e.id))) count(CORE_ENTITIES[i]![0]);
      });
      // credentials of our consumers: a hand-made one would go with the control plane too (those of
      // other consumers are counted through their consumer)
      const consumers = lists[CORE_ENTITIES.findIndex(([what]) => what === "consumer")] as Array<{ id?: string | null; tags?: string[] | null }>;
      const credentials = await Promise.all(
        consumers
          .filter((c) => c.id && hasTag(c))
          .map((c) => d.konnect.collect("/v2/control-planes/{controlPlaneId}/core-entities/consumers/{ConsumerIdForNestedEntities}/jwt", { params: { path: { controlPlaneId, ConsumerIdForNestedEntities: c.id! } }, ...signal })),
      );
      for (const jwt of credentials.flat()) if (!hasTag(jwt) && !(jwt.id && deleting.has(jwt.id))) count("jwt credential");
      const total = [...foreign.values()].reduce((a, b) => a + b, 0);
      if (!total) return undefined;
      const detail = [...foreign].map(([what, n]) => `${n} ${what}${n === 1 ? "" : "s"}`).join(", ");
      return `holds ${total} object${total === 1 ? "" : "s"} konnect-aws did not create (${detail}); remove them or pass adopt`;
    },
  };
}
