/**
 * The sandbox's clock. Time moves only when a test advances it, so slow cloud processes (a network
 * provisioning for 30 minutes) take no real time.
 *
 * @example
 * ```ts
 * sandbox.clock.advance(30 * 60_000); // the network is ready now
 * ```
 */
export interface SandboxClock {
  /** Current time, ms since the epoch. */
  now(): number;
  /** Moves the clock forward. */
  advance(ms: number): void;
  /** Sets the clock. */
  set(time: Date | number): void;
}

/** @internal */
export function createClock(start: number): SandboxClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      if (!(ms >= 0)) throw new RangeError("advance(ms) needs a non-negative number");
      t += ms;
    },
    set: (time) => {
      t = typeof time === "number" ? time : time.getTime();
    },
  };
}
