import { describe, expect, it } from "vitest";
import { createKonnectClient, enableAwsVault, ensureControlPlane, runDoctor, type RunDoctorOptions } from "../../src/index.js";
import { createSandbox } from "../../src/testing/index.js";
import { server } from "../setup.js";
import { IAMClient } from "@aws-sdk/client-iam";
import { lambda } from "../sandbox/aws-clients.js";
import { useSandbox } from "../use-sandbox.js";

const { sandbox, konnect, secretsManager } = useSandbox();
const sm = secretsManager("us-east-1");
const DB = { username: "app", password: "db-CANARY-pa55" };

async function setup(): Promise<RunDoctorOptions> {
  const { controlPlane } = await ensureControlPlane({ konnect, name: "payments-prod" });
  const controlPlaneId = controlPlane.id!;
  const { references } = await enableAwsVault({ konnect, controlPlaneId, region: "us-east-1", secrets: { "payments/db": DB }, secretsManager: sm });
  const refs = references["payments/db"] as Record<string, string>;
  // one reference that resolves (password) and one whose key the secret lacks (a typo: "user" for "username")
  await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", {
    params: { path: { controlPlaneId } },
    body: { name: "rate-limiting", config: { minute: 5, policy: "redis", redis: { host: "redis.internal", port: 6379, password: refs.password, username: refs.password!.replace("/password}", "/user}") } } },
  });
  sandbox.seedLambdaFunction({ name: "orders-handler", region: "us-east-1", timeout: 90 });
  return {
    konnect,
    controlPlaneId,
    aws: { region: "us-east-1", secretsManager: sm, lambda: lambda("us-east-1") },
    secrets: [{ name: "payments/db", keys: ["username", "password"] }, { name: "payments/missing" }],
    lambda: { functionName: "orders-handler" },
    dns: {
      domain: "api.example.com",
      expectedTarget: "gw.example.net",
      resolve: async () => ["gw.example.net."],
      probeCertificate: async () => ({ validTo: new Date("2026-01-20T00:00:00Z"), trusted: true, subject: "DNS:api.example.com" }),
    },
    now: () => new Date("2026-01-01T00:00:00Z"),
  };
}

describe("runDoctor's data-plane check", () => {
  it("passes when the data planes are connected and in sync, and names the one that is behind", async () => {
    const { controlPlane } = await ensureControlPlane({ konnect, name: "payments-dp" });
    const controlPlaneId = controlPlane.id!;
    sandbox.connectDataPlane({ controlPlaneId, hostname: "dp-1", version: "3.14.0.0" });
    const now = () => new Date(sandbox.clock.now());
    const ok = await runDoctor({ konnect, controlPlaneId, now });
    expect(ok.checks.find((c) => c.name === "konnect.data-planes")).toMatchObject({ status: "pass", evidence: expect.stringMatching(/^1 data plane\(s\) connected and in sync with [0-9a-f]{12} \(Kong 3\.14\.0\.0\)$/) });
    sandbox.connectDataPlane({ controlPlaneId, hostname: "dp-2", inSync: false });
    const behind = await runDoctor({ konnect, controlPlaneId, now });
    expect(behind.checks.find((c) => c.name === "konnect.data-planes")).toMatchObject({ status: "fail", evidence: expect.stringContaining("1 of 2 connected data plane(s) run another configuration") });
    expect(behind.checks.find((c) => c.name === "konnect.data-planes")!.evidence).toContain("dp-2");
  });
});

describe("runDoctor against the sandbox", () => {
  it("reports each check with its evidence and fix, and never a secret value", async () => {
    const options = await setup();
    sandbox.clearRequests();
    const result = await runDoctor(options);
    const byName = Object.fromEntries(result.checks.map((c) => [c.name, c]));
    expect(result.checks.map((c) => [c.name, c.status])).toEqual([
      ["konnect.token", "pass"],
      ["konnect.region", "pass"],
      ["konnect.control-plane", "pass"],
      ["konnect.data-planes", "fail"],
      ["konnect.data-plane-versions", "skip"],
      ["secrets.readable payments/db", "pass"],
      ["secrets.readable payments/missing", "fail"],
      [expect.stringMatching(/^vault\.reference \{vault:\/\/aws-sm-us-east-1\/payments%252Fdb\/password\}$/), "pass"],
      [expect.stringMatching(/^vault\.reference .*\/user\}$/), "fail"],
      ["elasticache.connection", "skip"],
      ["lambda.exists", "pass"],
      ["lambda.timeout", "fail"],
      ["lambda.invoke-permission", "skip"],
      ["postgres.connection", "skip"],
      ["dns.resolves", "pass"],
      ["dns.certificate", "fail"],
    ]);
    expect(result).toMatchObject({ ok: false, summary: { pass: 7, fail: 5, skip: 4 } });
    expect(byName["konnect.data-planes"]).toMatchObject({ evidence: "no data plane has sent a heartbeat recently (0 known node(s))", fix: expect.stringMatching(/provisionDataPlanes/) });
    expect(byName["secrets.readable payments/missing"]).toMatchObject({ evidence: "payments/missing: ResourceNotFoundException", fix: expect.stringMatching(/create the secret/) });
    expect(result.checks.find((c) => c.name.endsWith("/user}"))!.evidence).toMatch(/has no key user/);
    expect(byName["lambda.timeout"]!.evidence).toBe("the function may run 90 s but the gateway timeout 60000 ms (plugin default) gives up first");
    expect(byName["dns.certificate"]!.evidence).toMatch(/expires in 19 day/);
    expect(JSON.stringify(result)).not.toContain("CANARY");
    // a doctor only reads
    expect(sandbox.writes()).toEqual([]);
  });

  it("reads the aws-lambda plugin's timeout from the control plane", async () => {
    const options = await setup();
    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", {
      params: { path: { controlPlaneId: options.controlPlaneId! } },
      body: { name: "aws-lambda", config: { function_name: "orders-handler", aws_region: "us-east-1", timeout: 120000 } },
    });
    const result = await runDoctor(options);
    expect(result.checks.find((c) => c.name === "lambda.timeout")).toMatchObject({ status: "pass", evidence: "function timeout 90 s fits the aws-lambda plugin's timeout 120000 ms" });
  });

  it("fails the token check on a rejected token, and skips what depends on it", async () => {
    // a sandbox that accepts one token only, asked with another
    const strict = createSandbox({ token: "kpat_RIGHT000000000000000000000000000000000000000000" });
    server.use(...strict.handlers);
    const result = await runDoctor({ konnect: createKonnectClient({ token: "kpat_WRONG0000000000000000000000000000000000000000000", env: {}, retry: { maxRetries: 0 } }) });
    expect(result.checks.slice(0, 3).map((c) => [c.name, c.status])).toEqual([
      ["konnect.token", "fail"],
      ["konnect.region", "skip"],
      ["konnect.control-plane", "skip"],
    ]);
    expect(result.checks[0]!.fix).toMatch(/KONNECT_TOKEN/);
  });

  it("simulates the data planes' role for secret reads and the invoker role for Lambda with IAM", async () => {
    const options = await setup();
    const allow = sandbox.seedIamRole({ name: "kong-dp", policies: [{ Statement: [{ Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "lambda:InvokeFunction"], Resource: "*" }] }] });
    const deny = sandbox.seedIamRole({ name: "other", policies: [{ Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:*:*:secret:unrelated-*" }] }] });
    const iam = new IAMClient({ region: "us-east-1", credentials: { accessKeyId: "AKIASANDBOX000000000", secretAccessKey: "sandbox-secret-key" }, maxAttempts: 1 });
    const secrets = [{ name: "payments/db", keys: ["password"] }];
    const ok = await runDoctor({ ...options, secrets, aws: { ...options.aws!, iam }, dataPlaneRoleArn: allow, lambda: { functionName: "orders-handler", invokerRoleArn: `arn:aws:sts::123456789012:assumed-role/kong-dp/i-0abc` } });
    const byName = (r: typeof ok) => Object.fromEntries(r.checks.map((c) => [c.name, c]));
    expect(byName(ok)["secrets.readable payments/db"]).toMatchObject({ status: "pass", evidence: expect.stringMatching(/^arn:aws:iam::123456789012:role\/kong-dp may GetSecretValue on arn:aws:secretsmanager:us-east-1:123456789012:secret:payments\/db-\w{6} \(IAM policy simulation\)/) });
    expect(byName(ok)["lambda.invoke-permission"]).toMatchObject({ status: "pass" });
    const denied = await runDoctor({ ...options, secrets, aws: { ...options.aws!, iam }, dataPlaneRoleArn: deny, lambda: { functionName: "orders-handler", invokerRoleArn: deny } });
    expect(byName(denied)["secrets.readable payments/db"]).toMatchObject({ status: "fail", evidence: expect.stringMatching(/secretsmanager:GetSecretValue on .* -> implicitDeny$/), fix: expect.stringMatching(/Secrets Manager Access Denied/) });
    expect(byName(denied)["lambda.invoke-permission"]).toMatchObject({ status: "fail", evidence: expect.stringMatching(/lambda:InvokeFunction on arn:aws:lambda:us-east-1:123456789012:function:orders-handler -> implicitDeny$/) });
  });

  it("passes with nothing configured but skips", async () => {
    const result = await runDoctor({});
    expect(result.ok).toBe(true);
    expect(result.summary.fail).toBe(0);
    expect(result.checks.every((c) => c.status === "skip")).toBe(true);
  });
});
