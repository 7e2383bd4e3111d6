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
  const statements: PolicyStatement[] = [
    { Sid: "ReadKongSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: [...options.secretArns].sort() },
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
      const [, , , region, account] = alias.split(":");
      statements.push({
        Sid: `DecryptKongSecretsByAlias${i + 1}`,
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: `arn:aws:kms:${region}:${account}:key/*`,
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
  const prefix = `arn:aws:elasticache:${options.region}:${options.accountId ?? "*"}`;
  const cache = options.serverlessCacheName ? `${prefix}:serverlesscache:${options.serverlessCacheName}` : `${prefix}:replicationgroup:${options.replicationGroupId ?? "*"}`;
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
  const resources = [options.functionArn, ...(options.qualifier ? [`${options.functionArn}:${options.qualifier}`] : [])];
  return { Version: "2012-10-17", Statement: [{ Sid: "InvokeKongUpstreamFunction", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: resources }] };
}
