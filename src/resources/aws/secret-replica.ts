import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { loadSecretsManager } from "../../aws/load-sdk.js";
import { awsStep, describeSecret, regionOfArn, type SecretState } from "../../aws/secrets-manager.js";
import type { FieldDiff } from "../../reconcile/change.js";
import type { Ownership } from "../../reconcile/ownership.js";
import type { Observation, Resource } from "../../reconcile/resource.js";

/** What {@link secretReplicaResource} manages. @internal */
export interface SecretReplicaDesired {
  /** The Secrets Manager client of a region. */
  client: (region: string) => Promise<SecretsManagerClient>;
  name: string;
  primaryRegion: string;
  /** The regions the secret is replicated to. */
  regions: readonly string[];
  /** KMS key of the replica in a region. @default the AWS managed key */
  kmsKeyIds: Readonly<Record<string, string>> | undefined;
  ownership: Ownership;
  mode: "apply" | "teardown";
  /** Apply: a secret that does not exist yet is one the same plan creates (its replicas are pending). */
  dryRun: boolean | undefined;
  signal: AbortSignal | undefined;
  /** Teardown: days before Secrets Manager deletes a former replica for good (7 to 30). @default 30 */
  recoveryWindowInDays?: number | undefined;
  /** Teardown: delete former replicas at once, with no recovery window. @default false */
  forceDeleteWithoutRecovery?: boolean | undefined;
  /** Filled by the run: the primary secret as observed (ARN, keys, replication status). */
  out: { state?: SecretState };
}

/** What a replica resource observed: the primary, and in a teardown the copy in each region. @internal */
export interface ReplicaState {
  primary: SecretState;
  /** Teardown: the secret of the same name in each region (a replica, or a replica already detached). */
  copies: Map<string, SecretState>;
}

/**
 * The replication of one secret from its primary region to the secondary regions (kind
 * `aws.secret-replicas`, key the secret's name). Owned when the primary secret carries the ownership
 * tag. Applied with `ReplicateSecretToRegions` for the regions not yet replicated (a failed replica is
 * replicated again); the primary itself is never written. A teardown removes the regions from the
 * replication (`RemoveRegionsFromReplication`), which leaves each replica behind as a standalone secret,
 * then deletes those standalone secrets that carry the ownership tag, with the teardown's recovery
 * window (30 days unless told, never forced without `forceDeleteWithoutRecovery`). A secret of the name
 * in a secondary region that carries the tag and is no replica is taken for one whose detaching
 * finished before an interrupted teardown, and deleted too. The primary stays: it belongs to
 * `enableAwsVault` / `disableAwsVault`.
 * @internal
 */
export function secretReplicaResource(d: SecretReplicaDesired): Resource<ReplicaState> {
  const ours = (s: SecretState) => s.tags[d.ownership.awsTag.key] === d.ownership.awsTag.value;
  const describe = async (region: string) => describeSecret(await d.client(region), d.name, d.signal ? { signal: d.signal } : {});
  const replicated = (s: SecretState) => s.replicaRegions.filter((r) => d.regions.includes(r.region)).map((r) => r.region);
  /** Teardown: the copies a run deletes (detached by it, or before an interrupted run ended). */
  // a copy read in another region than asked (one client given for every region) is never taken for a
  // replica: it could be the primary itself
  const leftovers = (st: ReplicaState) =>
    [...st.copies].filter(([region, c]) => c.exists && !c.deleted && ours(c) && regionOfArn(c.arn) === region && region !== d.primaryRegion && (!c.primaryRegion || c.primaryRegion === d.primaryRegion)).map(([region, c]) => ({ region, arn: c.arn! }));
  const window = () => (d.forceDeleteWithoutRecovery ? 0 : (d.recoveryWindowInDays ?? 30));

  const resource: Resource<ReplicaState> = {
    kind: "aws.secret-replicas",
    key: d.name,
    mark: `the ${d.ownership.awsTag.key}=${d.ownership.awsTag.value} tag (on the primary secret)`,
    field: "secretNames",
    async observe(): Promise<Observation<ReplicaState>> {
      const primary = await describe(d.primaryRegion);
      d.out.state = primary;
      if (d.mode === "teardown") {
        const copies = new Map(await Promise.all(d.regions.map(async (r) => [r, await describe(r)] as const)));
        const st = { primary, copies };
        return { exists: replicated(primary).length > 0 || leftovers(st).length > 0, ...(primary.arn ? { id: primary.arn } : {}), owned: !primary.exists || ours(primary), actual: st, diff: [] };
      }
      const st = { primary, copies: new Map<string, SecretState>() };
      if (!primary.exists && d.dryRun) {
        // a secret the same plan creates (enableAwsVault in a dry run): its replicas are pending too
        return { exists: true, owned: true, pending: true, actual: st, diff: d.regions.map((r) => ({ path: `replicas.${r}`, after: "replicated once the secret exists" })) };
      }
      if (!primary.exists || primary.deleted) {
        return { exists: true, owned: true, actual: st, diff: [], conflict: { field: "secretNames", problem: `secret ${JSON.stringify(d.name)} does not exist in ${d.primaryRegion}${primary.deleted ? " (it is scheduled for deletion)" : ""}`, fix: "create it first (enableAwsVault), or fix the name" } };
      }
      if (primary.primaryRegion) {
        return { exists: true, owned: true, actual: st, diff: [], conflict: { field: "secretNames", problem: `${d.name} in ${d.primaryRegion} is itself a replica of ${primary.primaryRegion}`, fix: `make ${primary.primaryRegion} the primary region` } };
      }
      const inSync = new Set(primary.replicaRegions.filter((r) => r.status !== "Failed").map((r) => r.region));
      const diff: FieldDiff[] = d.regions.filter((r) => !inSync.has(r)).map((r) => ({ path: `replicas.${r}`, after: d.kmsKeyIds?.[r] ? { kmsKeyId: d.kmsKeyIds[r] } : "replicated" }));
      return { exists: true, ...(primary.arn ? { id: primary.arn } : {}), owned: ours(primary), actual: st, diff };
    },
    // the replication of a secret exists as soon as the secret does: there is nothing to create
    create: async () => undefined,
    async update(o) {
      const missing = o.diff.map((f) => f.path.slice("replicas.".length));
      const [client, sm] = await Promise.all([d.client(d.primaryRegion), loadSecretsManager()]);
      await awsStep(`ReplicateSecretToRegions ${d.name}`, () =>
        client.send(new sm.ReplicateSecretToRegionsCommand({ SecretId: d.name, AddReplicaRegions: missing.map((Region) => ({ Region, ...(d.kmsKeyIds?.[Region] ? { KmsKeyId: d.kmsKeyIds[Region] } : {}) })) }), { abortSignal: d.signal }),
      );
    },
    async delete(o) {
      const st = o.actual!;
      const sm = await loadSecretsManager();
      const detach = replicated(st.primary);
      if (detach.length) {
        const client = await d.client(d.primaryRegion);
        await awsStep(`RemoveRegionsFromReplication ${d.name}`, () => client.send(new sm.RemoveRegionsFromReplicationCommand({ SecretId: d.name, RemoveReplicaRegions: detach }), { abortSignal: d.signal }));
      }
      // each replica is now a standalone secret of its region
      const deletion = d.forceDeleteWithoutRecovery ? { ForceDeleteWithoutRecovery: true } : { RecoveryWindowInDays: window() };
      for (const { region, arn } of leftovers(st)) {
        const client = await d.client(region);
        await awsStep(`DeleteSecret ${d.name} (${region})`, () => client.send(new sm.DeleteSecretCommand({ SecretId: arn, ...deletion }), { abortSignal: d.signal }));
      }
    },
    describe: (o) => [
      ...replicated(o.actual!.primary).map((r) => ({ path: `replicas.${r}`, before: "replicated" })),
      ...leftovers(o.actual!).map(({ region }) => ({ path: `secrets.${region}`, before: "[REDACTED]" })),
      { path: "recoveryWindowInDays", after: window() },
    ],
  };
  return resource;
}
