import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/index.js";
import { reconcileResources } from "../../src/reconcile/reconcile-resources.js";
import type { Resource } from "../../src/reconcile/resource.js";

/** An in-memory object store and resources over it: enough to watch what the engine plans and writes. */
function world(initial: Record<string, { owned: boolean }>) {
  const objects = new Map(Object.entries(initial));
  const log: string[] = [];
  const resource = (key: string, extra: Partial<Resource> = {}): Resource => ({
    kind: "test.thing",
    key,
    mark: "the test tag",
    field: key,
    async observe() {
      const o = objects.get(key);
      return o ? { exists: true, id: `id-${key}`, owned: o.owned, diff: [] } : { exists: false, owned: false, diff: [{ path: "key", after: key }] };
    },
    async create() {
      log.push(`create ${key}`);
      objects.set(key, { owned: true });
      return `id-${key}`;
    },
    async update() {
      log.push(`update ${key}`);
    },
    async delete() {
      await new Promise((r) => setTimeout(r, 1));
      log.push(`delete ${key}`);
      objects.delete(key);
    },
    ...extra,
  });
  return { objects, log, resource };
}

describe("reconcileResources: resources declared absent (apply mode)", () => {
  it("deletes an absent resource that exists and is ours; keeps one that is not ours, even with adopt; plans nothing for one that is gone", async () => {
    const w = world({ stale: { owned: true }, theirs: { owned: false } });
    const resources = [w.resource("wanted"), w.resource("stale", { absent: true }), w.resource("theirs", { absent: true }), w.resource("gone", { absent: true })];
    for (const adopt of [false, true]) {
      const dry = await reconcileResources(resources, { mode: "apply", dryRun: true, adopt });
      expect(dry.changes.map((c) => [c.action, c.key, c.id])).toEqual([
        ["create", "wanted", undefined],
        ["delete", "stale", "id-stale"],
      ]);
      expect(dry.kept).toEqual([{ kind: "test.thing", key: "theirs", id: "id-theirs", reason: "it lacks the test tag: konnect-aws did not create it" }]);
      expect(w.log).toEqual([]);
    }
    const res = await reconcileResources(resources, { mode: "apply" });
    expect(res.changes.map((c) => `${c.action} ${c.key}`)).toEqual(["create wanted", "delete stale"]);
    expect(w.log.sort()).toEqual(["create wanted", "delete stale"]);
    expect([...w.objects.keys()].sort()).toEqual(["theirs", "wanted"]);
    // converged: a second run writes nothing
    w.log.length = 0;
    const again = await reconcileResources(resources, { mode: "apply" });
    expect(again.changes.map((c) => c.action)).toEqual(["noop"]);
    expect(w.log).toEqual([]);
  });

  it("never refuses an absent resource that lacks the mark (a present one is refused before any write)", async () => {
    const w = world({ theirs: { owned: false } });
    await expect(reconcileResources([w.resource("new"), w.resource("theirs", { absent: true })], { mode: "apply" })).resolves.toMatchObject({ kept: [{ key: "theirs" }] });
    w.log.length = 0;
    w.objects.delete("new");
    await expect(reconcileResources([w.resource("new"), w.resource("theirs")], { mode: "apply" })).rejects.toBeInstanceOf(ConfigError);
    expect(w.log).toEqual([]);
  });

  it("deletes an absent resource after the writes of the resources that depend on it, not before its own dependencies", async () => {
    const w = world({ old: { owned: true }, parent: { owned: true } });
    const parent = w.resource("parent", { async observe() {
      return { exists: true, id: "id-parent", owned: true, diff: [{ path: "x", before: 1, after: 2 }] };
    } });
    const old = w.resource("old", { absent: true, dependsOn: [parent] });
    // "user" moves off "old": it must be written before "old" goes
    const user = w.resource("user", { dependsOn: [old, parent], async update() {
      await new Promise((r) => setTimeout(r, 5));
      w.log.push("update user");
    }, async observe() {
      return { exists: true, id: "id-user", owned: true, diff: [{ path: "ref", before: "old", after: "new" }] };
    } });
    const res = await reconcileResources([user, old, parent], { mode: "apply", concurrency: 4 });
    expect(w.log.indexOf("update user")).toBeLessThan(w.log.indexOf("delete old"));
    expect(w.log.indexOf("update parent")).toBeLessThan(w.log.indexOf("update user"));
    // listed as they run: the removal after the writes it waits for
    expect(res.changes.map((c) => `${c.action} ${c.key}`)).toEqual(["update parent", "update user", "delete old"]);
  });

  it("a teardown ignores the flag: every declared resource that is ours is deleted", async () => {
    const w = world({ a: { owned: true }, b: { owned: true } });
    const res = await reconcileResources([w.resource("a"), w.resource("b", { absent: true })], { mode: "teardown" });
    expect(res.changes.map((c) => `${c.action} ${c.key}`).sort()).toEqual(["delete a", "delete b"]);
    expect(w.objects.size).toBe(0);
  });
});
