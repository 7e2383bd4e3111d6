import createClient from "openapi-fetch";
import type { components, paths } from "../../generated/konnect.js";
import { ConfigError } from "../errors/config-error.js";
import { createRedactor } from "../internal/redact.js";
import { sleep as defaultSleep } from "../internal/sleep.js";
import { Limiter } from "./limiter.js";
import { createLevelledLogger, type Logger, type LogLevel } from "./logger.js";
import { createAuthMiddleware } from "./middleware/auth.js";
import { createErrorMiddleware } from "./middleware/errors.js";
import { createLoggingMiddleware } from "./middleware/logging.js";
import { createRetryMiddleware } from "./middleware/retry.js";
import { createRouteServerMiddleware } from "./middleware/route-server.js";
import { createUserAgentMiddleware } from "./middleware/user-agent.js";
import { collect, findOne, paginate, type FindOneOptions, type PaginateOptions } from "./pagination.js";
import { GLOBAL_SERVER_URL, isKonnectRegion, KONNECT_REGIONS, regionalServerUrl, type KonnectRegion } from "./regions.js";
import { DEFAULT_RETRY_OPTIONS, type RetryOptions } from "./retry-policy.js";
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
  /** Regional server URL without version prefix, replacing the region's (a proxy or a test server). */
  serverUrl?: string;
  /** Global server URL (cloud gateways, identity). @default "https://global.api.konghq.com", or `serverUrl` when only that is set */
  globalServerUrl?: string;
  /** fetch implementation. @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** Retries after the first attempt of a request. @default 3 */
  maxRetries?: number;
  /** Fine-tuning of the backoff; `maxRetries` above wins over `retry.maxRetries`. */
  retry?: Partial<RetryOptions>;
  /** Requests in flight at once, for this client. @default 5 */
  maxConcurrency?: number;
  /** Requests started per sliding minute, for this client (Konnect allows more; this leaves headroom). @default 2000 */
  requestsPerMinute?: number;
  /** Timeout of one attempt. @default 30000 */
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

function positiveInt(value: number | undefined, field: string, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError({ field, problem: `expected an integer >= ${min}, got ${String(value)}`, fix: `set ${field} to a whole number of at least ${min}, or leave it out for the default (${fallback})` });
  }
  return value;
}

function httpUrl(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new ConfigError({ field, problem: "not a valid URL", fix: "give an absolute http(s) URL such as https://eu.api.konghq.com", cause });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError({ field, problem: `unsupported protocol ${url.protocol}`, fix: "use an https:// URL" });
  }
  return url.origin + url.pathname.replace(/\/+$/, "");
}

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
  const env = options.env ?? (typeof process === "undefined" ? {} : process.env);
  const token = resolveToken(options.token, env);
  const region = options.region ?? "us";
  if (!isKonnectRegion(region)) {
    throw new ConfigError({ field: "region", problem: `unknown Konnect region ${JSON.stringify(region)}`, fix: `use one of ${KONNECT_REGIONS.join(", ")}` });
  }
  const serverUrl = options.serverUrl ? httpUrl(options.serverUrl, "serverUrl") : regionalServerUrl(region);
  const globalServerUrl = options.globalServerUrl
    ? httpUrl(options.globalServerUrl, "globalServerUrl")
    : options.serverUrl
      ? serverUrl
      : GLOBAL_SERVER_URL;
  const logLevel = options.logLevel ?? (env.KONNECT_AWS_LOG_LEVEL as LogLevel | undefined) ?? "warn";
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError({ field: "logLevel", problem: `unknown log level ${JSON.stringify(logLevel)}`, fix: `use one of ${LOG_LEVELS.join(", ")}` });
  }
  if (typeof (options.fetch ?? globalThis.fetch) !== "function") {
    throw new ConfigError({ field: "fetch", problem: "no fetch implementation is available", fix: "run on Node 20 or later, or pass `fetch`" });
  }
  const retry: RetryOptions = { ...DEFAULT_RETRY_OPTIONS, ...options.retry };
  retry.maxRetries = positiveInt(options.maxRetries ?? options.retry?.maxRetries, "maxRetries", DEFAULT_RETRY_OPTIONS.maxRetries, 0);
  const maxConcurrency = positiveInt(options.maxConcurrency, "maxConcurrency", 5);
  const requestsPerMinute = positiveInt(options.requestsPerMinute, "requestsPerMinute", 2000);
  const timeoutMs = positiveInt(options.timeoutMs, "timeoutMs", 30_000);

  const redact = createRedactor([token]);
  const logger = createLevelledLogger(options.logger, logLevel, redact);
  const now = options.clock?.now ?? Date.now;
  const sleep = options.clock?.sleep ?? defaultSleep;
  const limiter = new Limiter({ maxConcurrency, requestsPerMinute, now, sleep });

  // The global fetch is looked up at call time, not at creation: a client created at import time must
  // still see fetch patched later (msw, undici mocks, tracing).
  const fetchFn: typeof globalThis.fetch = (input, init) => (options.fetch ?? globalThis.fetch)(input, init);
  const api = createClient<paths>({ baseUrl: serverUrl, fetch: fetchFn, querySerializer: serializeQuery });
  // Order matters: onRequest runs in this order, onResponse/onError in reverse. The retry middleware is
  // last so it wraps the actual fetch; errors is first so it sees the final response.
  api.use(
    createErrorMiddleware(redact),
    createRouteServerMiddleware(globalServerUrl),
    createAuthMiddleware(token),
    createUserAgentMiddleware(options.userAgent),
    createLoggingMiddleware(logger, now),
    createRetryMiddleware({ retry, limiter, logger, timeoutMs, fetch: fetchFn, redact, signal: options.signal, now, sleep, random: options.clock?.random ?? Math.random }),
  );

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
