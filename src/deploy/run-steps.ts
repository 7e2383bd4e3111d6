import { ReconcileError } from "../reconcile/executor.js";
import { DeployError } from "./deploy-error.js";
import type { DeployStep } from "./steps.js";
import type { DeployChange } from "./types.js";

/**
 * Runs `run` for every step once all the steps it waits for are done: independent steps run at the same
 * time (each operation's requests stay within its client's limits). `waitsFor(step)` names the steps to
 * wait for, among `steps`. On a failure no other step starts; those running finish; then a
 * {@link DeployError} lists every change written (`written` of each finished step, and the failed
 * operation's own writes from its ReconcileError).
 * @internal
 */
export async function runSteps<R>(steps: readonly DeployStep[], waitsFor: (s: DeployStep) => readonly string[], run: (s: DeployStep) => Promise<R>, written: (s: DeployStep, r: R) => DeployChange[]): Promise<Map<string, R>> {
  const names = new Set(steps.map((s) => s.name));
  const done = new Map<string, R>();
  const running = new Map<string, Promise<void>>();
  const writes: DeployChange[] = [];
  let failure: { step: string; cause: unknown } | undefined;
  const pending = [...steps];
  while (pending.length || running.size) {
    if (!failure) {
      for (const s of [...pending]) {
        if (!waitsFor(s).every((d) => !names.has(d) || done.has(d))) continue;
        pending.splice(pending.indexOf(s), 1);
        running.set(
          s.name,
          run(s).then(
            (r) => {
              done.set(s.name, r);
              writes.push(...written(s, r));
              running.delete(s.name);
            },
            (cause: unknown) => {
              if (cause instanceof ReconcileError) writes.push(...cause.changes.map((c) => ({ ...c, step: s.name })));
              failure ??= { step: s.name, cause };
              running.delete(s.name);
            },
          ),
        );
      }
    }
    if (!running.size) break;
    await Promise.race(running.values());
  }
  if (failure) throw new DeployError(failure.step, writes, { cause: failure.cause });
  return done;
}
