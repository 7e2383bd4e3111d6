// `doctor -f`: the configuration (the guide's Terraform variables, read by the deployment layer's
// loadConfig) becomes the doctor's inputs; passwords from it never reach the output.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { DeploymentApi } from "../../src/cli/deployment-api.js";
import { doctorInputsFromConfig } from "../../src/cli/doctor-options.js";
import { EXIT, runCli, type CliIo } from "../../src/cli/run-cli.js";
import { ensureControlPlane } from "../../src/index.js";
import { freePort } from "../redis-server.js";
import { useSandbox } from "../use-sandbox.js";

const { sandbox, konnect } = useSandbox();
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

  it("maps the deployment's control plane (by name), its secrets and its roles to the doctor's inputs", async () => {
    const config = {
      control_plane_name: "payments-prod",
      aws_region: "us-east-1",
      aws_vault_secrets: { "kong/api-key": "k-CANARY-1" },
      aws_rds_endpoint: "prod.abc123.us-east-1.rds.amazonaws.com",
      aws_rds_username: "kong",
      aws_rds_password: "rds-CANARY-1",
      enable_aws_elasticache: true,
      aws_elasticache_endpoint: "master.rl.abc123.use1.cache.amazonaws.com",
      aws_elasticache_password: "redis-CANARY-1",
      aws_data_plane_task_role_arn: "arn:aws:iam::123456789012:role/kong-dp-task",
      aws_lambda_role_arn: "arn:aws:iam::123456789012:role/KongLambdaRole",
    };
    const mapped = doctorInputsFromConfig(config, {});
    expect(mapped.controlPlaneName).toBe("payments-prod");
    expect(mapped.flags).toMatchObject({
      secret: ["kong/api-key", "konnect-aws/rds/postgres:engine,host,username,password,dbname", "konnect-aws/redis/master.rl.abc123.use1.cache.amazonaws.com"],
      dataPlaneRole: "arn:aws:iam::123456789012:role/kong-dp-task",
      invokerRole: "arn:aws:iam::123456789012:role/KongLambdaRole",
    });
    // flags given on the command line win
    expect(doctorInputsFromConfig(config, { secret: ["mine"], dataPlaneRole: "arn:aws:iam::123456789012:role/other" }).flags).toMatchObject({ secret: ["mine"], dataPlaneRole: "arn:aws:iam::123456789012:role/other" });

    // and runCli looks the control plane up by its name
    const { controlPlane } = await ensureControlPlane({ konnect, name: "payments-prod" });
    const api: DeploymentApi = { loadConfig: () => ({ konnect_token: sandbox.token, control_plane_name: "payments-prod" }), plan: unused, deploy: unused, destroy: unused };
    const { io: cliIo, out } = io();
    await runCli(["doctor", "-f", "konnect-aws.yaml", "--json"], cliIo, api);
    const result = JSON.parse(out.stdout) as { checks: Array<{ name: string; status: string; evidence: string }> };
    expect(result.checks.find((c) => c.name === "konnect.control-plane")).toMatchObject({ status: "pass", evidence: expect.stringContaining(controlPlane.id!) as string });
  });
});
