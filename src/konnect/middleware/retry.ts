import type { Middleware } from "openapi-fetch";
import pRetry, { AbortError } from "p-retry";
import { KonnectConnectionError, KonnectTimeoutError } from "../../errors/connection-error.js";
import type { Limiter } from "../limiter.js";
import type { Logger } from "../logger.js";
import { backoffDelay, isIdempotent, isRetryableStatus, parseRetryAfter, type RetryOptions } from "../retry-policy.js";

/** Settings of the transport middleware. @internal */
export interface RetryMiddlewareOptions {
  retry: RetryOptions;
  limiter: Limiter;
  logger: Logger;
  timeoutMs: number;
  fetch: typeof globalThis.fetch;
  redact: (s: string) => string;
  signal?: AbortSignal;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal | null) => Promise<void>;
  random: () => number;
}

type Outcome = { response: Response } | { error: unknown };

interface RequestState {
  /** Untouched copy of the request, cloned again for every re-send. */
  pristine: Request;
  /** The caller's abort signal (per-call and client-level), without the timeout. */
  callerSignal: AbortSignal;
  timeoutSignal: AbortSignal;
  release: () => void;
  startedAt: number;
  done: boolean;
}

/** Thrown inside the retry loop for a response that may be retried. */
class RetryableResponse extends Error {
  constructor(
    readonly response: Response,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`HTTP ${response.status}`);
  }
}

/**
 * Limiter, per-attempt timeout and retries, as one openapi-fetch middleware registered last (so its
 * `onRequest` runs just before the fetch and its `onResponse`/`onError` run first). The first attempt is
 * made by openapi-fetch; re-sends are made here with p-retry counting attempts, from a pristine clone of
 * the request. Backoff and `Retry-After` waits are computed here (p-retry's own delay is off) so that
 * `Retry-After` can replace the backoff rather than add to it.
 * @internal
 */
export function createRetryMiddleware(o: RetryMiddlewareOptions): Middleware {
  const states = new Map<string, RequestState>();

  const callerSignalOf = (request: Request) => (o.signal ? AbortSignal.any([request.signal, o.signal]) : request.signal);

  const toError = (error: unknown, request: Request, state: RequestState): unknown => {
    if (state.callerSignal.aborted) return state.callerSignal.reason ?? error; // the caller gave up: not ours to wrap
    const target = { method: request.method, url: o.redact(request.url) };
    if (state.timeoutSignal.aborted) return new KonnectTimeoutError(target, o.timeoutMs, { cause: error });
    if (error instanceof KonnectConnectionError) return error;
    return new KonnectConnectionError(target, { cause: error });
  };

  const withTimeout = (request: Request, state: RequestState): Request => {
    state.timeoutSignal = AbortSignal.timeout(o.timeoutMs);
    return new Request(request, { signal: AbortSignal.any([state.callerSignal, state.timeoutSignal]) });
  };

  const resend = async (state: RequestState): Promise<Outcome> => {
    const release = await o.limiter.acquire(state.callerSignal);
    const request = withTimeout(state.pristine.clone(), state);
    o.logger.debug(`-> ${request.method} ${o.redact(request.url)} (retry)`);
    try {
      const response = await o.fetch(request);
      o.limiter.observe(response.headers);
      return { response };
    } catch (error) {
      return { error: toError(error, request, state) };
    } finally {
      release();
    }
  };

  const run = async (first: Outcome, state: RequestState): Promise<Response> => {
    const { method, url } = state.pristine;
    try {
      return await pRetry(
        async (attempt) => {
          const outcome = attempt === 1 ? first : await resend(state);
          if ("error" in outcome) {
            if (state.callerSignal.aborted) throw new AbortError(outcome.error as Error);
            // A request that may have reached the server is re-sent only when repeating it is harmless.
            if (!isIdempotent(method)) throw new AbortError(outcome.error as Error);
            throw outcome.error;
          }
          const { response } = outcome;
          const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), o.now());
          if (isRetryableStatus(method, response.status, retryAfterMs !== undefined)) {
            throw new RetryableResponse(response, retryAfterMs);
          }
          return response;
        },
        {
          retries: o.retry.maxRetries,
          minTimeout: 0,
          maxTimeout: 0,
          randomize: false,
          signal: state.callerSignal,
          shouldRetry: async ({ error, attemptNumber }) => {
            const retryAfterMs = error instanceof RetryableResponse ? error.retryAfterMs : undefined;
            if (retryAfterMs !== undefined && retryAfterMs > o.retry.maxRetryAfterMs) return false;
            const delay = retryAfterMs ?? backoffDelay(attemptNumber, o.retry, o.random);
            if (o.now() + delay - state.startedAt > o.retry.deadlineMs) return false;
            const why = error instanceof RetryableResponse ? `HTTP ${error.response.status}` : (error as Error).message;
            o.logger.info(`retrying ${method} ${o.redact(url)} after ${why} in ${delay} ms (retry ${attemptNumber} of ${o.retry.maxRetries})`, {
              attempt: attemptNumber,
              delayMs: delay,
            });
            if (error instanceof RetryableResponse) void error.response.body?.cancel().catch(() => undefined);
            await o.sleep(delay, state.callerSignal);
            return true;
          },
        },
      );
    } catch (error) {
      // The last answer was a retryable status: hand it on, the error middleware makes it a typed error.
      if (error instanceof RetryableResponse) return error.response;
      throw error;
    }
  };

  return {
    async onRequest({ request, id }) {
      const state: RequestState = {
        pristine: request.clone(),
        callerSignal: callerSignalOf(request),
        timeoutSignal: new AbortController().signal,
        release: () => undefined,
        startedAt: o.now(),
        done: false,
      };
      state.release = await o.limiter.acquire(state.callerSignal);
      states.set(id, state);
      return withTimeout(request, state);
    },
    async onResponse({ response, id }) {
      const state = states.get(id);
      if (!state || state.done) {
        states.delete(id);
        return undefined;
      }
      state.done = true;
      state.release();
      o.limiter.observe(response.headers);
      states.delete(id);
      const final = await run({ response }, state);
      return final === response ? undefined : final;
    },
    async onError({ request, error, id }) {
      const state = states.get(id);
      if (!state) return error instanceof Error ? error : new Error(String(error));
      state.release();
      try {
        const final = await run({ error: toError(error, request, state) }, state);
        state.done = true; // openapi-fetch now runs onResponse with this response: do not retry it again
        return final;
      } catch (failure) {
        states.delete(id);
        return failure instanceof Error ? failure : new Error(String(failure));
      }
    },
  };
}
