import type { HttpHandler } from "msw";
import type { SandboxClock } from "../clock.js";
import type { Random } from "../random.js";
import type { Serve } from "../serve.js";
import { AwsFault } from "./json-protocol.js";
import { serveAwsJson } from "./serve-aws-json.js";
import { createListLag } from "./secrets-list-lag.js";

type Json = Record<string, unknown>;

/** One version of a secret. */
export interface SecretVersion {
  versionId: string;
  secretString?: string;
  secretBinary?: string;
  stages: string[];
  createdAt: number;
}

/** One secret in one region. */
export interface SecretRecord {
  arn: string;
  name: string;
  region: string;
  description?: string;
  kmsKeyId?: string;
  tags: Array<{ Key: string; Value: string }>;
  versions: SecretVersion[];
  createdAt: number;
  lastChangedAt: number;
  deletedAt?: number;
  /** Set on a replica: the region of the primary. */
  primaryRegion?: string;
  /** Regions this primary replicates to, with their KMS keys. */
  replicas: Array<{ Region: string; KmsKeyId?: string }>;
}

/**
 * The Secrets Manager fake's state: secrets by region, then by name.
 *
 * @example
 * ```ts
 * const secret = sandbox.state.secretsManager.regions["us-east-1"]?.get("prod/db");
 * ```
 */
export interface SecretsManagerState {
  regions: Record<string, Map<string, SecretRecord>>;
}

/** @internal */
export interface SecretsManagerFakeOptions {
  state: () => SecretsManagerState;
  clock: SandboxClock;
  random: Random;
  serve: Serve;
  accountId: string;
  /** How far ListSecrets lags behind the writes, in sandbox-clock ms (see secrets-list-lag.ts). */
  listLagMs: number;
}

/** `ListSecrets` entries use SecretVersionsToStages where DescribeSecret uses VersionIdsToStages. */
const listEntry = (d: Json): Json => {
  const { VersionIdsToStages, ReplicationStatus: _r, ...rest } = d;
  return { ...rest, ...(VersionIdsToStages ? { SecretVersionsToStages: VersionIdsToStages } : {}) };
};

const WRITES = new Set(["CreateSecret", "PutSecretValue", "UpdateSecret", "TagResource", "UntagResource", "DeleteSecret", "RestoreSecret", "ReplicateSecretToRegions", "RemoveRegionsFromReplication", "UpdateSecretVersionStage"]);
// Secrets Manager CreateSecret: "The secret name can contain ASCII letters, numbers, and the following characters: /_+=.@-"
const NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

const seconds = (ms: number) => ms / 1000;

/** @internal */
export function secretsManagerHandlers(o: SecretsManagerFakeOptions): HttpHandler[] {
  const store = (region: string) => (o.state().regions[region] ??= new Map());
  const listLag = createListLag({ state: o.state, clock: o.clock, lagMs: o.listLagMs });

  const find = (region: string, id: unknown, opts: { allowDeleted?: boolean } = {}): SecretRecord => {
    if (typeof id !== "string" || id === "") throw new AwsFault("InvalidParameterException", "SecretId is required");
    const s = store(region);
    let found = s.get(id);
    if (!found) for (const rec of s.values()) if (rec.arn === id) found = rec;
    if (!found) throw new AwsFault("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    if (found.deletedAt !== undefined && !opts.allowDeleted) {
      throw new AwsFault("InvalidRequestException", "You can't perform this operation on the secret because it was marked for deletion.");
    }
    return found;
  };

  const notReplica = (s: SecretRecord) => {
    if (s.primaryRegion) throw new AwsFault("InvalidRequestException", `Operation is not permitted on a replica secret. Call the operation in the primary Region ${s.primaryRegion}.`);
  };

  const addVersion = (s: SecretRecord, value: { SecretString?: unknown; SecretBinary?: unknown }, token?: unknown): SecretVersion => {
    if (typeof token === "string") {
      const same = s.versions.find((v) => v.versionId === token);
      if (same) {
        // ClientRequestToken makes the write idempotent; a different value under the same token is an error
        if (same.secretString === value.SecretString && same.secretBinary === value.SecretBinary) return same;
        throw new AwsFault("ResourceExistsException", "You can't modify an existing version, you can only create a new version.");
      }
    }
    for (const v of s.versions) {
      v.stages = v.stages.filter((st) => st !== "AWSPREVIOUS");
      if (v.stages.includes("AWSCURRENT")) v.stages = [...v.stages.filter((st) => st !== "AWSCURRENT"), "AWSPREVIOUS"];
    }
    const version: SecretVersion = { versionId: typeof token === "string" ? token : o.random.uuid(), stages: ["AWSCURRENT"], createdAt: o.clock.now() };
    if (typeof value.SecretString === "string") version.secretString = value.SecretString;
    if (typeof value.SecretBinary === "string") version.secretBinary = value.SecretBinary;
    s.versions = s.versions.filter((v) => v.stages.length > 0);
    s.versions.push(version);
    s.lastChangedAt = o.clock.now();
    return version;
  };

  const describe = (s: SecretRecord): Json => ({
    ARN: s.arn,
    Name: s.name,
    ...(s.description !== undefined ? { Description: s.description } : {}),
    ...(s.kmsKeyId !== undefined ? { KmsKeyId: s.kmsKeyId } : {}),
    LastChangedDate: seconds(s.lastChangedAt),
    CreatedDate: seconds(s.createdAt),
    ...(s.deletedAt !== undefined ? { DeletedDate: seconds(s.deletedAt) } : {}),
    ...(s.tags.length ? { Tags: s.tags } : {}),
    VersionIdsToStages: Object.fromEntries(s.versions.map((v) => [v.versionId, v.stages])),
    ...(s.primaryRegion ? { PrimaryRegion: s.primaryRegion } : s.replicas.length ? { PrimaryRegion: s.region } : {}),
    ...(s.replicas.length ? { ReplicationStatus: replicationStatus(s) } : {}),
  });

  const replicationStatus = (s: SecretRecord) => s.replicas.map((r) => ({ Region: r.Region, ...(r.KmsKeyId ? { KmsKeyId: r.KmsKeyId } : {}), Status: "InSync", StatusMessage: "Replication succeeded" }));

  const arnFor = (region: string, name: string, suffix: string) => `arn:aws:secretsmanager:${region}:${o.accountId}:secret:${name}-${suffix}`;

  const replicate = (primary: SecretRecord, regions: Array<{ Region?: unknown; KmsKeyId?: unknown }>, force: boolean) => {
    const suffix = primary.arn.slice(-6);
    for (const r of regions) {
      if (typeof r.Region !== "string") throw new AwsFault("InvalidParameterException", "Region is required");
      if (r.Region === primary.region) throw new AwsFault("InvalidParameterException", "You can't replicate a secret to the Region that it's in.");
      const target = store(r.Region);
      const clash = target.get(primary.name);
      if (clash && clash.primaryRegion !== primary.region && !force) {
        throw new AwsFault("ResourceExistsException", `A secret with the name ${primary.name} already exists in ${r.Region}.`);
      }
      const replica: SecretRecord = {
        ...structuredClone(primary),
        arn: arnFor(r.Region, primary.name, suffix),
        region: r.Region,
        primaryRegion: primary.region,
        replicas: [],
        ...(typeof r.KmsKeyId === "string" ? { kmsKeyId: r.KmsKeyId } : {}),
      };
      if (typeof r.KmsKeyId !== "string") delete replica.kmsKeyId;
      target.set(primary.name, replica);
      const entry = { Region: r.Region, ...(typeof r.KmsKeyId === "string" ? { KmsKeyId: r.KmsKeyId } : {}) };
      primary.replicas = [...primary.replicas.filter((x) => x.Region !== r.Region), entry];
    }
  };

  /** Replicas follow their primary's value, tags and description. */
  const syncReplicas = (s: SecretRecord) => {
    for (const r of s.replicas) {
      const replica = store(r.Region).get(s.name);
      if (!replica) continue;
      replica.versions = structuredClone(s.versions);
      replica.tags = structuredClone(s.tags);
      replica.lastChangedAt = s.lastChangedAt;
      if (s.description !== undefined) replica.description = s.description;
      else delete replica.description;
    }
  };

  const ops: Record<string, (region: string, input: Json) => Json> = {
    CreateSecret(region, i) {
      if (typeof i.Name !== "string" || !NAME.test(i.Name)) throw new AwsFault("ValidationException", "Invalid name. Must be 1-512 characters of letters, numbers and /_+=.@-");
      if (i.SecretString !== undefined && i.SecretBinary !== undefined) throw new AwsFault("InvalidParameterException", "You can't specify both a binary secret value and a string secret value in the same secret.");
      const existing = store(region).get(i.Name);
      if (existing?.deletedAt !== undefined) throw new AwsFault("InvalidRequestException", "You can't create this secret because a secret with this name is already scheduled for deletion.");
      if (existing) throw new AwsFault("ResourceExistsException", `The operation failed because the secret ${i.Name} already exists.`);
      const now = o.clock.now();
      const s: SecretRecord = {
        arn: arnFor(region, i.Name, o.random.chars(6, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")),
        name: i.Name,
        region,
        ...(typeof i.Description === "string" ? { description: i.Description } : {}),
        ...(typeof i.KmsKeyId === "string" ? { kmsKeyId: i.KmsKeyId } : {}),
        tags: (i.Tags as SecretRecord["tags"]) ?? [],
        versions: [],
        createdAt: now,
        lastChangedAt: now,
        replicas: [],
      };
      let versionId: string | undefined;
      if (i.SecretString !== undefined || i.SecretBinary !== undefined) versionId = addVersion(s, i, i.ClientRequestToken).versionId;
      store(region).set(s.name, s);
      if (Array.isArray(i.AddReplicaRegions)) replicate(s, i.AddReplicaRegions as Json[], Boolean(i.ForceOverwriteReplicaSecret));
      return { ARN: s.arn, Name: s.name, ...(versionId ? { VersionId: versionId } : {}), ...(s.replicas.length ? { ReplicationStatus: replicationStatus(s) } : {}) };
    },
    DescribeSecret(region, i) {
      return describe(find(region, i.SecretId, { allowDeleted: true }));
    },
    GetSecretValue(region, i) {
      const s = find(region, i.SecretId);
      const v = typeof i.VersionId === "string" ? s.versions.find((x) => x.versionId === i.VersionId) : s.versions.find((x) => x.stages.includes(typeof i.VersionStage === "string" ? i.VersionStage : "AWSCURRENT"));
      if (!v) throw new AwsFault("ResourceNotFoundException", "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
      return {
        ARN: s.arn,
        Name: s.name,
        VersionId: v.versionId,
        ...(v.secretString !== undefined ? { SecretString: v.secretString } : {}),
        ...(v.secretBinary !== undefined ? { SecretBinary: v.secretBinary } : {}),
        VersionStages: v.stages,
        CreatedDate: seconds(v.createdAt),
      };
    },
    PutSecretValue(region, i) {
      const s = find(region, i.SecretId);
      notReplica(s);
      if (i.SecretString === undefined && i.SecretBinary === undefined) throw new AwsFault("InvalidRequestException", "You must provide either SecretString or SecretBinary.");
      const v = addVersion(s, i, i.ClientRequestToken);
      syncReplicas(s);
      return { ARN: s.arn, Name: s.name, VersionId: v.versionId, VersionStages: v.stages };
    },
    UpdateSecret(region, i) {
      const s = find(region, i.SecretId);
      notReplica(s);
      if (typeof i.Description === "string") s.description = i.Description;
      if (typeof i.KmsKeyId === "string") s.kmsKeyId = i.KmsKeyId;
      let versionId: string | undefined;
      if (i.SecretString !== undefined || i.SecretBinary !== undefined) versionId = addVersion(s, i, i.ClientRequestToken).versionId;
      s.lastChangedAt = o.clock.now();
      syncReplicas(s);
      return { ARN: s.arn, Name: s.name, ...(versionId ? { VersionId: versionId } : {}) };
    },
    TagResource(region, i) {
      const s = find(region, i.SecretId);
      notReplica(s);
      for (const t of (i.Tags as Array<{ Key: string; Value: string }>) ?? []) s.tags = [...s.tags.filter((x) => x.Key !== t.Key), t];
      syncReplicas(s);
      return {};
    },
    UntagResource(region, i) {
      const s = find(region, i.SecretId);
      notReplica(s);
      const keys = new Set((i.TagKeys as string[]) ?? []);
      s.tags = s.tags.filter((t) => !keys.has(t.Key));
      syncReplicas(s);
      return {};
    },
    ListSecrets(region, i) {
      const filters = (i.Filters as Array<{ Key: string; Values: string[] }>) ?? [];
      const match = (s: SecretRecord) =>
        filters.every((f) => {
          const values = f.Values ?? [];
          // a leading "!" negates a value (ListSecrets Filter docs)
          const test = (get: (v: string) => boolean) => values.some((v) => (v.startsWith("!") ? !get(v.slice(1)) : get(v)));
          switch (f.Key) {
            case "name":
              return test((v) => s.name.startsWith(v));
            case "description":
              return test((v) => (s.description ?? "").startsWith(v));
            case "tag-key":
              return test((v) => s.tags.some((t) => t.Key.startsWith(v)));
            case "tag-value":
              return test((v) => s.tags.some((t) => t.Value.startsWith(v)));
            case "primary-region":
              return test((v) => (s.primaryRegion ?? s.region) === v);
            case "all":
              return test((v) => s.name.startsWith(v) || s.tags.some((t) => t.Key.startsWith(v) || t.Value.startsWith(v)));
            default:
              throw new AwsFault("InvalidParameterException", `Invalid filter key ${f.Key}`);
          }
        });
      const all = listLag.listed(region).filter((s) => (i.IncludePlannedDeletion || s.deletedAt === undefined) && match(s)).sort((a, b) => a.name.localeCompare(b.name));
      const max = typeof i.MaxResults === "number" ? i.MaxResults : 100;
      if (max < 1 || max > 100) throw new AwsFault("InvalidParameterException", "MaxResults must be between 1 and 100");
      const start = typeof i.NextToken === "string" ? Number(Buffer.from(i.NextToken, "base64").toString()) : 0;
      const page = all.slice(start, start + max);
      const more = start + max < all.length;
      return { SecretList: page.map((x) => listEntry(describe(x))), ...(more ? { NextToken: Buffer.from(String(start + max)).toString("base64") } : {}) };
    },
    BatchGetSecretValue(region, i) {
      const ids = i.SecretIdList as string[] | undefined;
      if ((ids === undefined) === (i.Filters === undefined)) throw new AwsFault("InvalidParameterException", "You must include Filters or SecretIdList, but not both.");
      // "Retrieves the contents of ... up to 20 secrets" (BatchGetSecretValue API reference)
      if (ids && ids.length > 20) throw new AwsFault("InvalidParameterException", "SecretIdList can contain at most 20 secrets.");
      const targets = ids ?? (ops.ListSecrets!(region, { Filters: i.Filters }).SecretList as Json[]).map((e) => String(e.Name));
      const SecretValues: Json[] = [];
      const Errors: Json[] = [];
      for (const id of targets) {
        try {
          SecretValues.push(ops.GetSecretValue!(region, { SecretId: id }));
        } catch (error) {
          if (!(error instanceof AwsFault)) throw error;
          Errors.push({ SecretId: id, ErrorCode: error.code, Message: error.message });
        }
      }
      return { SecretValues, ...(Errors.length ? { Errors } : {}) };
    },
    ReplicateSecretToRegions(region, i) {
      const s = find(region, i.SecretId);
      notReplica(s);
      replicate(s, (i.AddReplicaRegions as Json[]) ?? [], Boolean(i.ForceOverwriteReplicaSecret));
      return { ARN: s.arn, ReplicationStatus: replicationStatus(s) };
    },
    RemoveRegionsFromReplication(region, i) {
      const s = find(region, i.SecretId);
      notReplica(s);
      for (const r of (i.RemoveReplicaRegions as string[]) ?? []) {
        const replica = store(r).get(s.name);
        if (replica) delete replica.primaryRegion; // becomes a standalone secret, as AWS does
        s.replicas = s.replicas.filter((x) => x.Region !== r);
      }
      return { ARN: s.arn, ReplicationStatus: replicationStatus(s) };
    },
    DeleteSecret(region, i) {
      const s = find(region, i.SecretId, { allowDeleted: true });
      notReplica(s);
      if (s.replicas.length) throw new AwsFault("InvalidParameterException", "You can't delete secret that has regions replicated. Remove the replica regions first.");
      if (i.ForceDeleteWithoutRecovery && i.RecoveryWindowInDays !== undefined) {
        throw new AwsFault("InvalidParameterException", "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
      }
      const days = typeof i.RecoveryWindowInDays === "number" ? i.RecoveryWindowInDays : 30;
      if (days < 7 || days > 30) throw new AwsFault("InvalidParameterException", "RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
      const deletionDate = i.ForceDeleteWithoutRecovery ? o.clock.now() : o.clock.now() + days * 86_400_000;
      if (i.ForceDeleteWithoutRecovery) store(region).delete(s.name);
      else s.deletedAt = o.clock.now();
      return { ARN: s.arn, Name: s.name, DeletionDate: seconds(deletionDate) };
    },
    RestoreSecret(region, i) {
      const s = find(region, i.SecretId, { allowDeleted: true });
      delete s.deletedAt;
      return { ARN: s.arn, Name: s.name };
    },
  };

  return [serveAwsJson({ service: "secretsmanager", targetPrefix: "secretsmanager.", ops, writes: WRITES, serve: o.serve, around: listLag.around })];
}
