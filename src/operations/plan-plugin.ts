import { ConfigError } from "../errors/config-error.js";
import type { KonnectClient } from "../konnect/create-konnect-client.js";
import type { KonnectSchemas } from "../konnect/types.js";
import type { Change } from "../reconcile/change.js";
import { diffManaged } from "../reconcile/diff.js";
import type { PlannedChange } from "../reconcile/executor.js";
import type { Ownership } from "../reconcile/ownership.js";
import type { ResolvedScope } from "./plugin-scope.js";

type Plugin = KonnectSchemas["Plugin"];
type Json = Record<string, unknown>;

/** What {@link planPlugin} needs. @internal */
export interface PlanPluginInput {
  konnect: KonnectClient;
  controlPlaneId: string | undefined;
  name: string;
  instanceName?: string;
  scope: ResolvedScope;
  /**
   * The config the SDK manages. A key set to `null` is managed and must be unset (it differs from a
   * server value); keys left out are not managed. Nulls are dropped from the body, so Kong fills its defaults.
   */
  config: Json;
  /** Computed at write time, such as a partial link whose id only that write knows. */
  partials?: () => Array<{ id: string; name?: string; path: string }>;
  /** Shown in the plan for `partials` before the write. */
  partialsPreview?: Array<{ id: string; path: string }>;
  existing: Plugin | undefined;
  ownership: Ownership;
  adopt?: boolean;
  signal?: AbortSignal;
  /** Paths in `config` whose values are secret (shown redacted). */
  secrets?: string[];
  /** Filled after the write (or from the existing plugin). */
  out: { plugin?: Plugin };
}

const dropNulls = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null && x !== undefined).map(([k, x]) => [k, dropNulls(x)]));
  return v;
};

/**
 * Plans one plugin found by its natural key (name + scope + instance name): create it with a
 * client-chosen id (a PUT, safe to retry), update it when a managed field differs, or leave it alone.
 * @internal
 */
export function planPlugin(p: PlanPluginInput): PlannedChange {
  const key = `${p.name}@${p.scope.label}${p.instanceName ? `#${p.instanceName}` : ""}`;
  const change: Change = { action: "noop", kind: "konnect.plugin", key, diff: [] };
  const planned: PlannedChange = { change };
  const scopeFields = { service: p.scope.service, route: p.scope.route, consumer: p.scope.consumer, consumer_group: p.scope.consumer_group };
  const desired: Json = {
    name: p.name,
    ...(p.instanceName ? { instance_name: p.instanceName } : {}),
    enabled: true,
    config: p.config,
    ...(p.partialsPreview ? { partials: p.partialsPreview } : {}),
  };
  const body = (tags: string[]): Plugin =>
    ({
      ...(dropNulls({ ...desired, config: p.config }) as Json),
      ...scopeFields,
      ...(p.partials ? { partials: p.partials() } : {}),
      tags,
    }) as Plugin;
  const put = async (id: string, payload: Plugin) => {
    const { data } = await p.konnect.api.PUT("/v2/control-planes/{controlPlaneId}/core-entities/plugins/{PluginId}", {
      params: { path: { controlPlaneId: p.controlPlaneId!, PluginId: id } },
      body: payload,
      ...(p.signal ? { signal: p.signal } : {}),
    });
    p.out.plugin = data;
  };
  if (!p.existing) {
    Object.assign(change, { action: "create", pending: true, diff: diffManaged({ ...desired, tags: [p.ownership.konnectTag] }, undefined, { secrets: p.secrets }) });
    planned.apply = async () => {
      const id = crypto.randomUUID();
      await put(id, body([p.ownership.konnectTag]));
      change.id = id;
      delete change.pending;
    };
    return planned;
  }
  const existing = p.existing;
  change.id = existing.id ?? undefined;
  p.out.plugin = existing;
  const tags = existing.tags ?? [];
  const owned = tags.includes(p.ownership.konnectTag);
  if (!owned && !p.adopt) {
    throw new ConfigError({ field: "scope", problem: `a ${p.name} plugin already exists on ${p.scope.label} and lacks the ${JSON.stringify(p.ownership.konnectTag)} tag, so konnect-aws does not manage it`, fix: "pass adopt: true to take it over, or remove it" });
  }
  const desiredTags = [...new Set([...tags, p.ownership.konnectTag])];
  // the partial link is compared by path only: its id may be a pending create
  const comparable = p.partialsPreview ? { ...desired, partials: undefined } : desired;
  const diff = diffManaged({ ...comparable, tags: desiredTags }, existing as Json, { sets: ["tags"], secrets: p.secrets });
  if (p.partialsPreview) {
    const have = (existing.partials ?? []).map((x) => `${x.id}@${x.path}`).sort().join(",");
    const want = p.partialsPreview.map((x) => `${x.id}@${x.path}`).sort().join(",");
    if (have !== want) diff.push({ path: "partials", before: existing.partials ?? null, after: p.partialsPreview });
  } else if ((existing.partials ?? []).length) {
    diff.push({ path: "partials", before: existing.partials, after: null });
  }
  if (!diff.length) return planned;
  Object.assign(change, { action: "update", diff, ...(owned ? {} : { adopted: true }) });
  // keep what others set on the plugin (protocols, ordering, ...); replace the config we manage
  planned.apply = async () => {
    const { id: _id, created_at: _c, updated_at: _u, partials: _p, ...rest } = existing;
    await put(existing.id!, { ...rest, ...body(desiredTags) } as Plugin);
  };
  return planned;
}
