import type { Middleware } from "openapi-fetch";

/**
 * Sends the token as a bearer credential (every Konnect API declares HTTP bearer auth).
 * @internal
 */
export function createAuthMiddleware(token: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${token}`);
      return request;
    },
  };
}
