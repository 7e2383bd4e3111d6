import { beforeAll, describe, expect, it } from "vitest";
import { VERSION } from "../../src/index.js";
import { buildCli, runBinary } from "./built-cli.js";

beforeAll(async () => {
  await buildCli();
}, 120_000);

describe("the konnect-aws binary", () => {
  it("prints its version", async () => {
    const r = await runBinary(["--version"]);
    expect(r).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
  });

  it("prints help with every command", async () => {
    const r = await runBinary(["--help"]);
    expect(r.code).toBe(0);
    for (const c of ["plan", "apply", "destroy", "doctor", "--var-file", "--sandbox", "--no-color"]) expect(r.stdout).toContain(c);
  });

  it("runs doctor --json against the embedded sandbox", async () => {
    const r = await runBinary(["doctor", "--sandbox", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { ok: boolean; summary: Record<string, number>; checks: Array<{ name: string; status: string; evidence: string; fix: string }> };
    expect(Object.keys(result).sort()).toEqual(["checks", "ok", "summary"]);
    for (const c of result.checks) {
      expect(Object.keys(c).sort()).toEqual(["evidence", "fix", "name", "status"]);
      expect(["pass", "fail", "skip"]).toContain(c.status);
    }
    expect(result.checks.map((c) => [c.name, c.status])).toEqual([
      ["konnect.token", "pass"],
      ["konnect.region", "pass"],
      ["konnect.control-plane", "pass"],
      ["konnect.data-planes", "pass"],
      ["konnect.data-plane-versions", "skip"],
      ["secrets.readable konnect-aws/redis", "pass"],
      ["vault.reference {vault://aws-sm-us-east-1/konnect-aws%252Fredis/password}", "pass"],
      ["elasticache.connection", "skip"],
      ["lambda.exists", "pass"],
      ["lambda.timeout", "pass"],
      ["lambda.invoke-permission", "pass"],
      ["postgres.connection", "skip"],
      ["dns.resolves", "skip"],
    ]);
    expect(result).toMatchObject({ ok: true, summary: { pass: 9, fail: 0, skip: 4 } });
    expect(result.checks[5]!.evidence).toMatch(/^arn:aws:iam::123456789012:role\/konnect-aws-sandbox-dp may GetSecretValue on .* \(IAM policy simulation\)/);
    expect(r.stdout).not.toContain("sandbox-redis-pass");
  });

  it("prints doctor as plain text without colours when not on a terminal, and exits 1 when a check fails", async () => {
    const r = await runBinary(["doctor", "--sandbox", "--secret", "konnect-aws/missing"]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain("\u001b[");
    expect(r.stdout).toMatch(/^FAIL {2}secrets\.readable konnect-aws\/missing +konnect-aws\/missing: ResourceNotFoundException$/m);
    expect(r.stdout).toMatch(/^ +fix: create the secret/m);
    expect(r.stdout).toMatch(/^8 passed, 1 failed, 4 skipped\.$/m);
  });

  // each run is its own process, so its own sandbox, empty at start: state does not carry from one run to
  // the next (apply then destroy in one sandbox is in deployment-flows.test.ts, through the same API)
  const tfvars = ["--sandbox", "--var-file", "test/cli/fixtures/terraform.tfvars"];
  const env = { TF_VAR_elasticache_password: "redis-CANARY-pw" };

  it("plan --sandbox prints the README quick start's plan, plain and stable off a terminal", async () => {
    const r = await runBinary(["plan", ...tfvars], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).not.toContain("\u001b[");
    expect(r.stdout).not.toContain("CANARY");
    await expect(r.stdout).toMatchFileSnapshot("./__snapshots__/plan-sandbox.txt");
  });

  it("plan --detailed-exitcode exits 2 when there are changes, and --json prints the machine-readable plan", async () => {
    const r = await runBinary(["plan", ...tfvars, "--detailed-exitcode", "--json"], { env });
    expect(r.code).toBe(2);
    const plan = JSON.parse(r.stdout) as { changes: Array<Record<string, unknown>>; summary: Record<string, number> };
    expect(Object.keys(plan).sort()).toEqual(["changes", "summary"]);
    expect(plan.summary).toEqual({ create: 4, update: 0, delete: 0, noop: 1 });
    for (const c of plan.changes) {
      expect(["create", "update", "delete", "noop"]).toContain(c.action);
      expect(typeof c.kind).toBe("string");
      expect(typeof c.key).toBe("string");
      expect(typeof c.step).toBe("string");
      expect(Array.isArray(c.diff)).toBe(true);
    }
    expect(plan.changes.map((c) => `${c.step as string} ${c.action as string} ${c.kind as string}`)).toEqual([
      "control-plane create konnect.control-plane",
      "vault create konnect.vault",
      "elasticache-rate-limit noop konnect.vault",
      "elasticache-rate-limit create aws.secret",
      "elasticache-rate-limit create konnect.plugin",
    ]);
    expect(r.stdout).not.toContain("CANARY");
  });

  it("apply refuses without --auto-approve when stdin is not a terminal", async () => {
    const r = await runBinary(["apply", ...tfvars], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Plan: 4 to add, 0 to change, 0 to destroy, 1 unchanged\.$/m);
    expect(r.stderr).toMatch(/^Error: refusing to apply without confirmation: stdin is not a terminal\. Pass --auto-approve to apply unattended \(CI\)\.$/m);
    expect(r.stderr).not.toMatch(/^ok /m);
  });

  it("apply --auto-approve applies with one progress line per write", async () => {
    const r = await runBinary(["apply", "--auto-approve", ...tfvars], { env });
    expect(r.code).toBe(0);
    expect(r.stderr.split("\n").filter((l) => l.startsWith("ok "))).toEqual([
      'ok  create konnect.control-plane "payments-prod"',
      'ok  create konnect.vault "aws-sm-us-east-1"',
      'ok  create aws.secret "konnect-aws/redis/master.rl.abc123.use1.cache.amazonaws.com"',
      'ok  create konnect.plugin "rate-limiting-advanced@control-plane"',
    ]);
    expect(r.stderr).toMatch(/^Apply complete: 4 added, 0 changed, 0 destroyed\.$/m);
    expect(r.stderr + r.stdout).not.toContain("CANARY");
  });

  it("destroy --auto-approve in a fresh sandbox finds nothing of ours and writes nothing", async () => {
    const r = await runBinary(["destroy", "--auto-approve", ...tfvars], { env });
    expect(r).toMatchObject({ code: 0, stdout: "", stderr: "No changes. 0 object(s) up to date.\n" });
  });

  it("prints a bad option value as one paragraph, without a stack trace or the token", async () => {
    const r = await runBinary(["doctor", "--konnect-region", "us-east-1"], { env: { KONNECT_TOKEN: "kpat_CANARY0123456789abcdefghijklmnopqrstuvwxyzABCDEF" } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: invalid region: unknown Konnect region "us-east-1"; us-east-1 is an AWS region, not a Konnect region\.\nFix: use one of us, eu, au, me, in, sg\.\nRun with --debug/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr + r.stdout).not.toContain("CANARY");
    const debug = await runBinary(["doctor", "--konnect-region", "us-east-1", "--debug"], { env: { KONNECT_TOKEN: "kpat_CANARY0123456789abcdefghijklmnopqrstuvwxyzABCDEF" } });
    expect(debug.stderr).toMatch(/\n\s+at /);
    expect(debug.stderr).not.toContain("CANARY");
  });

  it("exits 1 on an unknown command or option", async () => {
    const r = await runBinary(["deploy"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown command 'deploy'/);
  });
});
