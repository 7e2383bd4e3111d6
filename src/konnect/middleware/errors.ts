import type { Middleware } from "openapi-fetch";
import { createKonnectApiError } from "../../errors/api-error.js";
import { parseErrorBody } from "../../errors/parse-error-body.js";
import { parseRetryAfter } from "../retry-policy.js";

/**
 * Turns every non-2xx response into a typed {@link KonnectApiError} (thrown), so code above the client
 * never inspects `{ error, response }` pairs. Everything taken from the server passes through `redact`.
 * @internal
 */
export function createErrorMiddleware(redact: (s: string) => string): Middleware {
  return {
    async onResponse({ request, response }) {
      if (response.ok) return undefined;
      const text = await response.text().catch(() => "");
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: keep the text as the detail
      }
      const parsed = parseErrorBody(body);
      const detail = parsed.detail ?? (typeof body === "string" && body ? body.slice(0, 500) : undefined);
      throw createKonnectApiError({
        status: response.status,
        title: redact(parsed.title ?? (response.statusText || `HTTP ${response.status}`)),
        detail: detail === undefined ? undefined : redact(detail),
        invalidParameters: parsed.invalidParameters.map((p) => ({ ...p, field: redact(p.field), reason: redact(p.reason) })),
        requestId: parsed.requestId ?? response.headers.get("x-kong-request-id") ?? response.headers.get("x-request-id") ?? undefined,
        method: request.method,
        url: redact(request.url),
        conflict: response.status === 409 || parsed.constraintViolation,
        retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
      });
    },
  };
}
