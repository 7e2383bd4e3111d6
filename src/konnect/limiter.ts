import { sleep as defaultSleep } from "../internal/sleep.js";

/** Options of the request limiter. @internal */
export interface LimiterOptions {
  maxConcurrency: number;
  requestsPerMinute: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal | null) => Promise<void>;
}

const WINDOW_MS = 60_000;

/**
 * One limiter per client: at most `maxConcurrency` requests in flight, at most `requestsPerMinute`
 * started in any sliding minute, and a slow-down when the server's `RateLimit-Remaining` /
 * `RateLimit-Reset` headers say the budget is nearly spent.
 * @internal
 */
export class Limiter {
  private active = 0;
  private readonly queue: Array<() => void> = [];
  private readonly starts: number[] = [];
  private pausedUntil = 0;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal | null) => Promise<void>;

  constructor(private readonly options: LimiterOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** Requests currently holding a slot. */
  get inFlight(): number {
    return this.active;
  }

  /** Waits for a slot and for the budget; resolves to the function that frees the slot. */
  async acquire(signal?: AbortSignal | null): Promise<() => void> {
    if (this.active >= this.options.maxConcurrency) {
      await new Promise<void>((resolve, reject) => {
        const wake = () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        };
        const onAbort = () => {
          const i = this.queue.indexOf(wake);
          if (i >= 0) this.queue.splice(i, 1);
          reject(signal?.reason);
        };
        this.queue.push(wake);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    } else {
      this.active++;
    }
    try {
      await this.waitForBudget(signal);
    } catch (error) {
      this.release();
      throw error;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release();
    };
  }

  /** Reads the server's rate-limit headers after a response. */
  observe(headers: Headers): void {
    const remaining = Number(headers.get("ratelimit-remaining"));
    const reset = Number(headers.get("ratelimit-reset"));
    if (!headers.has("ratelimit-remaining") || !Number.isFinite(remaining) || !Number.isFinite(reset)) return;
    // With fewer requests left than could be in flight at once, spread the rest over the reset window;
    // with none left, hold every request until the window resets.
    if (remaining <= 0) this.pausedUntil = Math.max(this.pausedUntil, this.now() + reset * 1000);
    else if (remaining < this.options.maxConcurrency) {
      this.pausedUntil = Math.max(this.pausedUntil, this.now() + Math.ceil((reset * 1000) / remaining));
    }
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next(); // hand the slot over without decrementing
    else this.active--;
  }

  private async waitForBudget(signal?: AbortSignal | null): Promise<void> {
    for (;;) {
      const now = this.now();
      while (this.starts.length && this.starts[0]! <= now - WINDOW_MS) this.starts.shift();
      let wait = this.pausedUntil - now;
      if (this.starts.length >= this.options.requestsPerMinute) wait = Math.max(wait, this.starts[0]! + WINDOW_MS - now);
      if (wait <= 0) {
        this.starts.push(now);
        return;
      }
      await this.sleep(wait, signal);
    }
  }
}
