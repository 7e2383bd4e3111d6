import { describe, expect, it } from "vitest";
import { DeployError, ReconcileError } from "../../src/index.js";
import { runSteps } from "../../src/deploy/run-steps.js";
import type { DeployStep } from "../../src/deploy/steps.js";

const step = (name: string, dependsOn: string[] = []): DeployStep => ({ name, operation: name, key: "enable_aws_vault", dependsOn, enabled: () => true });
const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
};

describe("runSteps", () => {
  it("runs independent steps at the same time, dependents after them", async () => {
    const log: string[] = [];
    const b = gate();
    const steps = [step("root"), step("a", ["root"]), step("b", ["root"]), step("last", ["a", "b"])];
    await runSteps(
      steps,
      (s) => s.dependsOn,
      async (s) => {
        log.push(`start ${s.name}`);
        // a waits for b to have started: it can only finish if both run at once
        if (s.name === "a") await b.opened;
        if (s.name === "b") b.open();
        log.push(`end ${s.name}`);
      },
      () => [],
    );
    expect(log.indexOf("start b")).toBeLessThan(log.indexOf("end a"));
    expect(log.indexOf("start last")).toBeGreaterThan(Math.max(log.indexOf("end a"), log.indexOf("end b")));
  });

  it("a failure starts no other step, lets the running ones finish, and reports every write", async () => {
    const started: string[] = [];
    const steps = [step("root"), step("fails", ["root"]), step("slow", ["root"]), step("after", ["fails", "slow"]), step("other", ["slow"])];
    const error = (await runSteps(
      steps,
      (s) => s.dependsOn,
      async (s) => {
        started.push(s.name);
        if (s.name === "fails") throw new ReconcileError("boom", [{ action: "create", kind: "k", key: "half-done", diff: [] }], { cause: new Error("503") });
        if (s.name === "slow") await new Promise((r) => setTimeout(r, 5));
        return s.name;
      },
      (s) => [{ action: "create" as const, kind: "k", key: s.name, diff: [], step: s.name }],
    ).catch((e: unknown) => e)) as DeployError;
    expect(error).toBeInstanceOf(DeployError);
    expect(error.step).toBe("fails");
    expect(started.sort()).toEqual(["fails", "root", "slow"]);
    expect(error.changes.map((c) => `${c.step}:${c.key}`).sort()).toEqual(["fails:half-done", "root:root", "slow:slow"]);
  });
});
