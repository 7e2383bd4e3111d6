import type { Middleware } from "openapi-fetch";
import { VERSION } from "../../version.js";

/**
 * Sets `User-Agent: konnect-aws/<version>`, after the caller's own product token when one is given
 * (as octokit's `userAgent` option does), so Konnect can tell our traffic apart.
 * @internal
 */
export function createUserAgentMiddleware(userAgent?: string): Middleware {
  const value = userAgent ? `${userAgent} konnect-aws/${VERSION}` : `konnect-aws/${VERSION}`;
  return {
    onRequest({ request }) {
      request.headers.set("User-Agent", value);
      return request;
    },
  };
}
