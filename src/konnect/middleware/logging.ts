import type { Middleware } from "openapi-fetch";
import type { LevelledLogger } from "../logger.js";

/**
 * Logs each request at `debug` and each final response with its duration (`debug` for success,
 * `warn` for an error status). Retries are logged by the retry middleware. The logger is already
 * levelled and redacting; no header is ever logged. `undefined` when the logger writes neither level.
 * @internal
 */
export function createLoggingMiddleware(logger: LevelledLogger, now: () => number = Date.now): Middleware | undefined {
  // Nothing would be written (no logger, or only errors): no per-request work at all.
  if (!logger.enabled("warn")) return undefined;
  const debug = logger.enabled("debug");
  const started = new Map<string, number>();
  return {
    onRequest({ request, id }) {
      started.set(id, now());
      if (debug) logger.debug(`-> ${request.method} ${request.url}`, { requestId: id });
      return undefined;
    },
    onResponse({ request, response, id }) {
      const ms = now() - (started.get(id) ?? now());
      started.delete(id);
      const line = `<- ${response.status} ${request.method} ${request.url} (${ms} ms)`;
      if (response.ok) {
        if (debug) logger.debug(line, { requestId: id, status: response.status, durationMs: ms });
      } else logger.warn(line, { requestId: id, status: response.status, durationMs: ms });
      return undefined;
    },
    onError({ request, error, id }) {
      started.delete(id);
      logger.warn(`<- failed ${request.method} ${request.url}: ${error instanceof Error ? error.message : String(error)}`, { requestId: id });
      return undefined;
    },
  };
}
