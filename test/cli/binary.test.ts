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
      ["konnect.data-planes", "skip"],
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
    expect(result).toMatchObject({ ok: true, summary: { pass: 8, fail: 0, skip: 5 } });
    expect(result.checks[5]!.evidence).toMatch(/^arn:aws:iam::123456789012:role\/konnect-aws-sandbox-dp may GetSecretValue on .* \(IAM policy simulation\)/);
    expect(r.stdout).not.toContain("sandbox-redis-pass");
  });

  it("prints doctor as plain text without colours when not on a terminal, and exits 1 when a check fails", async () => {
    const r = await runBinary(["doctor", "--sandbox", "--secret", "konnect-aws/missing"]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain("\u001b[");
    expect(r.stdout).toMatch(/^FAIL {2}secrets\.readable konnect-aws\/missing +konnect-aws\/missing: ResourceNotFoundException$/m);
    expect(r.stdout).toMatch(/^ +fix: create the secret/m);
    expect(r.stdout).toMatch(/^7 passed, 1 failed, 5 skipped\.$/m);
  });

  it("refuses plan, apply and destroy with a clear paragraph while the deployment layer is not in this build", async () => {
    for (const verb of ["plan", "apply", "destroy"]) {
      const r = await runBinary([verb, "--var-file", "terraform.tfvars"]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe("Error: plan, apply and destroy are not available in this build: the deployment layer (loadConfig, plan, deploy, destroy) is not part of it yet. `konnect-aws doctor` works.\nRun with --debug for the full cause chain.\n");
    }
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
