import type { Secret } from "../secret.js";

/** A secret setting: a plain string, or a {@link Secret} (what {@link loadConfig} makes of it). */
export type SecretSetting = string | Secret<string>;

/** One requests-per-window limit of `aws_rate_limits`. */
export interface RateLimitSetting {
  /** Requests allowed in the window. */
  limit: number;
  /** Window length in seconds. */
  window: number;
}

/**
 * The whole deployment in one object. The keys are the variables of the "AWS Deployment Guide for Kong
 * Konnect" with its names (its `terraform.tfvars`), plus the settings the real features need that the
 * guide left out (marked "not in the guide"). Load it from a file with {@link loadConfig}; a hand-made
 * object goes through the same validation in {@link plan}, {@link deploy} and {@link destroy}.
 *
 * Stateless, as decK: the deployment is found again from `control_plane_name` and the ownership marks,
 * so keep this configuration (without its secrets) next to your code.
 *
 * @example
 * ```ts
 * const config: DeploymentConfig = {
 *   control_plane_name: "payments-prod",
 *   konnect_region: "us",
 *   environment: "production",
 *   aws_region: "us-east-1",
 *   enable_aws_vault: true,
 *   aws_cost_center: "engineering",
 *   aws_owner_email: "devops@example.com",
 * };
 * ```
 */
export interface DeploymentConfig {
  // ---- Core (the guide) ----
  /** Konnect personal or system-account token. Prefer `var.konnect_token` with `TF_VAR_konnect_token`, or leave it out to use `KONNECT_TOKEN`. */
  konnect_token?: SecretSetting;
  /** Konnect API server, such as `https://us.api.konghq.com`; must match `konnect_region` when both are given. */
  konnect_server_url?: string;
  /** Konnect region (`us`, `eu`, `au`, `me`, `in`, `sg`). @default "us" */
  konnect_region?: string;
  /** Environment name; becomes the `Environment` cost tag. */
  environment?: string;
  /** The guide's switch for every AWS feature: with `false`, any `enable_aws_*` set to true is an error. @default true */
  aws_deployment?: boolean;
  /** Primary AWS region of every AWS feature. Required once an AWS feature is on. */
  aws_region?: string;
  /** Secondary region for `enable_aws_multi_region`. */
  aws_secondary_region?: string;
  /** Becomes the `CostCenter` cost tag. */
  aws_cost_center?: string;
  /** Becomes the `Owner` cost tag (an AWS tag; not a control-plane label, since Konnect labels refuse '@'). */
  aws_owner_email?: string;
  /** More cost-allocation tags (AWS tags; also control-plane labels where Konnect's label rules allow). */
  aws_tags?: Record<string, string>;
  // ---- Features (the guide) ----
  /** Konnect vault of backend `aws` (Secrets Manager) and the secrets of `aws_vault_secrets`. */
  enable_aws_vault?: boolean;
  /** Secret replicas, Route 53 health checks and failover/latency records in `aws_region` and `aws_secondary_region`. */
  enable_aws_multi_region?: boolean;
  /** Rate limiting with ElastiCache (Redis) as the counter store. */
  enable_aws_elasticache?: boolean;
  /** ElastiCache endpoint host (or give `aws_elasticache_replication_group_id`). */
  aws_elasticache_endpoint?: string;
  /** @default 6379 */
  aws_elasticache_port?: number;
  /** Redis AUTH token; goes to Secrets Manager, the plugin only gets its `{vault://...}` reference. */
  aws_elasticache_password?: SecretSetting;
  /** TLS to Redis. @default true */
  aws_elasticache_ssl?: boolean;
  /** The aws-lambda plugin on `aws_lambda_route` (or `aws_lambda_service`). */
  enable_aws_lambda?: boolean;
  /** Function name or ARN. */
  aws_lambda_function_name?: string;
  /** The role the gateway assumes to invoke the function. */
  aws_lambda_role_arn?: string;
  /** `RequestResponse`, `Event` or `DryRun`. @default "RequestResponse" */
  aws_lambda_invocation_type?: string;
  /** Requests must carry a valid token of the Cognito user pool. */
  enable_aws_cognito?: boolean;
  /** Such as `us-east-1_AbCdEf123`. */
  aws_cognito_user_pool_id?: string;
  /** Must equal the pool id's region when given. */
  aws_cognito_region?: string;
  /**
   * Refused: Kong's `oauth2` plugin needs a database on the data plane and is not offered on Konnect
   * (an {@link UnsupportedFeatureError}). Use `enable_aws_cognito` (openid-connect) instead.
   */
  enable_aws_rds_oauth?: boolean;
  /** RDS PostgreSQL host; with the username and password, stored in Secrets Manager (RDS's secret format) for your own services. */
  aws_rds_endpoint?: string;
  aws_rds_username?: string;
  aws_rds_password?: SecretSetting;
  aws_rds_database?: string;
  /** Log group, alarms and a gateway log path that reaches CloudWatch (`enableObservability`). */
  enable_aws_cloudwatch?: boolean;
  /** Kong's datadog plugin towards `aws_datadog_host` (`enableObservability`). */
  enable_aws_datadog?: boolean;
  /** A custom domain for the gateways (`setupCustomDomain`). Needs `aws_custom_domain` and `aws_hosted_zone_id`. */
  enable_aws_custom_domain?: boolean;
  /** An ACM certificate for the custom domain on your load balancer (`aws_custom_domain_target: "load-balancer"`). */
  enable_aws_acm_cert?: boolean;
  /** Such as `api.example.com`. */
  aws_custom_domain?: string;
  /** Attach a Konnect cloud-gateway network to your Transit Gateway (`connectTransitGateway`). */
  enable_aws_transit_gateway?: boolean;
  /** Such as `tgw-0123456789abcdef0`. */
  aws_transit_gateway_id?: string;
  /** The RAM share of the Transit Gateway with Kong's account. */
  aws_ram_share_arn?: string;
  /** CIDRs of your VPCs that the gateways reach through the Transit Gateway. */
  aws_vpc_cidrs?: string[];
  // ---- Not in the guide ----
  /** Not in the guide (its variables.tf has one with a demo default). The control plane's name: the deployment's identity, so it has no default. */
  control_plane_name?: string;
  /** Not in the guide's tfvars (its variables.tf has it). */
  control_plane_description?: string;
  /** Not in the guide: secrets to keep in Secrets Manager through the vault, by name. */
  aws_vault_secrets?: Record<string, SecretSetting>;
  /** Not in the guide: the limits of the rate-limiting plugin (required with `enable_aws_elasticache`). */
  aws_rate_limits?: RateLimitSetting[];
  /** Not in the guide: discover endpoint, TLS and AUTH from this replication group instead of `aws_elasticache_endpoint`. */
  aws_elasticache_replication_group_id?: string;
  /** Not in the guide: ElastiCache IAM authentication (this ElastiCache user id) instead of a password. */
  aws_elasticache_iam_user_id?: string;
  /** Not in the guide: the route (id or name) whose requests go to the function. It must exist in the control plane. */
  aws_lambda_route?: string;
  /** Not in the guide: the service (id or name) instead of a route. */
  aws_lambda_service?: string;
  /** Not in the guide: app clients whose tokens are accepted (openid-connect). */
  aws_cognito_client_ids?: string[];
  /** Not in the guide: scopes every access token must carry (openid-connect). */
  aws_cognito_scopes?: string[];
  /** Not in the guide: `openid-connect` or `jwt`. @default "openid-connect" */
  aws_cognito_mode?: string;
  /** Not in the guide: name of the RDS credentials secret. @default `konnect-aws/rds/<aws_rds_database or "postgres">` */
  aws_rds_secret_name?: string;
  /** Not in the guide: the name clients use for multi-region routing. @default aws_custom_domain */
  aws_multi_region_domain?: string;
  /** Not in the guide: each region's gateway DNS name (both `aws_region` and `aws_secondary_region`). */
  aws_multi_region_endpoints?: Record<string, string>;
  /** Not in the guide: `failover` (active-passive) or `latency` (active-active). @default "failover" */
  aws_multi_region_mode?: string;
  /** Not in the guide: port of Kong's status listener for the Route 53 health checks of self-hosted gateways. */
  aws_health_check_port?: number;
  /** Not in the guide: health path. @default "/status/ready" */
  aws_health_check_path?: string;
  /** Not in the guide: the Route 53 hosted zone of the custom domain (required with `enable_aws_custom_domain`). */
  aws_hosted_zone_id?: string;
  /** Not in the guide: what the custom domain points to, `cloud-gateway` or `load-balancer`. @default "cloud-gateway" */
  aws_custom_domain_target?: string;
  /** Not in the guide: the load balancer of a `load-balancer` custom domain (ARN), or give its DNS name. */
  aws_load_balancer_arn?: string;
  aws_load_balancer_dns_name?: string;
  /** Not in the guide: the HTTPS listener that gets the ACM certificate. */
  aws_load_balancer_listener_arn?: string;
  /** Not in the guide: run data planes on ECS (`provisionDataPlanes`). */
  enable_aws_data_planes?: boolean;
  /** Not in the guide: data-plane image. */
  aws_data_plane_image?: string;
  /** Not in the guide: ECS cluster of the data planes (names the task definition family and the log group). @default control_plane_name */
  aws_ecs_cluster?: string;
  /** Not in the guide: the data planes' ECS task execution role; with it, the task definition is registered with ECS (give the role the `iamPolicies.execution` the deploy returns). */
  aws_data_plane_execution_role_arn?: string;
  /** Not in the guide: the data planes' ECS task role (Kong's AWS vault reads secrets with it: give it the vault's `iamPolicy`). */
  aws_data_plane_task_role_arn?: string;
  /** Not in the guide: an existing Konnect cloud-gateway network for the Transit Gateway attachment... */
  aws_network_id?: string;
  /** ... or the network to create: its name, availability zones and CIDR block. */
  aws_network_name?: string;
  /** Not in the guide: the AWS region of a network to create, where Dedicated Cloud Gateways are offered (and the Transit Gateway lives). @default aws_region */
  aws_network_region?: string;
  aws_availability_zones?: string[];
  aws_network_cidr?: string;
  /** Not in the guide: route tables that get routes to the gateways' network. */
  aws_route_table_ids?: string[];
  /**
   * Not in the guide: the deployment's one CloudWatch log group, where the data planes' `awslogs` driver
   * writes and observability looks. Created by observability with `enable_aws_cloudwatch`, else by the
   * data planes. @default `/aws/kong/<aws_ecs_cluster or control_plane_name>`
   */
  aws_cloudwatch_log_group?: string;
  /** Not in the guide: days CloudWatch keeps the logs. */
  aws_cloudwatch_retention_days?: number;
  /** Not in the guide (its variables.tf has `datadog_host`): the Datadog agent. */
  aws_datadog_host?: string;
  aws_datadog_port?: number;
  /** Not in the guide: an OpenTelemetry collector (ADOT) that forwards traces to X-Ray. */
  aws_xray_collector_endpoint?: string;
  aws_xray_sample_rate?: number;
}

/** Every key of {@link DeploymentConfig}. */
export type DeploymentConfigKey = keyof DeploymentConfig;
