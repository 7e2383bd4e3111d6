/**
 * How the client retries. Every field is optional in {@link KonnectClientOptions.retry}.
 *
 * @example
 * ```ts
 * import { createKonnectClient } from "konnect-aws";
 * const konnect = createKonnectClient({ maxRetries: 5, retry: { maxDelayMs: 4000 } });
 * ```
 */
export interface RetryOptions {
  /** Retries after the first attempt. @default 3 */
  maxRetries: number;
  /** First backoff delay; doubles with every retry. @default 500 */
  baseDelayMs: number;
  /** Cap of one backoff delay. @default 8000 */
  maxDelayMs: number;
  /** Share of a backoff delay that is randomized away (0 = none, 0.25 = up to 25% shorter). @default 0.25 */
  jitter: number;
  /** Longest `Retry-After` honoured; a longer one fails at once with {@link KonnectRateLimitError}. @default 60000 */
  maxRetryAfterMs: number;
  /** Deadline for one request including all its retries and waits. @default 120000 */
  deadlineMs: number;
}

/**
 * Defaults of {@link RetryOptions}: 0.5 s doubling to 8 s, up to 25 % jitter, `Retry-After` honoured up to
 * 60 s (as the Stainless clients do), 3 retries, 2 minutes per request.
 *
 * @example
 * ```ts
 * import { DEFAULT_RETRY_OPTIONS } from "konnect-aws";
 * console.log(DEFAULT_RETRY_OPTIONS.maxRetries); // 3
 * ```
 */
export const DEFAULT_RETRY_OPTIONS: Readonly<RetryOptions> = Object.freeze({
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  jitter: 0.25,
  maxRetryAfterMs: 60_000,
  deadlineMs: 120_000,
});

const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/** @internal */
export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase());
}

/**
 * Whether a response may be retried. 429 means the server did not process the request, so any method
 * may be retried; so does a 503 that carries `Retry-After`. 500/502/503/504 otherwise are retried only for
 * idempotent methods (GET, PUT with a client-chosen id, DELETE): repeating them is harmless whether or not
 * the first attempt took effect. 400/401/403/404/409/422 and every other status are final (a 403 "quota
 * exceeded" is permanent).
 * @internal
 */
export function isRetryableStatus(method: string, status: number, hasRetryAfter: boolean): boolean {
  if (status === 429) return true;
  if (status === 503 && hasRetryAfter) return true;
  if (status === 500 || status === 502 || status === 503 || status === 504) return isIdempotent(method);
  return false;
}

/**
 * Parses `Retry-After` (delta seconds or an HTTP date, RFC 9110 §10.2.3) into milliseconds.
 * @internal
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const date = Date.parse(v);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Exponential backoff with a cap and jitter: `base * 2^(retry-1)`, capped, minus up to `jitter` of it.
 * @internal
 */
export function backoffDelay(retry: number, options: RetryOptions, random: () => number = Math.random): number {
  const raw = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(raw * (1 - options.jitter * random()));
}
