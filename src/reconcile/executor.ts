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
  /** Changes whose id must be known first (reported by their write, or known already): not their whole write. */
  afterId?: PlannedChange[];
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
  // settles when a change's id is known: at once for an existing object, else when its write reports it
  // (progress.wrote(id)) or ends; rejects when its write fails first
  const idKnown = new Map<PlannedChange, { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void }>();
  const idOf = (p: PlannedChange) => {
    let entry = idKnown.get(p);
    if (!entry) {
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
      promise.catch(() => undefined); // nobody may be waiting: the failure itself is reported by run()
      entry = { promise, resolve, reject };
      idKnown.set(p, entry);
      if (p.change.id || !p.apply) resolve();
    }
    return entry;
  };
  const run = (p: PlannedChange): Promise<void> => {
    let promise = done.get(p);
    if (promise) return promise;
    const known = idOf(p);
    promise = (async () => {
      await Promise.all([...(p.after ?? []).map(run), ...(p.afterId ?? []).map((d) => (void run(d).catch(() => undefined), idOf(d).promise))]);
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
            known.resolve();
          }
          if (recorded) return;
          recorded = true;
          written.push(p.change);
        };
        await p.apply({ wrote: record });
        record();
        known.resolve();
        options.onEvent?.({ type: "written", kind, key, action });
        options.logger?.info(`${action} ${kind} ${key}${p.change.id ? ` (${p.change.id})` : ""}`);
      } catch (error) {
        known.reject(error);
        failure ??= error;
        options.onEvent?.({ type: "failed", kind: p.change.kind, key: p.change.key, action: p.change.action, message: error instanceof Error ? error.message : String(error) });
        options.logger?.error(`failed to ${p.change.action} ${p.change.kind} ${p.change.key}: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      } finally {
        free();
      }
    })();
    // a write that never ran (a failed dependency, an earlier failure) never tells an id
    promise.then(known.resolve, known.reject);
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
