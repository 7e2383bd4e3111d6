/**
 * The sandbox's clock. Slow cloud processes (a network provisioning for 30 minutes, a Route 53 change
 * propagating for 60 seconds) run on it, so they take no real time.
 *
 * By default the clock also moves by itself while a client waits: every time a client reads something
 * that is still on its way to ready (`GetChange` on a PENDING change, `GET` of an initializing network),
 * the clock jumps forward by half of that process's duration, never past the moment it becomes ready.
 * A waiter polling the sandbox therefore sees the state change on its second poll, in milliseconds of
 * real time, without advancing the clock by hand. Turn it off (`createSandbox({ autoAdvance: false })`
 * or `clock.autoAdvance = false`) to hold a process in its transitional state and move time yourself.
 *
 * @example
 * ```ts
 * sandbox.clock.autoAdvance = false;
 * // ... create a network: it stays "initializing" ...
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
  /** Whether reads of a pending process move the clock toward its completion. @default true */
  autoAdvance: boolean;
  /**
   * Called by the fakes when a client reads a process that becomes ready at `readyAt` and takes
   * `durationMs` in all: with `autoAdvance`, moves the clock by half the duration, at most to `readyAt`.
   * @internal
   */
  observePending(readyAt: number, durationMs: number): void;
}

/** @internal */
export function createClock(start: number, autoAdvance = true): SandboxClock {
  let t = start;
  return {
    autoAdvance,
    now: () => t,
    advance: (ms) => {
      if (!(ms >= 0)) throw new RangeError("advance(ms) needs a non-negative number");
      t += ms;
    },
    set: (time) => {
      t = typeof time === "number" ? time : time.getTime();
    },
    observePending(readyAt, durationMs) {
      if (!this.autoAdvance || t >= readyAt) return;
      t = Math.min(readyAt, t + Math.max(1, Math.ceil(durationMs / 2)));
    },
  };
}
