/**
 * The sandbox: in-memory fakes of Konnect, AWS Secrets Manager and Route 53 as msw handlers, so that
 * automation built on konnect-aws (or on anything else speaking the real APIs) runs offline.
 *
 * Needs `msw` (2.x), a peer dependency of this entry point.
 * @packageDocumentation
 */
export { createSandbox, type Sandbox, type SandboxState } from "./create-sandbox.js";
export type { FaultOptions, FaultStatus, RequestLogEntry, SandboxOptions, SandboxService } from "./types.js";
export type { SandboxClock } from "./clock.js";
export type { KonnectState, ControlPlaneRecord, CoreEntities, Entity } from "./konnect/state.js";
export type { SecretsManagerState, SecretRecord, SecretVersion } from "./aws/secrets-manager.js";
export type { Route53State, HostedZoneRecord, HealthCheckRecord, RecordSet } from "./aws/route53.js";
export type { HostedZoneSeed } from "./aws/hosted-zone.js";
export type { ElastiCacheState, ReplicationGroupSeed } from "./aws/elasticache.js";
export type { CognitoState, CognitoPool, CognitoKey, CognitoControls, CognitoTokenOptions } from "./aws/cognito.js";
export type { UserPoolSeed } from "./aws/user-pool.js";
export type { LambdaState, LambdaFunctionSeed } from "./aws/lambda.js";
export type { IamState, IamRoleSeed, IamPolicyStatement } from "./aws/iam.js";
