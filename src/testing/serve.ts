import { delay } from "msw";
import type { SandboxClock } from "./clock.js";
import { dropConnection } from "./drop-connection.js";
import type { Random } from "./random.js";
import type { FaultOptions, FaultStatus, RequestLogEntry, SandboxService } from "./types.js";

/** What a fake says about a request before answering it. @internal */
export interface Classified {
  operation: string;
  write: boolean;
}

/** The shared plumbing of every fake: request log and fault injection. @internal */
export interface Serve {
  (service: SandboxService, request: Request, classified: Classified, answer: () => Promise<Response> | Response): Promise<Response>;
}

/** @internal */
export interface ServeContext {
  log: RequestLogEntry[];
  clock: SandboxClock;
  random: Random;
  /** Current faults, and the writes admitted since they were set (for `failAfterWrites`). */
  faults: { current: FaultOptions; writes: number };
  /** Builds the answer for an injected status, in the service's own error format. */
  faultBody: (service: SandboxService, status: FaultStatus, retryAfter: number | undefined) => Response;
}

/** @internal */
export function createServe(ctx: ServeContext): Serve {
  return async (service, request, { operation, write }, answer) => {
    const entry: RequestLogEntry = { service, method: request.method, url: request.url, operation, status: 0, write, timestamp: ctx.clock.now() };
    ctx.log.push(entry);
    const f = ctx.faults.current;
    const applies = !f.services || f.services.includes(service);
    if (applies && f.latencyMs) {
      entry.delayMs = f.latencyMs;
      await delay(f.latencyMs);
    }
    if (applies && f.dropRate && ctx.random.next() < f.dropRate) {
      entry.fault = "drop";
      return dropConnection(request);
    }
    if (applies && f.errorRate) {
      for (const [status, rate] of Object.entries(f.errorRate)) {
        if (rate && ctx.random.next() < rate) {
          const code = Number(status) as FaultStatus;
          entry.status = code;
          entry.fault = "status";
          const retryAfter = code === 429 || code === 503 ? (f.retryAfterSeconds ?? 0) : undefined;
          return ctx.faultBody(service, code, retryAfter);
        }
      }
    }
    // Check and count in one synchronous step, before the answer awaits anything: counting after the
    // answer let concurrent writes all pass the check and overshoot the limit.
    const limit = applies && write ? f.failAfterWrites : undefined;
    if (limit !== undefined) {
      if (ctx.faults.writes >= limit) {
        entry.status = 503;
        entry.fault = "fail-after-writes";
        return ctx.faultBody(service, 503, undefined);
      }
      ctx.faults.writes++;
    }
    // A write that fails changed nothing: it gives its place back, unless the faults were replaced (and
    // the count reset) meanwhile.
    const giveBack = () => {
      if (limit !== undefined && ctx.faults.current === f) ctx.faults.writes--;
    };
    let response: Response;
    try {
      response = await answer();
    } catch (error) {
      giveBack();
      throw error;
    }
    entry.status = response.status;
    if (response.status >= 400) giveBack();
    return response;
  };
}
