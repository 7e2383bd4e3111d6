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
export function observeEarly<R extends Resource>(resources: readonly R[]): R[] {
  for (const r of resources) {
    const read = r.observe.bind(r);
    let started: ReturnType<typeof read> | undefined = read();
    started.catch(() => undefined);
    r.observe = () => {
      const out = started ?? read();
      started = undefined;
      return out;
    };
  }
  return [...resources];
}
