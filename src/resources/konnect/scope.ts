import { ConfigError } from "../../errors/config-error.js";
import { isKonnectApiError } from "../../errors/guards.js";
import type { KonnectClient } from "../../konnect/create-konnect-client.js";

/** A scope as the operation options give it: ids or names (consumer: id or username). @internal */
export interface ScopeRefs {
  service?: string;
  route?: string;
  consumer?: string;
  consumerGroup?: string;
}

/** A scope resolved to ids, in the shape of the Plugin entity's foreign keys. @internal */
export interface ResolvedScope {
  service: { id: string } | null;
  route: { id: string } | null;
  consumer: { id: string } | null;
  consumer_group: { id: string } | null;
  /** Human-readable, for keys and messages: `service:orders`, or `control-plane`. */
  label: string;
}

/** The scope fields, with the collection and path parameter of each. @internal */
export const SCOPE_FIELDS = [
  ["service", "services", "ServiceId"],
  ["route", "routes", "RouteId"],
  ["consumer", "consumers", "ConsumerId"],
  ["consumerGroup", "consumer_groups", "ConsumerGroupId"],
] as const;

/**
 * Resolves names to ids with one GET per given scope entity (the API accepts id or name in the path).
 * A missing entity is a {@link ConfigError} naming the field.
 * @internal
 */
export async function resolveScope(konnect: KonnectClient, controlPlaneId: string, scope: ScopeRefs | undefined, signal?: AbortSignal): Promise<ResolvedScope> {
  const out: ResolvedScope = { service: null, route: null, consumer: null, consumer_group: null, label: "" };
  const labels: string[] = [];
  const lookups = SCOPE_FIELDS.map(async ([key, collection, param]) => {
    const ref = scope?.[key];
    if (ref === undefined) return;
    const path = `/v2/control-planes/{controlPlaneId}/core-entities/${collection}/{${param}}` as const;
    try {
      const { data } = await (konnect.api.GET as unknown as (p: string, init: unknown) => Promise<{ data?: { id?: string | null } }>)(path, {
        params: { path: { controlPlaneId, [param]: ref } },
        ...(signal ? { signal } : {}),
      });
      const id = data?.id;
      if (!id) throw new Error("no id in the answer");
      const field = key === "consumerGroup" ? "consumer_group" : key;
      out[field] = { id };
      labels.push(`${field}:${ref}`);
    } catch (error) {
      if (isKonnectApiError(error) && error.status === 404) {
        throw new ConfigError({ field: `scope.${key}`, problem: `no ${key} ${JSON.stringify(ref)} in control plane ${controlPlaneId}`, fix: `create it first, or check the ${key}'s id or name` });
      }
      throw error;
    }
  });
  await Promise.all(lookups);
  out.label = labels.sort().join(",") || "control-plane";
  return out;
}

/** Same scope? Compares the foreign keys of a plugin with a resolved scope. @internal */
export function sameScope(plugin: Record<string, unknown>, scope: ResolvedScope): boolean {
  const id = (v: unknown) => (v as { id?: string } | null | undefined)?.id ?? null;
  return id(plugin.service) === id(scope.service) && id(plugin.route) === id(scope.route) && id(plugin.consumer) === id(scope.consumer) && id(plugin.consumer_group) === id(scope.consumer_group);
}

/**
 * A teardown's scope: resolved as an apply resolves it, or, when a scope entity no longer exists,
 * `exists: false` (Kong deleted its plugins with it, so there is no plugin left to find) with the label
 * the apply would have used.
 * @internal
 */
export async function resolveTeardownScope(konnect: KonnectClient, controlPlaneId: string, scope: ScopeRefs | undefined, signal?: AbortSignal): Promise<{ scope: ResolvedScope; exists: boolean }> {
  try {
    return { scope: await resolveScope(konnect, controlPlaneId, scope, signal), exists: true };
  } catch (error) {
    if (!(error instanceof ConfigError && error.field.startsWith("scope."))) throw error;
    const labels = Object.entries(scope ?? {}).map(([k, ref]) => `${k === "consumerGroup" ? "consumer_group" : k}:${String(ref)}`);
    return { scope: { service: null, route: null, consumer: null, consumer_group: null, label: labels.sort().join(",") || "control-plane" }, exists: false };
  }
}
