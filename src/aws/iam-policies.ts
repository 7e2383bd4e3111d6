import { check, checkArray, checkOptionsObject, checkString, describeValue, show } from "../internal/validate.js";
import { awsPartition, checkAwsRegion } from "./regions.js";
import { checkExternalId, checkPrincipal } from "./validate.js";

/** An IAM policy document. */
export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

/** One statement of an IAM policy document. */
export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: Record<string, string | string[]>;
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** Options of {@link buildSecretsReadPolicy}. */
export interface SecretsReadPolicyOptions {
  /** AWS region of the secrets. */
  region: string;
  /** ARNs of the secrets (full ARNs, or `...:secret:<name>-??????` patterns for ones not created yet). */
  secretArns: string[];
  /**
   * Customer-managed KMS keys that encrypt the secrets, as key ARNs or alias ARNs; adds a `kms:Decrypt`
   * limited to Secrets Manager. An alias ARN grants the keys of the account and region that carry that
   * alias (condition `kms:ResourceAliases`), since IAM never matches a key by its alias ARN.
   */
  kmsKeyArns?: string[];
}

/**
 * The least-privilege policy a data plane needs to resolve `{vault://...}` references to these secrets:
 * Kong's AWS vault only calls `GetSecretValue` (Kong `kong/vaults/aws/init.lua`), so that is the only
 * Secrets Manager action; `kms:Decrypt` is added for customer keys, only through Secrets Manager.
 * A pure function.
 *
 * @example
 * ```ts
 * const policy = buildSecretsReadPolicy({ region: "us-east-1", secretArns: [arn] });
 * ```
 */
export function buildSecretsReadPolicy(options: SecretsReadPolicyOptions): PolicyDocument {
  checkOptionsObject(options, "buildSecretsReadPolicy", 'region: "us-east-1", secretArns: [arn]');
  checkAwsRegion(options.region, "region");
  checkArnList(options.secretArns, "secretArns", SECRET_ARN, "Secrets Manager secret ARN", options.region, "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/redis-AbCdEf");
  if (options.kmsKeyArns !== undefined) checkArnList(options.kmsKeyArns, "kmsKeyArns", KMS_ARN, "KMS key or alias ARN", options.region, "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", true);
  const statements: PolicyStatement[] = [
    { Sid: "ReadKongSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: [...new Set(options.secretArns)].sort() },
  ];
  const keys = [...new Set(options.kmsKeyArns ?? [])].sort();
  // kms:ViaService keeps the grant to decryptions Secrets Manager makes on the caller's behalf
  const viaService = { "kms:ViaService": `secretsmanager.${options.region}.amazonaws.com` };
  const keyArns = keys.filter((k) => !/:alias\//.test(k));
  if (keyArns.length) {
    statements.push({ Sid: "DecryptKongSecrets", Effect: "Allow", Action: "kms:Decrypt", Resource: keyArns, Condition: { StringEquals: viaService } });
  }
  // IAM matches KMS permissions against key ARNs only; an alias is matched with the kms:ResourceAliases
  // condition key (AWS KMS Developer Guide, "Use aliases to control access to KMS keys")
  keys
    .filter((k) => /:alias\//.test(k))
    .forEach((alias, i) => {
      const [, partition, , region, account] = alias.split(":");
      statements.push({
        Sid: `DecryptKongSecretsByAlias${i + 1}`,
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: `arn:${partition}:kms:${region}:${account}:key/*`,
        Condition: { StringEquals: viaService, "ForAnyValue:StringEquals": { "kms:ResourceAliases": alias.slice(alias.indexOf("alias/")) } },
      });
    });
  return { Version: "2012-10-17", Statement: statements };
}

/** Options of {@link buildCrossAccountTrustPolicy}. */
export interface CrossAccountTrustPolicyOptions {
  /** The principal allowed to assume the role: an account id (`123456789012`) or a role/user ARN. */
  trustedPrincipal: string;
  /** The external id the assuming side must present (the confused-deputy guard); without it, no condition. */
  externalId?: string;
}

/**
 * Trust policy of a role that another account's principal may assume, only with the agreed external id.
 * A pure function.
 *
 * @example
 * ```ts
 * const trust = buildCrossAccountTrustPolicy({ trustedPrincipal: "arn:aws:iam::111122223333:role/kong-dp", externalId: "k0ng-dp" });
 * ```
 */
export function buildCrossAccountTrustPolicy(options: CrossAccountTrustPolicyOptions): PolicyDocument {
  checkOptionsObject(options, "buildCrossAccountTrustPolicy", 'trustedPrincipal: "123456789012", externalId: "..."');
  checkPrincipal(options.trustedPrincipal, "trustedPrincipal");
  // an empty external id (an unset variable) would silently drop the confused-deputy guard: refused
  checkExternalId(options.externalId, "externalId");
  const principal = /^\d{12}$/.test(options.trustedPrincipal) ? `arn:aws:iam::${options.trustedPrincipal}:root` : options.trustedPrincipal;
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: principal }, Action: "sts:AssumeRole", ...(options.externalId ? { Condition: { StringEquals: { "sts:ExternalId": options.externalId } } } : {}) }],
  };
}

/** Options of {@link buildElastiCacheConnectPolicy}. */
export interface ElastiCacheConnectPolicyOptions {
  region: string;
  /** AWS account of the cache; `*` when unknown. */
  accountId?: string;
  /** The replication group (node-based cache) ... */
  replicationGroupId?: string;
  /** ... or the serverless cache. */
  serverlessCacheName?: string;
  /** The ElastiCache user the gateway authenticates as (IAM-enabled user). */
  userId: string;
}

/**
 * The policy a gateway role needs for ElastiCache IAM authentication: `elasticache:Connect` on the cache
 * and on the user (AWS ElastiCache User Guide, "Authenticating with IAM"). A pure function.
 *
 * @example
 * ```ts
 * buildElastiCacheConnectPolicy({ region: "us-east-1", accountId: "123456789012", replicationGroupId: "rl", userId: "kong" });
 * ```
 */
export function buildElastiCacheConnectPolicy(options: ElastiCacheConnectPolicyOptions): PolicyDocument {
  checkOptionsObject(options, "buildElastiCacheConnectPolicy", 'region: "us-east-1", replicationGroupId: "rl", userId: "kong"');
  checkAwsRegion(options.region, "region");
  if (options.accountId !== undefined) check(typeof options.accountId === "string" && /^\d{12}$/.test(options.accountId), "accountId", `expected a 12-digit AWS account id, got ${describeValue(options.accountId)}`, "pass the account id as a string of 12 digits, such as \"123456789012\", or leave it out for *");
  // without a cache the grant would be replicationgroup:* (every cache of the account): refused
  check((options.replicationGroupId === undefined) !== (options.serverlessCacheName === undefined), options.replicationGroupId === undefined ? "replicationGroupId" : "serverlessCacheName", "give exactly one of replicationGroupId (node-based cache) or serverlessCacheName", "name the one cache the gateway connects to");
  const cacheField = options.serverlessCacheName !== undefined ? "serverlessCacheName" : "replicationGroupId";
  const cacheName = options.serverlessCacheName ?? options.replicationGroupId;
  checkString(cacheName, cacheField, { what: "a cache name", max: 40, example: "kong-rate-limits" });
  check(CACHE_NAME.test(cacheName), cacheField, `${show(cacheName)} is not an ElastiCache cache name (1-40 lowercase letters, digits and hyphens, starting with a letter)`, "give the cache's name, not its ARN or endpoint");
  checkString(options.userId, "userId", { what: "an ElastiCache user id", max: 40, example: "kong" });
  check(USER_ID.test(options.userId), "userId", `${show(options.userId)} is not an ElastiCache user id (a letter, then letters, digits and hyphens, 1-40)`, "give the IAM-enabled user's id");
  const prefix = `arn:${awsPartition(options.region)}:elasticache:${options.region}:${options.accountId ?? "*"}`;
  const cache = options.serverlessCacheName !== undefined ? `${prefix}:serverlesscache:${cacheName}` : `${prefix}:replicationgroup:${cacheName}`;
  return { Version: "2012-10-17", Statement: [{ Sid: "ConnectToElastiCache", Effect: "Allow", Action: "elasticache:Connect", Resource: [cache, `${prefix}:user:${options.userId}`] }] };
}

/** Options of {@link buildLambdaInvokePolicy}. */
export interface LambdaInvokePolicyOptions {
  /** The function's ARN (unqualified). */
  functionArn: string;
  /** Alias or version the gateway invokes. */
  qualifier?: string;
}

/**
 * The policy the gateway's role needs to invoke exactly one function (and its qualifier): Lambda checks
 * `lambda:InvokeFunction` against the ARN the caller uses, qualified or not. A pure function.
 *
 * @example
 * ```ts
 * buildLambdaInvokePolicy({ functionArn: "arn:aws:lambda:us-east-1:123456789012:function:orders", qualifier: "live" });
 * ```
 */
export function buildLambdaInvokePolicy(options: LambdaInvokePolicyOptions): PolicyDocument {
  checkOptionsObject(options, "buildLambdaInvokePolicy", 'functionArn: "arn:aws:lambda:us-east-1:123456789012:function:orders"');
  checkString(options.functionArn, "functionArn", { what: "a Lambda function ARN", max: 2048, example: "arn:aws:lambda:us-east-1:123456789012:function:orders" });
  const qualified = LAMBDA_ARN_QUALIFIED.exec(options.functionArn);
  check(!qualified, "functionArn", `${show(options.functionArn)} carries a qualifier (${qualified?.[1] ?? ""})`, `pass the unqualified ARN and qualifier: ${JSON.stringify(qualified?.[1] ?? "")} separately`);
  check(LAMBDA_ARN.test(options.functionArn), "functionArn", `${show(options.functionArn)} is not a Lambda function ARN${options.functionArn.startsWith("arn:") ? "" : " (a name is not enough: IAM needs the ARN)"}`, "use arn:aws:lambda:<region>:<account>:function:<name>");
  if (options.qualifier !== undefined) {
    checkString(options.qualifier, "qualifier", { what: "a version or alias", max: 128 });
    check(/^(\$LATEST|[A-Za-z0-9_-]{1,128})$/.test(options.qualifier), "qualifier", `${show(options.qualifier)} is not a version or alias`, "use $LATEST, a version number or an alias name");
  }
  const resources = [options.functionArn, ...(options.qualifier ? [`${options.functionArn}:${options.qualifier}`] : [])];
  return { Version: "2012-10-17", Statement: [{ Sid: "InvokeKongUpstreamFunction", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: resources }] };
}

const PARTITION = "aws(?:-cn|-us-gov|-iso(?:-[a-z])?)?";
const REGION = "[a-z]{2}(?:-[a-z]+)+-\\d{1,2}";
// ARNs of Secrets Manager secrets, whole or as the `<name>-??????` pattern AWS documents for names
const SECRET_ARN = new RegExp(`^arn:${PARTITION}:secretsmanager:(${REGION}):(?:\\d{12}|\\*):secret:[A-Za-z0-9/_+=.@*?-]{1,530}$`);
const KMS_ARN = new RegExp(`^arn:${PARTITION}:kms:(${REGION}):(?:\\d{12}|\\*):(?:key/[A-Za-z0-9-]{1,128}|alias/[A-Za-z0-9/_-]{1,256})$`);
const LAMBDA_ARN = new RegExp(`^arn:${PARTITION}:lambda:${REGION}:(?:\\d{12}|\\*):function:[A-Za-z0-9_-]{1,64}$`);
const LAMBDA_ARN_QUALIFIED = new RegExp(`^arn:${PARTITION}:lambda:${REGION}:(?:\\d{12}|\\*):function:[A-Za-z0-9_-]{1,64}:(\\$LATEST|[A-Za-z0-9_-]{1,128})$`);
// ElastiCache replication group ids and serverless cache names; user ids (ElastiCache API reference)
const CACHE_NAME = /^[a-z][a-z0-9-]{0,39}$/;
const USER_ID = /^[a-zA-Z][a-zA-Z0-9-]{0,39}$/;

/** A non-empty array of ARNs of one service, in `region` (no `Resource: []`, no names where ARNs go). */
function checkArnList(list: unknown, field: string, pattern: RegExp, what: string, region: string, example: string, optional = false): void {
  checkArray(list, field, JSON.stringify(example));
  check(optional || list.length > 0, field, `no ${what} given: the policy would grant nothing (Resource: [])`, `pass at least one ARN, such as ${example}`);
  list.forEach((arn, i) => {
    const at = `${field}[${i}]`;
    checkString(arn, at, { what: `a ${what}`, max: 2048, example });
    const m = pattern.exec(arn);
    check(m, at, `${show(arn)} is not a ${what}${arn.startsWith("arn:") ? "" : " (a name or id is not enough: IAM matches ARNs)"}`, `use the full ARN, such as ${example}`);
    check(m[1] === region, at, `the ARN is in ${m[1]}, but the policy is for ${region}`, `use ARNs of ${region}, or build one policy per region`);
  });
}
