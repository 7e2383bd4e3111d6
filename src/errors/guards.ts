import { hasKind } from "./konnect-error.js";
import type { KonnectError } from "./konnect-error.js";
import type { ConfigError } from "./config-error.js";
import type { KonnectApiError } from "./api-error.js";
import type { KonnectConnectionError, KonnectTimeoutError } from "./connection-error.js";

/**
 * True for any konnect-aws error, even one thrown by another copy of the package.
 * @example
 * ```ts
 * if (isKonnectError(error)) console.error(error.name, error.message);
 * ```
 */
export const isKonnectError = (value: unknown): value is KonnectError => hasKind(value, "KonnectError");

/**
 * True for an HTTP error answer from Konnect (any status), even from another copy of the package.
 * @example
 * ```ts
 * if (isKonnectApiError(error) && error.status === 404) return undefined;
 * ```
 */
export const isKonnectApiError = (value: unknown): value is KonnectApiError => hasKind(value, "KonnectApiError");

/**
 * True for a request that got no HTTP answer (including timeouts).
 * @example
 * ```ts
 * if (isKonnectConnectionError(error)) console.error("network problem", error.cause);
 * ```
 */
export const isKonnectConnectionError = (value: unknown): value is KonnectConnectionError =>
  hasKind(value, "KonnectConnectionError");

/**
 * True for an attempt that exceeded `timeoutMs`.
 * @example
 * ```ts
 * if (isKonnectTimeoutError(error)) console.error("timed out after", error.timeoutMs, "ms");
 * ```
 */
export const isKonnectTimeoutError = (value: unknown): value is KonnectTimeoutError => hasKind(value, "KonnectTimeoutError");

/**
 * True for invalid input detected before any request.
 * @example
 * ```ts
 * if (isConfigError(error)) console.error(`${error.field}: ${error.fix}`);
 * ```
 */
export const isConfigError = (value: unknown): value is ConfigError => hasKind(value, "ConfigError");
