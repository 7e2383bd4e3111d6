import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { loadSecretsManager } from "../../aws/load-sdk.js";
import { awsStep, isResourceExists, readSecretsBatch, type SecretState } from "../../aws/secrets-manager.js";
import type { FieldDiff } from "../../reconcile/change.js";
import { sameValue } from "../../reconcile/diff.js";
import type { Ownership } from "../../reconcile/ownership.js";
import type { Observation, Resource } from "../../reconcile/resource.js";

/**
 * Reads many secrets with one batched read (ListSecrets + BatchGetSecretValue, confirmed with
 * DescribeSecret where the listing lags), shared by the secret resources of one run, so that declaring
 * one resource per secret costs no more requests than reading them together.
 * @internal
 */
export function createSecretReader(client: () => Promise<SecretsManagerClient>, names: readonly string[], signal?: AbortSignal): (name: string) => Promise<SecretState> {
  let all: Promise<Map<string, SecretState>> | undefined;
  return async (name) => {
    all ??= client().then((c) => readSecretsBatch(c, [...names], signal ? { signal } : {}));
    return (await all).get(name)!;
  };
}

/** What {@link secretResource} manages. @internal */
export interface SecretDesired {
  client: () => Promise<SecretsManagerClient>;
  read: (name: string) => Promise<SecretState>;
  name: string;
  /** The value as stored: a string, or a flat JSON object serialized. Never shown. */
  value: string | Readonly<Record<string, string>>;
  kmsKeyId?: string | undefined;
  /** Every tag the secret carries (user tags and the ownership tag). */
  tags: Record<string, string>;
  ownership: Ownership;
  /** The option that names this secret, for errors. */
  field: string;
  signal?: AbortSignal | undefined;
  /** Teardown: days before Secrets Manager deletes it for good (7 to 30). @default 30 */
  recoveryWindowInDays?: number | undefined;
  /** Teardown: delete at once, with no recovery window. @default false */
  forceDeleteWithoutRecovery?: boolean | undefined;
  /**
   * Teardown: why the secret must stay (a reference to it in a remaining plugin), or undefined.
   * `deleting` holds the ids of the objects this teardown deletes before it: their references do not count.
   */
  usedBy?: ((deleting: ReadonlySet<string>) => Promise<string | undefined>) | undefined;
  /** Filled by the run: the secret's state as observed, its ARN once known. */
  out: { state?: SecretState; arn?: string | undefined };
}

/** Same secret content? JSON secrets compare as objects, so key order does not force a write. */
function sameSecret(current: string | undefined, desired: string | Readonly<Record<string, string>>): boolean {
  if (current === undefined) return false;
  if (typeof desired === "string") return current === desired;
  try {
    return sameValue(JSON.parse(current), desired);
  } catch {
    return false;
  }
}

/**
 * An AWS Secrets Manager secret, found by name, marked by the ownership AWS tag. Values are compared
 * and shown redacted. Created with CreateSecret (the SDK's idempotency token makes its retries safe; an
 * `ResourceExistsException` from a lost race reads the secret again and converges), updated by
 * restore / PutSecretValue / TagResource / UpdateSecret as needed, deleted with a recovery window
 * unless forced. A replica cannot be written; a secret with replicas is kept until they are removed.
 * @internal
 */
export function secretResource(d: SecretDesired): Resource<SecretState> {
  const serialized = typeof d.value === "string" ? d.value : JSON.stringify(d.value);
  const abortSignal = d.signal;

  const plan = (s: SecretState): { diff: FieldDiff[]; steps: Array<(c: SecretsManagerClient, m: Awaited<ReturnType<typeof loadSecretsManager>>) => Promise<unknown>> } => {
    const diff: FieldDiff[] = [];
    const steps: Array<(c: SecretsManagerClient, m: Awaited<ReturnType<typeof loadSecretsManager>>) => Promise<unknown>> = [];
    if (s.deleted) {
      diff.push({ path: "deleted", before: true, after: false });
      steps.push((c, m) => awsStep(`RestoreSecret ${d.name}`, () => c.send(new m.RestoreSecretCommand({ SecretId: d.name }), { abortSignal })));
    }
    if (!sameSecret(s.value, d.value)) {
      diff.push({ path: "value", ...(s.value === undefined ? {} : { before: "[REDACTED]" }), after: "[REDACTED]" });
      steps.push((c, m) => awsStep(`PutSecretValue ${d.name}`, () => c.send(new m.PutSecretValueCommand({ SecretId: d.name, SecretString: serialized }), { abortSignal })));
    }
    const missing = Object.entries(d.tags).filter(([k, v]) => s.tags[k] !== v);
    if (missing.length) {
      for (const [k, v] of missing) diff.push({ path: `tags.${k}`, ...(k in s.tags ? { before: s.tags[k] } : {}), after: v });
      steps.push((c, m) => awsStep(`TagResource ${d.name}`, () => c.send(new m.TagResourceCommand({ SecretId: d.name, Tags: missing.map(([Key, Value]) => ({ Key, Value })) }), { abortSignal })));
    }
    if (d.kmsKeyId && d.kmsKeyId !== s.kmsKeyId) {
      diff.push({ path: "kmsKeyId", ...(s.kmsKeyId ? { before: s.kmsKeyId } : {}), after: d.kmsKeyId });
      steps.push((c, m) => awsStep(`UpdateSecret ${d.name}`, () => c.send(new m.UpdateSecretCommand({ SecretId: d.name, KmsKeyId: d.kmsKeyId }), { abortSignal })));
    }
    return { diff, steps };
  };

  const observation = (s: SecretState): Observation<SecretState> => {
    d.out.state = s;
    d.out.arn = s.arn;
    if (!s.exists) {
      return { exists: false, owned: false, diff: [{ path: "value", after: "[REDACTED]" }, ...Object.entries(d.tags).map(([k, v]) => ({ path: `tags.${k}`, after: v })), ...(d.kmsKeyId ? [{ path: "kmsKeyId", after: d.kmsKeyId }] : [])] };
    }
    return {
      exists: true,
      ...(s.arn ? { id: s.arn } : {}),
      owned: s.tags[d.ownership.awsTag.key] === d.ownership.awsTag.value,
      actual: s,
      ...(s.deleted ? { pendingDeletion: true } : {}),
      diff: plan(s).diff,
      ...(s.primaryRegion ? { conflict: { field: d.field, problem: `this secret is a replica of one in ${s.primaryRegion}; replicas cannot be written`, fix: `manage it from ${s.primaryRegion} (set region to ${s.primaryRegion})` } } : {}),
    };
  };

  const update = async (s: SecretState, progress: { wrote(): void }) => {
    const [c, m] = await Promise.all([d.client(), loadSecretsManager()]);
    // in order: a restore must come before a write
    for (const step of plan(s).steps) {
      await step(c, m);
      progress.wrote();
    }
  };

  return {
    kind: "aws.secret",
    key: d.name,
    mark: `the ${d.ownership.awsTag.key}=${d.ownership.awsTag.value} tag`,
    field: d.field,
    secrets: ["value"],
    observe: async () => observation(await d.read(d.name)),
    async create(progress) {
      const [c, m] = await Promise.all([d.client(), loadSecretsManager()]);
      try {
        const out = await awsStep(`CreateSecret ${d.name}`, () =>
          c.send(new m.CreateSecretCommand({ Name: d.name, SecretString: serialized, ...(d.kmsKeyId ? { KmsKeyId: d.kmsKeyId } : {}), Tags: Object.entries(d.tags).map(([Key, Value]) => ({ Key, Value })) }), { abortSignal }),
        );
        d.out.arn = out.ARN;
        return out.ARN;
      } catch (error) {
        // "exists" means another run created it since the reads: read it again and converge from there,
        // under the same ownership rule as any existing secret
        if (!isResourceExists(error)) throw error;
        const again = (await readSecretsBatch(c, [d.name], abortSignal ? { signal: abortSignal } : {})).get(d.name)!;
        if (!again.exists || again.tags[d.ownership.awsTag.key] !== d.ownership.awsTag.value) throw error;
        await update(again, progress);
        d.out.arn = again.arn;
        return again.arn;
      }
    },
    update: (o, progress) => update(o.actual!, progress),
    async delete(o) {
      const [c, m] = await Promise.all([d.client(), loadSecretsManager()]);
      const window = d.forceDeleteWithoutRecovery ? { ForceDeleteWithoutRecovery: true } : { RecoveryWindowInDays: d.recoveryWindowInDays ?? 30 };
      await awsStep(`DeleteSecret ${d.name}`, () => c.send(new m.DeleteSecretCommand({ SecretId: o.id ?? d.name, ...window }), { abortSignal }));
    },
    describe: () => [{ path: "value", before: "[REDACTED]" }, { path: "recoveryWindowInDays", after: d.forceDeleteWithoutRecovery ? 0 : (d.recoveryWindowInDays ?? 30) }],
    async usedBy(o, deleting) {
      const s = o.actual!;
      // Secrets Manager refuses to delete a secret that still has replicas
      if (s.replicaRegions.length) return `replicated to ${s.replicaRegions.map((r) => r.region).join(", ")}: remove the replicas first (teardownMultiRegion)`;
      return d.usedBy?.(deleting);
    },
  };
}
