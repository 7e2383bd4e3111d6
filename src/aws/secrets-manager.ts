import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { AwsStepError } from "../errors/aws-step-error.js";
import { loadSecretsManager } from "./load-sdk.js";

/** What Secrets Manager holds for one secret name. @internal */
export interface SecretState {
  name: string;
  exists: boolean;
  arn?: string;
  kmsKeyId?: string;
  tags: Record<string, string>;
  /** Scheduled for deletion. */
  deleted: boolean;
  /** The AWSCURRENT string value (never logged; compared only). */
  value?: string;
  /** Region of the primary when this is a replica. */
  primaryRegion?: string;
  replicaRegions: Array<{ region: string; kmsKeyId?: string; status?: string }>;
}

const isNotFound = (e: unknown) => (e as { name?: string })?.name === "ResourceNotFoundException";

/** The metadata that DescribeSecret and ListSecrets entries share. */
interface SecretMetadata {
  ARN?: string | undefined;
  KmsKeyId?: string | undefined;
  Tags?: Array<{ Key?: string | undefined; Value?: string | undefined }> | undefined;
  DeletedDate?: Date | undefined;
  PrimaryRegion?: string | undefined;
}

function stateFrom(name: string, m: SecretMetadata): SecretState {
  return {
    name,
    exists: true,
    ...(m.ARN ? { arn: m.ARN } : {}),
    ...(m.KmsKeyId ? { kmsKeyId: m.KmsKeyId } : {}),
    tags: Object.fromEntries((m.Tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""])),
    deleted: m.DeletedDate !== undefined,
    // a replica reports the primary's region; the primary itself reports its own region
    ...(m.PrimaryRegion && m.PrimaryRegion !== regionOfArn(m.ARN) ? { primaryRegion: m.PrimaryRegion } : {}),
    replicaRegions: [],
  };
}

/**
 * Reads one secret's metadata and replication status with `DescribeSecret` (no value).
 * @internal
 */
export async function describeSecret(client: SecretsManagerClient, name: string, options: { signal?: AbortSignal } = {}): Promise<SecretState> {
  const sm = await loadSecretsManager();
  let described;
  try {
    described = await client.send(new sm.DescribeSecretCommand({ SecretId: name }), { abortSignal: options.signal });
  } catch (error) {
    if (isNotFound(error)) return { name, exists: false, tags: {}, deleted: false, replicaRegions: [] };
    throw new AwsStepError(`DescribeSecret ${name}`, error);
  }
  return {
    ...stateFrom(name, described),
    replicaRegions: (described.ReplicationStatus ?? []).map((r) => ({ region: r.Region ?? "", ...(r.KmsKeyId ? { kmsKeyId: r.KmsKeyId } : {}), ...(r.Status ? { status: r.Status } : {}) })),
  };
}

const chunk = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * Reads many secrets in few calls: `ListSecrets` filtered by name (10 names a call; metadata and tags)
 * and, at the same time, `BatchGetSecretValue` by id (20 values a call), instead of a describe and a
 * value read per secret.
 *
 * `ListSecrets` is eventually consistent: "ListSecrets ... might not reflect changes from the last five
 * minutes" (Secrets Manager API reference, ListSecrets), so a secret created by the previous run can be
 * missing from it, or a deleted one still listed. `BatchGetSecretValue` with ids reads the secrets
 * themselves and is current, so wherever the two disagree the secret is confirmed with `DescribeSecret`
 * (reads only for the disagreeing names; none once the listing has caught up). The caller needs
 * `secretsmanager:ListSecrets`, `secretsmanager:BatchGetSecretValue`, `secretsmanager:GetSecretValue`
 * and `secretsmanager:DescribeSecret`. Replication status is not read here.
 * @internal
 */
export async function readSecretsBatch(client: SecretsManagerClient, names: string[], options: { signal?: AbortSignal } = {}): Promise<Map<string, SecretState>> {
  const sm = await loadSecretsManager();
  const abortSignal = options.signal;
  const out = new Map<string, SecretState>(names.map((name) => [name, { name, exists: false, tags: {}, deleted: false, replicaRegions: [] }]));
  const listed = new Set<string>();
  const values = new Map<string, string | undefined>();
  /** Names BatchGetSecretValue found (with or without a value) or saw marked for deletion. */
  const found = new Set<string>();
  const gone = new Set<string>();
  await Promise.all([
    // the name filter matches prefixes and takes up to 10 values: keep exact matches only
    ...chunk(names, 10).map(async (part) => {
      let token: string | undefined;
      do {
        const page = await awsStep(`ListSecrets (${part.length} names)`, () =>
          client.send(new sm.ListSecretsCommand({ Filters: [{ Key: "name", Values: part }], IncludePlannedDeletion: true, MaxResults: 100, ...(token ? { NextToken: token } : {}) }), { abortSignal }),
        );
        for (const e of page.SecretList ?? []) {
          if (e.Name && out.has(e.Name)) {
            out.set(e.Name, stateFrom(e.Name, e));
            listed.add(e.Name);
          }
        }
        token = page.NextToken;
      } while (token);
    }),
    // BatchGetSecretValue takes at most 20 ids (BatchGetSecretValue API reference, SecretIdList)
    ...chunk(names, 20).map(async (part) => {
      const res = await awsStep(`BatchGetSecretValue (${part.length} secrets)`, () => client.send(new sm.BatchGetSecretValueCommand({ SecretIdList: part }), { abortSignal }));
      for (const v of res.SecretValues ?? []) {
        if (!v.Name) continue;
        found.add(v.Name);
        values.set(v.Name, v.SecretString);
      }
      for (const e of res.Errors ?? []) {
        const id = e.SecretId ?? "";
        // not found: absent, or present without an AWSCURRENT value; marked for deletion: present.
        // DescribeSecret tells which when the listing disagrees
        if (e.ErrorCode === "ResourceNotFoundException") gone.add(id);
        else if (e.ErrorCode === "InvalidRequestException") found.add(id);
        else throw new AwsStepError(`BatchGetSecretValue ${id}`, Object.assign(new Error(e.Message ?? "failed"), { name: e.ErrorCode }));
      }
    }),
  ]);
  const doubtful = names.filter((n) => (found.has(n) && (!listed.has(n) || out.get(n)!.deleted !== !values.has(n))) || (listed.has(n) && gone.has(n)));
  await Promise.all(
    doubtful.map(async (n) => {
      const state = await describeSecret(client, n, { signal: abortSignal });
      out.set(n, state);
    }),
  );
  for (const [name, state] of out) {
    if (state.exists && !state.deleted && values.get(name) !== undefined) state.value = values.get(name)!;
  }
  return out;
}

/** Whether an AWS error says the resource exists already (a create raced another run, or a listing lagged). @internal */
export const isResourceExists = (e: unknown): boolean => {
  const cause = (e as { cause?: unknown })?.cause ?? e;
  return (cause as { name?: string })?.name === "ResourceExistsException";
};

/** @internal */
export function regionOfArn(arn: string | undefined): string | undefined {
  return arn?.split(":")[3];
}

/** @internal */
export function accountOfArn(arn: string | undefined): string | undefined {
  return arn?.split(":")[4];
}

/** Runs one AWS call, wrapping failures in {@link AwsStepError}. @internal */
export async function awsStep<T>(step: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new AwsStepError(step, error);
  }
}
