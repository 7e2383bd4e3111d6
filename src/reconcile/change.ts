/** What the SDK does, or would do, to one object. */
export type ChangeAction = "create" | "update" | "delete" | "noop";

/**
 * One field that differs. Secret values never appear: they show as `"[REDACTED]"`.
 *
 * @example
 * ```ts
 * const diff: FieldDiff = { path: "config.ttl", before: 60, after: 300 };
 * ```
 */
export interface FieldDiff {
  /** Dotted path of the field (`config.region`, `tags`, `value`). */
  path: string;
  /** Current value; absent when the object does not exist yet. */
  before?: unknown;
  /** Desired value. */
  after?: unknown;
}

/**
 * One entry of an operation's result: what happened (or, with `dryRun`, what would happen) to one object.
 *
 * @example
 * ```ts
 * const { changes } = await enableAwsVault({ konnect, controlPlaneId, region: "us-east-1", dryRun: true });
 * for (const c of changes) console.log(c.action, c.kind, c.key);
 * ```
 */
export interface Change {
  /** `create`, `update`, `delete` or `noop`. */
  action: ChangeAction;
  /** Resource kind, such as `konnect.control-plane`, `konnect.vault`, `aws.secret`. */
  kind: string;
  /** Natural key, such as the control-plane name, the vault prefix or the secret name. */
  key: string;
  /** Id of the object when known (after the write for a create; never for a dry-run create). */
  id?: string;
  /** Field-level differences (empty for `noop`). */
  diff: FieldDiff[];
  /** True for a dry-run create whose id only the write can know. */
  pending?: boolean;
  /** True when an existing object without the ownership mark was taken over (`adopt: true`). */
  adopted?: boolean;
}

/**
 * Counts changes by action, for logs and summaries.
 *
 * @example
 * ```ts
 * summarizeChanges(result.changes); // { create: 2, update: 0, delete: 0, noop: 1 }
 * ```
 */
export function summarizeChanges(changes: readonly Change[]): Record<ChangeAction, number> {
  const out: Record<ChangeAction, number> = { create: 0, update: 0, delete: 0, noop: 0 };
  for (const c of changes) out[c.action]++;
  return out;
}
