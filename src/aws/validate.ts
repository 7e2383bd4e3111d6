import { check, checkPlainObject, checkString, describeValue, fieldPath, show } from "../internal/validate.js";

// IAM role ARN: arn:<partition>:iam::<12-digit account>:role/<path/name> (IAM User Guide, "IAM ARNs";
// role names use [\w+=,.@-], paths add "/").
const ROLE_ARN = /^arn:aws(-cn|-us-gov|-iso|-iso-[a-z])?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
// Secrets Manager secret names: 1-512 of ASCII letters, digits and /_+=.@- (CreateSecret `Name`).
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
// AWS tags: key 1-128, value 0-256, letters, digits, spaces and _.:/=+-@; keys may not start with aws:.
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
// KMS key identifiers: key id (uuid or mrk-), key ARN, alias name or alias ARN (KMS "Key identifiers").
const KMS_KEY = /^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[\w/-]+|alias\/[\w/-]+|mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
// An IAM principal: an account id, or the ARN of the account root, a role, a user or an assumed-role session.
const PRINCIPAL = /^(\d{12}|arn:aws[a-z-]*:(iam::\d{12}:(root|role\/[\w+=,.@/-]+|user\/[\w+=,.@/-]+)|sts::\d{12}:assumed-role\/[\w+=,.@/-]+))$/;
// sts:ExternalId: 2-1224 characters of [\w+=,.@:/-] (STS AssumeRole `ExternalId`).
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
// STS role session names: 2-64 of [\w+=,.@-] (STS AssumeRole `RoleSessionName`).
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/** An IAM role ARN, or undefined. @internal */
export function checkRoleArn(value: unknown, field: string): void {
  if (value === undefined) return;
  checkString(value, field, { what: "an IAM role ARN", max: 2048, example: "arn:aws:iam::123456789012:role/kong-dp" });
  const name = /^[\w+=,.@-]{1,64}$/.test(value) ? ` (${show(value)} looks like a role name; IAM needs the ARN)` : "";
  check(ROLE_ARN.test(value), field, `${show(value)} is not an IAM role ARN${name}`, "use the form arn:aws:iam::123456789012:role/role-name (copy the role's ARN from the IAM console)");
}

/** A Secrets Manager secret name. @internal */
export function checkSecretName(value: unknown, field: string): asserts value is string {
  checkString(value, field, { what: "a secret name", max: 512, example: "prod/redis/password" });
  check(!value.startsWith("arn:"), field, `${show(value)} is an ARN; a secret name is expected here`, "give the secret's name, such as prod/redis/password (the part of the ARN after secret:, without the -xxxxxx suffix)");
  const bad = [...value].find((c) => !/[A-Za-z0-9/_+=.@-]/.test(c));
  check(SECRET_NAME.test(value), field, `${show(value)} has ${bad === " " ? "a space" : `the character ${JSON.stringify(bad)}`}; a Secrets Manager name is 1 to 512 letters, digits and /_+=.@-`, "rename the secret with those characters only, such as prod/redis/password");
}

/** A KMS key id, key ARN, alias name or alias ARN, or undefined. @internal */
export function checkKmsKeyId(value: unknown, field: string): void {
  if (value === undefined) return;
  checkString(value, field, { what: "a KMS key identifier", max: 2048, example: "alias/payments" });
  check(KMS_KEY.test(value), field, `${show(value)} is not a KMS key id, key ARN or alias`, "use a key ARN (arn:aws:kms:region:account:key/id), a key id, or alias/name");
}

/** An account id or IAM principal ARN. @internal */
export function checkPrincipal(value: unknown, field: string): asserts value is string {
  checkString(value, field, { what: "an account id or IAM principal ARN", max: 2048, example: "123456789012" });
  check(PRINCIPAL.test(value), field, `${show(value)} is not an account id or IAM principal ARN`, "use 123456789012 or arn:aws:iam::123456789012:role/name");
}

/** An STS external id, or undefined. @internal */
export function checkExternalId(value: unknown, field: string): void {
  if (value === undefined) return;
  checkString(value, field, { what: "an external id", min: 2, max: 1224 });
  check(EXTERNAL_ID.test(value), field, "an external id is 2-1224 characters of letters, digits and +=,.@:/-_", "choose such an id, for example a random UUID");
}

/** An STS role session name, or undefined. @internal */
export function checkRoleSessionName(value: unknown, field: string): void {
  if (value === undefined) return;
  checkString(value, field, { what: "a role session name", min: 2, max: 64 });
  check(SESSION_NAME.test(value), field, `${show(value)}: an STS role session name is 2-64 characters of letters, digits and +=,.@-_`, "rename it, such as kong-dp");
}

/** AWS resource tags: an object of strings, within AWS's limits. @internal */
export function checkAwsTags(tags: unknown, field: string): void {
  if (tags === undefined) return;
  checkPlainObject(tags, field, 'Environment: "prod", CostCenter: "cc-1234"');
  const entries = Object.entries(tags).filter(([, v]) => v !== undefined);
  check(entries.length <= 50, field, `AWS allows at most 50 tags per resource, got ${entries.length}`, "drop some tags");
  for (const [k, v] of entries) {
    const at = fieldPath(field, k);
    check(k.length >= 1 && k.length <= 128 && TAG_CHARS.test(k) && !k.toLowerCase().startsWith("aws:"), at, `the tag key ${show(k)} breaks AWS's rule: 1-128 letters, digits, spaces or _.:/=+-@, not starting with aws:`, "rename the tag key");
    check(typeof v === "string", at, `a tag value must be a string, got ${describeValue(v)}`, `write the value as a string, such as ${JSON.stringify(String(v))}`);
    check(v.length <= 256, at, `a tag value is at most 256 characters, got ${v.length}`, "shorten the value");
    const bad = [...v].find((c) => !TAG_CHARS.test(c));
    check(bad === undefined, at, `the tag value ${show(v)} has ${JSON.stringify(bad)}; AWS tag values are letters, digits, spaces and _.:/=+-@`, "replace that character, for example with '-'");
  }
}
