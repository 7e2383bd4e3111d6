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

/**
 * Reads a secret's metadata and current value: `DescribeSecret`, then `GetSecretValue` (the value is
 * compared in memory so that an unchanged secret is never written: AWS bills and throttles writes).
 * @internal
 */
export async function readSecret(client: SecretsManagerClient, name: string, options: { withValue?: boolean; signal?: AbortSignal } = {}): Promise<SecretState> {
  const sm = await loadSecretsManager();
  const abortSignal = options.signal;
  let described;
  try {
    described = await client.send(new sm.DescribeSecretCommand({ SecretId: name }), { abortSignal });
  } catch (error) {
    if (isNotFound(error)) return { name, exists: false, tags: {}, deleted: false, replicaRegions: [] };
    throw new AwsStepError(`DescribeSecret ${name}`, error);
  }
  const state: SecretState = {
    name,
    exists: true,
    ...(described.ARN ? { arn: described.ARN } : {}),
    ...(described.KmsKeyId ? { kmsKeyId: described.KmsKeyId } : {}),
    tags: Object.fromEntries((described.Tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""])),
    deleted: described.DeletedDate !== undefined,
    ...(described.PrimaryRegion && described.PrimaryRegion !== regionOfArn(described.ARN) ? { primaryRegion: described.PrimaryRegion } : {}),
    replicaRegions: (described.ReplicationStatus ?? []).map((r) => ({ region: r.Region ?? "", ...(r.KmsKeyId ? { kmsKeyId: r.KmsKeyId } : {}), ...(r.Status ? { status: r.Status } : {}) })),
  };
  if (options.withValue !== false && !state.deleted) {
    try {
      const value = await client.send(new sm.GetSecretValueCommand({ SecretId: name }), { abortSignal });
      if (value.SecretString !== undefined) state.value = value.SecretString;
    } catch (error) {
      // a secret created without a value has no AWSCURRENT version yet
      if (!isNotFound(error)) throw new AwsStepError(`GetSecretValue ${name}`, error);
    }
  }
  return state;
}

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
