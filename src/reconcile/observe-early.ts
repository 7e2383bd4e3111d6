import type { Resource } from "./resource.js";

/**
 * Starts the reads of resources now, before the engine would: an operation that must read something else
 * first to declare the rest of its resources (the rate limiting's scope and plugins) overlaps those reads
 * with the ones it can already declare (the password's vault and secret), instead of one round trip
 * after the other. Each resource's next `observe()` gets the read already under way; later calls read
 * again. A read that fails is reported when the engine asks for it (never as an unhandled rejection,
 * when the operation stops before that).
 * @internal
 */
export function observeEarly<R extends Resource>(resources: readonly R[], options: ObserveEarlyOptions = {}): R[] {
  for (const r of resources) {
    const read = r.observe.bind(r);
    let started: ReturnType<typeof read> | undefined = read();
    started.catch(() => undefined);
    options.inFlight?.push(started);
    if (options.shared) {
      const once = started;
      r.observe = () => once;
      continue;
    }
    r.observe = () => {
      const out = started ?? read();
      started = undefined;
      return out;
    };
  }
  return [...resources];
}

/** Options of {@link observeEarly}. @internal */
export interface ObserveEarlyOptions {
  /**
   * Every later `observe()` gets the same early read (not only the next one): for a resource another one
   * plans from (a custom domain's records wait for the certificates' validation records).
   */
  shared?: boolean;
  /** Collects the reads started, for an operation to await them before it reports a refusal. */
  inFlight?: Array<Promise<unknown>>;
}
