import { check } from "../internal/validate.js";

// IAM role ARN: arn:<partition>:iam::<12-digit account>:role/<path/name> (IAM User Guide, "IAM ARNs";
// role names use [\w+=,.@-], paths add "/").
const ROLE_ARN = /^arn:aws(-cn|-us-gov|-iso|-iso-b)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
// Secrets Manager secret names: 1-512 of ASCII letters, digits and /_+=.@- (CreateSecret `Name`).
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
// AWS tags: key 1-128, value 0-256, letters, digits, spaces and _.:/=+-@; keys may not start with aws:.
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
// KMS key identifiers: key id (uuid or mrk-), key ARN, alias name or alias ARN (KMS "Key identifiers").
const KMS_KEY = /^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[\w/-]+|alias\/[\w/-]+|mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** @internal */
export function checkRoleArn(value: unknown, field: string): void {
  if (value === undefined) return;
  check(typeof value === "string" && ROLE_ARN.test(value), field, "not an IAM role ARN", "use the form arn:aws:iam::123456789012:role/role-name");
}

/** @internal */
export function checkSecretName(value: unknown, field: string): void {
  check(typeof value === "string" && value.length > 0, field, "the secret name is empty", "give a name such as prod/redis/password");
  check(SECRET_NAME.test(value), field, "a Secrets Manager name is 1 to 512 letters, digits and /_+=.@-", "rename the secret with those characters only");
}

/** @internal */
export function checkKmsKeyId(value: unknown, field: string): void {
  if (value === undefined) return;
  check(typeof value === "string" && KMS_KEY.test(value), field, "not a KMS key id, key ARN or alias", "use a key ARN (arn:aws:kms:region:account:key/id), a key id, or alias/name");
}

/** @internal */
export function checkAwsTags(tags: Record<string, string> | undefined, field: string): void {
  if (!tags) return;
  const entries = Object.entries(tags);
  check(entries.length <= 50, field, `AWS allows at most 50 tags per resource, got ${entries.length}`, "drop some tags");
  for (const [k, v] of entries) {
    check(k.length >= 1 && k.length <= 128 && TAG_CHARS.test(k) && !k.toLowerCase().startsWith("aws:"), `${field}.${k}`, "AWS tag keys are 1-128 letters, digits, spaces or _.:/=+-@ and must not start with aws:", "rename the tag key");
    check(typeof v === "string" && v.length <= 256 && TAG_CHARS.test(v), `${field}.${k}`, "AWS tag values are up to 256 letters, digits, spaces or _.:/=+-@", "change the tag value");
  }
}
