import { redactTokenShapes } from "../internal/describe.js";
import { KonnectError } from "./konnect-error.js";

/** Options of {@link ConfigError}. */
export interface ConfigErrorOptions {
  /** Path of the offending option, for example `token` or `secrets["db/password"]`. */
  field: string;
  /** What is wrong, in a few words. */
  problem: string;
  /** How to fix it. */
  fix: string;
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * Bad input, detected before any request is sent. Names the field, the problem and the fix.
 *
 * @example
 * ```ts
 * import { createKonnectClient, ConfigError } from "konnect-aws";
 * try {
 *   createKonnectClient({ token: "not-a-token" });
 * } catch (error) {
 *   if (error instanceof ConfigError) console.error(error.field, error.fix);
 * }
 * ```
 */
export class ConfigError extends KonnectError {
  static override readonly kind: string = "ConfigError";
  /** Path of the offending option. */
  readonly field: string;
  /** What is wrong. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;

  constructor(options: ConfigErrorOptions) {
    // a token pasted into the wrong option must not come back in the message
    const field = redactTokenShapes(options.field);
    const problem = redactTokenShapes(options.problem);
    const fix = redactTokenShapes(options.fix);
    super(`${field}: ${problem}. Fix: ${fix}`, { cause: options.cause });
    this.field = field;
    this.problem = problem;
    this.fix = fix;
  }
}
