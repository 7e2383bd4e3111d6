import { ConfigError } from "../errors/config-error.js";
import type { KonnectClient } from "../konnect/create-konnect-client.js";
import { resolveScope, type PluginScope, type ResolvedScope } from "./plugin-scope.js";

/**
 * A teardown's scope: resolved as an apply resolves it, or, when a scope entity no longer exists,
 * `exists: false` (Kong deleted its plugins with it, so there is no plugin left to find) with the label
 * the apply would have used.
 * @internal
 */
export async function resolveTeardownScope(konnect: KonnectClient, controlPlaneId: string, scope: PluginScope | undefined, signal?: AbortSignal): Promise<{ scope: ResolvedScope; exists: boolean }> {
  try {
    return { scope: await resolveScope(konnect, controlPlaneId, scope, signal), exists: true };
  } catch (error) {
    if (!(error instanceof ConfigError && error.field.startsWith("scope."))) throw error;
    const labels = Object.entries(scope ?? {}).map(([k, ref]) => `${k === "consumerGroup" ? "consumer_group" : k}:${String(ref)}`);
    return { scope: { service: null, route: null, consumer: null, consumer_group: null, label: labels.sort().join(",") || "control-plane" }, exists: false };
  }
}
