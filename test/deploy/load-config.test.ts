import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, InvalidConfigError, UnsupportedFeatureError, isConfigError, loadConfig, type DeploymentConfig } from "../../src/index.js";
import { parseConfigFile } from "../../src/deploy/parse-config-file.js";
import { fixture, GUIDE_ENV } from "./guide.js";

const dir = mkdtempSync(join(tmpdir(), "konnect-aws-config-"));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const reveal = (v: unknown) => (v as { reveal(): string }).reveal();

describe("the guide's tfvars snippets", () => {
  it("parses every snippet with HashiCorp's HCL parser, values as the guide writes them", async () => {
    expect(await parseConfigFile(fixture("quick-start-1-basic.tfvars"))).toEqual({
      konnect_token: "kpat_YOUR_TOKEN",
      konnect_server_url: "https://us.api.konghq.com",
      konnect_region: "us",
      environment: "production",
      aws_deployment: true,
      aws_region: "us-east-1",
      enable_aws_vault: true,
      aws_cost_center: "engineering",
      aws_owner_email: "devops@example.com",
    });
    expect(await parseConfigFile(fixture("quick-start-3-elasticache.tfvars"))).toMatchObject({ aws_elasticache_port: 6379, aws_elasticache_ssl: true });
    const complete = await parseConfigFile(fixture("complete-aws-deployment.tfvars"));
    expect(complete).toMatchObject({ aws_elasticache_password: "${var.elasticache_password}", aws_rds_password: "${var.rds_password}", aws_vpc_cidrs: ["10.0.0.0/16"] });
    expect(Object.keys(complete)).toHaveLength(27);
  });

  it("resolves var.NAME from TF_VAR_NAME, wraps secrets, and warns nothing for them", async () => {
    const config = await loadConfig({ ...(await parseConfigFile(fixture("quick-start-3-elasticache.tfvars"))), aws_elasticache_password: "${var.elasticache_password}", control_plane_name: "cp-1", aws_region: "us-east-1", enable_aws_vault: true, aws_elasticache_endpoint: "master.rl.abc123.use1.cache.amazonaws.com", aws_rate_limits: [{ limit: 10, window: 60 }] }, { env: GUIDE_ENV });
    expect(reveal(config.aws_elasticache_password)).toBe("redis-auth-1");
    expect(JSON.stringify(config)).not.toContain("redis-auth-1");
  });

  it("a missing TF_VAR_ is a ConfigError naming the key and the variable, with every other problem of the file", async () => {
    const error = await loadConfig(fixture("complete-aws-deployment.tfvars"), { env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidConfigError);
    const problems = (error as InvalidConfigError).problems;
    const by = (field: string) => problems.find((p) => p.field === field);
    expect(by("aws_elasticache_password")?.problem).toContain("TF_VAR_elasticache_password is not set");
    expect(by("aws_rds_password")?.problem).toContain("TF_VAR_rds_password is not set");
    // the guide's own example: oauth2 on RDS is refused with its reason, source and alternative
    expect(by("enable_aws_rds_oauth")).toBeInstanceOf(UnsupportedFeatureError);
    expect(by("enable_aws_rds_oauth")).toMatchObject({ alternative: expect.stringContaining("openid-connect with Cognito") as string, source: expect.stringContaining("can't be used in Konnect") as string });
    expect(by("control_plane_name")?.problem).toContain("missing");
    expect(by("aws_transit_gateway_id")?.problem).toContain("placeholder");
    expect(by("aws_elasticache_endpoint")?.problem).toContain("placeholder");
    expect(by("aws_hosted_zone_id")?.problem).toContain("hosted zone");
    expect(by("aws_rate_limits")).toBeDefined();
    // one line per key in the message
    expect((error as Error).message.split("\n").filter((l) => l.startsWith("  - ")).length).toBe(problems.length);
  });

  it("reports the placeholders of the quick starts", async () => {
    const lambda = (await loadConfig(fixture("quick-start-4-lambda.tfvars"), { env: {} }).catch((e: unknown) => e)) as InvalidConfigError;
    expect(lambda.problems.map((p) => p.field)).toEqual(expect.arrayContaining(["aws_lambda_role_arn", "aws_lambda_route", "control_plane_name", "aws_region"]));
    const cognito = (await loadConfig(fixture("quick-start-5-cognito.tfvars"), { env: {} }).catch((e: unknown) => e)) as InvalidConfigError;
    expect(cognito.problems.find((p) => p.field === "aws_cognito_user_pool_id")?.problem).toContain("placeholder");
  });
});

describe("loadConfig formats", () => {
  const expected: DeploymentConfig = { control_plane_name: "cp-1", aws_region: "us-east-1", enable_aws_vault: true, aws_tags: { Team: "payments" }, aws_vpc_cidrs: ["10.0.0.0/16"] };
  it("reads .tfvars, .json and .yaml to the same configuration", async () => {
    const hcl = write("a.tfvars", 'control_plane_name = "cp-1"\naws_region = "us-east-1"\nenable_aws_vault = true\naws_tags = { Team = "payments" }\naws_vpc_cidrs = ["10.0.0.0/16"]\n');
    const json = write("a.tfvars.json", JSON.stringify(expected));
    const yaml = write("a.yaml", "control_plane_name: cp-1\naws_region: us-east-1\nenable_aws_vault: true\naws_tags:\n  Team: payments\naws_vpc_cidrs:\n  - 10.0.0.0/16\n");
    for (const path of [hcl, json, yaml]) expect(await loadConfig(path, { env: {} })).toEqual(expected);
  });

  it("coerces TF_VAR_ values to the setting's type, as Terraform does", async () => {
    const path = write("b.tfvars", 'control_plane_name = "cp-1"\naws_region = var.region\nenable_aws_vault = var.vault\naws_vpc_cidrs = var.cidrs\naws_health_check_port = var.port\n');
    const c = await loadConfig(path, { env: { TF_VAR_region: "us-east-1", TF_VAR_vault: "true", TF_VAR_cidrs: '["10.0.0.0/16"]', TF_VAR_port: "8100" } });
    expect(c).toMatchObject({ aws_region: "us-east-1", enable_aws_vault: true, aws_vpc_cidrs: ["10.0.0.0/16"], aws_health_check_port: 8100 });
  });

  it("refuses syntax errors, other expressions and unknown extensions with a ConfigError", async () => {
    await expect(loadConfig(write("bad.tfvars", "a = = 1\n"), { env: {} })).rejects.toMatchObject({ name: "ConfigError", field: "path", problem: expect.stringContaining("not valid HCL") as string });
    await expect(loadConfig(write("expr.tfvars", 'control_plane_name = upper("x")\n'), { env: {} })).rejects.toMatchObject({ field: "control_plane_name", problem: expect.stringContaining("Terraform expression") as string });
    await expect(loadConfig(write("c.toml", "a = 1"), { env: {} })).rejects.toBeInstanceOf(ConfigError);
    await expect(loadConfig(join(dir, "missing.tfvars"), { env: {} })).rejects.toMatchObject({ field: "path", problem: expect.stringContaining("ENOENT") as string });
  });

  it("a single problem is thrown as itself, not wrapped", async () => {
    const error = await loadConfig({ control_plane_name: "cp-1", aws_region: "us-east-1", enable_aws_rds_oauth: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedFeatureError);
    expect(isConfigError(error)).toBe(true);
    expect((error as Error).message).toContain("enable_aws_rds_oauth");
  });
});
