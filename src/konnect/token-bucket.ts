import { nodeCrypto } from "../internal/node-crypto.js";

type Sleep = (ms: number, signal?: AbortSignal | null) => Promise<void>;

const WINDOW_MS = 60_000;
/** Burst asked for before rounding: twice the default concurrency, so a fresh client's first parallel batch does not wait. */
const MIN_BURST = 10;
/** Upper bound of the burst, reached only above 60,000 requests a minute where whole-ms refills force a coarse grain. */
const MAX_BURST = 100;

/**
 * Shape of a bucket for a per-minute budget. The refill interval is a whole number of milliseconds so
 * that grant times are exact integers (float drift could otherwise slip one grant into a window at its
 * very edge). Rounding the interval up loses a little sustained rate, which the burst gives back: the
 * burst is the largest that keeps any 60 s window within the budget, since a full bucket followed by
 * steady refills grants `burst + ceil(60000 / refillMs) - 1` starts in a window. At the default 2,000 a
 * minute: one start every 31 ms and a burst of 65.
 * @internal
 */
export function bucketShape(requestsPerMinute: number): { refillMs: number; burst: number } {
  const refillMs = Math.ceil(WINDOW_MS / Math.max(1, requestsPerMinute - MIN_BURST + 1));
  const burst = Math.max(1, Math.min(MAX_BURST, requestsPerMinute + 1 - Math.ceil(WINDOW_MS / refillMs)));
  return { refillMs, burst };
}

/**
 * A token bucket in its GCRA form: one number, the time at which the bucket would be full again
 * (`fullAt`). A start is allowed while `fullAt` is at most `(burst - 1) * refillMs` ahead of now; each
 * start pushes it one refill interval further. Waits are served one at a time, in arrival order, so no
 * single sleep is longer than one refill interval (besides a server-imposed pause).
 * @internal
 */
export class TokenBucket {
  private refillMs: number;
  private burst: number;
  private requestsPerMinute: number;
  private fullAt = -Infinity;
  private pausedUntil = -Infinity;
  /** Settles when the previous waiter has its token: the queue of budget waits. */
  private turn: Promise<void> = Promise.resolve();
  /** Callers inside {@link take} (queued or sleeping): while any, {@link tryTake} must not overtake them. */
  private waiting = 0;

  constructor(
    requestsPerMinute: number,
    private readonly now: () => number,
  ) {
    this.requestsPerMinute = requestsPerMinute;
    ({ refillMs: this.refillMs, burst: this.burst } = bucketShape(requestsPerMinute));
  }

  /** The interval between starts at the steady rate, in ms. */
  get interval(): number {
    return this.refillMs;
  }

  /** Clients sharing the bucket may ask for different budgets: the smallest wins, it is the safe one. */
  lowerTo(requestsPerMinute: number): void {
    if (requestsPerMinute >= this.requestsPerMinute) return;
    this.requestsPerMinute = requestsPerMinute;
    ({ refillMs: this.refillMs, burst: this.burst } = bucketShape(requestsPerMinute));
  }

  /** Holds every start until `until` (ms since the epoch of `now`); a later pause wins. */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /**
   * Takes a token at once when one is free and nobody is waiting for one: the happy path of every
   * request, without a promise. `false` means: call {@link take}.
   */
  tryTake(): boolean {
    if (this.waiting > 0) return false;
    const now = this.now();
    if (this.pausedUntil > now || this.fullAt - (this.burst - 1) * this.refillMs > now) return false;
    this.fullAt = Math.max(this.fullAt, now) + this.refillMs;
    return true;
  }

  /** Waits for a token, in turn; rejects with the signal's reason when it aborts first. */
  async take(sleep: Sleep, signal?: AbortSignal | null): Promise<void> {
    this.waiting++;
    try {
      await this.takeInTurn(sleep, signal);
    } finally {
      this.waiting--;
    }
  }

  private async takeInTurn(sleep: Sleep, signal?: AbortSignal | null): Promise<void> {
    const previous = this.turn;
    let done!: () => void;
    this.turn = new Promise<void>((resolve) => (done = resolve));
    try {
      await waitOrAbort(previous, signal);
    } catch (error) {
      // Leaving the queue early must not let the next waiter overtake the one still ahead of us.
      void previous.then(done);
      throw error;
    }
    try {
      for (;;) {
        const now = this.now();
        const wait = Math.max(this.pausedUntil - now, this.fullAt - (this.burst - 1) * this.refillMs - now);
        if (wait <= 0) {
          this.fullAt = Math.max(this.fullAt, now) + this.refillMs;
          return;
        }
        await sleep(Math.ceil(wait), signal);
      }
    } finally {
      done();
    }
  }
}

function waitOrAbort(promise: Promise<void>, signal?: AbortSignal | null): Promise<void> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    void promise.then(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    });
  });
}

/**
 * Buckets shared by the clients of this process, per clock (a client with an injected test clock never
 * shares with one on the real clock) and per SHA-256 of token and server URL: the budget belongs to the
 * token on that server, and the token itself is never kept as a key. Entries are a few numbers each and
 * live as long as the process.
 */
const shared = new WeakMap<() => number, Map<string, TokenBucket>>();

/**
 * The bucket of a token on a server, shared with every other client of this process that uses the same
 * token, server and clock.
 * @internal
 */
export function sharedBucket(token: string, serverUrl: string, requestsPerMinute: number, now: () => number): TokenBucket {
  let buckets = shared.get(now);
  if (!buckets) shared.set(now, (buckets = new Map()));
  const key = nodeCrypto().createHash("sha256").update(`${serverUrl}\n${token}`).digest("hex");
  const existing = buckets.get(key);
  if (existing) {
    existing.lowerTo(requestsPerMinute);
    return existing;
  }
  const bucket = new TokenBucket(requestsPerMinute, now);
  buckets.set(key, bucket);
  return bucket;
}
