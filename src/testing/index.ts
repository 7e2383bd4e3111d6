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
export type { EcsState, TaskDefinitionRecord } from "./aws/ecs.js";
export type { ConnectDataPlaneSeed, DataPlaneRecords, SimulatedNode } from "./konnect/data-planes.js";
export type { CloudWatchLogsState, LogGroupRecord } from "./aws/cloudwatch-logs.js";
export type { CloudWatchState, MetricAlarmRecord } from "./aws/cloudwatch.js";
export type { Ec2State, TransitGatewaySeed, RouteTableSeed, FakeTransitGateway, FakeTgwAttachment, FakeRouteTable } from "./aws/ec2.js";
export type { VpcAttachmentSeed } from "./aws/ec2.js";
export type { RamState, FakeResourceShare } from "./aws/ram.js";
export type { CloudGatewayFailure, CloudGatewayAwsPeer } from "./konnect/networks.js";
export type { AcmState, CertificateRecord, IssuedCertificateSeed } from "./aws/acm.js";
export type { ElbV2State, ListenerRecord, LoadBalancerSeed, SeededLoadBalancer } from "./aws/elbv2.js";
export type { IamState, IamRoleSeed, IamPolicyStatement } from "./aws/iam.js";
