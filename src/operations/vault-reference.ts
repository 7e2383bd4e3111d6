import { check } from "../internal/validate.js";

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
  check(typeof parts.prefix === "string" && PREFIX.test(parts.prefix), "prefix", `${JSON.stringify(parts.prefix)} breaks Kong's vault prefix rule`, "use lowercase letters, digits and '-', starting with a letter and not ending with '-'");
  check(typeof parts.name === "string" && parts.name.length > 0, "name", "the secret name is empty", "give the secret's name or ARN");
  check(parts.key === undefined || (typeof parts.key === "string" && parts.key.length > 0), "key", "the key is empty", "leave key out for a plain-text secret");
  check(parts.version === undefined || (Number.isInteger(parts.version) && parts.version >= 1), "version", "the version must be a positive integer", "use 1 for the current version, 2 for the previous one (AWS)");
  const key = parts.key === undefined ? "" : `/${encodeTwice(parts.key)}`;
  const version = parts.version === undefined ? "" : `#${parts.version}`;
  return `{vault://${parts.prefix}/${encodeTwice(parts.name)}${key}${version}}`;
}

/** @internal */
export function isValidVaultPrefix(prefix: string): boolean {
  return PREFIX.test(prefix);
}
