import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { buildCrossAccountTrustPolicy, buildSecretsReadPolicy, type PolicyDocument } from "../aws/iam-policies.js";
import { kmsKeyArn } from "../aws/kms.js";
import { loadSecretsManager } from "../aws/load-sdk.js";
import { checkAwsRegion } from "../aws/regions.js";
import { accountOfArn, describeSecret, type SecretState } from "../aws/secrets-manager.js";
import { reconcileResources } from "../reconcile/reconcile-resources.js";
import type { TeardownOptions } from "./teardown-options.js";
import { createSecretReader, secretResource } from "../resources/aws/secret.js";
import { vaultResource } from "../resources/konnect/vault.js";
import { checkAwsTags, checkExternalId, checkKmsKeyId, checkPrincipal, checkRoleArn, checkRoleSessionName, checkSecretName } from "../aws/validate.js";
import {
  check,
  checkControlPlaneId,
  checkOptionalNumber,
  checkOptionalPlainObject,
  checkOptionalString,
  checkPlainObject,
  describeType,
  describeValue,
  dict,
  fieldPath,
  isPlainObject,
  show,
} from "../internal/validate.js";
import type { Change } from "../reconcile/change.js";
import { DEFAULT_OWNERSHIP, type Ownership } from "../reconcile/ownership.js";
import { isSecret, type Secret } from "../secret.js";
import { checkOperationOptions } from "./check-operation-options.js";
import { checkCostTags, definedTags, type CostAllocationTags } from "./cost-tags.js";
import type { OperationOptions } from "./operation-options.js";
import { isValidVaultPrefix, vaultReference } from "./vault-reference.js";
import { replanOnConflict } from "./replan-on-conflict.js";
import { createReferenceHolderReader } from "../resources/konnect/reference-holders.js";

/** A secret's value: a string, or a flat JSON object of strings (each key gets its own reference). */
export type SecretValue = string | Readonly<Record<string, string>> | Secret<string> | Secret<Readonly<Record<string, string>>>;

/**
 * Options of {@link enableAwsVault}.
 *
 * @example
 * ```ts
 * const options: EnableAwsVaultOptions = { konnect, controlPlaneId, region: "us-east-1", secrets: { "prod/redis": secret("s3cret") } };
 * ```
 */
export interface EnableAwsVaultOptions extends OperationOptions {
  /**
   * The control plane that gets the vault. In a dry run it may be `undefined` for a control plane that
   * the same plan creates (`ensureControlPlane(...).controlPlane.id` in a dry run): the vault then shows
   * as a pending create.
   */
  controlPlaneId: string | undefined;
  /** AWS region of the secrets (one of the regions Kong's AWS vault accepts). */
  region: string;
  /** The vault prefix used in references (`{vault://<prefix>/...}`). @default `aws-sm-<region>` */
  prefix?: string;
  /** Description of the vault entity. */
  description?: string;
  /** Role the data planes assume (STS AssumeRole) before reading secrets. */
  assumeRoleArn?: string;
  /** Session name for that role. Kong's default is `KongVault`. */
  roleSessionName?: string;
  /** Custom STS endpoint, such as a VPC endpoint. */
  stsEndpointUrl?: string;
  /** Custom Secrets Manager endpoint, such as a VPC endpoint. */
  endpointUrl?: string;
  /** Seconds a fetched secret is cached before Kong refreshes it. Without it, Kong never refreshes. */
  ttl?: number;
  /** Seconds a failed lookup is cached. */
  negTtl?: number;
  /** Seconds a stale value is still used when a refresh fails. */
  resurrectTtl?: number;
  /** Secrets to manage in Secrets Manager, by name. Values never appear in results, plans or errors. */
  secrets?: Record<string, SecretValue>;
  /** Customer-managed KMS key for the secrets. @default the AWS managed key */
  kmsKeyId?: string;
  /** Cost-allocation tags for the secrets (AWS tags). */
  tags?: CostAllocationTags;
  /** The Secrets Manager client. @default a client for `region` from the default credential chain */
  secretsManager?: SecretsManagerClient;
  /** Also return the trust policy of a cross-account role the data planes assume. */
  trustPolicy?: { trustedPrincipal: string; externalId: string };
  /**
   * Which form the returned references take:
   * - `"vault-entity"`: `{vault://<prefix>/<name>}`, resolved with this vault entity's config. The
   *   entity's config is shared by every data plane of the control plane, so all of them read the secret
   *   in `region`. Use it for data planes in one region.
   * - `"aws-backend"`: `{vault://aws/<name>}`, resolved with each data plane's own `KONG_VAULT_AWS_*`
   *   environment (Kong `kong/pdk/vault.lua`: a reference whose host is a backend name skips vault
   *   entities). Data planes in several regions then read their local replica, also after a failover:
   *   use it with {@link setupMultiRegion}, which returns each region's `KONG_VAULT_AWS_REGION`.
   * @default "vault-entity"
   */
  referenceForm?: "vault-entity" | "aws-backend";
}

/** Result of {@link enableAwsVault}. */
export interface EnableAwsVaultResult {
  /** The vault entity (`id` undefined only in a dry run that would create it). */
  vault: { id: string | undefined; name: "aws"; prefix: string; config: Record<string, unknown> };
  /** The managed secrets, by name, with their ARNs (undefined only for a dry-run create). */
  secrets: Record<string, { name: string; arn: string | undefined }>;
  /** `{vault://...}` references: a string per plain secret, or per key of a JSON secret. */
  references: Record<string, string | Record<string, string>>;
  /**
   * Least-privilege policy for the data planes' role: read exactly these secrets. `undefined` when no
   * secret is managed: there is nothing to grant, and IAM refuses a policy document without a statement
   * (MalformedPolicyDocument), so there is nothing to attach either.
   */
  iamPolicy: PolicyDocument | undefined;
  /** Trust policy of the cross-account role, when `trustPolicy` was asked for. */
  trustPolicy?: PolicyDocument;
  changes: Change[];
}

type Json = Record<string, unknown>;

/** Names that are Kong vault backends and so cannot be prefixes (Kong vaults.lua `not_one_of`; koko vault.go). */
const BACKEND_NAMES = ["aws", "env", "gcp", "hcv", "azure", "conjur", "konnect", "fs"];
const URL_FIELD = /^https?:\/\/[^\s/]+(\/\S*)?$/;

function reveal(v: SecretValue): string | Readonly<Record<string, string>> {
  return isSecret(v) ? v.reveal() : v;
}

/** Checks the options of {@link enableAwsVault} (and its teardown) before any request. @internal */
export function validateVaultOptions(o: EnableAwsVaultOptions): { prefix: string; secrets: Map<string, string | Readonly<Record<string, string>>> } {
  checkOperationOptions(o, "enableAwsVault", 'konnect, controlPlaneId, region: "us-east-1"');
  if (!(o.dryRun && o.controlPlaneId === undefined)) {
    checkControlPlaneId(o.controlPlaneId);
  }
  checkAwsRegion(o.region, "region", "kong-vault");
  checkOptionalString(o.prefix, "prefix", { what: "a vault prefix", max: 64 });
  const prefix = o.prefix ?? `aws-sm-${o.region}`;
  check(isValidVaultPrefix(prefix), "prefix", `${show(prefix)} breaks Kong's prefix rule`, "use lowercase letters, digits and '-', starting with a letter and not ending with '-' (no '_' or '.')");
  check(!BACKEND_NAMES.includes(prefix), "prefix", `${show(prefix)} is a vault backend name: references to it would bypass this vault entity`, "choose another prefix, such as aws-sm-prod");
  checkOptionalString(o.description, "description", { what: "a description", max: 1000, allowNewlines: true });
  checkRoleArn(o.assumeRoleArn, "assumeRoleArn");
  checkRoleSessionName(o.roleSessionName, "roleSessionName");
  checkOptionalString(o.stsEndpointUrl, "stsEndpointUrl", { what: "a URL", max: 2048 });
  check(o.stsEndpointUrl === undefined || URL_FIELD.test(o.stsEndpointUrl), "stsEndpointUrl", `${show(o.stsEndpointUrl)} is not an http(s) URL`, "use a URL such as https://sts.us-east-1.amazonaws.com");
  checkOptionalString(o.endpointUrl, "endpointUrl", { what: "a URL", max: 2048 });
  check(o.endpointUrl === undefined || URL_FIELD.test(o.endpointUrl), "endpointUrl", `${show(o.endpointUrl)} is not an http(s) URL`, "use a URL such as https://secretsmanager.us-east-1.amazonaws.com");
  // Kong's DAO_MAX_TTL is 100000000 seconds (kong/constants.lua)
  checkOptionalNumber(o.ttl, "ttl", { max: 100_000_000, unit: "seconds" });
  checkOptionalNumber(o.negTtl, "negTtl", { max: 100_000_000, unit: "seconds" });
  checkOptionalNumber(o.resurrectTtl, "resurrectTtl", { max: 100_000_000, unit: "seconds" });
  checkKmsKeyId(o.kmsKeyId, "kmsKeyId");
  const kmsRegion = typeof o.kmsKeyId === "string" ? /^arn:[^:]+:kms:([^:]+):/.exec(o.kmsKeyId)?.[1] : undefined;
  check(kmsRegion === undefined || kmsRegion === o.region, "kmsKeyId", `the key is in ${kmsRegion}, but the secrets are in ${o.region}; Secrets Manager needs a key of the secret's region`, `use a key of ${o.region}`);
  check(o.referenceForm === undefined || o.referenceForm === "vault-entity" || o.referenceForm === "aws-backend", "referenceForm", `unknown form ${show(o.referenceForm)}`, 'use "vault-entity" (one region) or "aws-backend" (multi-region, with KONG_VAULT_AWS_REGION per region)');
  checkCostTags(o.tags, "tags");
  checkAwsTags(definedTags(o.tags), "tags");
  check(o.secretsManager === undefined || typeof (o.secretsManager as { send?: unknown } | null)?.send === "function", "secretsManager", `expected a SecretsManagerClient, got ${describeValue(o.secretsManager)}`, "pass secretsManager: new SecretsManagerClient({ region }), or leave it out");
  if (o.trustPolicy !== undefined) {
    checkPlainObject(o.trustPolicy, "trustPolicy", 'trustedPrincipal: "123456789012", externalId: "..."');
    checkPrincipal(o.trustPolicy.trustedPrincipal, "trustPolicy.trustedPrincipal");
    check(o.trustPolicy.externalId !== undefined, "trustPolicy.externalId", "a cross-account trust policy needs an external id (the confused-deputy guard)", "agree on an external id with the other account, such as a random UUID");
    checkExternalId(o.trustPolicy.externalId, "trustPolicy.externalId");
  }
  // a string or an array here would make secrets named "0", "1", ... out of its characters or items
  checkOptionalPlainObject(o.secrets, "secrets", '"prod/redis": secret(process.env.REDIS_PASSWORD)');
  const secrets = new Map<string, string | Readonly<Record<string, string>>>();
  for (const [name, raw] of Object.entries(o.secrets ?? {})) {
    const field = `secrets[${JSON.stringify(name.length > 60 ? `${name.slice(0, 57)}...` : name)}]`;
    checkSecretName(name, field);
    checkSecretValue(raw, field);
    secrets.set(name, reveal(raw));
  }
  return { prefix, secrets };
}

/** A secret's value: never echoed, only its kind and size. */
function checkSecretValue(raw: unknown, field: string): void {
  check(raw !== undefined && raw !== null, field, `the value is ${String(raw)}: probably an environment variable that is not set`, "set the variable before running, or leave this secret out");
  const value: unknown = isSecret(raw) ? raw.reveal() : raw;
  if (typeof value === "string") {
    check(value.length > 0, field, "the value is an empty string: probably an environment variable that is set but empty", "give the secret a value");
    check(value.length <= 65536, field, `the value is ${value.length} characters; Secrets Manager stores at most 65536`, "store a shorter value, or split it into several secrets");
    return;
  }
  check(isPlainObject(value), field, `expected a string, a flat object of strings or a Secret, got ${describeType(value)}`, "pass a string, or an object such as { username: '...', password: '...' }");
  check(Object.keys(value).length > 0, field, "the JSON secret has no keys", "give at least one key, such as { password: '...' }");
  // Kong reads json[key] and requires a string (kong/pdk/vault.lua extract_key_from_json_string)
  for (const [k, v] of Object.entries(value)) check(typeof v === "string", fieldPath(field, k), `Kong can only reference string values inside a JSON secret, got ${describeType(v)}`, "turn the value into a string");
  check(JSON.stringify(value).length <= 65536, field, "the JSON is larger than Secrets Manager's 65536 characters", "split the secret");
}

function vaultConfig(o: EnableAwsVaultOptions): Json {
  const c: Json = { region: o.region };
  if (o.assumeRoleArn !== undefined) c.assume_role_arn = o.assumeRoleArn;
  if (o.roleSessionName !== undefined) c.role_session_name = o.roleSessionName;
  if (o.stsEndpointUrl !== undefined) c.sts_endpoint_url = o.stsEndpointUrl;
  if (o.endpointUrl !== undefined) c.endpoint_url = o.endpointUrl;
  if (o.ttl !== undefined) c.ttl = o.ttl;
  if (o.negTtl !== undefined) c.neg_ttl = o.negTtl;
  if (o.resurrectTtl !== undefined) c.resurrect_ttl = o.resurrectTtl;
  return c;
}

/**
 * The resources of a vault operation: the vault entity and one secret per name, sharing one batched
 * read (apply) or describing each secret (teardown, which needs the replication status).
 * @internal
 */
export function declareVaultResources(options: EnableAwsVaultOptions & TeardownOptions, prefix: string, secrets: Map<string, string | Readonly<Record<string, string>>>, mode: "apply" | "teardown") {
  const ownership: Ownership = { ...DEFAULT_OWNERSHIP, ...options.ownership };
  const { konnect, controlPlaneId, signal } = options;
  let clientPromise: Promise<SecretsManagerClient> | undefined;
  const client = () => (clientPromise ??= options.secretsManager ? Promise.resolve(options.secretsManager) : loadSecretsManager().then((m) => new m.SecretsManagerClient({ region: options.region })));
  const vaultOut = { config: {} as Json };
  // one read of the plugins and partials serves the vault's and every secret's teardown check
  const holders = createReferenceHolderReader(konnect, controlPlaneId, signal);
  const vault = vaultResource({ konnect, controlPlaneId, prefix, name: "aws", config: vaultConfig(options), ...(options.description !== undefined ? { description: options.description } : {}), ownership, adopt: options.adopt, signal, out: vaultOut, holders });
  const names = [...secrets.keys()];
  const read = mode === "apply" ? createSecretReader(client, names, signal) : async (name: string) => describeSecret(await client(), name, signal ? { signal } : {});
  // teardown: a secret stays while a remaining plugin or partial references it, in either reference form
  // (one not deleted by this teardown before the secret)
  const referenced = async (name: string, deleting: ReadonlySet<string>) => {
    const refs = [prefix, "aws"].map((p) => vaultReference({ prefix: p, name }).slice(0, -1));
    const users = (await holders()).filter(({ id, text }) => !(id && deleting.has(id)) && refs.some((r) => text.includes(`${r}}`) || text.includes(`${r}/`) || text.includes(`${r}#`)));
    return users.length ? `still referenced by ${users.length} plugin(s) or partial(s) of the control plane` : undefined;
  };
  const tags = { ...definedTags(options.tags), [ownership.awsTag.key]: ownership.awsTag.value };
  const secretOuts = names.map(() => ({}) as { state?: SecretState; arn?: string | undefined });
  const secretResources = names.map((name, i) =>
    secretResource({
      client,
      read,
      name,
      value: secrets.get(name)!,
      kmsKeyId: options.kmsKeyId,
      tags,
      ownership,
      field: `secrets[${JSON.stringify(name)}]`,
      signal,
      recoveryWindowInDays: options.recoveryWindowInDays,
      forceDeleteWithoutRecovery: options.forceDeleteWithoutRecovery,
      usedBy: (deleting) => referenced(name, deleting),
      out: secretOuts[i]!,
    }),
  );
  // a secret is deleted before the vault entity, created after it
  return { vault, secretResources, secretOuts, vaultOut };
}

/** The host of the references {@link enableAwsVault} returns: the entity's prefix, or the backend name. @internal */
export function referencePrefix(o: { referenceForm?: "vault-entity" | "aws-backend" | undefined }, prefix: string): string {
  return o.referenceForm === "aws-backend" ? "aws" : prefix;
}

/**
 * Connects a control plane to AWS Secrets Manager: a Konnect vault entity of backend `aws` (with the
 * prefix, region, role and cache settings given), the secrets given stored in Secrets Manager (created
 * when missing, written only when their value really changed, tagged), their `{vault://...}` references,
 * and the IAM policy the data planes need to read exactly those secrets.
 *
 * Reads run in parallel: one vault list, and for the secrets one `ListSecrets` per 10 names and one
 * `BatchGetSecretValue` per 20 (so the automation's role needs `secretsmanager:ListSecrets`,
 * `secretsmanager:BatchGetSecretValue`, `secretsmanager:GetSecretValue` and
 * `secretsmanager:DescribeSecret`). `ListSecrets` lags writes by up to minutes, so a secret it misses
 * but the value read finds is confirmed with `DescribeSecret`, and a create that meets
 * `ResourceExistsException` reads the secret again instead of failing. Writes follow in dependency
 * order. Applied twice, the second run makes no write.
 *
 * @example
 * ```ts
 * import { createKonnectClient, enableAwsVault, ensureControlPlane, secret } from "konnect-aws";
 *
 * const konnect = createKonnectClient();
 * const { controlPlane } = await ensureControlPlane({ konnect, name: "payments-prod" });
 * const { references, iamPolicy } = await enableAwsVault({
 *   konnect,
 *   controlPlaneId: controlPlane.id!,
 *   region: "us-east-1",
 *   secrets: { "payments/redis": secret(process.env.REDIS_PASSWORD!) },
 *   tags: { Environment: "prod", CostCenter: "cc-1234" },
 * });
 * console.log(references["payments/redis"]); // {vault://aws-sm-us-east-1/payments%252Fredis}
 * ```
 */
export async function enableAwsVault(options: EnableAwsVaultOptions): Promise<EnableAwsVaultResult> {
  // a run that loses a race to another identical run reads again and converges (replan-on-conflict.ts)
  return replanOnConflict(() => enableAwsVaultOnce(options), options?.signal);
}

async function enableAwsVaultOnce(options: EnableAwsVaultOptions): Promise<EnableAwsVaultResult> {
  const { prefix, secrets } = validateVaultOptions(options);
  const { vault, secretResources, secretOuts, vaultOut } = declareVaultResources(options, prefix, secrets, "apply");
  const { changes, ids } = await reconcileResources([vault, ...secretResources], { mode: "apply", dryRun: options.dryRun, adopt: options.adopt, concurrency: options.concurrency, signal: options.signal, onEvent: options.onEvent, logger: options.logger });
  const arns = new Map([...secrets.keys()].map((name, i) => [name, secretOuts[i]!.arn]));
  const secretStates = secretOuts.map((o) => o.state).filter((st): st is SecretState => st !== undefined);

  // prototype-less: a secret named __proto__ or constructor is an ordinary key
  const references: EnableAwsVaultResult["references"] = dict();
  const refPrefix = referencePrefix(options, prefix);
  for (const [name, value] of secrets) {
    references[name] = typeof value === "string" ? vaultReference({ prefix: refPrefix, name }) : dict(Object.keys(value).map((key) => [key, vaultReference({ prefix: refPrefix, name, key })]));
  }
  const account = [...arns.values()].map(accountOfArn).find(Boolean);
  // a secret not created yet (dry run) gets the ARN pattern AWS documents for a name: <name>-??????
  const secretArns = [...secrets.keys()].map((name) => arns.get(name) ?? `arn:aws:secretsmanager:${options.region}:${account ?? "*"}:secret:${name}-??????`);
  // the key of every managed secret: the one asked for, or the one an adopted secret already uses
  const kms = [...new Set([options.kmsKeyId, ...secretStates.map((st) => st.kmsKeyId)].map((k) => kmsKeyArn(k, options.region, account)).filter((k): k is string => k !== undefined))];
  return {
    vault: { id: ids.get(vault), name: "aws", prefix, config: vaultOut.config },
    secrets: dict([...secrets.keys()].map((name) => [name, { name, arn: arns.get(name) }])),
    references,
    // no secrets, nothing to grant: an empty statement list rather than an invalid Resource: []
    iamPolicy: secretArns.length ? buildSecretsReadPolicy({ region: options.region, secretArns, ...(kms.length ? { kmsKeyArns: kms } : {}) }) : undefined,
    ...(options.trustPolicy ? { trustPolicy: buildCrossAccountTrustPolicy(options.trustPolicy) } : {}),
    changes,
  };
}
