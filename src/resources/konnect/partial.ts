import type { KonnectClient } from "../../konnect/create-konnect-client.js";
import type { KonnectSchemas } from "../../konnect/types.js";
import { CREDENTIAL_KEYS, diffManaged } from "../../reconcile/diff.js";
import type { Ownership } from "../../reconcile/ownership.js";
import type { Observation, Resource } from "../../reconcile/resource.js";
import { hasKonnectMark, konnectMark, withKonnectMark } from "./mark.js";

type Partial_ = KonnectSchemas["Partial"];
type Plugin = KonnectSchemas["Plugin"];
type Json = Record<string, unknown>;

/** What {@link partialResource} manages. @internal */
export interface PartialDesired {
  konnect: KonnectClient;
  controlPlaneId: string;
  /** Kong's unique key of a partial. */
  name: string;
  type: "redis-ee" | "redis-ce";
  /** The config the SDK manages; top-level nulls are managed (must be unset) and left out of the body. */
  config: Json;
  ownership: Ownership;
  signal?: AbortSignal | undefined;
  /** Finds the partial of this name. @default one list of the control plane's partials */
  find?: (() => Promise<Partial_ | undefined>) | undefined;
  /** Teardown: the control plane's plugins, read before any delete. @default the partial's links (one read) */
  plugins?: (() => Promise<Plugin[]>) | undefined;
  /** The option an ownership refusal names. @default "partial.name" */
  field?: string | undefined;
  /** Filled by the run: the partial's id once known (observed, or created). */
  out: { id?: string | undefined };
}

const path = "/v2/control-planes/{controlPlaneId}/core-entities/partials/{PartialId}" as const;
const strip = (v: Json) => Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null));

/**
 * A Kong partial (shared plugin settings, such as a `redis-ee` block), found by its name, marked by the
 * ownership tag. Created with PUT and a client-chosen id (safe to retry); updated with PUT; deleted only
 * when no remaining plugin links it (`partials`). A partial of the name but of another type is a conflict:
 * Kong cannot change a partial's type.
 * @internal
 */
export function partialResource(d: PartialDesired): Resource<Partial_> {
  const signal = d.signal ? { signal: d.signal } : {};
  const find = d.find ?? (async () => (await d.konnect.collect("/v2/control-planes/{controlPlaneId}/core-entities/partials", { params: { path: { controlPlaneId: d.controlPlaneId } }, ...signal })).find((p) => p.name === d.name));
  // the partial's links (the plugins that use it), not the whole plugin list: one read whatever the
  // number of unrelated plugins
  const links = (id: string) =>
    d.konnect.collect("/v2/control-planes/{controlPlaneId}/core-entities/partials/{PartialId}/links", { params: { path: { controlPlaneId: d.controlPlaneId, PartialId: id } }, ...signal });
  const put = async (id: string, tags: string[]) => {
    await d.konnect.api.PUT(path, { params: { path: { controlPlaneId: d.controlPlaneId, PartialId: id } }, body: { type: d.type, name: d.name, config: strip(d.config), tags } as Partial_, ...signal });
  };
  const field = d.field ?? "partial.name";
  return {
    kind: "konnect.partial",
    key: d.name,
    mark: konnectMark(d.ownership),
    field,
    async observe(): Promise<Observation<Partial_>> {
      const existing = await find();
      d.out.id = existing?.id ?? undefined;
      if (!existing) return { exists: false, owned: false, diff: diffManaged({ type: d.type, name: d.name, config: d.config, tags: [d.ownership.konnectTag] }, undefined, { secretKeys: CREDENTIAL_KEYS }) };
      const tags = existing.tags ?? [];
      return {
        exists: true,
        id: existing.id ?? undefined,
        owned: hasKonnectMark(tags, d.ownership),
        actual: existing,
        diff: diffManaged({ config: d.config, tags: withKonnectMark(tags, d.ownership) }, existing as unknown as Json, { sets: ["tags"], secretKeys: CREDENTIAL_KEYS }),
        ...(existing.type !== d.type ? { conflict: { field, problem: `partial ${JSON.stringify(d.name)} is of type ${existing.type}, this plugin needs ${d.type}`, fix: "choose another partial name" } } : {}),
      };
    },
    async create() {
      const id = crypto.randomUUID();
      await put(id, [d.ownership.konnectTag]);
      d.out.id = id;
      return id;
    },
    async update(o) {
      await put(o.id!, withKonnectMark(o.actual!.tags, d.ownership));
    },
    async delete(o) {
      await d.konnect.api.DELETE(path, { params: { path: { controlPlaneId: d.controlPlaneId, PartialId: o.id! } }, ...signal });
    },
    describe: (o) => [{ path: "name", before: d.name }, { path: "type", before: o.actual?.type }],
    async usedBy(o, deleting) {
      // Kong refuses to run a plugin whose partial is gone: a remaining plugin that links it keeps it
      const linked = d.plugins ? (await d.plugins()).filter((p) => (p.partials ?? []).some((link) => link.id === o.id)) : await links(o.id!);
      const users = linked.filter((p) => !(p.id && deleting.has(p.id)));
      return users.length ? `still linked by ${users.map((p) => `plugin ${p.name} ${p.id}`).join(", ")}` : undefined;
    },
  };
}

/** Every partial of a control plane (one paginated read). @internal */
export function listPartials(konnect: KonnectClient, controlPlaneId: string, signal?: AbortSignal): Promise<Partial_[]> {
  return konnect.collect("/v2/control-planes/{controlPlaneId}/core-entities/partials", { params: { path: { controlPlaneId } }, ...(signal ? { signal } : {}) });
}
