import type { KonnectClient } from "../../konnect/create-konnect-client.js";
import { listPartials } from "./partial.js";
import { listPlugins } from "./plugin.js";

/** A plugin or partial of a control plane, as text, for finding `{vault://...}` references in it. @internal */
export interface ReferenceHolder {
  /** `plugin rate-limiting-advanced`, `partial shared-redis`. */
  what: string;
  id: string | null | undefined;
  /** The entity as JSON: its config holds the references. */
  text: string;
}

/**
 * The control plane's plugins and partials, read once (two lists in parallel) on first use and shared
 * by every teardown check of one run: the vault's ("is its prefix still referenced?") and each secret's
 * ("is it still referenced?"). Konnect has no filter on config content, so this is a full read.
 * @internal
 */
export function createReferenceHolderReader(konnect: KonnectClient, controlPlaneId: string | undefined, signal?: AbortSignal): () => Promise<ReferenceHolder[]> {
  let holders: Promise<ReferenceHolder[]> | undefined;
  return () =>
    (holders ??=
      controlPlaneId === undefined
        ? Promise.resolve([])
        : Promise.all([listPlugins(konnect, controlPlaneId, signal), listPartials(konnect, controlPlaneId, signal)]).then(([plugins, partials]) => [
            ...plugins.map((p) => ({ what: `plugin ${p.name}`, id: p.id, text: JSON.stringify(p) })),
            ...partials.map((p) => ({ what: `partial ${p.name}`, id: p.id, text: JSON.stringify(p) })),
          ]));
}
