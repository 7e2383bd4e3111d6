import { ConfigError } from "./errors/config-error.js";
import { describeType } from "./internal/describe.js";

const VALUE = Symbol("konnect-aws.secret.value");
const INSPECT = Symbol.for("nodejs.util.inspect.custom");
const BRAND = Symbol.for("konnect-aws.secret");

/**
 * A secret value that does not print: `String()`, `JSON.stringify`, `console.log` and template
 * strings all show `[REDACTED]`. Only {@link Secret.reveal} gives the value, at the point of use.
 *
 * @example
 * ```ts
 * import { secret } from "konnect-aws";
 * const password = secret(process.env.REDIS_PASSWORD!);
 * console.log(password); // [REDACTED]
 * ```
 */
export class Secret<T extends string | Readonly<Record<string, string>> = string> {
  declare private readonly [VALUE]: T;
  constructor(value: T) {
    Object.defineProperty(this, VALUE, { value, enumerable: false });
    Object.defineProperty(this, BRAND, { value: true, enumerable: false });
  }
  /** The value. Call it only where the value is sent, never to log it. */
  reveal(): T {
    return this[VALUE];
  }
  toString(): string {
    return "[REDACTED]";
  }
  toJSON(): string {
    return "[REDACTED]";
  }
  [INSPECT](): string {
    return "Secret([REDACTED])";
  }
}

/**
 * Wraps a value in a {@link Secret}.
 *
 * @example
 * ```ts
 * const apiKey = secret("dd-api-key");
 * ```
 */
export function secret<T extends string | Readonly<Record<string, string>>>(value: T): Secret<T> {
  checkSecretValue(value);
  return new Secret(value);
}

/**
 * What `secret()` accepts: a non-empty string, or an object of strings. `undefined` almost always is
 * `process.env.X` for a variable that is not set, so the error says so. The value is never echoed.
 */
function checkSecretValue(value: unknown): void {
  if (value === undefined || value === null) {
    throw new ConfigError({
      field: "secret",
      problem: `secret() was given ${String(value)}: probably an environment variable that is not set (process.env.X is undefined when X is missing)`,
      fix: "set the variable before running (check its spelling, and that it is exported to this process)",
    });
  }
  if (value === "") {
    throw new ConfigError({ field: "secret", problem: "secret() was given an empty string: probably an environment variable that is set but empty", fix: "give the variable a value" });
  }
  if (typeof value === "string") return;
  const proto = typeof value === "object" && !Array.isArray(value) ? (Object.getPrototypeOf(value) as unknown) : undefined;
  if (proto !== Object.prototype && proto !== null) {
    throw new ConfigError({ field: "secret", problem: `secret() takes a string or an object of strings, got ${describeType(value)}`, fix: "pass the secret as a string (String(value)), or a flat object such as { username, password }" });
  }
  for (const [k, v] of Object.entries(value as object)) {
    if (typeof v !== "string") {
      throw new ConfigError({ field: `secret.${k}`, problem: `every value of a JSON secret must be a string, got ${describeType(v)}`, fix: "turn the value into a string" });
    }
  }
}

/** True for a {@link Secret}, even from another copy of the package. @internal */
export function isSecret(value: unknown): value is Secret<string | Readonly<Record<string, string>>> {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
