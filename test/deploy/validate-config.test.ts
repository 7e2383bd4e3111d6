import { describe, expect, it } from "vitest";
import { ConfigError, InvalidConfigError, UnsupportedFeatureError, validateConfig, type DeploymentConfig } from "../../src/index.js";
import { editDistance, suggest } from "../../src/deploy/edit-distance.js";
import { SETTING_KEYS } from "../../src/deploy/config-keys.js";

const problemsOf = (config: unknown) => {
  try {
    validateConfig(config as DeploymentConfig);
  } catch (error) {
    if (error instanceof InvalidConfigError) return error.problems;
    if (error instanceof ConfigError) return [error];
    throw error;
  }
  return [];
};
const fields = (config: unknown) => problemsOf(config).map((p) => p.field);

describe("validateConfig", () => {
  it("reports unknown keys (with did you mean) and wrong types all at once, one line per key", () => {
    const config = { control_plane_name: "cp-1", enable_aws_vualt: true, aws_regoin: "us-east-1", aws_elasticache_port: "6379", aws_vpc_cidrs: "10.0.0.0/16", enable_aws_lambda: "yes", portal_name: "x" };
    const problems = problemsOf(config);
    expect(problems.map((p) => [p.field, p.problem])).toEqual([
      ["enable_aws_vualt", "unknown setting (did you mean enable_aws_vault?)"],
      ["aws_regoin", "unknown setting (did you mean aws_region?)"],
      ["aws_elasticache_port", 'expected a number, got a string ("6379")'],
      ["aws_vpc_cidrs", 'expected a list of strings, got a string ("10.0.0.0/16")'],
      ["enable_aws_lambda", 'expected true or false, got a string ("yes")'],
      ["portal_name", "unknown setting"],
    ]);
    let message = "";
    try {
      validateConfig(config as unknown as DeploymentConfig);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split("\n").filter((l) => l.startsWith("  - "))).toHaveLength(6);
  });

  it("reports every combination that cannot work, naming the key", () => {
    const problems = fields({
      control_plane_name: "cp-1",
      aws_region: "us-east-1",
      enable_aws_vault: true,
      // ElastiCache without a password or IAM auth, and without limits
      enable_aws_elasticache: true,
      aws_elasticache_endpoint: "master.rl.abc123.use1.cache.amazonaws.com",
      // a custom domain without a hosted zone
      enable_aws_custom_domain: true,
      aws_custom_domain: "api.example.com",
      // multi-region without a secondary region
      enable_aws_multi_region: true,
      aws_multi_region_endpoints: { "us-east-1": "gw.example.net" },
      aws_health_check_port: 8100,
      // oauth2 on RDS
      enable_aws_rds_oauth: true,
    });
    expect(problems).toEqual(expect.arrayContaining(["aws_elasticache_password", "aws_rate_limits", "aws_hosted_zone_id", "aws_secondary_region", "enable_aws_rds_oauth"]));
  });

  it("refuses enable_aws_rds_oauth with an UnsupportedFeatureError citing Kong's docs and naming openid-connect with Cognito", () => {
    const [p] = problemsOf({ control_plane_name: "cp-1", aws_region: "us-east-1", enable_aws_rds_oauth: true });
    expect(p).toBeInstanceOf(UnsupportedFeatureError);
    const e = p as UnsupportedFeatureError;
    expect(e.source).toContain("https://developer.konghq.com/plugins/oauth2/");
    expect(e.alternative).toBe("openid-connect with Cognito as the authorization server (client-credentials flow)");
    expect(e.fix).toContain("enable_aws_cognito");
    expect(e.fix).toContain("Secrets Manager");
  });

  it("accepts RDS credentials without oauth2: they go to Secrets Manager through the vault", () => {
    expect(fields({ control_plane_name: "cp-1", aws_region: "us-east-1", enable_aws_vault: true, aws_rds_endpoint: "db.abc123.us-east-1.rds.amazonaws.com", aws_rds_username: "kong", aws_rds_password: "p" })).toEqual([]);
    expect(fields({ control_plane_name: "cp-1", aws_region: "us-east-1", aws_rds_endpoint: "db.abc123.us-east-1.rds.amazonaws.com", aws_rds_username: "kong" })).toEqual(["aws_rds_password", "aws_rds_endpoint"]);
  });

  it("checks regions, the Konnect server, and aws_deployment = false", () => {
    expect(fields({ control_plane_name: "cp-1", konnect_region: "eu", konnect_server_url: "https://us.api.konghq.com", aws_region: "us-east-9x", enable_aws_vault: true })).toEqual(["konnect_server_url", "aws_region"]);
    expect(fields({ control_plane_name: "cp-1", aws_deployment: false, aws_region: "us-east-1", enable_aws_vault: true })).toEqual(["enable_aws_vault"]);
    expect(fields({ enable_aws_vault: true })).toEqual(["control_plane_name", "aws_region"]);
  });

  it("never echoes a secret value in its messages", () => {
    const problems = problemsOf({ control_plane_name: "cp-1", konnect_token: 12345678, aws_elasticache_password: ["hunter2-secret"] });
    expect(problems.map((p) => p.field)).toEqual(["konnect_token", "aws_elasticache_password"]);
    expect(JSON.stringify(problems.map((p) => p.message))).not.toContain("hunter2");
    expect(JSON.stringify(problems.map((p) => p.message))).not.toContain("12345678");
  });
});

describe("did you mean", () => {
  it("is a Levenshtein distance with a typo-sized limit", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(suggest("enable_aws_cognitio", SETTING_KEYS)).toBe("enable_aws_cognito");
    expect(suggest("aws_elasticache_pasword", SETTING_KEYS)).toBe("aws_elasticache_password");
    expect(suggest("something_else", SETTING_KEYS)).toBeUndefined();
  });
});

describe("the operations' own checks run before any request", () => {
  it("a setting an operation refuses fails plan up front, named after its key", async () => {
    const { plan } = await import("../../src/index.js");
    const { createKonnectClient } = await import("../../src/index.js");
    const konnect = createKonnectClient({ token: "kpat_" + "a".repeat(40), env: {} });
    // 8 cost tags: the multi-region health checks can carry at most 7 of them (Route 53 allows 10 tags, 3 are ours)
    const config: DeploymentConfig = {
      control_plane_name: "cp-1",
      aws_region: "us-east-1",
      aws_secondary_region: "us-west-2",
      enable_aws_vault: true,
      enable_aws_multi_region: true,
      aws_multi_region_domain: "api.example.com",
      aws_multi_region_endpoints: { "us-east-1": "a.example.net", "us-west-2": "b.example.net" },
      aws_health_check_port: 8100,
      aws_tags: Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`T${i}`, "x"])),
    };
    const error = (await plan(config, { konnect }).catch((e: unknown) => e)) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.field).toMatch(/^enable_aws_multi_region \(setupMultiRegion option tags/);
  });
});
