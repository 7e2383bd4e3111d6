import { KonnectError } from "./konnect-error.js";

/**
 * An AWS call made by an operation failed. Names the step, keeps the AWS error as `cause` and its
 * request id, and never carries request parameters (they may hold secret values).
 *
 * @example
 * ```ts
 * try { await enableAwsVault(options); }
 * catch (e) { if (e instanceof AwsStepError) console.error(e.step, e.awsErrorName, e.requestId); }
 * ```
 */
export class AwsStepError extends KonnectError {
  static override readonly kind: string = "AwsStepError";
  /** What the SDK was doing, such as `CreateSecret prod/db`. */
  readonly step: string;
  /** The AWS exception name, such as `AccessDeniedException`. */
  readonly awsErrorName: string | undefined;
  /** AWS request id (`$metadata.requestId`). */
  readonly requestId: string | undefined;
  /** HTTP status of the AWS answer. */
  readonly httpStatusCode: number | undefined;

  constructor(step: string, cause: unknown) {
    const e = cause as { name?: string; message?: string; $metadata?: { requestId?: string; httpStatusCode?: number } };
    super(`${step} failed: ${e?.name ?? "Error"}: ${e?.message ?? String(cause)}`, { cause });
    this.step = step;
    this.awsErrorName = e?.name;
    this.requestId = e?.$metadata?.requestId;
    this.httpStatusCode = e?.$metadata?.httpStatusCode;
  }
}
