import { isKonnectApiError } from "../errors/guards.js";
import type { Change } from "../reconcile/change.js";
import { ReconcileError } from "../reconcile/executor.js";
import { sleep } from "../internal/sleep.js";

/**
 * Pause before the second attempt, so the run that won the race can finish the writes that follow the
 * conflicting one (a consumer, then its credentials): 200 ms plus up to 400 ms of jitter. @internal
 */
export const REPLAN_DELAY_MS = { base: 200, jitter: 400 };

/** Whether an error is, or wraps, a uniqueness conflict from Konnect (another run wrote the same object first). */
function isConflict(error: unknown): boolean {
  if (isKonnectApiError(error)) return error.conflict;
  if (error instanceof ReconcileError) return isConflict(error.cause);
  return false;
}

/** The second attempt's changes, with what the first attempt wrote in place of the noops it became. */
function mergeChanges(before: Change[], after: Change[]): Change[] {
  const key = (c: Change) => `${c.kind}\u0000${c.key}`;
  const written = new Map(before.map((c) => [key(c), c]));
  const merged = after.map((c) => (c.action === "noop" && written.has(key(c)) ? written.get(key(c))! : c));
  const seen = new Set(merged.map(key));
  return [...merged, ...before.filter((c) => !seen.has(key(c)))];
}

/**
 * Runs an operation, and once more if it lost a race: when another run creates the same object between
 * this run's reads and its write, Konnect answers with a uniqueness conflict. The operation then reads
 * again, after a short pause that lets the winner finish, and plans from what is there now (usually
 * nothing left to do), so concurrent identical runs both succeed. A second conflict is an error. `changes` lists the writes of both attempts.
 * @internal
 */
export async function replanOnConflict<R extends { changes: Change[] }>(attempt: () => Promise<R>, signal?: AbortSignal): Promise<R> {
  try {
    return await attempt();
  } catch (error) {
    if (!isConflict(error)) throw error;
    const before = error instanceof ReconcileError ? error.changes : [];
    await sleep(REPLAN_DELAY_MS.base + Math.random() * REPLAN_DELAY_MS.jitter, signal);
    try {
      const result = await attempt();
      return { ...result, changes: mergeChanges(before, result.changes) };
    } catch (second) {
      if (second instanceof ReconcileError && before.length) throw new ReconcileError(second.message, [...before, ...second.changes], { cause: second.cause });
      throw second;
    }
  }
}
