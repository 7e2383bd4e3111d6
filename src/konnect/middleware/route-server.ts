import type { Middleware } from "openapi-fetch";
import { GLOBAL_PATHS } from "../../../generated/servers.js";

const GLOBAL = new Set(GLOBAL_PATHS);

/**
 * openapi-fetch ignores `servers`, so the client's base URL is the regional server and this middleware
 * moves requests for global-only paths (cloud gateways, identity) to the global server.
 * @internal
 */
export function createRouteServerMiddleware(globalServerUrl: string): Middleware {
  const target = new URL(globalServerUrl);
  return {
    onRequest({ request, schemaPath }) {
      if (!GLOBAL.has(schemaPath)) return undefined;
      const url = new URL(request.url);
      if (url.origin === target.origin) return undefined;
      const moved = new URL(url.pathname + url.search, target);
      return new Request(moved, request);
    },
  };
}

/** @internal */
export function isGlobalPath(schemaPath: string): boolean {
  return GLOBAL.has(schemaPath);
}
