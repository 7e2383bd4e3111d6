// Section of `npm run bench` (bench/index.ts): the client's limiter under continuous demand, on a simulated
// clock (sleeping advances it: minutes of demand take milliseconds, never real minutes). Reports the
// sustained rate, the largest number of starts in any 60 s window (must not exceed the budget) and the
// longest stall between two starts next to the refill interval (must not exceed it), for one client and
// for two clients sharing one token's budget.
import { Limiter } from "../src/konnect/limiter.js";
import { TokenBucket } from "../src/konnect/token-bucket.js";

/** Largest number of starts in any half-open 60 s window [t, t + 60 s). */
export function largestWindow(starts: number[]): number {
  let best = 0;
  for (let i = 0, j = 0; i < starts.length; i++) {
    while (starts[i]! - starts[j]! >= 60_000) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/** Continuous demand on `clients` limiters in turn for `minutes` simulated minutes. */
async function simulate(requestsPerMinute: number, clients: number, minutes: number) {
  const clock = { t: 0 };
  const now = () => clock.t;
  const sleep = async (ms: number) => void (clock.t += ms);
  const bucket = new TokenBucket(requestsPerMinute, now);
  const limiters = Array.from({ length: clients }, () => new Limiter({ maxConcurrency: 5, requestsPerMinute, now, sleep, bucket }));
  const starts: number[] = [];
  for (let i = 0; clock.t < minutes * 60_000; i++) {
    const release = await limiters[i % clients]!.acquire();
    starts.push(clock.t);
    release();
  }
  const gaps = starts.slice(1).map((s, i) => s - starts[i]!);
  // sustained: the starts of the last full minute, once the initial burst is long spent
  const sustained = starts.filter((s) => s >= (minutes - 1) * 60_000 && s < minutes * 60_000).length;
  return { sustained, largest: largestWindow(starts), stall: Math.max(...gaps), refill: limiters[0]!.refillInterval, total: starts.length };
}

/** One markdown table. */
export async function measureLimiter({ minutes }: { minutes: number }): Promise<string[]> {
  const header = ["limiter (simulated clock)", "budget / min", "sustained / min", "largest 60 s window", "within budget", "longest stall (ms)", "refill interval (ms)", "stall <= refill"];
  const out = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const [label, rpm, clients] of [["one client", 2000, 1], ["two clients, one token", 2000, 2], ["one client", 3000, 1]] as const) {
    const r = await simulate(rpm, clients, minutes);
    out.push(`| ${[`${label}, ${minutes} min of demand`, rpm, r.sustained, r.largest, r.largest <= rpm ? "yes" : "NO", r.stall, r.refill, r.stall <= r.refill ? "yes" : "NO"].join(" | ")} |`);
  }
  return out;
}
