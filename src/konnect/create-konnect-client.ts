import createClient from "openapi-fetch";
import type { components, paths } from "../../generated/konnect.js";
import { ConfigError } from "../errors/config-error.js";
import { createRedactor } from "../internal/redact.js";
import { sleep as defaultSleep } from "../internal/sleep.js";
import { Limiter } from "./limiter.js";
import { sharedBucket, TokenBucket } from "./token-bucket.js";
import { createLevelledLogger, type Logger, type LogLevel } from "./logger.js";
import { createAuthMiddleware } from "./middleware/auth.js";
import { createErrorMiddleware } from "./middleware/errors.js";
import { createLoggingMiddleware } from "./middleware/logging.js";
import { createRetryMiddleware, fetchWithAttemptSignal } from "./middleware/retry.js";
import { createRouteServerMiddleware } from "./middleware/route-server.js";
import { createUserAgentMiddleware } from "./middleware/user-agent.js";
import { collect, findOne, paginate, type FindOneOptions, type PaginateOptions } from "./pagination.js";
import { GLOBAL_SERVER_URL, isKonnectRegion, KONNECT_REGIONS, regionalServerUrl, type KonnectRegion } from "./regions.js";
import { checkOptionalPlainObject, show } from "../internal/validate.js";
import { checkClientOptionTypes, checkRetryOptions, checkServerUrl, checkTokenType, checkUserAgent, limitedNumber } from "./check-client-options.js";
import type { RetryOptions } from "./retry-policy.js";
import { serializeQuery } from "./query-serializer.js";
import { resolveToken } from "./token.js";
import type { KonnectApi, ListItem, ListPath } from "./types.js";

/**
 * Options of {@link createKonnectClient}.
 *
 * @example
 * ```ts
 * const options: KonnectClientOptions = { region: "eu", maxConcurrency: 3, logger: console };
 * ```
 */
export interface KonnectClientOptions {
  /** Personal (`kpat_...`) or system-account (`spat_...`) access token. @default process.env.KONNECT_TOKEN */
  token?: string;
  /** Konnect region of the control planes. @default "us" */
  region?: KonnectRegion;
  /**
   * Regional server URL without version prefix, replacing the region's (a proxy or a test server).
   * Must be https, except for loopback hosts (`localhost`, `127.0.0.1`, `[::1]`) or with
   * `allowInsecureHttp`; no credentials, query string or fragment.
   */
  serverUrl?: string;
  /** Global server URL (cloud gateways, identity). @default "https://global.api.konghq.com", or `serverUrl` when only that is set */
  globalServerUrl?: string;
  /**
   * Allow `http://` server URLs to hosts other than loopback. The token is sent with every request, so
   * over plain http anyone on the path can read it: only for test servers on a network you trust.
   * @default false
   */
  allowInsecureHttp?: boolean;
  /** fetch implementation. @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** Retries after the first attempt of a request, 0 to 100. @default 3 */
  maxRetries?: number;
  /** Fine-tuning of the backoff; `maxRetries` above wins over `retry.maxRetries`. */
  retry?: Partial<RetryOptions>;
  /** Requests in flight at once, for this client, 1 to 100. @default 5 */
  maxConcurrency?: number;
  /**
   * Requests started in any 60 s window, 1 to 100000 (Konnect allows more; this leaves headroom). Starts
   * are spread evenly (a token bucket: one every `ceil(60000 / (requestsPerMinute - 9))` ms, after a
   * burst of up to 100 that keeps every window within the budget). Above 60,000 the 1 ms grain caps the
   * steady rate at one start per ms. @default 2000
   */
  requestsPerMinute?: number;
  /**
   * Share the per-minute budget with the other clients of this process that use the same token and
   * server URL (the budget is the token's, not the client's). The registry is keyed by a SHA-256 of
   * token and server URL, never the token itself; when the clients ask for different budgets the
   * smallest applies. Concurrency (`maxConcurrency`) stays per client. `false` gives this client a
   * budget of its own. @default true
   */
  shareBudget?: boolean;
  /** Timeout of one attempt, in ms: 1 to 2147483647 (Node's timer limit). @default 30000 */
  timeoutMs?: number;
  /** Where diagnostics go; lines are redacted. @default no logging */
  logger?: Logger;
  /** Least severe level that reaches the logger. @default "warn" (or KONNECT_AWS_LOG_LEVEL) */
  logLevel?: LogLevel;
  /** A product token put before `konnect-aws/<version>` in `User-Agent`, such as `my-pipeline/1.2`. */
  userAgent?: string;
  /** Aborts every request of this client. */
  signal?: AbortSignal;
  /** Environment to read `KONNECT_TOKEN` and `KONNECT_AWS_LOG_LEVEL` from. @default process.env */
  env?: Record<string, string | undefined>;
  /** @internal Clock and sleep injection for tests. */
  clock?: { now?: () => number; sleep?: (ms: number, signal?: AbortSignal | null) => Promise<void>; random?: () => number };
}

/** Organization answered by the token check. */
export type KonnectOrganization = components["responses"]["MeOrganization"]["content"]["application/json"];

/**
 * A Konnect client: the typed API plus helpers.
 *
 * @example
 * ```ts
 * const konnect = createKonnectClient({ region: "eu" });
 * const { data } = await konnect.api.GET("/v2/control-planes", { params: { query: { filter: { name: { eq: "prod" } } } } });
 * ```
 */
export interface KonnectClient {
  /** The typed openapi-fetch client. Non-2xx answers throw {@link KonnectApiError}. */
  readonly api: KonnectApi;
  /** The Konnect region this client talks to. */
  readonly region: KonnectRegion;
  /** The regional server URL in use. */
  readonly serverUrl: string;
  /** The global server URL in use. */
  readonly globalServerUrl: string;
  /** Iterates every item of a list endpoint (both paging styles, largest page size). */
  paginate<P extends ListPath>(path: P, options?: PaginateOptions<P>): AsyncGenerator<ListItem<P>>;
  /** Collects every item of a list endpoint. */
  collect<P extends ListPath>(path: P, options?: PaginateOptions<P>): Promise<Array<ListItem<P>>>;
  /** The single matching item, `undefined` for none, an error for several. */
  findOne<P extends ListPath>(path: P, options?: FindOneOptions<P>): Promise<ListItem<P> | undefined>;
  /**
   * Checks the token with `GET /v3/organizations/me` (works for personal and system-account tokens,
   * unlike `/v3/users/me`) and returns the organization.
   */
  checkToken(options?: { signal?: AbortSignal }): Promise<KonnectOrganization>;
}

const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error", "off"];

/**
 * Creates a Konnect client. Validates every option before anything is sent; throws {@link ConfigError}
 * naming the field otherwise. Nothing is fetched at creation.
 *
 * @example
 * ```ts
 * import { createKonnectClient } from "konnect-aws";
 *
 * const konnect = createKonnectClient({ region: "eu" }); // token from KONNECT_TOKEN
 * const org = await konnect.checkToken();
 * for await (const cp of konnect.paginate("/v2/control-planes")) console.log(org.name, cp.name);
 * ```
 */
export function createKonnectClient(options: KonnectClientOptions = {}): KonnectClient {
  checkOptionalPlainObject(options, "options", 'region: "eu"');
  checkClientOptionTypes(options as Record<string, unknown>);
  const env = options.env ?? (typeof process === "undefined" ? {} : process.env);
  checkTokenType(options.token);
  const token = resolveToken(options.token, env);
  const region = options.region ?? "us";
  if (!isKonnectRegion(region)) {
    const given: unknown = region;
    const aws = typeof given === "string" && /^[a-z]{2}-[a-z]+-\d$/.test(given) ? `; ${given} is an AWS region, not a Konnect region` : "";
    throw new ConfigError({ field: "region", problem: `unknown Konnect region ${show(given)}${aws}`, fix: `use one of ${KONNECT_REGIONS.join(", ")}` });
  }
  const insecure = options.allowInsecureHttp === true;
  const serverUrl = options.serverUrl !== undefined ? checkServerUrl(options.serverUrl, "serverUrl", token, insecure) : regionalServerUrl(region);
  const globalServerUrl =
    options.globalServerUrl !== undefined
      ? checkServerUrl(options.globalServerUrl, "globalServerUrl", token, insecure)
      : options.serverUrl !== undefined
        ? serverUrl
        : GLOBAL_SERVER_URL;
  const logLevel = options.logLevel ?? (env.KONNECT_AWS_LOG_LEVEL as LogLevel | undefined) ?? "warn";
  if (!LOG_LEVELS.includes(logLevel)) {
    const from = options.logLevel === undefined ? " (from KONNECT_AWS_LOG_LEVEL)" : "";
    throw new ConfigError({ field: options.logLevel === undefined ? "KONNECT_AWS_LOG_LEVEL" : "logLevel", problem: `unknown log level ${show(logLevel)}${from}`, fix: `use one of ${LOG_LEVELS.join(", ")}` });
  }
  if (typeof (options.fetch ?? globalThis.fetch) !== "function") {
    throw new ConfigError({ field: "fetch", problem: "no fetch implementation is available", fix: "run on Node 20 or later, or pass `fetch`" });
  }
  checkUserAgent(options.userAgent);
  const retry: RetryOptions = checkRetryOptions(options.retry, options.maxRetries);
  const maxConcurrency = limitedNumber(options.maxConcurrency, "maxConcurrency", "maxConcurrency", 5);
  const requestsPerMinute = limitedNumber(options.requestsPerMinute, "requestsPerMinute", "requestsPerMinute", 2000);
  const timeoutMs = limitedNumber(options.timeoutMs, "timeoutMs", "timeoutMs", 30_000);

  const redact = createRedactor([token]);
  const logger = createLevelledLogger(options.logger, logLevel, redact);
  const now = options.clock?.now ?? Date.now;
  const sleep = options.clock?.sleep ?? defaultSleep;
  const bucket = options.shareBudget === false ? new TokenBucket(requestsPerMinute, now) : sharedBucket(token, serverUrl, requestsPerMinute, now);
  const limiter = new Limiter({ maxConcurrency, requestsPerMinute, now, sleep, bucket });

  // The global fetch is looked up at call time, not at creation: a client created at import time must
  // still see fetch patched later (msw, undici mocks, tracing).
  const fetchFn: typeof globalThis.fetch = (input, init) => (options.fetch ?? globalThis.fetch)(input, init);
  // openapi-fetch's fetch carries the first attempt's timeout signal set by the retry middleware.
  const api = createClient<paths>({ baseUrl: serverUrl, fetch: fetchWithAttemptSignal(fetchFn), querySerializer: serializeQuery });
  // Order matters: onRequest runs in this order, onResponse/onError in reverse. The retry middleware is
  // last so it wraps the actual fetch; errors is first so it sees the final response.
  const middleware = [
    createErrorMiddleware(redact),
    createRouteServerMiddleware(globalServerUrl),
    createAuthMiddleware(token),
    createUserAgentMiddleware(options.userAgent),
    createLoggingMiddleware(logger, now), // undefined without a logger: no per-request work
    createRetryMiddleware({ retry, limiter, logger, timeoutMs, fetch: fetchFn, redact, signal: options.signal, now, sleep, random: options.clock?.random ?? Math.random }),
  ];
  api.use(...middleware.filter((m) => m !== undefined));

  const client: KonnectClient = {
    api,
    region,
    serverUrl,
    globalServerUrl,
    paginate: (path, o) => paginate(api, path, o),
    collect: (path, o) => collect(api, path, o),
    findOne: (path, o) => findOne(api, path, o),
    async checkToken(o = {}) {
      const { data } = await api.GET("/v3/organizations/me", o.signal ? { signal: o.signal } : {});
      return data as KonnectOrganization;
    },
  };
  // The token is held only inside the middleware closures: nothing on this object can print it.
  return Object.freeze(client);
}
