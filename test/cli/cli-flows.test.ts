// The CLI's plan/apply/destroy flows in-process (runCli), over real operations against the sandbox
// (vault-deployment.ts): exit codes, --detailed-exitcode, --json, confirmation and its refusal on a
// non-terminal, live progress lines, kept objects, Ctrl-C then a resuming apply.
import { describe, expect, it } from "vitest";
import { EXIT, runCli, type CliIo } from "../../src/cli/run-cli.js";
import { ensureControlPlane, type OperationEvent } from "../../src/index.js";
import { useSandbox } from "../use-sandbox.js";
import { vaultDeploymentApi } from "./vault-deployment.js";

const { sandbox, konnect, secretsManager } = useSandbox();
const sm = secretsManager("us-east-1");

function harness(o: { tty?: boolean; answer?: string; onEvent?: (e: OperationEvent, abort: () => void) => void } = {}) {
  const out = { stdout: "", stderr: "" };
  const controller = new AbortController();
  let controlPlaneId = "";
  const io: CliIo = {
    stdout: { write: (s: string) => (out.stdout += s), isTTY: false },
    stderr: { write: (s: string) => (out.stderr += s), isTTY: false },
    stdin: { isTTY: o.tty ?? false },
    env: {},
    confirm: async (q) => {
      out.stderr += q;
      return o.answer === "yes";
    },
    signal: controller.signal,
  };
  const api = vaultDeploymentApi({ konnect, secretsManager: sm, controlPlaneId: () => controlPlaneId, ...(o.onEvent ? { onEvent: (e) => o.onEvent!(e, () => controller.abort()) } : {}) });
  return {
    out,
    run: async (...argv: string[]) => {
      controlPlaneId ||= (await ensureControlPlane({ konnect, name: "cli-flows" })).controlPlane.id!;
      out.stdout = "";
      out.stderr = "";
      return runCli(argv, io, api);
    },
  };
}

describe("konnect-aws plan / apply / destroy", () => {
  it("plan prints the changes and --detailed-exitcode gives 2, then 0 after apply", async () => {
    const h = harness();
    expect(await h.run("plan", "--var-file", "terraform.tfvars", "--detailed-exitcode")).toBe(EXIT.changes);
    expect(h.out.stdout).toMatch(/^Plan: 3 to add, 0 to change, 0 to destroy\.$/m);
    expect(await h.run("plan", "--var-file", "terraform.tfvars")).toBe(EXIT.ok);
    expect(await h.run("apply", "--auto-approve", "-f", "konnect-aws.yaml")).toBe(EXIT.ok);
    expect(h.out.stderr).toMatch(/^ok {2}create konnect\.vault "aws-sm-us-east-1"$/m);
    expect(h.out.stderr).toMatch(/^Apply complete: 3 added, 0 changed, 0 destroyed\.$/m);
    sandbox.clearRequests();
    expect(await h.run("plan", "--var-file", "terraform.tfvars", "--detailed-exitcode")).toBe(EXIT.ok);
    expect(h.out.stdout).toBe("No changes. 3 object(s) up to date.\n");
    expect(sandbox.writes()).toEqual([]);
    expect(h.out.stdout + h.out.stderr).not.toContain("CANARY");
  });

  it("plan --json prints the machine-readable plan", async () => {
    const h = harness();
    await h.run("plan", "--json", "-f", "konnect-aws.yaml");
    const plan = JSON.parse(h.out.stdout) as { changes: Array<{ action: string; kind: string; key: string }>; summary: Record<string, number> };
    expect(plan.changes.map((c) => [c.action, c.kind, c.key])).toEqual([
      ["create", "konnect.vault", "aws-sm-us-east-1"],
      ["create", "aws.secret", "cli/db"],
      ["create", "aws.secret", "cli/redis"],
    ]);
    expect(plan.summary).toEqual({ create: 3, update: 0, delete: 0, noop: 0 });
    expect(h.out.stdout).not.toContain("CANARY");
  });

  it("apply refuses without --auto-approve when stdin is not a terminal, and writes nothing", async () => {
    const h = harness({ tty: false });
    sandbox.clearRequests();
    const before = sandbox.writes().length;
    expect(await h.run("apply", "-f", "konnect-aws.yaml")).toBe(EXIT.error);
    expect(h.out.stderr).toMatch(/^Error: refusing to apply without confirmation: stdin is not a terminal\. Pass --auto-approve to apply unattended \(CI\)\.$/m);
    expect(sandbox.writes().length - before).toBe(1); // the control plane of the harness, nothing of the plan
  });

  it("apply asks on a terminal and applies only on 'yes'", async () => {
    const no = harness({ tty: true, answer: "no" });
    expect(await no.run("apply", "-f", "konnect-aws.yaml")).toBe(EXIT.error);
    expect(no.out.stderr).toMatch(/Do you want to apply these 3 change\(s\)\?/);
    expect(no.out.stderr).toMatch(/apply cancelled: nothing was changed/);
    const yes = harness({ tty: true, answer: "yes" });
    expect(await yes.run("apply", "-f", "konnect-aws.yaml")).toBe(EXIT.ok);
  });

  it("destroy lists the deletions and what it keeps, then removes ours", async () => {
    const h = harness();
    await h.run("apply", "--auto-approve", "-f", "konnect-aws.yaml");
    expect(await h.run("destroy", "--auto-approve", "-f", "konnect-aws.yaml")).toBe(EXIT.ok);
    expect(h.out.stderr).toMatch(/^ {2}- aws\.secret "cli\/db" \(arn:aws:secretsmanager:us-east-1:123456789012:secret:cli\/db-\w{6}\)\n {6}- value = \(sensitive\)$/m);
    expect(h.out.stderr).toMatch(/^Destroy complete: 0 added, 0 changed, 3 destroyed\.$/m);
    expect(await h.run("destroy", "--auto-approve", "-f", "konnect-aws.yaml")).toBe(EXIT.ok);
    expect(h.out.stderr).toMatch(/^No changes\./m);
  });

  it("Ctrl-C in the middle of an apply stops, says what was written and exits 130; the next apply resumes", async () => {
    let written = 0;
    const h = harness({
      onEvent: (e, abort) => {
        if (e.type === "written" && ++written === 1) abort();
      },
    });
    expect(await h.run("apply", "--auto-approve", "-f", "konnect-aws.yaml")).toBe(EXIT.cancelled);
    expect(h.out.stderr).toMatch(/^Cancelled: 1 change\(s\) were written before the stop: create konnect\.vault aws-sm-us-east-1\. Run apply again to resume\.$/m);
    const resume = harness();
    expect(await resume.run("apply", "--auto-approve", "-f", "konnect-aws.yaml")).toBe(EXIT.ok);
    expect(resume.out.stderr).toMatch(/^Plan: 2 to add, 0 to change, 0 to destroy, 1 unchanged\.$/m);
    sandbox.clearRequests();
    expect(await resume.run("apply", "--auto-approve", "-f", "konnect-aws.yaml")).toBe(EXIT.ok);
    expect(sandbox.writes()).toEqual([]);
  });
});
