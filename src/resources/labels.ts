import type { Logger } from "../konnect/logger.js";
import type { Change } from "../reconcile/change.js";
import { ReconcileError, type OperationEvent } from "../reconcile/executor.js";
import { reconcileResources, type ReconcileOptions, type ReconcileResult } from "../reconcile/reconcile-resources.js";
import type { Resource } from "../reconcile/resource.js";

/**
 * What a resource can say about the change the engine plans for it, beyond what {@link Resource} carries.
 * Set by the resource itself, in `observe` or during a write.
 * @internal
 */
export interface ChangeLabel {
  /**
   * `delete` for a resource whose desired state is "absent" in an apply run (a health check no record uses
   * any more). The engine plans only create / update / noop in apply mode, so such a resource observes
   * itself as existing, with the deletion as its diff, and its `update` deletes it; this label names the
   * change for what it is.
   */
  action?: "delete";
  /** An update that only a write earlier in the same plan makes possible (a dry run). */
  pending?: true;
  /** An id the write learnt that the engine does not take from it (the create of a check whose tagging then failed). */
  id?: string;
}

/** A resource that may label its change. @internal */
export type LabelledResource<A = unknown> = Resource<A> & { label?: ChangeLabel | undefined };

/**
 * {@link reconcileResources}, with the labels the resources set applied to the changes it returns (and to
 * those of a `ReconcileError`), to the events it sends and to the lines it logs.
 *
 * Stopgap: once the engine can declare a resource absent in apply mode and take ids and pending updates
 * from the writes, this wrapper goes and the kinds say it directly.
 * @internal
 */
export async function reconcileLabelled(resources: readonly LabelledResource[], options: ReconcileOptions): Promise<ReconcileResult> {
  const labelOf = (kind: string, key: string) => resources.find((r) => r.kind === kind && r.key === key)?.label;
  const apply = (changes: Change[]) => {
    for (const c of changes) {
      const label = labelOf(c.kind, c.key);
      if (label?.action) c.action = label.action;
      if (label?.pending) c.pending = true;
      if (label?.id) c.id = label.id;
    }
    return changes;
  };
  const onEvent =
    options.onEvent &&
    ((e: OperationEvent) => {
      const action = e.action && labelOf(e.kind, e.key)?.action;
      options.onEvent!(action ? { ...e, action } : e);
    });
  // the executor logs `<action> <kind> <key>` and `failed to <action> <kind> <key>: ...`
  const relabelled = resources.filter((r) => r.label?.action);
  const line = (message: string) => {
    for (const r of relabelled) {
      const planned = `update ${r.kind} ${r.key}`;
      if (message.startsWith(planned) || message.startsWith(`failed to ${planned}`)) return message.replace(planned, `${r.label!.action!} ${r.kind} ${r.key}`);
    }
    return message;
  };
  const given = options.logger;
  const logger: Logger | undefined =
    given && relabelled.length
      ? { debug: (m, meta) => given.debug(m, meta), warn: (m, meta) => given.warn(m, meta), info: (m, meta) => given.info(line(m), meta), error: (m, meta) => given.error(line(m), meta) }
      : given;
  try {
    const result = await reconcileResources(resources, { ...options, onEvent, logger });
    apply(result.changes);
    return result;
  } catch (error) {
    if (error instanceof ReconcileError) apply(error.changes);
    throw error;
  }
}
