import { ConfigError } from "../errors/config-error.js";
import {
  check,
  checkNumber,
  checkOptionalFunction,
  checkOptionalLogger,
  checkOptionalPlainObject,
  checkOptionalSignal,
  describeType,
  describeValue,
  findControlCharacter,
  show,
} from "../internal/validate.js";
import { DEFAULT_RETRY_OPTIONS, type RetryOptions } from "./retry-policy.js";

/**
 * The longest delay Node's timers take (2^31-1 ms, about 24.8 days): a larger one fires at once with a
 * TimeoutOverflowWarning, so a huge timeout would behave like none at all.
 * @internal
 */
export const MAX_TIMER_MS = 2_147_483_647;

/** Bounds of the numeric options, in one place: [min, max, whole number]. @internal */
export const CLIENT_LIMITS = {
  maxRetries: [0, 100, true],
  maxConcurrency: [1, 100, true],
  requestsPerMinute: [1, 100_000, true],
  timeoutMs: [1, MAX_TIMER_MS, true],
  baseDelayMs: [0, MAX_TIMER_MS, false],
  maxDelayMs: [0, MAX_TIMER_MS, false],
  jitter: [0, 1, false],
  maxRetryAfterMs: [0, MAX_TIMER_MS, false],
  deadlineMs: [1, MAX_TIMER_MS, false],
} as const;

/** Checks a numeric option against {@link CLIENT_LIMITS}; returns it, or the default when undefined. @internal */
export function limitedNumber(value: unknown, field: string, key: keyof typeof CLIENT_LIMITS, fallback: number): number {
  if (value === undefined) return fallback;
  const [min, max, integer] = CLIENT_LIMITS[key];
  checkNumber(value, field, { min, max, integer, ...(key.endsWith("Ms") ? { unit: "ms" } : {}) });
  return value;
}

/** Checks `retry` and merges it over the defaults. @internal */
export function checkRetryOptions(retry: unknown, maxRetries: unknown): RetryOptions {
  checkOptionalPlainObject(retry, "retry", "maxDelayMs: 4000");
  const given = (retry ?? {}) as Record<string, unknown>;
  const known = Object.keys(DEFAULT_RETRY_OPTIONS);
  for (const key of Object.keys(given)) {
    // a misspelt key would otherwise be ignored in silence (maxDelay for maxDelayMs)
    const near = known.find((k) => k.toLowerCase().startsWith(key.toLowerCase()) || key.toLowerCase().startsWith(k.toLowerCase()));
    check(known.includes(key), `retry.${key}`, "is not a retry option", near ? `did you mean retry.${near}?` : `use ${known.join(", ")}`);
  }
  const out = { ...DEFAULT_RETRY_OPTIONS } as RetryOptions;
  for (const key of ["baseDelayMs", "maxDelayMs", "jitter", "maxRetryAfterMs", "deadlineMs"] as const) {
    out[key] = limitedNumber(given[key], `retry.${key}`, key, DEFAULT_RETRY_OPTIONS[key]);
  }
  // the top-level maxRetries wins over retry.maxRetries
  out.maxRetries = maxRetries !== undefined ? limitedNumber(maxRetries, "maxRetries", "maxRetries", 3) : limitedNumber(given.maxRetries, "retry.maxRetries", "maxRetries", DEFAULT_RETRY_OPTIONS.maxRetries);
  return out;
}

/** The token option: a string when given (a Secret, a number or an object is refused without echoing it). @internal */
export function checkTokenType(token: unknown): void {
  if (token === undefined || typeof token === "string") return;
  // the kind only, never the value: it may be a real token in the wrong shape
  const kind = describeType(token);
  throw new ConfigError({
    field: "token",
    problem: `expected the token as a string, got ${kind}`,
    fix: kind === "a Secret" ? "pass token: yourSecret.reveal() (the client keeps the token out of logs and errors itself)" : "pass the token string (kpat_... or spat_...), or leave token out to read KONNECT_TOKEN",
  });
}

const LOOPBACK = /^(localhost|[a-z0-9-]+\.localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * A server URL: absolute http(s), no credentials, query or fragment, never carrying the token, and
 * https unless the host is loopback or `allowInsecureHttp` is set (the token travels in every request).
 * Errors carry no `cause`: Node's URL error holds the raw input, which may be a pasted token.
 * @internal
 */
export function checkServerUrl(value: unknown, field: string, token: string, allowInsecureHttp: boolean): string {
  check(typeof value === "string", field, `expected a URL string, got ${describeValue(value)}`, "give an absolute https URL such as https://eu.api.konghq.com");
  const leaked = value.includes(token) || /\b(?:kpat|spat)_[A-Za-z0-9]{8,}/.test(value);
  check(!leaked, field, "the URL contains a Konnect token", "put the token in `token` (or KONNECT_TOKEN) and give the server URL alone, such as https://eu.api.konghq.com");
  const control = findControlCharacter(value);
  check(!control, field, `the URL contains a control character (${control?.name ?? ""})`, "remove it (a trailing newline often comes from reading a file)");
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // the cause is dropped on purpose (see above)
  }
  check(url, field, `${show(value)} is not an absolute URL`, "give an absolute URL with its scheme, such as https://eu.api.konghq.com");
  check(url.protocol === "https:" || url.protocol === "http:", field, `unsupported protocol ${url.protocol}`, "use an https:// URL");
  check(url.username === "" && url.password === "", field, "the URL contains credentials (user:password@)", "remove them; the client authenticates with `token`");
  check(url.search === "" && url.hash === "", field, "the URL has a query string or fragment, which the client would drop", "give the base URL only, such as https://eu.api.konghq.com");
  if (url.protocol === "http:" && !LOOPBACK.test(url.hostname) && !allowInsecureHttp) {
    throw new ConfigError({
      field,
      problem: `http:// to ${url.hostname} would send the token in clear text (only loopback hosts may use plain http)`,
      fix: "use https://, or pass allowInsecureHttp: true for a test server on a network you trust",
    });
  }
  return url.origin + url.pathname.replace(/\/+$/, "");
}

/** The user-agent product token: printable, no CR/LF (header injection), at most 256 characters. @internal */
export function checkUserAgent(value: unknown): void {
  if (value === undefined) return;
  check(typeof value === "string", "userAgent", `expected a string, got ${describeValue(value)}`, 'pass userAgent: "my-pipeline/1.2"');
  check(value.length > 0 && value.length <= 256, "userAgent", value.length ? `at most 256 characters, got ${value.length}` : "empty", 'pass a product token such as "my-pipeline/1.2", or leave it out');
  check(/^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/.test(value), "userAgent", `${show(value)} is not a User-Agent product list (printable ASCII words separated by single spaces)`, 'use a product token such as "my-pipeline/1.2"');
}

/** The other options of createKonnectClient whose type alone can be wrong. @internal */
export function checkClientOptionTypes(o: Record<string, unknown>): void {
  checkOptionalFunction(o.fetch, "fetch", "globalThis.fetch");
  checkOptionalLogger(o.logger);
  checkOptionalSignal(o.signal);
  // process.env is not a plain object, so any non-array object is accepted
  check(o.env === undefined || (typeof o.env === "object" && o.env !== null && !Array.isArray(o.env)), "env", `expected an object of environment variables, got ${describeValue(o.env)}`, "pass env: process.env, or leave it out");
  check(o.allowInsecureHttp === undefined || typeof o.allowInsecureHttp === "boolean", "allowInsecureHttp", `expected true or false, got ${describeValue(o.allowInsecureHttp)}`, "set allowInsecureHttp: true only for a test server");
  check(o.shareBudget === undefined || typeof o.shareBudget === "boolean", "shareBudget", `expected true or false, got ${describeValue(o.shareBudget)}`, "set shareBudget: false to give this client a budget of its own");
}
