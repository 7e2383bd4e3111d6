import { KonnectError } from "./konnect-error.js";

/**
 * {@link waitForDataPlanes} gave up: fewer data planes than asked were connected and in sync when the
 * timeout ran out. Carries what the last poll saw, so the caller can tell "not connected" from "stale".
 *
 * @example
 * ```ts
 * try { await waitForDataPlanes({ konnect, controlPlaneId, count: 2 }); }
 * catch (e) { if (e instanceof DataPlanesNotReadyError) console.error(e.ready, "of", e.expected, e.dataPlanes); }
 * ```
 */
export class DataPlanesNotReadyError extends KonnectError {
  static override readonly kind: string = "DataPlanesNotReadyError";
  /** Data planes connected and in sync at the last poll. */
  readonly ready: number;
  /** How many were awaited. */
  readonly expected: number;
  /** What the last poll saw (no secrets: ids, versions, hashes). */
  readonly dataPlanes: ReadonlyArray<{ id: string; hostname: string | undefined; version: string | undefined; connected: boolean; inSync: boolean }>;

  constructor(init: { ready: number; expected: number; waitedMs: number; dataPlanes: DataPlanesNotReadyError["dataPlanes"] }) {
    super(`${init.ready} of ${init.expected} data plane(s) connected and in sync after ${Math.round(init.waitedMs / 1000)} s`);
    this.ready = init.ready;
    this.expected = init.expected;
    this.dataPlanes = init.dataPlanes;
  }
}
