import { KonnectError } from "./konnect-error.js";

/** Where a request was going, without credentials. */
export interface RequestTarget {
  /** HTTP method. */
  method: string;
  /** Request URL (never carries the token, which travels in a header). */
  url: string;
}

/**
 * The request never got an HTTP answer: DNS, TCP, TLS or a reset connection. `cause` holds the
 * original error.
 *
 * @example
 * ```ts
 * import { isKonnectConnectionError } from "konnect-aws";
 * try { await konnect.api.GET("/v2/control-planes"); }
 * catch (error) { if (isKonnectConnectionError(error)) console.error("network:", error.cause); }
 * ```
 */
export class KonnectConnectionError extends KonnectError {
  static override readonly kind: string = "KonnectConnectionError";
  /** HTTP method. */
  readonly method: string;
  /** Request URL. */
  readonly url: string;

  constructor(target: RequestTarget, options: { cause?: unknown; message?: string } = {}) {
    super(options.message ?? `${target.method} ${target.url} failed: no response from Konnect`, { cause: options.cause });
    this.method = target.method;
    this.url = target.url;
  }
}

/**
 * An attempt took longer than `timeoutMs`. A subclass of {@link KonnectConnectionError}.
 *
 * @example
 * ```ts
 * import { KonnectTimeoutError } from "konnect-aws";
 * try { await konnect.api.GET("/v2/control-planes"); }
 * catch (error) { if (error instanceof KonnectTimeoutError) console.error("timed out after", error.timeoutMs); }
 * ```
 */
export class KonnectTimeoutError extends KonnectConnectionError {
  static override readonly kind: string = "KonnectTimeoutError";
  /** The per-attempt timeout that expired. */
  readonly timeoutMs: number;

  constructor(target: RequestTarget, timeoutMs: number, options: { cause?: unknown } = {}) {
    super(target, { cause: options.cause, message: `${target.method} ${target.url} timed out after ${timeoutMs} ms` });
    this.timeoutMs = timeoutMs;
  }
}
