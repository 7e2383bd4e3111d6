import { constants } from "node:os";

/**
 * A dropped connection, delivered so that the client's own transport reports it, as in production.
 *
 * msw's `HttpResponse.error()` reaches node:http as `TypeError: Network error` (no `code`) and fetch as
 * `TypeError: Failed to fetch` whose `cause` is the Response: neither is what a reset connection gives,
 * and the AWS SDK does not even retry the first (`@smithy/core` `isTransientError` looks for
 * `ECONNRESET` in `code`). So each transport gets what makes it fail its real way:
 *
 * - node:http (the AWS SDK's `@smithy/node-http-handler`, axios...): an answer whose body fails before
 *   its first byte. `@mswjs/interceptors`' `MockHttpSocket.respondWith` then destroys the socket before
 *   the status line is written, and Node's `_http_client` raises its own `socket hang up` with
 *   `code: "ECONNRESET"`: the same error, from the same code, as a server closing on the client.
 * - fetch (undici): an error thrown in undici's shape, `TypeError: fetch failed` with a `cause` carrying
 *   `code: "ECONNRESET"` (undici `lib/web/fetch/index.js` rejects with
 *   `new TypeError('fetch failed', { cause })`). `@mswjs/interceptors`' `handleRequest` hands a thrown
 *   error to `controller.errorWith` only when it is "Node-like" (`'code' in e && 'errno' in e`), so the
 *   TypeError gets both as non-enumerable `undefined` properties: it reads like undici's (no own `code`
 *   value) and passes that check. msw (2.15) logs such a throw as an "unhandled exception"; no quieter
 *   path lets a fetch reject with a chosen error (msw declined custom network errors, mswjs/msw#2156).
 * @internal
 */
export function dropConnection(request: Request): Response {
  if (isNodeHttp(request)) {
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.error(new Error("connection dropped by the konnect-aws sandbox")),
    });
    return new Response(body, { status: 200 });
  }
  throw fetchFailed();
}

/**
 * Whether msw intercepted this request from node:http. `@mswjs/interceptors` links the Request it builds
 * to the original request object (its public `getRawRequest`, stored under the `kRawRequest` symbol):
 * an `http.ClientRequest` for node:http, the `Request` passed to fetch (or nothing) for fetch. Duck-typed
 * on `OutgoingMessage` methods, as a second copy of node:http (or a ClientRequest subclass) must count.
 */
function isNodeHttp(request: Request): boolean {
  const key = Object.getOwnPropertySymbols(request).find((s) => s.description === "kRawRequest");
  const raw = key ? (Reflect.get(request, key) as Record<string, unknown> | undefined) : undefined;
  return typeof raw?.setHeader === "function" && typeof raw.getHeader === "function" && !(raw instanceof Request);
}

/** undici's error for a connection reset before the answer: `TypeError: fetch failed`, cause `read ECONNRESET`. */
function fetchFailed(): TypeError {
  // errno as libuv reports it on this platform (-104 on Linux, -54 on macOS)
  const cause = Object.assign(new Error("read ECONNRESET"), { errno: -constants.errno.ECONNRESET, code: "ECONNRESET", syscall: "read" });
  const error = new TypeError("fetch failed", { cause });
  for (const key of ["code", "errno"]) Object.defineProperty(error, key, { value: undefined, enumerable: false, configurable: true, writable: true });
  return error;
}
