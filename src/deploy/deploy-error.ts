import { KonnectError } from "../errors/konnect-error.js";
import type { DeployChange } from "./types.js";

/**
 * A step of {@link deploy} or {@link destroy} failed. The steps already running were let finish, no
 * other step was started; `changes` lists everything written before the failure (including the failed
 * operation's own writes), and `cause` is the operation's error. Running again resumes: what was written
 * reads back as done.
 *
 * @example
 * ```ts
 * import { deploy, DeployError, loadConfig } from "konnect-aws";
 * const config = await loadConfig("terraform.tfvars");
 * try {
 *   await deploy(config);
 * } catch (error) {
 *   if (error instanceof DeployError) console.error(error.step, error.changes.length, error.cause);
 * }
 * ```
 */
export class DeployError extends KonnectError {
  static override readonly kind: string = "DeployError";
  constructor(
    /** The step that failed (`vault`, `elasticache-rate-limit`, ...). */
    readonly step: string,
    /** Everything written before the failure, across steps. */
    readonly changes: DeployChange[],
    options: { cause: unknown },
  ) {
    super(`step ${step} failed after ${changes.filter((c) => c.action !== "noop").length} writes: ${(options.cause as Error)?.message ?? String(options.cause)}`, options);
  }
}
