import type { FieldDiff } from "./change.js";
import type { ApplyProgress } from "./executor.js";

/**
 * What a resource kind reads about one object: whether it exists, whether it carries our ownership mark,
 * and how it differs from what is desired. Observation only reads.
 * @internal
 */
export interface Observation<A = unknown> {
  exists: boolean;
  /** The object's id, when it exists. */
  id?: string;
  /** Whether the object carries the ownership mark (tag, label or AWS tag: the kind knows where). */
  owned: boolean;
  /** The live object, for an update that must send it whole. */
  actual?: A;
  /** Fields that differ from the desired state; empty when up to date (ownership marks included). */
  diff: FieldDiff[];
  /** The object exists but is already on its way out (a secret scheduled for deletion): a teardown leaves it. */
  pendingDeletion?: boolean;
  /** An update that only a write earlier in the same plan makes possible (a dry run): shown as pending. */
  pending?: boolean;
  /** Set when the object exists but cannot be managed at all (another backend, a replica, ...). */
  conflict?: { field: string; problem: string; fix: string };
}

/**
 * One object an operation declares, in the spirit of Crossplane's external client and Terraform's
 * resource: `observe` reads, `create` / `update` / `delete` each perform one write (or a short fixed
 * sequence, reporting progress after the first), idempotently and retry-safe (PUT with a client-chosen id,
 * caller references, client request tokens). Whether to write, ownership refusals, dry runs, ordering,
 * concurrency and teardown belong to the engine ({@link reconcileResources}), never to the kind.
 * @internal
 */
export interface Resource<A = unknown> {
  /** Resource kind, such as `konnect.vault` (the `Change.kind`). */
  readonly kind: string;
  /** Natural key, such as the vault prefix (the `Change.key`). */
  readonly key: string;
  /** Resources that must be written first (and, in a teardown, deleted after this one). */
  readonly dependsOn?: readonly Resource[];
  /**
   * Apply mode: those of `dependsOn` of which this write needs only the id (a record set naming a health
   * check). The write starts as soon as their create reported the id (`progress.wrote(id)`), without
   * waiting for the rest of their write (the check's tagging): one round trip less. A teardown ignores it.
   */
  readonly needsOnlyIdOf?: readonly Resource[];
  /**
   * Apply mode: the object must not exist (a credential for a key the source no longer publishes). It is
   * deleted when it exists and carries the mark (`adopt` does not extend to it), kept and listed otherwise,
   * and nothing is planned when it is gone. Its delete waits for the writes of the resources that depend
   * on it, like a teardown's. Ignored in a teardown, which deletes every declared resource that is ours.
   */
  readonly absent?: boolean;
  /** Where the ownership mark lives, for the refusal message: `the managed-by-konnect-aws tag`. */
  readonly mark: string;
  /** The option the refusal of an unowned object names (`prefix`, `secrets["a"]`). */
  readonly field: string;
  /** Paths of the diff whose values are secret (shown redacted by the kind already; listed for docs). */
  readonly secrets?: readonly string[];
  /** Reads the object. */
  observe(): Promise<Observation<A>>;
  /** Creates it; returns its id. */
  create(progress: ApplyProgress): Promise<string | undefined>;
  /** Brings an existing object to the desired state (only called with a non-empty diff). */
  update(observed: Observation<A>, progress: ApplyProgress): Promise<void>;
  /** Deletes it (teardown). Absent for kinds that are never deleted. */
  delete?(observed: Observation<A>): Promise<void>;
  /** Fields shown for a delete in the plan. @default the object's id */
  describe?(observed: Observation<A>): FieldDiff[];
  /**
   * Teardown: why the object must stay although it is ours (another object still uses it), or
   * `undefined`. `deleting` holds the ids this teardown deletes before it (its dependents): users among
   * them do not count. Asked only when the object exists and would be deleted.
   */
  usedBy?(observed: Observation<A>, deleting: ReadonlySet<string>): Promise<string | undefined>;
}
