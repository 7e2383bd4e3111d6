import { nodeCrypto } from "../internal/node-crypto.js";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { Route53Client } from "@aws-sdk/client-route-53";
import type { ElastiCacheClient } from "@aws-sdk/client-elasticache";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import type { WaitOptions } from "../aws/route53.js";
import type { KonnectClient } from "../konnect/create-konnect-client.js";
import type { AttachElastiCacheRateLimitOptions } from "../operations/attach-elasticache-rate-limit.js";
import type { AttachLambdaOptions } from "../operations/attach-lambda.js";
import type { ConfigureCognitoJwtOptions } from "../operations/configure-cognito-jwt.js";
import { checkLabels } from "../operations/cost-tags.js";
import type { EnableAwsVaultOptions, SecretValue } from "../operations/enable-aws-vault.js";
import type { EnsureControlPlaneOptions } from "../operations/ensure-control-plane.js";
import type { OperationOptions } from "../operations/operation-options.js";
import type { SetupMultiRegionOptions } from "../operations/setup-multi-region.js";
import type { ACMClient } from "@aws-sdk/client-acm";
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { ECSClient } from "@aws-sdk/client-ecs";
import type { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import type { RAMClient } from "@aws-sdk/client-ram";
import type { PolicyDocument } from "../aws/iam-policies.js";
import type { SetupCustomDomainOptions } from "../operations/custom-domain-options.js";
import { slug, type ProvisionDataPlanesOptions } from "../operations/data-plane-options.js";
import type { DisconnectTransitGatewayOptions } from "../operations/disconnect-transit-gateway.js";
import type { EnableObservabilityOptions } from "../operations/observability-options.js";
import { isSecret, secret, type Secret } from "../secret.js";
import type { DeploymentConfig, SecretSetting } from "./config.js";

/**
 * AWS clients for {@link deploy} and {@link destroy}. @default clients from the default credential chain,
 * one per service and region, created by each operation
 *
 * @example
 * ```ts
 * import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
 * const aws: DeployAwsClients = { secretsManager: (region) => new SecretsManagerClient({ region }) };
 * ```
 */
export interface DeployAwsClients {
  secretsManager?: (region: string) => SecretsManagerClient;
  route53?: Route53Client;
  elastiCache?: ElastiCacheClient;
  lambda?: LambdaClient;
  /** ECS, for the data planes' task definition (region `aws_region`). */
  ecs?: ECSClient;
  /** CloudWatch Logs, for the deployment's log group (region `aws_region`). */
  cloudWatchLogs?: CloudWatchLogsClient;
  /** CloudWatch, for the alarms (region `aws_region`). */
  cloudWatch?: CloudWatchClient;
  /** ACM, for the custom domain's certificate: one client, or one per region. */
  acm?: ACMClient | ((region: string) => ACMClient);
  /** ELBv2, for the custom domain's load balancer (region `aws_region`). */
  elbv2?: ElasticLoadBalancingV2Client;
  /** EC2 and RAM, for the Transit Gateway attachment (the network's region: `aws_network_region` or `aws_region`). */
  ec2?: EC2Client;
  ram?: RAMClient;
}

/** What every step's options are built from. @internal */
export interface StepContext {
  config: DeploymentConfig;
  konnect: KonnectClient;
  /** The control plane's id, or PENDING_CONTROL_PLANE_ID in a dry run that creates it. */
  controlPlaneId: string;
  aws: DeployAwsClients;
  common: Omit<OperationOptions, "konnect">;
  /** What the steps that finished returned (their outputs), by step name: the data planes read the vault's policy. */
  outputs?: Record<string, Record<string, unknown>>;
  /** Route 53 INSYNC waits of multi-region (and the custom domain's and Transit Gateway's waits). */
  wait?: boolean | WaitOptions | undefined;
}

const reveal = (v: SecretSetting): string => (isSecret(v) ? (v.reveal() as string) : v);
const asSecret = (v: SecretSetting): Secret<string> => (isSecret(v) ? (v as Secret<string>) : secret(v));

/** The guide's cost-allocation tags: Environment, CostCenter and Owner from their variables, then aws_tags. @internal */
export function awsTags(c: DeploymentConfig): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (c.environment !== undefined) out.Environment = c.environment;
  if (c.aws_cost_center !== undefined) out.CostCenter = c.aws_cost_center;
  if (c.aws_owner_email !== undefined) out.Owner = c.aws_owner_email;
  return Object.assign(out, c.aws_tags ?? {});
}

/** The cost tags Konnect's label rules allow, and a warning for each one they do not. @internal */
export function controlPlaneLabels(c: DeploymentConfig): { labels: Record<string, string>; warnings: string[] } {
  const labels: Record<string, string> = {};
  const warnings: string[] = [];
  for (const [k, v] of Object.entries(awsTags(c))) {
    try {
      checkLabels({ [k]: v }, "labels");
      labels[k] = v;
    } catch (error) {
      warnings.push(`cost tag ${k} is an AWS tag only, not a control-plane label: ${(error as Error).message}`);
    }
  }
  return { labels, warnings };
}

/** True when the custom domain is a Konnect (Dedicated Cloud Gateway) one. @internal */
export const cloudGatewayDomain = (c: DeploymentConfig) => c.enable_aws_custom_domain === true && (c.aws_custom_domain_target ?? "cloud-gateway") === "cloud-gateway";

/**
 * The control plane: a Dedicated Cloud Gateway one (`cloud_gateway: true`, fixed once created) when the
 * custom domain targets `cloud-gateway`, since Konnect custom domains belong to such control planes; no
 * other setting asks for one.
 */
export function controlPlaneOptions(ctx: StepContext): EnsureControlPlaneOptions {
  const c = ctx.config;
  return { ...ctx.common, konnect: ctx.konnect, name: c.control_plane_name!, ...(c.control_plane_description !== undefined ? { description: c.control_plane_description } : {}), labels: controlPlaneLabels(c).labels, ...(cloudGatewayDomain(c) ? { cloudGateway: true } : {}) };
}

const multiRegion = (c: DeploymentConfig) => c.enable_aws_multi_region === true;

/** Name of the RDS credentials secret. @internal */
export const rdsSecretName = (c: DeploymentConfig) => c.aws_rds_secret_name ?? `konnect-aws/rds/${c.aws_rds_database ?? "postgres"}`;

/** Name of the Redis password secret (attachElastiCacheRateLimit's own default, made explicit so multi-region can replicate it). @internal */
export const redisSecretName = (c: DeploymentConfig) => `konnect-aws/redis/${c.aws_elasticache_replication_group_id ?? c.aws_elasticache_endpoint}`;

export function vaultOptions(ctx: StepContext): EnableAwsVaultOptions {
  const c = ctx.config;
  const secrets: Record<string, SecretValue> = Object.create(null) as Record<string, SecretValue>;
  for (const [name, v] of Object.entries(c.aws_vault_secrets ?? {})) secrets[name] = asSecret(v);
  if (c.aws_rds_endpoint !== undefined && c.aws_rds_username !== undefined && c.aws_rds_password !== undefined) {
    // RDS's own secret format (AWS Secrets Manager User Guide, "JSON structure of database credentials
    // secrets", Amazon RDS PostgreSQL): engine, host, username, password, dbname; port left out, as it
    // defaults to 5432 there and enableAwsVault keeps flat string values only
    secrets[rdsSecretName(c)] = secret({ engine: "postgres", host: c.aws_rds_endpoint, username: c.aws_rds_username, password: reveal(c.aws_rds_password), dbname: c.aws_rds_database ?? "postgres" });
  }
  return {
    ...ctx.common,
    konnect: ctx.konnect,
    controlPlaneId: ctx.controlPlaneId,
    region: c.aws_region!,
    secrets,
    tags: awsTags(c),
    ...(multiRegion(c) ? { referenceForm: "aws-backend" as const } : {}),
    ...(ctx.aws.secretsManager ? { secretsManager: ctx.aws.secretsManager(c.aws_region!) } : {}),
  };
}

export function elastiCacheOptions(ctx: StepContext): AttachElastiCacheRateLimitOptions {
  const c = ctx.config;
  return {
    ...ctx.common,
    konnect: ctx.konnect,
    controlPlaneId: ctx.controlPlaneId,
    redis: {
      ...(c.aws_elasticache_endpoint !== undefined ? { host: c.aws_elasticache_endpoint } : { replicationGroupId: c.aws_elasticache_replication_group_id! }),
      ...(c.aws_elasticache_port !== undefined ? { port: c.aws_elasticache_port } : {}),
      ...(c.aws_elasticache_password !== undefined ? { password: asSecret(c.aws_elasticache_password) } : {}),
      ...(c.aws_elasticache_ssl !== undefined ? { tls: c.aws_elasticache_ssl } : {}),
      ...(c.aws_elasticache_iam_user_id !== undefined ? { iamAuth: { userId: c.aws_elasticache_iam_user_id } } : {}),
    },
    limits: (c.aws_rate_limits ?? []).map((l) => ({ limit: l.limit, window: l.window })),
    awsRegion: c.aws_region!,
    passwordSecretName: redisSecretName(c),
    // the operation's default namespace hashes the control-plane id, unknown in a plan that creates it
    namespace: `konnect-aws-${nodeCrypto().createHash("sha256").update(c.control_plane_name!).digest("hex").slice(0, 16)}`,
    ...(multiRegion(c) ? { referenceForm: "aws-backend" as const } : {}),
    ...(ctx.aws.elastiCache ? { elastiCache: ctx.aws.elastiCache } : {}),
    ...(ctx.aws.secretsManager ? { secretsManager: ctx.aws.secretsManager(c.aws_region!) } : {}),
  };
}

export function cognitoOptions(ctx: StepContext): ConfigureCognitoJwtOptions {
  const c = ctx.config;
  return {
    ...ctx.common,
    konnect: ctx.konnect,
    controlPlaneId: ctx.controlPlaneId,
    userPoolId: c.aws_cognito_user_pool_id!,
    ...(c.aws_cognito_region !== undefined ? { region: c.aws_cognito_region } : {}),
    ...(c.aws_cognito_client_ids?.length ? { clientIds: c.aws_cognito_client_ids } : {}),
    ...(c.aws_cognito_scopes?.length ? { requiredScopes: c.aws_cognito_scopes } : {}),
    ...(c.aws_cognito_mode !== undefined ? { mode: c.aws_cognito_mode as "openid-connect" | "jwt" } : {}),
  };
}

export function lambdaOptions(ctx: StepContext): AttachLambdaOptions {
  const c = ctx.config;
  const name = c.aws_lambda_function_name!;
  return {
    ...ctx.common,
    konnect: ctx.konnect,
    controlPlaneId: ctx.controlPlaneId,
    functionName: name,
    // an ARN carries its region (and wins); a bare name lives in aws_region
    ...(name.startsWith("arn:") ? {} : { region: c.aws_region! }),
    ...(c.aws_lambda_role_arn !== undefined ? { assumeRoleArn: c.aws_lambda_role_arn } : {}),
    ...(c.aws_lambda_invocation_type !== undefined ? { invocationType: c.aws_lambda_invocation_type as AttachLambdaOptions["invocationType"] } : {}),
    ...(c.aws_lambda_route !== undefined ? { routeId: c.aws_lambda_route } : { serviceId: c.aws_lambda_service! }),
    ...(ctx.aws.lambda ? { lambda: ctx.aws.lambda } : {}),
  };
}

export function multiRegionOptions(ctx: StepContext): SetupMultiRegionOptions {
  const c = ctx.config;
  const secretNames = [...Object.keys(c.aws_vault_secrets ?? {})];
  if (c.aws_rds_endpoint !== undefined && c.aws_rds_password !== undefined) secretNames.push(rdsSecretName(c));
  if (c.enable_aws_elasticache === true && c.aws_elasticache_password !== undefined) secretNames.push(redisSecretName(c));
  const regions = [c.aws_region!, c.aws_secondary_region!];
  return {
    ...ctx.common,
    primaryRegion: c.aws_region!,
    secondaryRegions: [c.aws_secondary_region!],
    secretNames,
    domain: c.aws_multi_region_domain ?? c.aws_custom_domain!,
    ...(c.aws_hosted_zone_id !== undefined ? { hostedZoneId: c.aws_hosted_zone_id } : {}),
    endpoints: Object.fromEntries(regions.map((r) => [r, c.aws_multi_region_endpoints![r]!])),
    mode: (c.aws_multi_region_mode ?? "failover") as "failover" | "latency",
    healthCheck: { port: c.aws_health_check_port!, path: c.aws_health_check_path ?? "/status/ready" },
    tags: awsTags(c),
    ...(ctx.wait !== undefined ? { wait: ctx.wait } : {}),
    ...(ctx.aws.route53 ? { route53: ctx.aws.route53 } : {}),
    ...(ctx.aws.secretsManager ? { secretsManager: ctx.aws.secretsManager } : {}),
  };
}

// ---- The operations of issues #14-#17: data planes, custom domain, Transit Gateway, observability ----

const wantsCloudWatch = (c: DeploymentConfig) => c.enable_aws_cloudwatch === true;

/**
 * The ONE CloudWatch log group of a deployment: the data planes' `awslogs` driver writes to it and
 * `enableObservability` watches it. `aws_cloudwatch_log_group`, else provisionDataPlanes' own default
 * (`/aws/kong/<aws_ecs_cluster or control_plane_name>`), named from the configuration so a plan shows it
 * before the control plane exists. Exactly one step creates it: observability when `enable_aws_cloudwatch`
 * is on (with its retention), else the data planes (`logs.create`).
 * @internal
 */
export function deploymentLogGroup(c: DeploymentConfig): string {
  return c.aws_cloudwatch_log_group ?? `/aws/kong/${slug(c.aws_ecs_cluster ?? c.control_plane_name!)}`;
}

/** Options for `provisionDataPlanes` / `teardownDataPlanes` (issue #14). @internal */
export function dataPlanesOptions(ctx: StepContext): ProvisionDataPlanesOptions {
  const c = ctx.config;
  // the vault's read policy for the task role (Kong's AWS vault reads with it), once the vault step ran
  const vaultPolicy = (ctx.outputs?.vault as { iamPolicy?: PolicyDocument } | undefined)?.iamPolicy;
  const createLogs = !wantsCloudWatch(c);
  return {
    ...ctx.common,
    konnect: ctx.konnect,
    controlPlaneId: ctx.controlPlaneId,
    region: c.aws_region!,
    // names (family, log group, certificate) from the configuration, not from the control plane read back
    cluster: c.aws_ecs_cluster ?? c.control_plane_name!,
    // named after the deployment rather than the control-plane id (the operation's default), so a plan names it too
    secretName: `konnect-aws/data-planes/${slug(c.aws_ecs_cluster ?? c.control_plane_name!)}/cluster-certificate`,
    ...(c.aws_data_plane_image !== undefined ? { image: c.aws_data_plane_image } : {}),
    // a task definition is registered only with the execution role ECS needs to start it
    ...(c.aws_data_plane_execution_role_arn !== undefined ? { registerTaskDefinition: true, executionRoleArn: c.aws_data_plane_execution_role_arn } : {}),
    ...(c.aws_data_plane_task_role_arn !== undefined ? { taskRoleArn: c.aws_data_plane_task_role_arn } : {}),
    logs: { group: deploymentLogGroup(c), create: createLogs, ...(createLogs && c.aws_cloudwatch_retention_days !== undefined ? { retentionDays: c.aws_cloudwatch_retention_days } : {}) },
    ...(c.enable_aws_vault === true ? { vault: { region: c.aws_region!, ...(vaultPolicy ? { iamPolicy: vaultPolicy } : {}) } } : {}),
    tags: awsTags(c),
    ...(ctx.aws.secretsManager ? { secretsManager: ctx.aws.secretsManager(c.aws_region!) } : {}),
    ...(ctx.aws.ecs ? { ecs: ctx.aws.ecs } : {}),
    ...(ctx.aws.cloudWatchLogs ? { cloudWatchLogs: ctx.aws.cloudWatchLogs } : {}),
  };
}

/** The Route 53 wait settings of the deployment as the waits of another service (interval, timeout, sleep). */
function waitSettings(ctx: StepContext): { intervalMs?: number; timeoutMs?: number; sleep?: WaitOptions["sleep"] } | undefined {
  return typeof ctx.wait === "object" ? ctx.wait : undefined;
}

/**
 * Options for `setupCustomDomain` / `removeCustomDomain` (issue #15). `aws_custom_domain_target`:
 * `load-balancer` (your ALB, `aws_load_balancer_arn` or `aws_load_balancer_dns_name`; an ACM certificate,
 * attached to `aws_load_balancer_listener_arn` when `enable_aws_acm_cert`), or `cloud-gateway` (a
 * Konnect custom domain of the control plane, which then is created as a Dedicated Cloud Gateway one:
 * see {@link controlPlaneOptions}).
 * @internal
 */
export function customDomainOptions(ctx: StepContext): SetupCustomDomainOptions {
  const c = ctx.config;
  const target: SetupCustomDomainOptions["target"] =
    (c.aws_custom_domain_target ?? "cloud-gateway") === "cloud-gateway"
      ? { kind: "cloud-gateway", konnect: ctx.konnect, controlPlaneId: ctx.controlPlaneId }
      : {
          kind: "load-balancer",
          region: c.aws_region!,
          ...(c.aws_load_balancer_arn !== undefined ? { loadBalancerArn: c.aws_load_balancer_arn } : { dnsName: c.aws_load_balancer_dns_name! }),
          ...(c.enable_aws_acm_cert === true && c.aws_load_balancer_listener_arn !== undefined ? { listenerArn: c.aws_load_balancer_listener_arn } : {}),
        };
  const { dryRun, adopt, ownership, concurrency, signal, logger, onEvent } = ctx.common;
  const wait = waitSettings(ctx);
  return {
    ...(dryRun !== undefined ? { dryRun } : {}),
    ...(adopt !== undefined ? { adopt } : {}),
    ...(ownership ? { ownership } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(signal ? { signal } : {}),
    ...(logger ? { logger } : {}),
    ...(onEvent ? { onEvent } : {}),
    domain: c.aws_custom_domain!,
    target,
    ...(c.aws_hosted_zone_id !== undefined ? { hostedZoneId: c.aws_hosted_zone_id } : {}),
    tags: awsTags(c),
    ...(ctx.wait === false ? { wait: false } : wait ? { wait } : {}),
    ...(ctx.aws.route53 ? { route53: ctx.aws.route53 } : {}),
    ...(ctx.aws.acm ? { acm: ctx.aws.acm } : {}),
    ...(ctx.aws.elbv2 ? { elbv2: ctx.aws.elbv2 } : {}),
  };
}

/**
 * Options for `connectTransitGateway` / `disconnectTransitGateway` (issue #16). A network given by
 * `aws_network_id` is only used; one named by `aws_network_name` is created, and deleted by `destroy`
 * (kept while anything else uses it).
 * @internal
 */
export function transitGatewayOptions(ctx: StepContext): DisconnectTransitGatewayOptions {
  const c = ctx.config;
  const network = c.aws_network_id !== undefined ? { id: c.aws_network_id } : { name: c.aws_network_name!, region: c.aws_network_region ?? c.aws_region!, availabilityZones: c.aws_availability_zones!, cidrBlock: c.aws_network_cidr! };
  const wait = waitSettings(ctx);
  return {
    ...ctx.common,
    konnect: ctx.konnect,
    network,
    transitGatewayId: c.aws_transit_gateway_id!,
    vpcCidrs: c.aws_vpc_cidrs!,
    ...(c.aws_ram_share_arn !== undefined ? { ramShareArn: c.aws_ram_share_arn } : {}),
    ...(c.aws_route_table_ids !== undefined ? { routeTableIds: c.aws_route_table_ids } : {}),
    tags: awsTags(c),
    ...(wait ? { wait: { ...(wait.intervalMs !== undefined ? { intervalMs: wait.intervalMs } : {}), ...(wait.sleep ? { sleep: wait.sleep } : {}) } } : {}),
    deleteNetwork: c.aws_network_id === undefined,
    ...(ctx.aws.ec2 ? { ec2: ctx.aws.ec2 } : {}),
    ...(ctx.aws.ram ? { ram: ctx.aws.ram } : {}),
  };
}

/**
 * Options for `enableObservability` / `disableObservability` (issue #17): CloudWatch on
 * `enable_aws_cloudwatch` only (the operation's default is on, so it is `false` otherwise), over the
 * deployment's one log group ({@link deploymentLogGroup}); alarms named `kong-<control plane>-...` so two
 * deployments in one account and region do not share alarms.
 * @internal
 */
export function observabilityOptions(ctx: StepContext): EnableObservabilityOptions {
  const c = ctx.config;
  return {
    ...ctx.common,
    konnect: ctx.konnect,
    controlPlaneId: ctx.controlPlaneId,
    region: c.aws_region!,
    // a Dedicated Cloud Gateway control plane (cloud-gateway custom domain) has no self-hosted data planes
    ...(cloudGatewayDomain(c) ? { runtime: "dedicated-cloud-gateway" as const } : {}),
    cloudWatch: wantsCloudWatch(c)
      ? { logGroupName: deploymentLogGroup(c), ...(c.aws_cloudwatch_retention_days !== undefined ? { retentionDays: c.aws_cloudwatch_retention_days } : {}), alarms: { namePrefix: `kong-${slug(c.control_plane_name!)}`.slice(0, 200) } }
      : false,
    ...(c.aws_xray_collector_endpoint !== undefined ? { xray: { collectorEndpoint: c.aws_xray_collector_endpoint, ...(c.aws_xray_sample_rate !== undefined ? { sampleRate: c.aws_xray_sample_rate } : {}) } } : {}),
    ...(c.enable_aws_datadog === true ? { datadog: { host: c.aws_datadog_host!, ...(c.aws_datadog_port !== undefined ? { port: c.aws_datadog_port } : {}), ...(c.environment !== undefined ? { environment: c.environment } : {}) } } : {}),
    tags: awsTags(c),
    ...(ctx.aws.cloudWatchLogs ? { cloudWatchLogs: ctx.aws.cloudWatchLogs } : {}),
    ...(ctx.aws.cloudWatch ? { cloudWatchClient: ctx.aws.cloudWatch } : {}),
  };
}
