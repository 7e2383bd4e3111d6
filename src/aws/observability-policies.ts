import type { PolicyDocument, PolicyStatement } from "./iam-policies.js";
import { awsPartition } from "./regions.js";

/** Input of {@link buildObservabilityPolicies}. @internal */
export interface ObservabilityPolicyInput {
  region: string;
  /** The account of the log group; `*` when not known yet (a dry run before the group exists). */
  accountId: string;
  /** The log group; undefined: no log group (X-Ray only), so no logs statements. */
  logGroupName: string | undefined;
  /** The collector exports EMF metrics into the log group (awsemf). */
  metrics: boolean;
  /** The collector exports traces to X-Ray (awsxray). */
  xray: boolean;
  /** The collector exports OTLP logs into the log group (awscloudwatchlogs, Dedicated Cloud Gateways). */
  collectorLogs: boolean;
  /** The customer-managed key of the log group, if any. */
  kmsKeyArn?: string | undefined;
}

/** The ARN of a log group, as IAM policies name it (`log-group:<name>`). @internal */
export function logGroupArn(region: string, accountId: string, name: string): string {
  return `arn:${awsPartition(region)}:logs:${region}:${accountId}:log-group:${name}`;
}

/**
 * The least-privilege policies of the pipeline's two writers:
 * - `logWriter`, for the data planes' ECS task execution role: the `awslogs` driver creates its streams
 *   and puts events (Amazon ECS Developer Guide, "Using the awslogs log driver": the task execution role
 *   needs `logs:CreateLogStream` and `logs:PutLogEvents`), on this log group's streams only
 *   (`log-group:<name>:log-stream:*`, CloudWatch Logs' resource type for those actions in the Service
 *   Authorization Reference). No `logs:CreateLogGroup`: the operation creates the group.
 * - `collector`, for the collector's task role: the EMF exporter writes metric logs with PutLogEvents
 *   into the same group (opentelemetry-collector-contrib awsemfexporter README: "sends them directly to
 *   CloudWatch Logs using the PutLogEvents API"), so metrics need `logs:*` on the group, not
 *   `cloudwatch:PutMetricData`; that action is not granted. X-Ray's write actions have no resource-level
 *   permissions, so they take `Resource: "*"` (the AWS managed policy AWSXRayDaemonWriteAccess grants
 *   `xray:PutTraceSegments`, `xray:PutTelemetryRecords`, `xray:GetSamplingRules`,
 *   `xray:GetSamplingTargets` and `xray:GetSamplingStatisticSummaries` on `*`; the sampling reads are
 *   left out: the collector exports, it does not sample).
 * A customer key adds `kms:GenerateDataKey`/`kms:Decrypt` through CloudWatch Logs only (`kms:ViaService`).
 * @internal
 */
export function buildObservabilityPolicies(p: ObservabilityPolicyInput): { logWriter: PolicyDocument; collector: PolicyDocument } {
  const group = logGroupArn(p.region, p.accountId, p.logGroupName ?? "");
  const streams = `${group}:log-stream:*`;
  const kms: PolicyStatement[] = p.kmsKeyArn
    ? [{ Sid: "EncryptKongLogs", Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: p.kmsKeyArn, Condition: { StringEquals: { "kms:ViaService": `logs.${p.region}.amazonaws.com` } } }]
    : [];
  const logWriter: PolicyDocument = {
    Version: "2012-10-17",
    Statement: p.logGroupName === undefined ? [] : [{ Sid: "WriteKongLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [group, streams] }, ...kms],
  };
  const collector: PolicyStatement[] = [];
  if (p.logGroupName !== undefined && (p.metrics || p.collectorLogs)) {
    collector.push({ Sid: "WriteKongTelemetryLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"], Resource: [group, streams] }, ...kms);
  }
  if (p.xray) collector.push({ Sid: "WriteKongTraces", Effect: "Allow", Action: ["xray:PutTelemetryRecords", "xray:PutTraceSegments"], Resource: "*" });
  return { logWriter, collector: { Version: "2012-10-17", Statement: collector } };
}
