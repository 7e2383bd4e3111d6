import { KonnectError } from "./konnect-error.js";
import type { RequestTarget } from "./connection-error.js";

/** One entry of a Konnect validation error, normalized from either error shape Konnect uses. */
export interface InvalidParameter {
  /** Field path, for example `name` or `config.port`; `""` for the whole entity. */
  field: string;
  /** Rule that failed (`required`, `min_length`, `enum`, ...), when Konnect names one. */
  rule?: string;
  /** Human-readable reason. */
  reason: string;
  /** Where the field was (`body`, `query`, `path`), when Konnect says. */
  source?: string;
}

/** Everything {@link KonnectApiError} knows about a failed response. */
export interface KonnectApiErrorInit extends RequestTarget {
  status: number;
  title: string;
  detail?: string;
  invalidParameters: InvalidParameter[];
  requestId?: string;
  /** True for a uniqueness violation: platform 409, or a core-entity 400 "data constraint error". */
  conflict: boolean;
  /** Parsed `Retry-After`, in milliseconds, when the server sent one. */
  retryAfterMs?: number;
}

/**
 * Konnect answered with an error status. Thrown for every non-2xx response, as one of the subclasses
 * when the status has a meaning of its own. Konnect's `application/problem+json` bodies, the control
 * plane core entities' `{code, message, details}` bodies and the older `{message}` bodies all map here.
 *
 * @example
 * ```ts
 * import { KonnectApiError } from "konnect-aws";
 * try {
 *   await konnect.api.POST("/v2/control-planes", { body: { name: "prod" } });
 * } catch (error) {
 *   if (error instanceof KonnectApiError) console.error(error.status, error.detail, error.requestId);
 * }
 * ```
 */
export class KonnectApiError extends KonnectError {
  static override readonly kind: string = "KonnectApiError";
  /** HTTP status. */
  readonly status: number;
  /** Short summary (problem+json `title`, or the status text). */
  readonly title: string;
  /** Longer explanation from the server (problem+json `detail` or `message`). */
  readonly detail: string | undefined;
  /** Field-level validation failures. */
  readonly invalidParameters: InvalidParameter[];
  /** Konnect trace id (problem+json `instance`, such as `kong:trace:123`) or request id header. */
  readonly requestId: string | undefined;
  /** HTTP method of the request. */
  readonly method: string;
  /** URL of the request. */
  readonly url: string;
  /** True for a uniqueness violation: platform 409, or a core-entity 400 "data constraint error". */
  readonly conflict: boolean;
  /** Parsed `Retry-After` in milliseconds, when the server sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(init: KonnectApiErrorInit) {
    const why = init.detail && init.detail !== init.title ? `: ${init.detail}` : "";
    const fields = init.invalidParameters.length
      ? ` (${init.invalidParameters.map((p) => `${p.field || "entity"}: ${p.reason}`).join("; ")})`
      : "";
    super(`${init.method} ${init.url} -> ${init.status} ${init.title}${why}${fields}`);
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    this.invalidParameters = init.invalidParameters;
    this.requestId = init.requestId;
    this.method = init.method;
    this.url = init.url;
    this.conflict = init.conflict;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/**
 * 400: Konnect rejected the request body or parameters. See `invalidParameters`.
 * @example
 * ```ts
 * if (error instanceof KonnectBadRequestError) for (const p of error.invalidParameters) console.error(p.field, p.reason);
 * ```
 */
export class KonnectBadRequestError extends KonnectApiError {
  static override readonly kind: string = "KonnectBadRequestError";
}

/**
 * 401: the token is missing, malformed, expired or revoked.
 * @example
 * ```ts
 * if (error instanceof KonnectUnauthorizedError) console.error("check KONNECT_TOKEN");
 * ```
 */
export class KonnectUnauthorizedError extends KonnectApiError {
  static override readonly kind: string = "KonnectUnauthorizedError";
}

/**
 * 403: the token lacks a permission, or a quota is exhausted (permanent: never retried).
 * @example
 * ```ts
 * if (error instanceof KonnectForbiddenError) console.error(error.detail);
 * ```
 */
export class KonnectForbiddenError extends KonnectApiError {
  static override readonly kind: string = "KonnectForbiddenError";
}

/**
 * 404: no such object (or it lives in another region).
 * @example
 * ```ts
 * if (error instanceof KonnectNotFoundError) return undefined;
 * ```
 */
export class KonnectNotFoundError extends KonnectApiError {
  static override readonly kind: string = "KonnectNotFoundError";
}

/**
 * A uniqueness conflict: a control plane name already taken (409), or a core entity whose unique field
 * another entity holds (Konnect answers 400 with a constraint error; `status` keeps the 400).
 * @example
 * ```ts
 * if (error instanceof KonnectConflictError) console.error("already exists:", error.detail);
 * ```
 */
export class KonnectConflictError extends KonnectApiError {
  static override readonly kind: string = "KonnectConflictError";
}

/**
 * 429: the request budget of the organization is spent; thrown after the retries ran out.
 * @example
 * ```ts
 * if (error instanceof KonnectRateLimitError) console.error("retry after", error.retryAfterMs, "ms");
 * ```
 */
export class KonnectRateLimitError extends KonnectApiError {
  static override readonly kind: string = "KonnectRateLimitError";
}

/**
 * 5xx: Konnect failed; thrown after the retries ran out (for the retryable ones).
 * @example
 * ```ts
 * if (error instanceof KonnectServerError) console.error("Konnect is having trouble:", error.status);
 * ```
 */
export class KonnectServerError extends KonnectApiError {
  static override readonly kind: string = "KonnectServerError";
}

const BY_STATUS: Record<number, typeof KonnectApiError> = {
  400: KonnectBadRequestError,
  401: KonnectUnauthorizedError,
  403: KonnectForbiddenError,
  404: KonnectNotFoundError,
  409: KonnectConflictError,
  429: KonnectRateLimitError,
};

/**
 * Builds the right {@link KonnectApiError} subclass for a status.
 * @internal
 */
export function createKonnectApiError(init: KonnectApiErrorInit): KonnectApiError {
  // a uniqueness violation is a conflict whatever the status: core entities answer it with 400 (koko's
  // "data constraint error"), the platform APIs with 409; `status` keeps what the server sent
  const Class = init.conflict ? KonnectConflictError : (BY_STATUS[init.status] ?? (init.status >= 500 ? KonnectServerError : KonnectApiError));
  return new Class(init);
}
