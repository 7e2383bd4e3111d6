import type { Middleware } from "openapi-fetch";
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
  /**
   * Untouched copy of the request for re-sends. Without a body the request itself (nothing in it is
   * consumed by a send); with one, a clone taken before the first send, since that send drains the body.
   */
  pristine: Request;
  /** The caller's abort signal (per-call and client-level), without the timeout. */
  callerSignal: AbortSignal;
  /** The current attempt: whether its timeout fired. */
  attempt: { timedOut: boolean };
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
 * The first attempt's signal (caller plus timeout), per request: openapi-fetch sends the very Request
 * that `onRequest` saw, so the signal is handed to fetch as an init option instead of through a new
 * `Request` (which would copy headers and body on every call).
 */
const attemptSignals = new WeakMap<Request, AbortSignal>();

/**
 * The fetch to give openapi-fetch together with {@link createRetryMiddleware}: it adds the attempt's
 * signal that the middleware registered for the request.
 * @internal
 */
export function fetchWithAttemptSignal(fetch: typeof globalThis.fetch): typeof globalThis.fetch {
  return (input, init) => {
    const signal = input instanceof Request ? attemptSignals.get(input) : undefined;
    return fetch(input, signal ? { ...init, signal } : init);
  };
}

/**
 * Limiter, per-attempt timeout and retries, as one openapi-fetch middleware registered last (so its
 * `onRequest` runs just before the fetch and its `onResponse`/`onError` run first). The first attempt is
 * made by openapi-fetch; a final first answer (the common case) leaves at once, without p-retry or any
 * copy of the request. Re-sends are made here with p-retry counting attempts, from the pristine copy.
 * Backoff and `Retry-After` waits are computed here (p-retry's own delay is off) so that `Retry-After`
 * can replace the backoff rather than add to it.
 * @internal
 */
export function createRetryMiddleware(o: RetryMiddlewareOptions): Middleware {
  const states = new Map<string, RequestState>();

  const callerSignalOf = (request: Request) => (o.signal ? AbortSignal.any([request.signal, o.signal]) : request.signal);

  const toError = (error: unknown, request: Request, state: RequestState): unknown => {
    if (state.callerSignal.aborted) return state.callerSignal.reason ?? error; // the caller gave up: not ours to wrap
    const target = { method: request.method, url: o.redact(request.url) };
    if (state.attempt.timedOut) return new KonnectTimeoutError(target, o.timeoutMs, { cause: error });
    if (error instanceof KonnectConnectionError) return error;
    return new KonnectConnectionError(target, { cause: error });
  };

  /**
   * The signal of one attempt: the caller's plus the timeout. One controller, one unref'd timer and one
   * listener, instead of `AbortSignal.timeout` + `AbortSignal.any` (measured about 15 % of a request's
   * time against an in-process server). The timer is not cleared at the response: as before, it also
   * bounds reading the body.
   */
  const attemptSignal = (state: RequestState): AbortSignal => {
    const attempt = { timedOut: false };
    state.attempt = attempt;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      attempt.timedOut = true;
      controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError"));
    }, o.timeoutMs);
    timer.unref?.();
    const caller = state.callerSignal;
    if (caller.aborted) controller.abort(caller.reason);
    else caller.addEventListener("abort", () => controller.abort(caller.reason), { once: true });
    return controller.signal;
  };

  const resend = async (state: RequestState): Promise<Outcome> => {
    const release = await o.limiter.acquire(state.callerSignal);
    // A clone again, so that a further retry still finds the body unread.
    const copy = state.pristine.body === null ? state.pristine : state.pristine.clone();
    const request = new Request(copy, { signal: attemptSignal(state) });
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
    // Loaded on the first retry only: importing p-retry (and is-network-error) cost about as much as
    // importing openapi-fetch, paid by every process that imports the package, most of which never retry.
    const { default: pRetry, AbortError } = await import("p-retry");
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
    onRequest({ request, id }) {
      const state: RequestState = {
        pristine: request.body === null ? request : request.clone(),
        callerSignal: callerSignalOf(request),
        attempt: { timedOut: false },
        release: () => undefined,
        startedAt: o.now(),
        done: false,
      };
      const begin = (release: () => void): undefined => {
        state.release = release;
        states.set(id, state);
        attemptSignals.set(request, attemptSignal(state));
        return undefined;
      };
      // Fast path: a free slot and a free token are taken synchronously, no promise on the way.
      const release = o.limiter.tryAcquire();
      return release ? begin(release) : o.limiter.acquire(state.callerSignal).then(begin);
    },
    onResponse({ response, id }) {
      const state = states.get(id);
      if (!state || state.done) {
        states.delete(id);
        return undefined;
      }
      state.done = true;
      state.release();
      o.limiter.observe(response.headers);
      states.delete(id);
      // Fast path: a final first answer needs no retry loop.
      if (!isRetryableStatus(state.pristine.method, response.status, response.headers.has("retry-after"))) return undefined;
      return run({ response }, state).then((final) => (final === response ? undefined : final));
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
