import { KonnectError } from "../errors/konnect-error.js";
import type { Logger } from "../konnect/logger.js";
import type { Change } from "./change.js";

/**
 * Progress of an operation, sent to its `onEvent` callback.
 *
 * @example
 * ```ts
 * await enableAwsVault({ ...options, onEvent: (e) => console.log(e.type, e.kind, e.key) });
 * ```
 */
export interface OperationEvent {
  /** `planned` once per change after the reads; `writing` / `written` / `failed` around each write; `waiting` during long waits. */
  type: "planned" | "writing" | "written" | "failed" | "waiting";
  kind: string;
  key: string;
  action?: Change["action"];
  message?: string;
}

/** What a write tells the executor while it runs. @internal */
export interface ApplyProgress {
  /**
   * Call right after the first request that changed something succeeded, when more requests or a wait
   * follow (create then tag, write then wait for INSYNC): if a later step fails, the change is still
   * reported among the writes done, so `ReconcileError.changes` lists everything written. `id`, when
   * the write learnt it (the id of the check just created), goes on the change at once.
   */
  wrote(id?: string): void;
}

/** A change with the write that carries it out. @internal */
export interface PlannedChange {
  change: Change;
  /** Performs the write; may fill `change.id`. Absent for `noop`. */
  apply?: (progress: ApplyProgress) => Promise<void>;
  /** Changes that must be written first. */
  after?: PlannedChange[];
}

/** Options of {@link executePlan}. @internal */
export interface ExecuteOptions {
  dryRun?: boolean;
  concurrency?: number;
  signal?: AbortSignal;
  onEvent?: (event: OperationEvent) => void;
  /** Gets one line per write (info) and per failed write (error); keys and kinds only, never values. */
  logger?: Logger;
}

/**
 * Thrown when a write fails part way: `changes` lists what was written before the failure (a re-run
 * converges from there, since every operation is idempotent).
 *
 * @example
 * ```ts
 * try { await enableAwsVault(options); }
 * catch (e) { if (e instanceof ReconcileError) console.error("written before the failure:", e.changes); }
 * ```
 */
export class ReconcileError extends KonnectError {
  static override readonly kind: string = "ReconcileError";
  constructor(
    message: string,
    readonly changes: Change[],
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Writes the planned changes in dependency order with bounded concurrency. With `dryRun`, writes nothing
 * and returns the same changes: plan and apply share this one code path.
 * @internal
 */
export async function executePlan(planned: PlannedChange[], options: ExecuteOptions = {}): Promise<Change[]> {
  for (const p of planned) options.onEvent?.({ type: "planned", kind: p.change.kind, key: p.change.key, action: p.change.action });
  if (options.dryRun) return planned.map((p) => p.change);
  const limit = Math.max(1, options.concurrency ?? 16);
  const done = new Map<PlannedChange, Promise<void>>();
  const written: Change[] = [];
  let running = 0;
  const queue: Array<() => void> = [];
  const slot = async () => {
    if (running >= limit) await new Promise<void>((r) => queue.push(r));
    else running++;
  };
  const free = () => {
    const next = queue.shift();
    if (next) next();
    else running--;
  };
  let failure: unknown;
  const run = (p: PlannedChange): Promise<void> => {
    let promise = done.get(p);
    if (promise) return promise;
    promise = (async () => {
      await Promise.all((p.after ?? []).map(run));
      if (!p.apply || failure) return;
      await slot();
      try {
        if (failure) return;
        options.signal?.throwIfAborted();
        const { kind, key, action } = p.change;
        options.onEvent?.({ type: "writing", kind, key, action });
        let recorded = false;
        const record = (id?: string) => {
          if (id) {
            p.change.id = id;
            delete p.change.pending;
          }
          if (recorded) return;
          recorded = true;
          written.push(p.change);
        };
        await p.apply({ wrote: record });
        record();
        options.onEvent?.({ type: "written", kind, key, action });
        options.logger?.info(`${action} ${kind} ${key}${p.change.id ? ` (${p.change.id})` : ""}`);
      } catch (error) {
        failure ??= error;
        options.onEvent?.({ type: "failed", kind: p.change.kind, key: p.change.key, action: p.change.action, message: error instanceof Error ? error.message : String(error) });
        options.logger?.error(`failed to ${p.change.action} ${p.change.kind} ${p.change.key}: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      } finally {
        free();
      }
    })();
    done.set(p, promise);
    return promise;
  };
  const results = await Promise.allSettled(planned.map(run));
  if (failure !== undefined || results.some((r) => r.status === "rejected")) {
    const cause = failure ?? (results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason;
    throw new ReconcileError(`${written.length} of ${planned.filter((p) => p.apply).length} writes done before a failure: ${cause instanceof Error ? cause.message : String(cause)}`, written, { cause });
  }
  return planned.map((p) => p.change);
}
