import type { DeploymentConfigKey } from "./config.js";

/** The type of a setting, in Terraform's words (as a `variable` block declares it). @internal */
export type SettingType = "string" | "bool" | "number" | "list(string)" | "map(string)" | "list(object)";

/** How one setting is typed, and whether its value is a secret. @internal */
export interface SettingSpec {
  type: SettingType;
  /** Secret: never printed; loaded into a Secret; a literal value in a file gets a warning. */
  secret?: boolean;
}

const s = (type: SettingType, secret = false): SettingSpec => (secret ? { type, secret } : { type });

/**
 * Every setting of {@link DeploymentConfig} with its type. The guide's variables first (types as in its
 * variables.tf), then the settings it left out.
 * @internal
 */
export const SETTINGS: Readonly<Record<DeploymentConfigKey, SettingSpec>> = {
  konnect_token: s("string", true),
  konnect_server_url: s("string"),
  konnect_region: s("string"),
  environment: s("string"),
  aws_deployment: s("bool"),
  aws_region: s("string"),
  aws_secondary_region: s("string"),
  aws_cost_center: s("string"),
  aws_owner_email: s("string"),
  aws_tags: s("map(string)"),
  enable_aws_vault: s("bool"),
  enable_aws_multi_region: s("bool"),
  enable_aws_elasticache: s("bool"),
  aws_elasticache_endpoint: s("string"),
  aws_elasticache_port: s("number"),
  aws_elasticache_password: s("string", true),
  aws_elasticache_ssl: s("bool"),
  enable_aws_lambda: s("bool"),
  aws_lambda_function_name: s("string"),
  aws_lambda_role_arn: s("string"),
  aws_lambda_invocation_type: s("string"),
  enable_aws_cognito: s("bool"),
  aws_cognito_user_pool_id: s("string"),
  aws_cognito_region: s("string"),
  enable_aws_rds_oauth: s("bool"),
  aws_rds_endpoint: s("string"),
  aws_rds_username: s("string"),
  aws_rds_password: s("string", true),
  aws_rds_database: s("string"),
  enable_aws_cloudwatch: s("bool"),
  enable_aws_datadog: s("bool"),
  enable_aws_custom_domain: s("bool"),
  enable_aws_acm_cert: s("bool"),
  aws_custom_domain: s("string"),
  enable_aws_transit_gateway: s("bool"),
  aws_transit_gateway_id: s("string"),
  aws_ram_share_arn: s("string"),
  aws_vpc_cidrs: s("list(string)"),
  control_plane_name: s("string"),
  control_plane_description: s("string"),
  aws_vault_secrets: s("map(string)", true),
  aws_rate_limits: s("list(object)"),
  aws_elasticache_replication_group_id: s("string"),
  aws_elasticache_iam_user_id: s("string"),
  aws_lambda_route: s("string"),
  aws_lambda_service: s("string"),
  aws_cognito_client_ids: s("list(string)"),
  aws_cognito_scopes: s("list(string)"),
  aws_cognito_mode: s("string"),
  aws_rds_secret_name: s("string"),
  aws_multi_region_domain: s("string"),
  aws_multi_region_endpoints: s("map(string)"),
  aws_multi_region_mode: s("string"),
  aws_health_check_port: s("number"),
  aws_health_check_path: s("string"),
  aws_hosted_zone_id: s("string"),
  aws_custom_domain_target: s("string"),
  aws_load_balancer_arn: s("string"),
  aws_load_balancer_dns_name: s("string"),
  aws_load_balancer_listener_arn: s("string"),
  enable_aws_data_planes: s("bool"),
  aws_data_plane_image: s("string"),
  aws_ecs_cluster: s("string"),
  aws_data_plane_execution_role_arn: s("string"),
  aws_data_plane_task_role_arn: s("string"),
  aws_network_id: s("string"),
  aws_network_name: s("string"),
  aws_network_region: s("string"),
  aws_availability_zones: s("list(string)"),
  aws_network_cidr: s("string"),
  aws_route_table_ids: s("list(string)"),
  aws_cloudwatch_log_group: s("string"),
  aws_cloudwatch_retention_days: s("number"),
  aws_datadog_host: s("string"),
  aws_datadog_port: s("number"),
  aws_xray_collector_endpoint: s("string"),
  aws_xray_sample_rate: s("number"),
};

/** Every known key. @internal */
export const SETTING_KEYS = Object.keys(SETTINGS) as DeploymentConfigKey[];

/** True for a key of {@link DeploymentConfig}. @internal */
export function isSettingKey(key: string): key is DeploymentConfigKey {
  return Object.hasOwn(SETTINGS, key);
}
