import { createKonnectClient, type KonnectClientOptions } from "../src/index.js";

/** A syntactically valid token that exists nowhere; the canary test hunts for it in every output. */
export const TOKEN = "kpat_TESTCANARY0123456789abcdefghijklmnopqrstuvwxyzAB";

/**
 * Client with no real waiting: a virtual clock that sleeps advance, sleeps recorded in `waits`,
 * jitter off unless asked for.
 */
export function testClient(options: KonnectClientOptions = {}) {
  const waits: number[] = [];
  let virtual = Date.parse("2026-11-30T00:00:00Z");
  const konnect = createKonnectClient({
    token: TOKEN,
    env: {},
    ...options,
    retry: { jitter: 0, ...options.retry },
    clock: {
      now: () => virtual,
      sleep: async (ms) => {
        waits.push(ms);
        virtual += ms;
      },
      ...options.clock,
    },
  });
  return { konnect, waits, now: () => virtual };
}
