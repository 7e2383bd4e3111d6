// The guide's tfvars snippets (test/deploy/fixtures, verbatim) and what each needs to deploy: the
// settings the guide leaves out and real values for its placeholders.
import { fileURLToPath } from "node:url";
import type { DeploymentConfig } from "../../src/index.js";
import { parseConfigFile } from "../../src/deploy/parse-config-file.js";
import type { Sandbox } from "../../src/testing/index.js";

export const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** TF_VAR_ values for the guide's `var.` references. */
export const GUIDE_ENV = { TF_VAR_elasticache_password: "redis-auth-1", TF_VAR_rds_password: "rds-pass-1" };

/** What the guide's snippets lack, per snippet (placeholders replaced, missing settings added). */
export const FILL: Record<string, Partial<DeploymentConfig> & Record<string, unknown>> = {
  "quick-start-1-basic.tfvars": { control_plane_name: "guide-basic", konnect_token: undefined, aws_vault_secrets: { "kong/api-key": "k-1" } },
  "quick-start-2-multi-region.tfvars": {
    control_plane_name: "guide-multi",
    konnect_token: undefined,
    aws_vault_secrets: { "kong/api-key": "k-1" },
    aws_multi_region_domain: "api.example.com",
    aws_multi_region_endpoints: { "us-east-1": "gw-use1.example.net", "us-west-2": "gw-usw2.example.net" },
    aws_health_check_port: 8100,
  },
  "quick-start-3-elasticache.tfvars": { control_plane_name: "guide-redis", aws_region: "us-east-1", enable_aws_vault: true, aws_elasticache_endpoint: "master.prod.abc123.use1.cache.amazonaws.com", aws_rate_limits: [{ limit: 100, window: 60 }] },
  "quick-start-4-lambda.tfvars": { control_plane_name: "guide-lambda", aws_region: "us-east-1", aws_lambda_role_arn: "arn:aws:iam::123456789012:role/KongLambdaRole", aws_lambda_route: "orders" },
  "quick-start-5-cognito.tfvars": { control_plane_name: "guide-cognito", aws_region: "us-east-1", aws_cognito_user_pool_id: "us-east-1_Guide1234" },
  "complete-aws-deployment.tfvars": {
    control_plane_name: "guide-complete",
    konnect_token: undefined,
    aws_elasticache_endpoint: "master.prod.abc123.use1.cache.amazonaws.com",
    aws_rate_limits: [{ limit: 1000, window: 60 }],
    // refused with an UnsupportedFeatureError; the credentials still go to Secrets Manager
    enable_aws_rds_oauth: false,
    aws_rds_endpoint: "prod.abc123.us-east-1.rds.amazonaws.com",
    aws_multi_region_endpoints: { "us-east-1": "gw-use1.example.net", "us-west-2": "gw-usw2.example.net" },
    aws_health_check_port: 8100,
    aws_transit_gateway_id: "tgw-0123456789abcdef0",
    aws_network_id: "11111111-2222-4333-8444-555555555555",
    aws_datadog_host: "datadog-agent.internal",
  },
};

/** The operations not on this branch yet (issues #14-#17), turned off. */
export const WITHOUT_UNWIRED = { enable_aws_custom_domain: false, enable_aws_acm_cert: false, enable_aws_cloudwatch: false, enable_aws_datadog: false, enable_aws_transit_gateway: false };

/** A snippet with its fill, as an object for loadConfig (undefined entries removed). */
export async function filled(name: string, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const raw = await parseConfigFile(fixture(name));
  return Object.fromEntries(Object.entries({ ...raw, ...FILL[name], ...extra }).filter(([, v]) => v !== undefined));
}

/** What the guide's deployments expect to exist: the hosted zone of api.example.com, the Lambda function, the user pool. */
export function seedGuide(sandbox: Sandbox): void {
  sandbox.seedHostedZone({ name: "example.com" });
  sandbox.seedLambdaFunction({ name: "api-processor", region: "us-east-1", timeout: 15 });
  sandbox.seedUserPool({ id: "us-east-1_Guide1234", clients: ["guideclient1"] });
}
