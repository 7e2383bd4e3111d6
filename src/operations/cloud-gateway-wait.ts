import { KonnectError } from "../errors/konnect-error.js";
import { sleep as defaultSleep } from "../internal/sleep.js";
import type { OperationEvent } from "../reconcile/executor.js";

/**
 * How {@link connectTransitGateway} waits for Konnect: networks take 30 to 40 minutes to become ready
 * (Kong docs, Dedicated Cloud Gateways network architecture), attachments minutes more.
 *
 * @example
 * ```ts
 * const wait: CloudGatewayWaitOptions = { networkTimeoutMs: 2 * 60 * 60_000, intervalMs: 60_000 };
 * ```
 */
export interface CloudGatewayWaitOptions {
  /** Give up on a network after this long. @default 5400000 (90 minutes) */
  networkTimeoutMs?: number;
  /** Give up on an attachment after this long. @default 3600000 (60 minutes) */
  attachmentTimeoutMs?: number;
  /** The longest time between two reads: the first comes after 500 ms, each next one twice later, up to this. @default 30000 */
  intervalMs?: number;
  /** Replaces the wait between reads (tests pass one that returns at once). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * A cloud-gateway network or transit-gateway attachment reached `error` or `terminated`, or did not
 * become ready in time. `stateMetadata` is what Konnect reported (`reported_status`, `reason`).
 *
 * @example
 * ```ts
 * try { await connectTransitGateway({ konnect, network: { id: "5f3c2c1e-8d0a-4b7e-9c6d-1a2b3c4d5e6f" }, transitGatewayId: "tgw-0123456789abcdef0", vpcCidrs: ["10.0.0.0/16"] }); }
 * catch (e) {
 *   // a failed wait reaches the caller as the cause of a ReconcileError listing the writes done
 *   const cause = e instanceof ReconcileError ? e.cause : e;
 *   if (cause instanceof CloudGatewayStateError) console.error(cause.state, cause.stateMetadata?.reason);
 * }
 * ```
 */
export class CloudGatewayStateError extends KonnectError {
  static override readonly kind: string = "CloudGatewayStateError";
  constructor(
    message: string,
    /** `network` or `transit-gateway`. */
    readonly object: "network" | "transit-gateway",
    /** Its Konnect id. */
    readonly id: string,
    /** The last state read (`error`, `terminated`, or the state it was still in at the timeout). */
    readonly state: string,
    /** Konnect's `state_metadata`, when it gave one. */
    readonly stateMetadata: { reported_status?: string; reason?: string } | undefined,
    /** Waiting time (as measured by the waits between reads) when it gave up. */
    readonly elapsedMs: number,
  ) {
    super(message);
  }
}

/** What {@link waitForCloudGatewayState} polls. @internal */
export interface StatePoll {
  object: "network" | "transit-gateway";
  id: string;
  /** For events: the change's kind and key. */
  kind: string;
  key: string;
  read: () => Promise<{ state?: string; state_metadata?: { reported_status?: string; reason?: string } }>;
  /** States that end the wait successfully. */
  done: readonly string[];
  timeoutMs: number;
  wait: CloudGatewayWaitOptions | undefined;
  signal: AbortSignal | undefined;
  onEvent: ((e: OperationEvent) => void) | undefined;
}

const minutes = (ms: number) => (ms < 60_000 ? `${Math.round(ms / 1000)}s` : `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, "0")}s`);

/**
 * Reads until the object is in one of `done`, with a `waiting` event (state, elapsed) per read; throws
 * {@link CloudGatewayStateError} on `error`, `terminated`, `terminating`, a network's `offline` or an
 * attachment's `pending-user-action` (quoting `state_metadata`), or at the timeout.
 * @internal
 */
export async function waitForCloudGatewayState(p: StatePoll): Promise<string> {
  const interval = p.wait?.intervalMs ?? 30_000;
  const sleep = p.wait?.sleep ?? defaultSleep;
  let elapsed = 0;
  // 500 ms, then doubling up to the interval: a sandbox (or an object about to be ready) costs a few
  // reads, a 40-minute network about eighty
  let next = Math.min(500, interval);
  for (;;) {
    p.signal?.throwIfAborted();
    const current = await p.read();
    const state = String(current.state);
    if (p.done.includes(state)) return state;
    // states from which waiting cannot reach `done` (cloud-gateways.v2.yaml): `offline` is a network
    // "created but isn't provisioned" (NetworkState); `pending-user-action` an attachment "awaiting user
    // action in customer VPC" (TransitGatewayState); `terminating` is on its way to deletion
    if (state === "error" || state === "terminated" || state === "terminating" || (p.object === "network" && state === "offline") || (p.object === "transit-gateway" && state === "pending-user-action")) {
      const meta = current.state_metadata;
      const why = meta && (meta.reason || meta.reported_status) ? `: ${[meta.reported_status, meta.reason].filter(Boolean).join(": ")}` : " (Konnect gave no state_metadata)";
      const hint = state === "offline" ? "; an offline network is provisioned by a cloud-gateway configuration that uses it (PUT /v2/cloud-gateways/configurations), or create the network anew" : state === "pending-user-action" ? "; Konnect waits for an action in your VPC: see state_metadata, act, then run again" : "";
      throw new CloudGatewayStateError(`${p.object} ${p.key} (${p.id}) is ${state}${why}${hint}`, p.object, p.id, state, meta, elapsed);
    }
    if (elapsed >= p.timeoutMs) {
      throw new CloudGatewayStateError(`${p.object} ${p.key} (${p.id}) is still ${state} after ${minutes(elapsed)}; run again later to resume from here (nothing is created twice)`, p.object, p.id, state, current.state_metadata, elapsed);
    }
    p.onEvent?.({ type: "waiting", kind: p.kind, key: p.key, message: `${p.object} ${state}, ${minutes(elapsed)} elapsed` });
    await sleep(next, p.signal);
    elapsed += next;
    next = Math.min(next * 2, interval);
  }
}
