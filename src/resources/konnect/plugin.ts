import { isKonnectApiError } from "../../errors/guards.js";
import type { KonnectClient } from "../../konnect/create-konnect-client.js";
import type { KonnectSchemas } from "../../konnect/types.js";
import type { FieldDiff } from "../../reconcile/change.js";
import { CREDENTIAL_KEYS, diffManaged } from "../../reconcile/diff.js";
import type { Ownership } from "../../reconcile/ownership.js";
import type { Observation, Resource } from "../../reconcile/resource.js";
import { hasKonnectMark, konnectMark, withKonnectMark } from "./mark.js";

type Plugin = KonnectSchemas["Plugin"];
type Json = Record<string, unknown>;

/** Where a plugin applies (ids, or null for "any"), and its label for keys and messages. @internal */
export interface PluginScopeIds {
  service: { id: string } | null;
  route: { id: string } | null;
  consumer: { id: string } | null;
  consumer_group: { id: string } | null;
  /** `service:orders`, or `control-plane`. */
  label: string;
}

/** What {@link pluginResource} manages. @internal */
export interface PluginDesired {
  konnect: KonnectClient;
  controlPlaneId: string | undefined;
  name: string;
  instanceName?: string | undefined;
  scope: PluginScopeIds;
  /**
   * The config the SDK manages. A key set to `null` is managed and must be unset (it differs from a
   * server value); keys left out are not managed. Nulls are dropped from the body, so Kong fills its defaults.
   */
  config: Json;
  /** Partial links whose ids only an earlier write knows (computed at write time). */
  partials?: (() => Array<{ id: string; name?: string; path: string }>) | undefined;
  /** Shown in the plan for `partials` before the write. */
  partialsPreview?: Array<{ id: string; path: string }> | undefined;
  /** Finds the existing plugin of this name, scope and instance name (one shared list read). */
  find: () => Promise<Plugin | undefined>;
  ownership: Ownership;
  signal?: AbortSignal | undefined;
  /** Paths in `config` whose values are secret (shown redacted). */
  secrets?: string[] | undefined;
  /** The option an ownership refusal names. @default "scope" */
  field?: string | undefined;
  /** Filled by the run: the plugin as Konnect stores it. */
  out: { plugin?: Plugin };
}

const dropNulls = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null && x !== undefined).map(([k, x]) => [k, dropNulls(x)]));
  return v;
};

const path = "/v2/control-planes/{controlPlaneId}/core-entities/plugins/{PluginId}" as const;

/**
 * A Kong plugin, found by its natural key (name, scope, instance name), marked by the ownership tag.
 * Created with PUT and a client-chosen id (safe to retry); updated with PUT keeping what others set on it
 * (protocols, ordering, ...) and replacing the config fields the SDK manages; deleted by id.
 * @internal
 */
export function pluginResource(d: PluginDesired): Resource<Plugin> {
  const signal = d.signal ? { signal: d.signal } : {};
  const scopeFields = { service: d.scope.service, route: d.scope.route, consumer: d.scope.consumer, consumer_group: d.scope.consumer_group };
  const desired: Json = {
    name: d.name,
    ...(d.instanceName ? { instance_name: d.instanceName } : {}),
    enabled: true,
    config: d.config,
    ...(d.partialsPreview ? { partials: d.partialsPreview } : {}),
  };
  const body = (tags: string[]): Plugin => ({ ...(dropNulls({ ...desired, config: d.config }) as Json), ...scopeFields, ...(d.partials ? { partials: d.partials() } : {}), tags }) as Plugin;
  const put = async (id: string, payload: Plugin) => {
    const { data } = await d.konnect.api.PUT(path, { params: { path: { controlPlaneId: d.controlPlaneId!, PluginId: id } }, body: payload, ...signal });
    d.out.plugin = data;
  };
  return {
    kind: "konnect.plugin",
    key: `${d.name}@${d.scope.label}${d.instanceName ? `#${d.instanceName}` : ""}`,
    mark: konnectMark(d.ownership),
    field: d.field ?? "scope",
    ...(d.secrets ? { secrets: d.secrets } : {}),
    async observe(): Promise<Observation<Plugin>> {
      const existing = await d.find();
      if (!existing) return { exists: false, owned: false, diff: diffManaged({ ...desired, tags: [d.ownership.konnectTag] }, undefined, { secrets: d.secrets, secretKeys: CREDENTIAL_KEYS }) };
      d.out.plugin = existing;
      const tags = existing.tags ?? [];
      const owned = hasKonnectMark(tags, d.ownership);
      // the partial link is compared by path only: its id may be a pending create
      const comparable = d.partialsPreview ? { ...desired, partials: undefined } : desired;
      const diff: FieldDiff[] = diffManaged({ ...comparable, tags: withKonnectMark(tags, d.ownership) }, existing as Json, { sets: ["tags"], secrets: d.secrets, secretKeys: CREDENTIAL_KEYS });
      if (d.partialsPreview) {
        const have = (existing.partials ?? []).map((x) => `${x.id}@${x.path}`).sort().join(",");
        const want = d.partialsPreview.map((x) => `${x.id}@${x.path}`).sort().join(",");
        if (have !== want) diff.push({ path: "partials", before: existing.partials ?? null, after: d.partialsPreview });
      } else if ((existing.partials ?? []).length) {
        diff.push({ path: "partials", before: existing.partials, after: null });
      }
      return { exists: true, id: existing.id ?? undefined, owned, actual: existing, diff };
    },
    async create() {
      const id = crypto.randomUUID();
      await put(id, body([d.ownership.konnectTag]));
      return id;
    },
    async update(o) {
      const existing = o.actual!;
      const { id: _id, created_at: _c, updated_at: _u, partials: _p, ...rest } = existing;
      await put(existing.id!, { ...rest, ...body(withKonnectMark(existing.tags, d.ownership)) } as Plugin);
    },
    async delete(o) {
      await d.konnect.api.DELETE(path, { params: { path: { controlPlaneId: d.controlPlaneId!, PluginId: o.id! } }, ...signal });
    },
    describe: (o) => [{ path: "name", before: o.actual?.name }, { path: "scope", before: d.scope.label }],
  };
}

/** Every plugin of a control plane (one paginated read at the largest page size). @internal */
export function listPlugins(konnect: KonnectClient, controlPlaneId: string, signal?: AbortSignal): Promise<Plugin[]> {
  return konnect.collect("/v2/control-planes/{controlPlaneId}/core-entities/plugins", { params: { path: { controlPlaneId } }, ...(signal ? { signal } : {}) });
}

/** The scope entities a nested plugin list can be scoped to, with the path of that list. */
const NESTED = {
  service: "/v2/control-planes/{controlPlaneId}/core-entities/services/{ServiceId}/plugins",
  route: "/v2/control-planes/{controlPlaneId}/core-entities/routes/{RouteId}/plugins",
  consumer: "/v2/control-planes/{controlPlaneId}/core-entities/consumers/{ConsumerIdForNestedEntities}/plugins",
} as const;
const NESTED_PARAM = { service: "ServiceId", route: "RouteId", consumer: "ConsumerIdForNestedEntities" } as const;

/**
 * The plugins of the given names that may be the one on a scope, read so that the cost does not grow with
 * the control plane's unrelated plugins. A scope of exactly one service, route or consumer reads that
 * entity's nested plugin list (one page: Kong allows one plugin per name and scope, so a scope holds at
 * most one plugin per plugin kind); any other scope reads the control plane's list filtered with
 * `filter[name][eq]`, one read per name, in parallel (the nested lists only take `tags`, the spec says).
 * The refs go into the path as given (id, or name / username, which Kong's admin API also accepts there),
 * so this runs in parallel with resolving the scope; a missing scope entity yields none (resolving the
 * scope reports it). Callers still match the scope exactly (`sameScope`): a nested list also holds the
 * plugins of narrower scopes (a service's plugins that also name a consumer).
 * @internal
 */
export async function listScopePlugins(
  konnect: KonnectClient,
  controlPlaneId: string,
  names: readonly string[],
  scope: { service?: string | undefined; route?: string | undefined; consumer?: string | undefined; consumerGroup?: string | undefined } | undefined,
  signal?: AbortSignal,
): Promise<Plugin[]> {
  const s = signal ? { signal } : {};
  const given = (["service", "route", "consumer"] as const).filter((k) => scope?.[k] !== undefined);
  if (given.length === 1 && scope?.consumerGroup === undefined) {
    const key = given[0]!;
    try {
      const list = (konnect.collect as unknown as (p: string, o: unknown) => Promise<Plugin[]>)(NESTED[key], { params: { path: { controlPlaneId, [NESTED_PARAM[key]]: scope![key] } }, ...s });
      return (await list).filter((p) => names.includes(p.name));
    } catch (error) {
      if (isKonnectApiError(error) && error.status === 404) return [];
      throw error;
    }
  }
  const lists = await Promise.all(
    names.map((name) => konnect.collect("/v2/control-planes/{controlPlaneId}/core-entities/plugins", { params: { path: { controlPlaneId }, query: { "filter[name][eq]": name } }, ...s })),
  );
  // the filter is exact, but a name check costs nothing and keeps a lenient server from widening the match
  return lists.flat().filter((p) => names.includes(p.name));
}
