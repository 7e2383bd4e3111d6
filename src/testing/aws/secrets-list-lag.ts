import type { SandboxClock } from "../clock.js";
import type { SecretRecord, SecretsManagerState } from "./secrets-manager.js";

/** One list-visible state of a secret, from `at` on; `record` undefined once it is gone. */
interface Snapshot {
  at: number;
  json: string;
  record: SecretRecord | undefined;
}

/** By region, then by ARN (a name can be reused after a forced delete; the ARN suffix differs). */
type History = Map<string, Map<string, Snapshot[]>>;

/**
 * ListSecrets' eventual consistency: "All Secrets Manager operations are eventually consistent.
 * ListSecrets might not reflect changes from the last five minutes. You can get more recent information
 * for a specific secret by calling DescribeSecret." (Secrets Manager API reference, ListSecrets.)
 *
 * Each secret keeps a history of snapshots with the sandbox-clock time they were written; the list shows
 * every secret as it was `lagMs` ago: created less than `lagMs` ago, it is absent; a tag, description or
 * value change, a deletion or a restore shows only once `lagMs` has passed. The other operations read the
 * live state. Changes made to `sandbox.state` directly (seeds) are visible at once.
 * @internal
 */
export interface ListLag {
  /** Runs an operation, recording the state before it (seeds) and after it (writes, seen after the lag). */
  around<T>(operation: () => T): T;
  /** The secrets of a region as ListSecrets sees them now: snapshots, not the live records. */
  listed(region: string): SecretRecord[];
}

/** @internal */
export function createListLag(o: { state: () => SecretsManagerState; clock: SandboxClock; lagMs: number }): ListLag {
  // keyed by the state object, so `sandbox.reset()` (a fresh state) starts a fresh history
  const histories = new WeakMap<SecretsManagerState, History>();
  const historyOf = () => {
    const state = o.state();
    let h = histories.get(state);
    if (!h) histories.set(state, (h = new Map()));
    return h;
  };

  /** Records what changed since the last snapshot; `seed` changes are dated so they show at once. */
  const sync = (phase: "seed" | "write") => {
    const now = o.clock.now();
    const history = historyOf();
    for (const [region, secrets] of Object.entries(o.state().regions)) {
      const byArn = history.get(region) ?? new Map<string, Snapshot[]>();
      history.set(region, byArn);
      const live = new Set<string>();
      const push = (arn: string, record: SecretRecord | undefined, json: string) => {
        const list = byArn.get(arn) ?? [];
        const last = list.at(-1);
        if (last?.json === json) return;
        const at = phase === "write" ? now : last ? Math.max(last.at, now - o.lagMs) : -Infinity;
        list.push({ at, json, record });
        byArn.set(arn, list);
      };
      for (const s of secrets.values()) {
        live.add(s.arn);
        const json = JSON.stringify(s);
        if (byArn.get(s.arn)?.at(-1)?.json !== json) push(s.arn, structuredClone(s), json);
      }
      for (const arn of byArn.keys()) if (!live.has(arn)) push(arn, undefined, "");
    }
  };

  return {
    around(operation) {
      sync("seed");
      try {
        return operation();
      } finally {
        sync("write");
      }
    },
    listed(region) {
      sync("seed");
      const cutoff = o.clock.now() - o.lagMs;
      const out: SecretRecord[] = [];
      for (const snapshots of historyOf().get(region)?.values() ?? []) {
        const seen = snapshots.filter((s) => s.at <= cutoff).at(-1);
        if (seen?.record) out.push(structuredClone(seen.record));
      }
      return out;
    },
  };
}
