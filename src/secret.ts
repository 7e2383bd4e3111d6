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
  return new Secret(value);
}

/** True for a {@link Secret}, even from another copy of the package. @internal */
export function isSecret(value: unknown): value is Secret<string | Readonly<Record<string, string>>> {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
