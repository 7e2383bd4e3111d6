import { describe, expect, it } from "vitest";
import { executePlan, type PlannedChange } from "../../src/reconcile/executor.js";
import { bucketShape, TokenBucket } from "../../src/konnect/token-bucket.js";

const change = (key: string): PlannedChange["change"] => ({ action: "create", kind: "test", key, diff: [] });

describe("writes that need only a dependency's id (afterId)", () => {
  it("start once the dependency reported its id, before the rest of its write", async () => {
    const log: string[] = [];
    let finishTagging!: () => void;
    const tagged = new Promise<void>((r) => (finishTagging = r));
    const check: PlannedChange = {
      change: change("check"),
      apply: async (progress) => {
        log.push("create check");
        progress.wrote("hc-1");
        await tagged; // the tagging, still under way
        log.push("tag check");
      },
    };
    const records: PlannedChange = {
      change: change("records"),
      afterId: [check],
      apply: async () => {
        log.push(`records with ${check.change.id}`);
        finishTagging();
      },
    };
    await executePlan([check, records]);
    expect(log).toEqual(["create check", "records with hc-1", "tag check"]);
  });

  it("never start when the dependency failed before telling its id", async () => {
    let ran = false;
    const check: PlannedChange = { change: change("check"), apply: () => Promise.reject(new Error("CreateHealthCheck failed")) };
    const records: PlannedChange = { change: change("records"), afterId: [check], apply: async () => void (ran = true) };
    await expect(executePlan([check, records])).rejects.toThrow("CreateHealthCheck failed");
    expect(ran).toBe(false);
  });
});

describe("TokenBucket.tryTake", () => {
  it("grants at once while tokens are free, and never overtakes a waiter", async () => {
    let now = 0;
    const bucket = new TokenBucket(2, () => now);
    for (let i = 0; i < bucketShape(2).burst; i++) expect(bucket.tryTake()).toBe(true); // the burst
    expect(bucket.tryTake()).toBe(false); // then nothing until the next refill
    let waiterGot = false;
    const waiter = bucket.take(async (ms) => void (now += ms)).then(() => (waiterGot = true));
    expect(bucket.tryTake()).toBe(false); // a waiter is queued: the fast path steps aside
    await waiter;
    expect(waiterGot).toBe(true);
  });
});
