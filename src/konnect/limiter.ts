import { sleep as defaultSleep } from "../internal/sleep.js";
import { TokenBucket } from "./token-bucket.js";

/** Options of the request limiter. @internal */
export interface LimiterOptions {
  maxConcurrency: number;
  requestsPerMinute: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal | null) => Promise<void>;
  /** The per-minute budget, when shared with other clients; a private one otherwise. */
  bucket?: TokenBucket;
}

/**
 * One limiter per client: at most `maxConcurrency` requests in flight, starts spread by a token bucket
 * (steady rate, small burst, at most `requestsPerMinute` in any 60 s window; see {@link TokenBucket}),
 * and a slow-down when the server's `RateLimit-Remaining` / `RateLimit-Reset` headers say the budget is
 * nearly spent. The bucket may be shared by several clients of the same token; concurrency is per client.
 * @internal
 */
export class Limiter {
  private active = 0;
  private readonly queue: Array<() => void> = [];
  private readonly bucket: TokenBucket;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal | null) => Promise<void>;

  constructor(private readonly options: LimiterOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? defaultSleep;
    this.bucket = options.bucket ?? new TokenBucket(options.requestsPerMinute, this.now);
  }

  /** Interval between starts at the steady rate, in ms: the longest a start waits for the budget. */
  get refillInterval(): number {
    return this.bucket.interval;
  }

  /** Requests currently holding a slot. */
  get inFlight(): number {
    return this.active;
  }

  /**
   * A slot and a token at once when both are free and nobody waits (the common case): the function that
   * frees the slot, with no promise on the way; `undefined` means: call {@link acquire}.
   */
  tryAcquire(): (() => void) | undefined {
    if (this.active >= this.options.maxConcurrency || this.queue.length > 0) return undefined;
    if (!this.bucket.tryTake()) return undefined;
    this.active++;
    return this.releaser();
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
      await this.bucket.take(this.sleep, signal);
    } catch (error) {
      this.release();
      throw error;
    }
    return this.releaser();
  }

  /** The function that frees a slot, once however often it is called. */
  private releaser(): () => void {
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
    if (remaining <= 0) this.bucket.pauseUntil(this.now() + reset * 1000);
    else if (remaining < this.options.maxConcurrency) this.bucket.pauseUntil(this.now() + Math.ceil((reset * 1000) / remaining));
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next(); // hand the slot over without decrementing
    else this.active--;
  }
}
