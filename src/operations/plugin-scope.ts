import { ConfigError } from "../errors/config-error.js";
import { isKonnectApiError } from "../errors/guards.js";
import type { KonnectClient } from "../konnect/create-konnect-client.js";
import { check, checkString, fieldPath } from "../internal/validate.js";

/**
 * Where a plugin applies: the whole control plane (all fields empty), or a service, route, consumer or
 * consumer group, each given by id or by name (consumer: id or username).
 *
 * @example
 * ```ts
 * const scope: PluginScope = { service: "orders" };
 * ```
 */
export interface PluginScope {
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

const FIELDS = [
  ["service", "services", "ServiceId"],
  ["route", "routes", "RouteId"],
  ["consumer", "consumers", "ConsumerId"],
  ["consumerGroup", "consumer_groups", "ConsumerGroupId"],
] as const;

/** Shape checks, no I/O. @internal */
export function checkScope(scope: PluginScope | undefined, allowed: ReadonlyArray<keyof PluginScope>, plugin: string): void {
  // an unknown key (serviceId for service) would be ignored and the plugin would cover the whole control plane
  for (const key of Object.keys(scope ?? {})) {
    const near = FIELDS.find(([k]) => key.toLowerCase().startsWith(k.toLowerCase()))?.[0];
    check(FIELDS.some(([k]) => k === key), fieldPath("scope", key), "is not a scope field, and an ignored scope would apply the plugin to the whole control plane", near ? `did you mean scope.${near}?` : `use ${allowed.join(", ") || "no scope"}`);
  }
  for (const [key] of FIELDS) {
    const v = scope?.[key];
    if (v === undefined) continue;
    checkString(v, `scope.${key}`, { what: "an id or a name", max: 512 });
    check(allowed.includes(key), `scope.${key}`, `the ${plugin} plugin cannot be applied to a ${key}`, `apply it to ${allowed.join(", ") || "the whole control plane"} instead`);
  }
}

/**
 * Resolves names to ids with one GET per given scope entity (the API accepts id or name in the path).
 * A missing entity is a {@link ConfigError} naming the field.
 * @internal
 */
export async function resolveScope(konnect: KonnectClient, controlPlaneId: string, scope: PluginScope | undefined, signal?: AbortSignal): Promise<ResolvedScope> {
  const out: ResolvedScope = { service: null, route: null, consumer: null, consumer_group: null, label: "" };
  const labels: string[] = [];
  const lookups = FIELDS.map(async ([key, collection, param]) => {
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
