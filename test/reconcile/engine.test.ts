import { describe, expect, it } from "vitest";
import { ReconcileError, summarizeChanges, type Change } from "../../src/index.js";
import { diffManaged } from "../../src/reconcile/diff.js";
import { executePlan, type PlannedChange } from "../../src/reconcile/executor.js";

const change = (key: string, action: Change["action"] = "create"): Change => ({ action, kind: "test", key, diff: [] });

describe("diffManaged", () => {
  it("compares only managed fields, treats null as absent, compares sets without order, redacts secrets", () => {
    const actual = { name: "x", description: null, tags: ["b", "a"], config: { region: "us-east-1", role_session_name: "KongVault", password: "old" }, created_at: 1 };
    expect(diffManaged({ name: "x", tags: ["a", "b"], config: { region: "us-east-1" } }, actual, { sets: ["tags"] })).toEqual([]);
    expect(diffManaged({ description: undefined }, actual)).toEqual([]);
    expect(diffManaged({ tags: ["a", "b"] }, actual)).toEqual([{ path: "tags", before: ["b", "a"], after: ["a", "b"] }]); // a list, not a set
    expect(diffManaged({ config: { region: "eu-west-1", password: "new" } }, actual, { secrets: ["config.password"] })).toEqual([
      { path: "config.region", before: "us-east-1", after: "eu-west-1" },
      { path: "config.password", before: "[REDACTED]", after: "[REDACTED]" },
    ]);
    expect(diffManaged({ config: { ttl: 60 } }, undefined)).toEqual([{ path: "config.ttl", after: 60 }]);
  });
});

describe("executePlan", () => {
  it("writes in dependency order with bounded concurrency", async () => {
    const log: string[] = [];
    let inFlight = 0;
    let peak = 0;
    const step = (key: string, after: PlannedChange[] = []): PlannedChange => ({
      change: change(key),
      after,
      apply: async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        log.push(key);
        inFlight--;
      },
    });
    const parent = step("parent");
    const children = ["c1", "c2", "c3", "c4", "c5"].map((k) => step(k, [parent]));
    const noop: PlannedChange = { change: change("same", "noop") };
    const out = await executePlan([...children, noop, parent], { concurrency: 2 });
    expect(log[0]).toBe("parent");
    expect(log.slice(1).sort()).toEqual(["c1", "c2", "c3", "c4", "c5"]);
    expect(peak).toBe(2);
    expect(summarizeChanges(out)).toEqual({ create: 6, update: 0, delete: 0, noop: 1 });
  });

  it("dry run calls no write and returns the same changes", async () => {
    let called = false;
    const planned = [{ change: change("a"), apply: async () => void (called = true) }];
    expect(await executePlan(planned, { dryRun: true })).toEqual([change("a")]);
    expect(called).toBe(false);
  });

  it("stops starting writes after a failure and reports what was written", async () => {
    const done: string[] = [];
    const ok = (key: string): PlannedChange => ({ change: change(key), apply: async () => void done.push(key) });
    const bad: PlannedChange = { change: change("bad"), apply: async () => Promise.reject(new Error("boom")) };
    const child: PlannedChange = { change: change("child"), after: [bad], apply: async () => void done.push("child") };
    const error = await executePlan([ok("a"), bad, child], { concurrency: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReconcileError);
    expect((error as ReconcileError).changes.map((c) => c.key)).toEqual(["a"]);
    expect((error as ReconcileError).cause).toMatchObject({ message: "boom" });
    expect(done).toEqual(["a"]);
  });

  it("sends planned, writing and written events", async () => {
    const events: string[] = [];
    await executePlan([{ change: change("a"), apply: async () => undefined }, { change: change("b", "noop") }], { onEvent: (e) => events.push(`${e.type}:${e.key}`) });
    expect(events).toEqual(["planned:a", "planned:b", "writing:a", "written:a"]);
  });
});

describe("diffManaged with prototype key names", () => {
  it("treats constructor, toString and __proto__ as ordinary keys", () => {
    const desired = JSON.parse('{"labels":{"constructor":"a","toString":"b","__proto__":"c"}}') as Record<string, unknown>;
    expect(diffManaged(desired, { labels: {} })).toEqual([
      { path: "labels.constructor", after: "a" },
      { path: "labels.toString", after: "b" },
      { path: "labels.__proto__", after: "c" },
    ]);
  });
});
