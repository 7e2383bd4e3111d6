import { ConfigError } from "../errors/config-error.js";
import type { Logger } from "../konnect/logger.js";
import type { Change } from "./change.js";
import { executePlan, type OperationEvent, type PlannedChange } from "./executor.js";
import type { Observation, Resource } from "./resource.js";

/**
 * An object a teardown leaves in place, and why.
 *
 * @example
 * ```ts
 * const { kept } = await disableAwsVault(options);
 * for (const k of kept) console.log(`kept ${k.kind} ${k.key}: ${k.reason}`);
 * ```
 */
export interface KeptResource {
  kind: string;
  key: string;
  id?: string;
  /** Why it stays: not ours, or still used by another object. */
  reason: string;
}

/** Options of {@link reconcileResources}. @internal */
export interface ReconcileOptions {
  /** `apply` converges every resource to its desired state; `teardown` deletes what is ours. */
  mode: "apply" | "teardown";
  dryRun?: boolean | undefined;
  adopt?: boolean | undefined;
  concurrency?: number | undefined;
  signal?: AbortSignal | undefined;
  onEvent?: ((event: OperationEvent) => void) | undefined;
  logger?: Logger | undefined;
}

/** What {@link reconcileResources} returns. @internal */
export interface ReconcileResult {
  changes: Change[];
  /** Objects left in place, with the reason: in a teardown, or resources an apply wants absent. */
  kept: KeptResource[];
  /** The id of each resource after the run (observed, or created; undefined for a dry-run create). */
  ids: Map<Resource, string | undefined>;
  /** What each resource observed before any write. */
  observed: Map<Resource, Observation>;
}

/** Dependencies first (apply order); a teardown walks it backwards. */
function topological(resources: readonly Resource[]): Resource[] {
  const out: Resource[] = [];
  const seen = new Set<Resource>();
  const visit = (r: Resource) => {
    if (seen.has(r)) return;
    seen.add(r);
    for (const d of r.dependsOn ?? []) if (resources.includes(d)) visit(d);
    out.push(r);
  };
  resources.forEach(visit);
  return out;
}

/**
 * The engine: observes every declared resource in parallel, refuses (before any write) objects that
 * exist without the ownership mark unless `adopt`, plans create / update / noop (or, in a teardown and
 * for a resource declared `absent`, delete / keep), and writes in dependency order with bounded
 * concurrency. A teardown deletes only what carries the mark, dependents before what they depend on,
 * and keeps (listing the reason) an object that something still uses. The kind modules never decide
 * whether to write; this function does.
 * @internal
 */
export async function reconcileResources(resources: readonly Resource[], options: ReconcileOptions): Promise<ReconcileResult> {
  const ordered = topological(resources);
  const observations = await Promise.all(ordered.map((r) => r.observe()));
  const observed = new Map<Resource, Observation>(ordered.map((r, i) => [r, observations[i]!]));
  const ids = new Map<Resource, string | undefined>(ordered.map((r) => [r, observed.get(r)!.id]));
  const planned = new Map<Resource, PlannedChange>();
  const kept: KeptResource[] = [];

  const keep = (r: Resource, o: Observation, reason: string) => kept.push({ kind: r.kind, key: r.key, ...(o.id ? { id: o.id } : {}), reason });
  const unmarked = (r: Resource) => `it lacks ${r.mark}: konnect-aws did not create it`;
  const deleteStep = (r: Resource, o: Observation, remove: (o: Observation) => Promise<void>): PlannedChange => ({
    change: { action: "delete", kind: r.kind, key: r.key, ...(o.id ? { id: o.id } : {}), diff: r.describe?.(o) ?? [{ path: "id", before: o.id ?? r.key }] },
    apply: () => remove(o),
  });

  if (options.mode === "apply") {
    // every refusal before the first write (an absent resource is never refused: it is only ever deleted)
    for (const r of ordered) {
      const o = observed.get(r)!;
      if (r.absent) continue;
      if (o.exists && o.conflict) throw new ConfigError(o.conflict);
      if (o.exists && !o.owned && !options.adopt) {
        throw new ConfigError({ field: r.field, problem: `${r.kind} ${JSON.stringify(r.key)} exists but lacks ${r.mark}, so konnect-aws does not manage it`, fix: "pass adopt: true to take it over, or choose another name" });
      }
    }
    for (const r of ordered) {
      const o = observed.get(r)!;
      if (r.absent) {
        // only ours, adopt or not: an object someone else made stays
        if (!o.exists || o.pendingDeletion || !r.delete) continue;
        if (o.owned) planned.set(r, deleteStep(r, o, r.delete.bind(r)));
        else keep(r, o, unmarked(r));
        continue;
      }
      const change: Change = { action: "noop", kind: r.kind, key: r.key, diff: [], ...(o.id ? { id: o.id } : {}) };
      const step: PlannedChange = { change };
      if (!o.exists) {
        Object.assign(change, { action: "create", pending: true, diff: o.diff });
        step.apply = async (progress) => {
          const id = await r.create(progress);
          ids.set(r, id);
          if (id) change.id = id;
          delete change.pending;
        };
      } else if (o.diff.length) {
        Object.assign(change, { action: "update", diff: o.diff, ...(o.owned ? {} : { adopted: true }), ...(o.pending ? { pending: true } : {}) });
        step.apply = (progress) => r.update(o, progress);
      }
      planned.set(r, step);
    }
  } else {
    // dependents first: an object is deleted only after everything that uses it
    const deleting = new Set<string>();
    for (const r of [...ordered].reverse()) {
      const o = observed.get(r)!;
      if (!o.exists || o.pendingDeletion) continue;
      if (!o.owned && !options.adopt) {
        keep(r, o, unmarked(r));
        continue;
      }
      if (!r.delete) continue;
      const usedBy = await r.usedBy?.(o, deleting);
      if (usedBy) {
        keep(r, o, usedBy);
        continue;
      }
      if (o.id) deleting.add(o.id);
      planned.set(r, deleteStep(r, o, r.delete.bind(r)));
    }
  }
  // a write waits for the writes of what it depends on (an absent dependency excepted); a delete waits
  // for the writes of the resources that depend on it
  for (const r of ordered) {
    const step = planned.get(r);
    if (!step) continue;
    const deleting = step.change.action === "delete";
    const first = deleting ? ordered.filter((other) => other.dependsOn?.includes(r)) : (r.dependsOn ?? []).filter((d) => !d.absent);
    // of a dependency whose id is all this write needs, only the id is waited for (see Resource.needsOnlyIdOf)
    const idOnly = deleting ? [] : first.filter((d) => r.needsOnlyIdOf?.includes(d));
    const steps = (list: readonly Resource[]) => list.map((other) => planned.get(other)).filter((p): p is PlannedChange => p !== undefined);
    step.after = steps(first.filter((d) => !idOnly.includes(d)));
    if (idOnly.length) step.afterId = steps(idOnly);
  }

  // a teardown lists (and, dependencies allowing, runs) its deletes dependents first
  // an apply lists its removals (resources declared absent) after the writes they wait for
  const order = options.mode === "apply" ? [...ordered.filter((r) => !r.absent), ...ordered.filter((r) => r.absent)] : [...ordered].reverse();
  const steps = order.map((r) => planned.get(r)).filter((p): p is PlannedChange => p !== undefined);
  const changes = await executePlan(steps, { dryRun: options.dryRun, concurrency: options.concurrency, signal: options.signal, onEvent: options.onEvent, logger: options.logger });
  return { changes, kept, ids, observed };
}

