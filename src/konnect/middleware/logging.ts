import type { Middleware } from "openapi-fetch";
import type { Logger } from "../logger.js";

/**
 * Logs each request at `debug` and each final response with its duration (`debug` for success,
 * `warn` for an error status). Retries are logged by the retry middleware. The logger is already
 * levelled and redacting; no header is ever logged.
 * @internal
 */
export function createLoggingMiddleware(logger: Logger, now: () => number = Date.now): Middleware {
  const started = new Map<string, number>();
  return {
    onRequest({ request, id }) {
      started.set(id, now());
      logger.debug(`-> ${request.method} ${request.url}`, { requestId: id });
      return undefined;
    },
    onResponse({ request, response, id }) {
      const ms = now() - (started.get(id) ?? now());
      started.delete(id);
      const line = `<- ${response.status} ${request.method} ${request.url} (${ms} ms)`;
      if (response.ok) logger.debug(line, { requestId: id, status: response.status, durationMs: ms });
      else logger.warn(line, { requestId: id, status: response.status, durationMs: ms });
      return undefined;
    },
    onError({ request, error, id }) {
      started.delete(id);
      logger.warn(`<- failed ${request.method} ${request.url}: ${error instanceof Error ? error.message : String(error)}`, { requestId: id });
      return undefined;
    },
  };
}
