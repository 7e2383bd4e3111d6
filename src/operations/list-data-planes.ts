import { DataPlanesNotReadyError } from "../errors/data-planes-not-ready-error.js";
import { check, checkControlPlaneId, checkNumber, checkOptionalFunction, checkOptionalString } from "../internal/validate.js";
import { sleep as defaultSleep } from "../internal/sleep.js";
import type { KonnectClient } from "../konnect/create-konnect-client.js";
import type { OperationEvent } from "../reconcile/executor.js";
import { listNodeRecords, readExpectedConfigHash } from "../resources/konnect/data-plane-nodes.js";
import { checkOperationOptions } from "./check-operation-options.js";

/**
 * Options of {@link listDataPlanes}.
 *
 * @example
 * ```ts
 * const options: ListDataPlanesOptions = { konnect, controlPlaneId };
 * ```
 */
export interface ListDataPlanesOptions {
  konnect: KonnectClient;
  controlPlaneId: string;
  /**
   * A node counts as connected when its last heartbeat is at most this old. Data planes send one every
   * 30 seconds ("The node sends a heartbeat to the Control Plane every 30 seconds", developer.konghq.com
   * /gateway/cp-dp-communication), so the default allows two to be missed.
   * @default 90000
   */
  connectedWithinMs?: number;
  /** Current time in ms since the epoch. @default Date.now */
  now?: () => number;
  signal?: AbortSignal;
}

/**
 * One data plane node as Konnect records it.
 *
 * @example
 * ```ts
 * const ready = (await listDataPlanes({ konnect, controlPlaneId })).dataPlanes.filter((d: DataPlaneStatus) => d.connected && d.inSync);
 * ```
 */
export interface DataPlaneStatus {
  id: string;
  hostname: string | undefined;
  /** Kong version the node runs. */
  version: string | undefined;
  /** Its last heartbeat. */
  lastSeen: Date | undefined;
  /** Hash of the configuration it runs. */
  configHash: string | undefined;
  /** Heartbeat within `connectedWithinMs`. */
  connected: boolean;
  /** Its config hash is the control plane's expected one. */
  inSync: boolean;
}

/** Result of {@link listDataPlanes}. */
export interface ListDataPlanesResult {
  dataPlanes: DataPlaneStatus[];
  /** The config hash of the control plane's current configuration (`expected-config-hash`). */
  expectedConfigHash: string;
}

function checkListOptions(o: ListDataPlanesOptions, fn: string): void {
  checkOperationOptions(o, fn, "konnect, controlPlaneId");
  checkControlPlaneId(o.controlPlaneId);
  if (o.connectedWithinMs !== undefined) checkNumber(o.connectedWithinMs, "connectedWithinMs", { min: 1000, max: 86_400_000, integer: true, unit: "ms" });
  checkOptionalFunction(o.now, "now", "() => Date.now()");
}

async function readDataPlanes(o: ListDataPlanesOptions): Promise<ListDataPlanesResult> {
  const [nodes, expectedConfigHash] = await Promise.all([listNodeRecords(o.konnect, o.controlPlaneId, o.signal), readExpectedConfigHash(o.konnect, o.controlPlaneId, o.signal)]);
  const now = (o.now ?? Date.now)();
  const within = o.connectedWithinMs ?? 90_000;
  const dataPlanes = nodes.map((n): DataPlaneStatus => {
    const lastSeen = typeof n.last_ping === "number" ? new Date(n.last_ping * 1000) : undefined;
    return {
      id: n.id ?? "",
      hostname: n.hostname,
      version: n.version,
      lastSeen,
      configHash: n.config_hash,
      connected: lastSeen !== undefined && now - lastSeen.getTime() <= within,
      inSync: n.config_hash !== undefined && n.config_hash === expectedConfigHash,
    };
  });
  return { dataPlanes, expectedConfigHash };
}

/**
 * The data plane nodes of a control plane (`/nodes`, every page) with their Kong version, last heartbeat
 * and config hash, compared with the control plane's `expected-config-hash`. Reads only.
 *
 * @example
 * ```ts
 * import { listDataPlanes } from "konnect-aws";
 * const { dataPlanes } = await listDataPlanes({ konnect, controlPlaneId });
 * for (const d of dataPlanes) console.log(d.hostname, d.version, d.connected, d.inSync);
 * ```
 */
export async function listDataPlanes(options: ListDataPlanesOptions): Promise<ListDataPlanesResult> {
  checkListOptions(options, "listDataPlanes");
  return readDataPlanes(options);
}

/**
 * Options of {@link waitForDataPlanes}.
 *
 * @example
 * ```ts
 * const options: WaitForDataPlanesOptions = { konnect, controlPlaneId, count: 2, timeoutMs: 600_000 };
 * ```
 */
export interface WaitForDataPlanesOptions extends ListDataPlanesOptions {
  /** How many data planes must be connected and in sync. @default 1 */
  count?: number;
  /** Only count nodes running this Kong version (a prefix: "3.14" matches "3.14.0.0"). */
  version?: string;
  /** Give up after this long (sum of the waits between polls). @default 600000 (10 minutes) */
  timeoutMs?: number;
  /** Wait between polls. @default 10000 */
  intervalMs?: number;
  /** Replaces the wait between polls. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  onEvent?: (event: OperationEvent) => void;
}

/**
 * Polls {@link listDataPlanes} until `count` data planes are connected and run the control plane's
 * current configuration, and returns what the last poll saw; throws {@link DataPlanesNotReadyError}
 * when `timeoutMs` runs out first. Reads only: a re-run starts waiting again.
 *
 * @example
 * ```ts
 * import { waitForDataPlanes } from "konnect-aws";
 * const { dataPlanes } = await waitForDataPlanes({ konnect, controlPlaneId, count: 2, timeoutMs: 15 * 60_000 });
 * ```
 */
export async function waitForDataPlanes(options: WaitForDataPlanesOptions): Promise<ListDataPlanesResult & { waitedMs: number }> {
  checkListOptions(options, "waitForDataPlanes");
  const count = options.count ?? 1;
  checkNumber(count, "count", { min: 1, max: 10_000, integer: true });
  checkOptionalString(options.version, "version", { what: "a Kong version", max: 32 });
  const timeoutMs = options.timeoutMs ?? 600_000;
  const intervalMs = options.intervalMs ?? 10_000;
  checkNumber(timeoutMs, "timeoutMs", { min: 0, max: 86_400_000, integer: true, unit: "ms" });
  checkNumber(intervalMs, "intervalMs", { min: 1, max: 3_600_000, integer: true, unit: "ms" });
  checkOptionalFunction(options.sleep, "sleep", "(ms) => new Promise((r) => setTimeout(r, ms))");
  check(options.onEvent === undefined || typeof options.onEvent === "function", "onEvent", "expected a function", "pass onEvent: (e) => console.log(e), or leave it out");
  const sleep = options.sleep ?? defaultSleep;
  let waited = 0;
  for (;;) {
    const result = await readDataPlanes(options);
    const ready = result.dataPlanes.filter((d) => d.connected && d.inSync && (options.version === undefined || (d.version ?? "").startsWith(options.version)));
    if (ready.length >= count) return { ...result, waitedMs: waited };
    if (waited >= timeoutMs) {
      throw new DataPlanesNotReadyError({ ready: ready.length, expected: count, waitedMs: waited, dataPlanes: result.dataPlanes.map(({ id, hostname, version, connected, inSync }) => ({ id, hostname, version, connected, inSync })) });
    }
    options.onEvent?.({ type: "waiting", kind: "konnect.data-plane", key: options.controlPlaneId, message: `${ready.length} of ${count} data plane(s) connected and in sync after ${Math.round(waited / 1000)} s` });
    const delay = Math.min(intervalMs, timeoutMs - waited);
    await sleep(delay, options.signal);
    waited += delay;
  }
}
