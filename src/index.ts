export { VERSION } from "./version.js";
export * from "./errors/index.js";
export {
  createKonnectClient,
  type KonnectClient,
  type KonnectClientOptions,
  type KonnectOrganization,
} from "./konnect/create-konnect-client.js";
export { KONNECT_REGIONS, GLOBAL_SERVER_URL, regionalServerUrl, type KonnectRegion } from "./konnect/regions.js";
export { DEFAULT_RETRY_OPTIONS, type RetryOptions } from "./konnect/retry-policy.js";
export type { Logger, LogLevel } from "./konnect/logger.js";
export {
  paginate,
  collect,
  findOne,
  CORE_ENTITY_PAGE_SIZE,
  PLATFORM_PAGE_SIZE,
  type PaginateOptions,
  type FindOneOptions,
} from "./konnect/pagination.js";
export type { KonnectApi, KonnectSchemas, ListPath, ListItem, ListParams } from "./konnect/types.js";
export type { PluginConfigs } from "./konnect/plugin-configs.js";
export type { paths as KonnectPaths, components as KonnectComponents } from "../generated/konnect.js";
export { secret, Secret } from "./secret.js";
export { summarizeChanges, type Change, type ChangeAction, type FieldDiff } from "./reconcile/change.js";
export { ReconcileError, type OperationEvent } from "./reconcile/executor.js";
export { DEFAULT_OWNERSHIP, type Ownership } from "./reconcile/ownership.js";
export type { OperationOptions } from "./operations/operation-options.js";
export type { CostAllocationTags } from "./operations/cost-tags.js";
export {
  ensureControlPlane,
  type ClusterType,
  type EnsureControlPlaneOptions,
  type EnsureControlPlaneResult,
  type EnsuredControlPlane,
} from "./operations/ensure-control-plane.js";
export { deleteControlPlane } from "./operations/delete-control-plane.js";
export { enableAwsVault, type EnableAwsVaultOptions, type EnableAwsVaultResult, type SecretValue } from "./operations/enable-aws-vault.js";
export { disableAwsVault, type DisableAwsVaultOptions } from "./operations/disable-aws-vault.js";
export type { TeardownOptions, TeardownResult } from "./operations/teardown-options.js";
export type { KeptResource } from "./reconcile/reconcile-resources.js";
export { vaultReference, type VaultReferenceParts } from "./operations/vault-reference.js";
export { checkRedis, type CheckRedisOptions, type CheckRedisResult, type RedisCheckStep, type RedisCheckStepResult } from "./redis/check-redis.js";
export { checkPostgres, type CheckPostgresOptions, type CheckPostgresResult, type PostgresCheckStep, type PostgresCheckStepResult } from "./postgres/check-postgres.js";
export {
  attachElastiCacheRateLimit,
  type AttachElastiCacheRateLimitOptions,
  type AttachElastiCacheRateLimitResult,
  type ElastiCacheRedisOptions,
  type RateLimit,
  type RateLimitIdentifier,
  type RateLimitPluginName,
} from "./operations/attach-elasticache-rate-limit.js";
export { detachElastiCacheRateLimit, type DetachElastiCacheRateLimitOptions } from "./operations/detach-elasticache-rate-limit.js";
export type { PluginScope } from "./operations/plugin-scope.js";
export {
  buildSecretsReadPolicy,
  buildCrossAccountTrustPolicy,
  buildElastiCacheConnectPolicy,
  buildLambdaInvokePolicy,
  type LambdaInvokePolicyOptions,
  type ElastiCacheConnectPolicyOptions,
  type PolicyDocument,
  type PolicyStatement,
  type SecretsReadPolicyOptions,
  type CrossAccountTrustPolicyOptions,
} from "./aws/iam-policies.js";
export { configureCognitoJwt, type ConfigureCognitoJwtOptions, type ConfigureCognitoJwtResult } from "./operations/configure-cognito-jwt.js";
export { removeCognitoJwt, type RemoveCognitoJwtOptions } from "./operations/remove-cognito-jwt.js";
export { attachLambda, type AttachLambdaOptions, type AttachLambdaResult, type LambdaInvocationType } from "./operations/attach-lambda.js";
export { detachLambda, type DetachLambdaOptions } from "./operations/detach-lambda.js";
export {
  setupMultiRegion,
  type SetupMultiRegionOptions,
  type SetupMultiRegionResult,
  type RegionSetup,
  type RegionEndpoint,
  type MultiRegionCloudGatewayOptions,
} from "./operations/setup-multi-region.js";
export { teardownMultiRegion, type TeardownMultiRegionOptions } from "./operations/teardown-multi-region.js";
export type { WaitOptions } from "./aws/route53.js";
export { provisionDataPlanes, type ProvisionDataPlanesResult, type DataPlaneEnvironmentValue } from "./operations/provision-data-planes.js";
export { DATA_PLANE_DEFAULTS, type ProvisionDataPlanesOptions } from "./operations/data-plane-options.js";
export { teardownDataPlanes, type TeardownDataPlanesOptions } from "./operations/teardown-data-planes.js";
export { listDataPlanes, waitForDataPlanes, type ListDataPlanesOptions, type ListDataPlanesResult, type DataPlaneStatus, type WaitForDataPlanesOptions } from "./operations/list-data-planes.js";
export type { KubernetesEnvVar } from "./operations/data-plane-environment.js";
export { enableObservability } from "./operations/enable-observability.js";
export { disableObservability, type DisableObservabilityOptions } from "./operations/disable-observability.js";
export type {
  EnableObservabilityOptions,
  EnableObservabilityResult,
  ObservabilityAlarm,
  ObservabilityAlarmsOptions,
  ObservabilityCloudWatchOptions,
  ObservabilityDatadogOptions,
  ObservabilityXRayOptions,
  AlarmThresholds,
} from "./operations/observability-options.js";
export {
  connectTransitGateway,
  type ConnectTransitGatewayOptions,
  type ConnectTransitGatewayResult,
} from "./operations/connect-transit-gateway.js";
export { disconnectTransitGateway, type DisconnectTransitGatewayOptions } from "./operations/disconnect-transit-gateway.js";
export { CloudGatewayStateError, type CloudGatewayWaitOptions } from "./operations/cloud-gateway-wait.js";
export { setupCustomDomain } from "./operations/setup-custom-domain.js";
export { removeCustomDomain, type RemoveCustomDomainOptions } from "./operations/remove-custom-domain.js";
export type {
  SetupCustomDomainOptions,
  SetupCustomDomainResult,
  CloudGatewayDomainTarget,
  LoadBalancerDomainTarget,
  CustomDomainWaitOptions,
  CustomDomainRecord,
} from "./operations/custom-domain-options.js";
export { runDoctor } from "./doctor/run-doctor.js";
export type { DoctorCertificate, DoctorCheck, DoctorDnsOptions, DoctorSecret, DoctorStatus, RunDoctorOptions, RunDoctorResult } from "./doctor/types.js";
export type { DeploymentConfig, DeploymentConfigKey, RateLimitSetting, SecretSetting } from "./deploy/config.js";
export { loadConfig, type LoadConfigOptions } from "./deploy/load-config.js";
export { validateConfig } from "./deploy/validate-config.js";
export { deploy, plan } from "./deploy/deploy.js";
export { destroy } from "./deploy/destroy.js";
export { DeployError } from "./deploy/deploy-error.js";
export type { DeployAwsClients } from "./deploy/step-options.js";
export type { DeployOptions, DestroyOptions, DeployEvent, DeployChange, DeployStepResult, DeployResult, DestroyStepResult, DestroyResult } from "./deploy/types.js";
