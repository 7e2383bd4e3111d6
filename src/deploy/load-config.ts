import { ConfigError } from "../errors/config-error.js";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { isPlainObject } from "../internal/validate.js";
import { secret } from "../secret.js";
import type { DeploymentConfig } from "./config.js";
import { SETTINGS, isSettingKey, type SettingType } from "./config-keys.js";
import { parseConfigFile, type ConfigFormat } from "./parse-config-file.js";
import { validateConfig } from "./validate-config.js";

/**
 * Options of {@link loadConfig}.
 *
 * @example
 * ```ts
 * const options: LoadConfigOptions = { env: { TF_VAR_elasticache_password: "s3cret" } };
 * ```
 */
export interface LoadConfigOptions {
  /** Where `var.NAME` values come from, as `TF_VAR_NAME`. @default process.env */
  env?: Record<string, string | undefined>;
  /** The file's format when its extension does not say. @default from the extension */
  format?: ConfigFormat;
}

/** Secret settings whose value was written in the file itself (not `var.NAME`): deploy warns about them. */
const LITERAL_SECRETS = new WeakMap<object, string[]>();

/** The secret settings a loaded configuration holds literally. @internal */
export function literalSecrets(config: object): readonly string[] {
  return LITERAL_SECRETS.get(config) ?? [];
}

// hcl2json turns a bare `var.name` into the string "${var.name}"; JSON and YAML users write it so too
const VAR_REF = /^\$\{var\.([A-Za-z_][A-Za-z0-9_-]*)\}$/;

/** A TF_VAR_ value in the type of the setting it fills (Terraform parses complex types; we take their JSON form). */
function fromEnv(raw: string, type: SettingType | "string"): unknown {
  if (type === "string") return raw;
  if (type === "bool") return raw === "true" ? true : raw === "false" ? false : raw;
  if (type === "number") return raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw; // left for validation to report with the expected type
  }
}

/** Replaces `var.NAME` (anywhere in a value) with `TF_VAR_NAME`; records missing ones and other expressions. */
function resolve(value: unknown, path: string, type: SettingType | "string", env: Record<string, string | undefined>, problems: ConfigError[], used: { fromVar: boolean }): unknown {
  if (typeof value === "string") {
    const ref = VAR_REF.exec(value);
    if (ref) {
      used.fromVar = true;
      const name = `TF_VAR_${ref[1]}`;
      const raw = env[name];
      if (raw === undefined) {
        problems.push(new ConfigError({ field: path, problem: `refers to var.${ref[1]}, and ${name} is not set`, fix: `export ${name}=<value> before running (Terraform reads var.${ref[1]} from it too)` }));
        return undefined;
      }
      return fromEnv(raw, type);
    }
    if (value.includes("${")) {
      problems.push(new ConfigError({ field: path, problem: "holds a Terraform expression; only var.NAME is resolved (from TF_VAR_NAME)", fix: "write the value itself, or var.NAME with TF_VAR_NAME set" }));
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => resolve(v, `${path}[${i}]`, type === "list(object)" ? "list(object)" : "string", env, problems, used));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, `${path}.${k}`, type === "list(object)" ? "number" : "string", env, problems, used)]));
  return value;
}

/**
 * Loads a deployment configuration from a `.tfvars` file (HCL, parsed by HashiCorp's own parser,
 * `@cdktf/hcl2json`), a `.json` or a `.yaml` file, or takes an object, and validates it as a whole.
 *
 * `var.NAME` values (the guide writes `aws_elasticache_password = var.elasticache_password`) come from
 * the `TF_VAR_NAME` environment variables, as Terraform reads them; a missing one is a
 * {@link ConfigError} naming it. Secret settings (`konnect_token`, `aws_elasticache_password`,
 * `aws_rds_password`, `aws_vault_secrets`) are wrapped in {@link Secret}s so they never print; those
 * written in the file itself are allowed, and {@link deploy} warns about them.
 *
 * Every problem is reported at once: unknown keys (with "did you mean"), wrong types, missing
 * `TF_VAR_`s and combinations that cannot work, one line per key, in an {@link InvalidConfigError}
 * (or the single {@link ConfigError}). Nothing is sent anywhere.
 *
 * @example
 * ```ts
 * import { loadConfig, plan } from "konnect-aws";
 *
 * const config = await loadConfig("terraform.tfvars"); // TF_VAR_elasticache_password from the environment
 * const { summary } = await plan(config);
 * console.log(summary); // counts per action: { create, update, delete, noop }
 * ```
 */
export async function loadConfig(pathOrObject: string | DeploymentConfig | Record<string, unknown>, options: LoadConfigOptions = {}): Promise<DeploymentConfig> {
  const env = options.env ?? process.env;
  const fromFile = typeof pathOrObject === "string";
  const raw = fromFile ? await parseConfigFile(pathOrObject, options.format) : pathOrObject;
  if (!isPlainObject(raw)) throw new ConfigError({ field: "config", problem: "expected a path or an object of settings", fix: 'pass "terraform.tfvars" or { control_plane_name: "..." }' });
  const problems: ConfigError[] = [];
  const literal: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    // Terraform reads `x = null` as "not set": the setting keeps its default
    if (value === null) continue;
    const spec = isSettingKey(key) ? SETTINGS[key] : undefined;
    const used = { fromVar: false };
    const v = resolve(value, key, spec?.type ?? "string", env, problems, used);
    if (v === undefined) continue;
    if (spec?.secret && fromFile && !used.fromVar) literal.push(key);
    config[key] = spec?.secret ? wrapSecret(v) : v;
  }
  if (problems.length) {
    // report the unresolved variables together with everything else that is wrong
    try {
      validateConfig(config as DeploymentConfig);
    } catch (error) {
      if (error instanceof InvalidConfigError) problems.push(...error.problems.filter((p) => !problems.some((q) => q.field === p.field)));
      else if (error instanceof ConfigError && !problems.some((q) => q.field === error.field)) problems.push(error);
    }
    throw problems.length === 1 ? problems[0]! : new InvalidConfigError(problems);
  }
  validateConfig(config as DeploymentConfig);
  if (literal.length) LITERAL_SECRETS.set(config, literal);
  return config as DeploymentConfig;
}

/** Wraps secret strings (and the values of a secret map) so they never print; leaves other types for validation. */
function wrapSecret(v: unknown): unknown {
  if (typeof v === "string" && v !== "") return secret(v);
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === "string" && x !== "" ? secret(x) : x]));
  return v;
}
