import { SCOPE_FIELDS as FIELDS } from "../resources/konnect/scope.js";
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

