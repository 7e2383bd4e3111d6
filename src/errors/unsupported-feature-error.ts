import { ConfigError, type ConfigErrorOptions } from "./config-error.js";

/** Options of {@link UnsupportedFeatureError}. */
export interface UnsupportedFeatureErrorOptions extends ConfigErrorOptions {
  /** Where the limit is documented (a URL or a document name). */
  source: string;
  /** What to use instead. */
  alternative: string;
}

/**
 * A setting asks for something that cannot work on Konnect, whatever the other settings. The message
 * names the setting, why it cannot work with its `source`, and the working `alternative`.
 *
 * @example
 * ```ts
 * import { loadConfig, UnsupportedFeatureError } from "konnect-aws";
 * try {
 *   await loadConfig({ control_plane_name: "payments-prod", enable_aws_rds_oauth: true });
 * } catch (error) {
 *   if (error instanceof UnsupportedFeatureError) console.error(error.field, error.source, error.alternative);
 * }
 * ```
 */
export class UnsupportedFeatureError extends ConfigError {
  static override readonly kind: string = "UnsupportedFeatureError";
  /** Where the limit is documented. */
  readonly source: string;
  /** What to use instead. */
  readonly alternative: string;

  constructor(options: UnsupportedFeatureErrorOptions) {
    super({ ...options, problem: `${options.problem} (source: ${options.source})` });
    this.source = options.source;
    this.alternative = options.alternative;
  }
}
