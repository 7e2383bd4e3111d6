import { describe, expect, it } from "vitest";
import { Limiter } from "../../src/konnect/limiter.js";
import { bucketShape, sharedBucket } from "../../src/konnect/token-bucket.js";
import { largestWindow } from "../../bench/limiter.js";

/** A virtual clock: sleeping advances it, and every sleep is recorded. */
function virtualClock() {
  const clock = { t: 0, waits: [] as number[], now: () => clock.t, sleep: async (ms: number) => void (clock.waits.push(ms), (clock.t += ms)) };
  return clock;
}

/** Continuous demand: one request after another until `untilMs`, recording each start. */
async function demand(limiter: Limiter, clock: ReturnType<typeof virtualClock>, untilMs: number, starts: number[]) {
  while (clock.t < untilMs) {
    const release = await limiter.acquire();
    starts.push(clock.t);
    release();
  }
}

describe("token bucket", () => {
  it.each([2000, 3000, 60, 2, 1])("over 3 minutes of continuous demand at %i a minute: no window above the budget, no wait above one refill", async (rpm) => {
    const clock = virtualClock();
    const limiter = new Limiter({ maxConcurrency: 5, requestsPerMinute: rpm, now: clock.now, sleep: clock.sleep });
    const starts: number[] = [];
    await demand(limiter, clock, 180_000, starts);
    expect(largestWindow(starts)).toBeLessThanOrEqual(rpm);
    expect(Math.max(...clock.waits)).toBeLessThanOrEqual(limiter.refillInterval);
    expect(limiter.refillInterval).toBeLessThanOrEqual(Math.ceil(60_000 / Math.max(1, rpm - 9)));
    // Still close to the budget: the whole-ms refill and the burst's share cost at most 10 starts or 5%.
    const lastMinute = starts.filter((s) => s >= 120_000).length;
    expect(lastMinute).toBeGreaterThanOrEqual(Math.floor(Math.min(rpm - 10, rpm * 0.95)));
  });

  it("no longer bursts the whole budget then stalls for most of a minute", async () => {
    const clock = virtualClock();
    const limiter = new Limiter({ maxConcurrency: 5, requestsPerMinute: 2000, now: clock.now, sleep: clock.sleep });
    const starts: number[] = [];
    await demand(limiter, clock, 60_000, starts);
    const { burst } = bucketShape(2000);
    expect(starts.filter((s) => s === 0)).toHaveLength(burst); // a small burst ...
    expect(burst).toBeLessThanOrEqual(100);
    const gaps = starts.slice(1).map((s, i) => s - starts[i]!);
    expect(Math.max(...gaps)).toBe(31); // ... then one start every 31 ms, never a 56 s stall
  });

  it("serves waiters in turn, each sleeping at most one refill interval", async () => {
    const clock = virtualClock();
    const limiter = new Limiter({ maxConcurrency: 20, requestsPerMinute: 60, now: clock.now, sleep: clock.sleep });
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 20 }, async () => (await limiter.acquire(), starts.push(clock.t))));
    expect(Math.max(...clock.waits)).toBeLessThanOrEqual(limiter.refillInterval);
    expect(largestWindow(starts)).toBeLessThanOrEqual(60);
  });

  it("two clients of the same token and server share one budget", async () => {
    const clock = virtualClock();
    const make = (token: string) => new Limiter({ maxConcurrency: 5, requestsPerMinute: 120, now: clock.now, sleep: clock.sleep, bucket: sharedBucket(token, "https://us.api.konghq.com", 120, clock.now) });
    const a = make("kpat_A");
    const b = make("kpat_A");
    const other = make("kpat_B");
    const starts: number[] = [];
    while (clock.t < 180_000) {
      for (const limiter of [a, b]) {
        (await limiter.acquire())();
        starts.push(clock.t);
      }
    }
    expect(largestWindow(starts)).toBeLessThanOrEqual(120); // together, not 120 each
    const before = clock.t;
    (await other.acquire())();
    expect(clock.t).toBe(before); // another token has a budget of its own
  });

  it("a later client asking for a smaller budget lowers the shared one", () => {
    const now = () => 0;
    const first = sharedBucket("kpat_C", "https://eu.api.konghq.com", 2000, now);
    const second = sharedBucket("kpat_C", "https://eu.api.konghq.com", 600, now);
    expect(second).toBe(first);
    expect(first.interval).toBe(bucketShape(600).refillMs);
  });
});
