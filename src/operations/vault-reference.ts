import { check, checkNumber, checkOptionalString, checkOptionsObject, checkString, show } from "../internal/validate.js";

/** Parts of a Kong vault reference. */
export interface VaultReferenceParts {
  /** The vault entity's prefix (the reference "host"), such as `aws-sm-us-east-1`. */
  prefix: string;
  /** The secret's name (AWS `SecretId`), such as `prod/redis`. Slashes are kept as part of the name. */
  name: string;
  /** A key of a JSON secret; without it the whole secret string is the value. */
  key?: string;
  /** Version: for AWS, 1 = AWSCURRENT (the default), 2 = AWSPREVIOUS. */
  version?: number;
}

// Kong's `prefix` rule: lowercase letter first, then lowercase letters, digits or '-', not ending in '-'
// (kong/db/schema/entities/vaults.lua; Kong/koko internal/resource/vault.go).
const PREFIX = /^[a-z][a-z0-9-]*[a-z0-9]$/;

/**
 * Kong decodes a reference's path twice (LuaSocket's parse_path, then ngx.unescape_uri: kong/pdk/vault.lua
 * `parse_reference`), so every character of a name or key must survive two decodings. Encoding twice does
 * exactly that: `/` inside a name stays part of the name, and `%`, `+`, `?`, `#`, `;` and spaces come out
 * as themselves (konnect-api-notes §11).
 */
const encodeTwice = (s: string) => encodeURIComponent(encodeURIComponent(s));

/**
 * Builds a `{vault://...}` reference that Kong resolves to exactly the given secret (and key).
 *
 * @example
 * ```ts
 * import { vaultReference } from "konnect-aws";
 * vaultReference({ prefix: "aws-sm-us-east-1", name: "prod/redis", key: "password" });
 * // "{vault://aws-sm-us-east-1/prod%252Fredis/password}"
 * ```
 */
export function vaultReference(parts: VaultReferenceParts): string {
  checkOptionsObject(parts, "vaultReference", 'prefix: "aws-sm-us-east-1", name: "prod/redis"');
  checkString(parts.prefix, "prefix", { what: "a vault prefix", max: 64, example: "aws-sm-us-east-1" });
  check(PREFIX.test(parts.prefix), "prefix", `${show(parts.prefix)} breaks Kong's vault prefix rule`, "use lowercase letters, digits and '-', starting with a letter and not ending with '-'");
  // a secret name (up to 512) or ARN (up to 2048, Secrets Manager SecretId)
  checkString(parts.name, "name", { what: "a secret name or ARN", max: 2048, example: "prod/redis" });
  checkOptionalString(parts.key, "key", { what: "a JSON key", max: 1024 });
  // any positive whole number: HashiCorp Vault versions grow without bound; for AWS, 1 and 2 are meaningful
  if (parts.version !== undefined) checkNumber(parts.version, "version", { min: 1, integer: true });
  const key = parts.key === undefined ? "" : `/${encodeTwice(parts.key)}`;
  const version = parts.version === undefined ? "" : `#${parts.version}`;
  return `{vault://${parts.prefix}/${encodeTwice(parts.name)}${key}${version}}`;
}

/** @internal */
export function isValidVaultPrefix(prefix: string): boolean {
  return PREFIX.test(prefix);
}
