import { ConfigError } from "./config-error.js";

/**
 * Several problems in one configuration, found together before any request: one line per key, so a
 * single run shows everything to fix. Each problem is a {@link ConfigError} (or a subclass such as
 * {@link UnsupportedFeatureError}) in `problems`; `field` lists the keys.
 *
 * @example
 * ```ts
 * import { InvalidConfigError, loadConfig } from "konnect-aws";
 * try {
 *   await loadConfig("terraform.tfvars");
 * } catch (error) {
 *   if (error instanceof InvalidConfigError) for (const p of error.problems) console.error(p.field, p.problem, p.fix);
 * }
 * ```
 */
export class InvalidConfigError extends ConfigError {
  static override readonly kind: string = "InvalidConfigError";
  /** Every problem found, in the order of the keys. */
  readonly problems: readonly ConfigError[];

  constructor(problems: readonly ConfigError[]) {
    const fields = [...new Set(problems.map((p) => p.field))];
    super({
      field: fields.join(", "),
      problem: `${problems.length} problems in the configuration:\n${problems.map((p) => `  - ${p.message}`).join("\n")}\n`,
      fix: "correct each key listed above, then run again",
    });
    this.problems = problems;
  }
}
