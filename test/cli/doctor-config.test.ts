// `doctor -f`: the configuration (the guide's Terraform variables, read by the deployment layer's
// loadConfig) becomes the doctor's inputs; passwords from it never reach the output.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { DeploymentApi } from "../../src/cli/deployment-api.js";
import { EXIT, runCli, type CliIo } from "../../src/cli/run-cli.js";
import { freePort } from "../redis-server.js";
import { useSandbox } from "../use-sandbox.js";

const { sandbox } = useSandbox();
afterEach(() => vi.unstubAllEnvs());

function io(): { io: CliIo; out: { stdout: string; stderr: string } } {
  const out = { stdout: "", stderr: "" };
  return {
    out,
    io: { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) }, stdin: {}, env: {}, confirm: async () => false, signal: new AbortController().signal },
  };
}

const unused = async () => {
  throw new Error("not called by doctor");
};

describe("konnect-aws doctor -f", () => {
  it("checks what the configuration names, and never prints its passwords", async () => {
    // the AWS SDK's default credential chain reads the process environment
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIASANDBOX000000000");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "sandbox-secret-key");
    sandbox.seedLambdaFunction({ name: "orders-handler", region: "eu-west-1", timeout: 90 });
    const config = {
      konnect_token: sandbox.token,
      konnect_region: "eu",
      aws_region: "eu-west-1",
      aws_lambda_function_name: "orders-handler",
      aws_elasticache_endpoint: "127.0.0.1",
      aws_elasticache_port: await freePort(),
      aws_elasticache_password: "redis-CANARY-secret",
      aws_elasticache_ssl: true,
    };
    const api: DeploymentApi = { loadConfig: () => config, plan: unused, deploy: unused, destroy: unused };
    const { io: cliIo, out } = io();
    expect(await runCli(["doctor", "-f", "konnect-aws.yaml", "--json"], cliIo, api)).toBe(EXIT.error);
    const result = JSON.parse(out.stdout) as { checks: Array<{ name: string; status: string; evidence: string }> };
    const byName = Object.fromEntries(result.checks.map((c) => [c.name, c]));
    expect(byName["konnect.region"]).toMatchObject({ status: "pass", evidence: expect.stringMatching(/^the eu regional server \(https:\/\/eu\.api\.konghq\.com\)/) });
    expect(byName["lambda.exists"]).toMatchObject({ status: "pass" });
    expect(byName["lambda.timeout"]).toMatchObject({ status: "fail", evidence: "the function may run 90 s but the gateway timeout 60000 ms (plugin default) gives up first" });
    expect(byName["elasticache.connection"]).toMatchObject({ status: "fail", evidence: expect.stringMatching(/tcp FAILED: ECONNREFUSED/) });
    expect(out.stdout + out.stderr).not.toContain("CANARY");
    expect(out.stdout + out.stderr).not.toContain(sandbox.token);
  });

  it("says doctor -f needs the deployment layer when this build has none", async () => {
    const { io: cliIo, out } = io();
    expect(await runCli(["doctor", "--var-file", "terraform.tfvars"], cliIo, undefined)).toBe(EXIT.error);
    expect(out.stderr).toMatch(/^Error: doctor -f\/--var-file reads the configuration with loadConfig, which is not available in this build/);
  });
});
