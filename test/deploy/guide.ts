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
    aws_network_name: "guide-complete-net",
    // Dedicated Cloud Gateways are offered in fewer regions than AWS has (the sandbox's list: us-east-2, eu-west-1)
    aws_network_region: "us-east-2",
    aws_availability_zones: ["use2-az1", "use2-az2"],
    aws_network_cidr: "192.168.0.0/16",
    aws_datadog_host: "datadog-agent.internal",
    aws_custom_domain_target: "load-balancer",
    // multi-region routing gets its own name: the load-balancer custom domain owns api.example.com's records
    aws_multi_region_domain: "global.example.com",
    enable_aws_data_planes: true,
    aws_cloudwatch_retention_days: 30,
  },
};

/**
 * What the complete example's AWS features need to exist beforehand (the user's own objects, seeded in
 * the sandbox): an ALB with an HTTPS listener (its default certificate for another name), the Transit
 * Gateway and a VPC route table in us-east-2 (its VPC attached to the transit gateway), and the data planes' two ECS roles. Returns the settings
 * that name them (the guide's `tgw-xxxxx` placeholder replaced).
 */
export function seedComplete(sandbox: Sandbox): Record<string, unknown> {
  const legacy = sandbox.seedIssuedCertificate({ domainName: "legacy.example.org" });
  const lb = sandbox.seedLoadBalancer({ name: "kong-dp", listeners: [{ port: 443, protocol: "HTTPS", certificateArn: legacy }] });
  const tgw = sandbox.seedTransitGateway({ region: "us-east-2", autoAccept: false });
  const rtb = sandbox.seedRouteTable({ region: "us-east-2", vpcCidr: "10.0.0.0/16" });
  sandbox.seedVpcAttachment({ transitGatewayId: tgw, vpcId: sandbox.state.ec2.routeTables.get(rtb)!.vpcId });
  const execution = sandbox.seedIamRole({ name: "kong-dp-execution" });
  const task = sandbox.seedIamRole({ name: "kong-dp-task" });
  const zone = [...sandbox.state.route53.hostedZones.entries()].find(([, z]) => z.name === "example.com.")!;
  return {
    aws_hosted_zone_id: zone[0].replace(/^\/hostedzone\//, ""),
    aws_load_balancer_arn: lb.loadBalancerArn,
    aws_load_balancer_listener_arn: lb.listenerArns[0],
    aws_transit_gateway_id: tgw,
    aws_route_table_ids: [rtb],
    aws_data_plane_execution_role_arn: execution,
    aws_data_plane_task_role_arn: task,
  };
}

/** The complete example without the features of issues #14-#17 (data planes, custom domain, Transit Gateway, observability). */
export const WITHOUT_NEW_FEATURES = { enable_aws_custom_domain: false, enable_aws_acm_cert: false, enable_aws_cloudwatch: false, enable_aws_datadog: false, enable_aws_transit_gateway: false, enable_aws_data_planes: false };

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
