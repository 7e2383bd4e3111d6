/**
 * Where konnect-aws writes its diagnostics. `console` fits; so do pino and winston loggers.
 * Every line passes through redaction first: no token or secret reaches a logger.
 *
 * @example
 * ```ts
 * import { createKonnectClient } from "konnect-aws";
 * const konnect = createKonnectClient({ logger: console, logLevel: "debug" });
 * ```
 */
export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

/** Log levels, most verbose first; `off` silences everything. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "off";

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, off: 4 };

/** A levelled logger that also tells whether a level reaches the underlying logger. @internal */
export interface LevelledLogger extends Logger {
  /** Whether lines at `level` are written (false for every level without a logger). */
  enabled(level: Exclude<LogLevel, "off">): boolean;
}

/**
 * Wraps a logger so that lines below `level` are dropped and every message and string meta value is
 * redacted.
 * @internal
 */
export function createLevelledLogger(logger: Logger | undefined, level: LogLevel, redact: (s: string) => string): LevelledLogger {
  const make = (l: Exclude<LogLevel, "off">) => (message: string, meta?: Record<string, unknown>) => {
    if (!logger || RANK[l] < RANK[level]) return;
    const safeMeta = meta
      ? Object.fromEntries(Object.entries(meta).map(([k, v]) => [k, typeof v === "string" ? redact(v) : v]))
      : undefined;
    logger[l](redact(message), ...(safeMeta ? [safeMeta] : []));
  };
  const enabled = (l: Exclude<LogLevel, "off">) => logger !== undefined && RANK[l] >= RANK[level];
  return { debug: make("debug"), info: make("info"), warn: make("warn"), error: make("error"), enabled };
}
