/**
 * The ARN of a KMS key as Secrets Manager reports it (`KmsKeyId` of DescribeSecret and CreateSecret
 * accept a key ARN, a key id, an alias ARN or an alias name), so IAM policies can name it: IAM matches
 * `kms:Decrypt` against the key's ARN, never a bare id or alias name. Aliases resolve to alias ARNs,
 * which {@link buildSecretsReadPolicy} turns into a condition on `kms:ResourceAliases`. Returns
 * `undefined` for Secrets Manager's AWS managed key (`aws/secretsmanager`), whose key policy already
 * lets the account's principals decrypt through Secrets Manager.
 * @internal
 */
export function kmsKeyArn(keyId: string | undefined, region: string, accountId: string | undefined): string | undefined {
  if (!keyId) return undefined;
  if (/^(alias\/aws\/secretsmanager|arn:aws[a-z-]*:kms:[^:]*:[^:]*:alias\/aws\/secretsmanager)$/.test(keyId)) return undefined;
  if (keyId.startsWith("arn:")) return keyId;
  const prefix = `arn:aws:kms:${region}:${accountId ?? "*"}`;
  return keyId.startsWith("alias/") ? `${prefix}:${keyId}` : `${prefix}:key/${keyId}`;
}
