import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { ECSClient } from "@aws-sdk/client-ecs";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { PolicyDocument } from "../aws/iam-policies.js";
import { checkAwsRegion } from "../aws/regions.js";
import { checkAwsTags, checkKmsKeyId, checkRoleArn, checkSecretName } from "../aws/validate.js";
import { check, checkControlPlaneId, checkNumber, checkOptionalBoolean, checkOptionalFunction, checkOptionalPlainObject, checkOptionalString, checkString, describeValue, fieldPath, show } from "../internal/validate.js";
import { checkOperationOptions } from "./check-operation-options.js";
import { checkCostTags, definedTags, type CostAllocationTags } from "./cost-tags.js";
import { KONG_DATA_PLANE_VARIABLES } from "./data-plane-environment.js";
import type { OperationOptions } from "./operation-options.js";
import { RETENTION_DAYS } from "./observability-plan.js";

/**
 * Options of {@link provisionDataPlanes}.
 *
 * @example
 * ```ts
 * const options: ProvisionDataPlanesOptions = {
 *   konnect,
 *   controlPlaneId,
 *   region: "us-east-1",
 *   registerTaskDefinition: true,
 *   executionRoleArn: "arn:aws:iam::123456789012:role/kong-dp-execution",
 * };
 * ```
 */
export interface ProvisionDataPlanesOptions extends OperationOptions {
  /** The control plane the data planes connect to (pinned-certificate mode: `auth_type: pinned_client_certs`). */
  controlPlaneId: string;
  /** AWS region of the data planes: the secret, the task definition and the log group live there. */
  region: string;
  /** The Kong Gateway image. @default "kong/kong-gateway:3.14" */
  image?: string;
  /** The ECS cluster the tasks will run in: names the defaults of `family` and the log group. @default the control plane's name */
  cluster?: string;
  /** Task definition family. @default `kong-dp-<cluster or control-plane name>` */
  family?: string;
  /** Secrets Manager secret holding the certificate and key (JSON keys `cert`, `key`). @default `konnect-aws/data-planes/<controlPlaneId>/cluster-certificate` */
  secretName?: string;
  /** Customer-managed KMS key for the secret. @default the AWS managed key */
  kmsKeyId?: string;
  /** Register the task definition with ECS (a new revision only when it changed). @default false: the definition is only returned */
  registerTaskDefinition?: boolean;
  /** The task execution role (pulls the image, reads the certificate's secret, writes logs): give it `iamPolicies.execution`. Required to register. */
  executionRoleArn?: string;
  /** The task role (Kong's AWS vault reads secrets with it): give it `iamPolicies.task`. */
  taskRoleArn?: string;
  /** Fargate task size, CPU units. @default "1024" */
  cpu?: string;
  /** Fargate task size, MiB (one of the values ECS allows for `cpu`). @default "2048" */
  memory?: string;
  /** CPU architecture of the tasks. @default "X86_64" */
  cpuArchitecture?: "X86_64" | "ARM64";
  /** Port of Kong's Status API (`/status/ready` for health checks). @default 8100 */
  statusPort?: number;
  /** Add the container health check on `/status/ready` (runs `curl` in the container). @default true */
  healthCheck?: boolean;
  /**
   * CloudWatch Logs settings of the `awslogs` driver (the region is `region`). With `create: true` the
   * group is created (tagged with the ownership mark and `tags`, `retentionDays`, optional `kmsKeyId`) by
   * the same log-group resource kind `enableObservability` uses, before the task definition is registered,
   * and `teardownDataPlanes` deletes it with its events unless `keepLogGroup`. Without `create`, the group
   * must exist (or the execution role must be allowed `logs:CreateLogGroup` with the driver's
   * `awslogs-create-group`). The execution role's policy grants `logs:CreateLogStream` and
   * `logs:PutLogEvents` on exactly it.
   */
  logs?: {
    group?: string;
    streamPrefix?: string;
    /** Create (and own) the log group. @default false */
    create?: boolean;
    /** Retention of a created group, one of CloudWatch Logs' values. @default 30 */
    retentionDays?: number;
    /** KMS key ARN for a created group's events. @default no customer key */
    kmsKeyId?: string;
  };
  /** The CloudWatch Logs client (only with `logs.create`). @default a client for `region` */
  cloudWatchLogs?: CloudWatchLogsClient;
  /** Teardown only: leave a created log group and its events in place. @default false */
  keepLogGroup?: boolean;
  /** The cluster certificate. */
  certificate?: {
    /** Subject common name. @default `konnect-aws-<cluster or control-plane name>` */
    commonName?: string;
    /** Days a new certificate is valid. @default 365 */
    validityDays?: number;
    /** A certificate expiring within this many days is replaced (rotation). @default 30 */
    renewalWindowDays?: number;
  };
  /** Kong's AWS vault, read with the task role: its region and the policy `enableAwsVault` returns. */
  vault?: { region?: string; assumeRoleArn?: string; iamPolicy?: PolicyDocument };
  /** More `KONG_*` settings for the data planes (never secrets: use `{vault://...}` references). */
  environment?: Record<string, string>;
  /** Name of the Kubernetes TLS Secret the `kubernetes` environment reads the certificate from. @default "kong-cluster-cert" */
  kubernetesSecretName?: string;
  /** Cost-allocation tags for the secret and the task definition. */
  tags?: CostAllocationTags;
  /** The Secrets Manager client. @default a client for `region` */
  secretsManager?: SecretsManagerClient;
  /** The ECS client. @default a client for `region` */
  ecs?: ECSClient;
  /** Current time in ms since the epoch (certificate validity and renewal). @default Date.now */
  now?: () => number;
}

/** Defaults of {@link provisionDataPlanes}. */
export const DATA_PLANE_DEFAULTS = Object.freeze({
  image: "kong/kong-gateway:3.14",
  cpu: "1024",
  memory: "2048",
  statusPort: 8100,
  validityDays: 365,
  renewalWindowDays: 30,
  logStreamPrefix: "kong",
  kubernetesSecretName: "kong-cluster-cert",
});

// RegisterTaskDefinitionRequest.family: "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens"
const FAMILY = /^[A-Za-z0-9_-]{1,255}$/;
// ContainerDefinition.image (ecs.json): letters, numbers, hyphens, underscores, colons, periods, slashes, number signs (and @ of a digest)
const IMAGE = /^[A-Za-z0-9_\-:./#@]{1,255}$/;
// CloudWatch Logs LogGroupName: 1-512 of [\.\-_/#A-Za-z0-9] (cloudwatch-logs.json)
const LOG_GROUP = /^[.\-_/#A-Za-z0-9]{1,512}$/;
// log stream names exclude ':' and '*' (CloudWatch Logs CreateLogStream); the prefix starts them
const STREAM_PREFIX = /^[^:*]{1,128}$/;

const DAY_MS = 86_400_000;

/** Fargate task sizes (RegisterTaskDefinitionRequest.cpu documentation, ecs.json). @internal */
export function fargateMemoryValues(cpu: number): number[] {
  const range = (from: number, to: number, step: number) => Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);
  const table: Record<number, number[]> = { 256: [512, 1024, 2048], 512: range(1024, 4096, 1024), 1024: range(2048, 8192, 1024), 2048: range(4096, 16384, 1024), 4096: range(8192, 30720, 1024), 8192: range(16384, 61440, 4096), 16384: range(32768, 122880, 8192) };
  return table[cpu] ?? [];
}

/** An ECS family (or log-group part) made of a control-plane name: other characters become '-'. @internal */
export function slug(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 200) || "konnect";
}

/** The resolved settings of a run. @internal */
export interface DataPlaneSettings {
  secretName: string;
  image: string;
  cpu: string;
  memory: string;
  statusPort: number;
  validityDays: number;
  renewalWindowMs: number;
  now: () => number;
  tags: Record<string, string>;
  /** Names that depend on the control plane's name, resolved once it is read. */
  named: (controlPlaneName: string) => { family: string; logGroup: string; commonName: string };
  logStreamPrefix: string;
  kubernetesSecretName: string;
}

/** Checks the options of {@link provisionDataPlanes} (and its teardown) before any request. @internal */
export function validateDataPlaneOptions(o: ProvisionDataPlanesOptions, fn = "provisionDataPlanes"): DataPlaneSettings {
  checkOperationOptions(o, fn, 'konnect, controlPlaneId, region: "us-east-1"');
  checkControlPlaneId(o.controlPlaneId);
  checkAwsRegion(o.region, "region");
  checkOptionalString(o.image, "image", { what: "a container image", max: 255 });
  check(o.image === undefined || IMAGE.test(o.image), "image", `${show(o.image)} has characters ECS refuses in an image`, 'use a reference such as "kong/kong-gateway:3.14" or "<account>.dkr.ecr.<region>.amazonaws.com/kong:3.14"');
  checkOptionalString(o.cluster, "cluster", { what: "an ECS cluster name", max: 255 });
  checkOptionalString(o.family, "family", { what: "a task definition family", max: 255 });
  check(o.family === undefined || FAMILY.test(o.family), "family", `${show(o.family)} is not a task definition family: ECS allows up to 255 letters, numbers, underscores and hyphens`, "use a name such as kong-dp-prod");
  if (o.secretName !== undefined) checkSecretName(o.secretName, "secretName");
  checkKmsKeyId(o.kmsKeyId, "kmsKeyId");
  checkOptionalBoolean(o.registerTaskDefinition, "registerTaskDefinition");
  checkRoleArn(o.executionRoleArn, "executionRoleArn");
  checkRoleArn(o.taskRoleArn, "taskRoleArn");
  check(!o.registerTaskDefinition || o.executionRoleArn !== undefined, "executionRoleArn", "a Fargate task that reads secrets and writes awslogs needs a task execution role, and none was given", "create a role trusted by ecs-tasks.amazonaws.com with iamPolicies.execution (a dry run returns it), and pass executionRoleArn");
  const cpu = o.cpu ?? DATA_PLANE_DEFAULTS.cpu;
  const memory = o.memory ?? DATA_PLANE_DEFAULTS.memory;
  checkString(cpu, "cpu", { what: "CPU units", max: 8, example: "1024" });
  checkString(memory, "memory", { what: "MiB of memory", max: 8, example: "2048" });
  const allowed = fargateMemoryValues(Number(cpu));
  check(allowed.length > 0, "cpu", `${show(cpu)} is not a Fargate CPU size`, "use 256, 512, 1024, 2048, 4096, 8192 or 16384");
  check(/^\d+$/.test(memory) && allowed.includes(Number(memory)), "memory", `${show(memory)} MiB is not a Fargate memory size for ${cpu} CPU units`, `use one of ${allowed.slice(0, 8).join(", ")}${allowed.length > 8 ? ", ..." : ""}`);
  check(o.cpuArchitecture === undefined || o.cpuArchitecture === "X86_64" || o.cpuArchitecture === "ARM64", "cpuArchitecture", `unknown architecture ${describeValue(o.cpuArchitecture)}`, 'use "X86_64" or "ARM64"');
  const statusPort = o.statusPort ?? DATA_PLANE_DEFAULTS.statusPort;
  checkNumber(statusPort, "statusPort", { min: 1024, max: 65535, integer: true });
  check(statusPort !== 8000 && statusPort !== 8443, "statusPort", `${statusPort} is a proxy port`, "use another port, such as 8100");
  checkOptionalBoolean(o.healthCheck, "healthCheck");
  checkOptionalPlainObject(o.logs, "logs", 'group: "/aws/kong/prod"');
  checkOptionalString(o.logs?.group, "logs.group", { what: "a log group name", max: 512 });
  check(o.logs?.group === undefined || LOG_GROUP.test(o.logs.group), "logs.group", `${show(o.logs?.group)} is not a log group name: letters, digits and . - _ / # only`, "use a name such as /aws/kong/prod");
  checkOptionalString(o.logs?.streamPrefix, "logs.streamPrefix", { what: "a log stream prefix", max: 128 });
  check(o.logs?.streamPrefix === undefined || STREAM_PREFIX.test(o.logs.streamPrefix), "logs.streamPrefix", "log stream names cannot contain ':' or '*'", 'use a prefix such as "kong"');
  checkOptionalBoolean(o.logs?.create, "logs.create");
  if (o.logs?.retentionDays !== undefined) {
    check(!!o.logs.create, "logs.retentionDays", "a retention applies only to a log group this operation creates", "add logs.create: true, or set the retention on your own group");
    check((RETENTION_DAYS as readonly unknown[]).includes(o.logs.retentionDays), "logs.retentionDays", `${describeValue(o.logs.retentionDays)} is not a retention CloudWatch Logs accepts`, `use one of ${RETENTION_DAYS.join(", ")}`);
  }
  if (o.logs?.kmsKeyId !== undefined) {
    check(!!o.logs.create, "logs.kmsKeyId", "a key applies only to a log group this operation creates", "add logs.create: true");
    checkKmsKeyId(o.logs.kmsKeyId, "logs.kmsKeyId");
  }
  checkOptionalBoolean(o.keepLogGroup, "keepLogGroup");
  checkOptionalPlainObject(o.certificate, "certificate", "validityDays: 365, renewalWindowDays: 30");
  checkOptionalString(o.certificate?.commonName, "certificate.commonName", { what: "a common name", max: 64 });
  const validityDays = o.certificate?.validityDays ?? DATA_PLANE_DEFAULTS.validityDays;
  const renewalWindowDays = o.certificate?.renewalWindowDays ?? DATA_PLANE_DEFAULTS.renewalWindowDays;
  checkNumber(validityDays, "certificate.validityDays", { min: 1, max: 3650, integer: true, unit: "days" });
  checkNumber(renewalWindowDays, "certificate.renewalWindowDays", { min: 0, max: 3650, integer: true, unit: "days" });
  check(renewalWindowDays < validityDays, "certificate.renewalWindowDays", `a certificate valid ${validityDays} days would be inside its ${renewalWindowDays}-day renewal window at once, and be replaced on every run`, "make the renewal window shorter than the validity");
  checkOptionalPlainObject(o.vault, "vault", 'region: "us-east-1", iamPolicy');
  if (o.vault?.region !== undefined) checkAwsRegion(o.vault.region, "vault.region", "kong-vault");
  checkRoleArn(o.vault?.assumeRoleArn, "vault.assumeRoleArn");
  checkOptionalPlainObject(o.environment, "environment", 'KONG_CLUSTER_DP_LABELS: "env:prod"');
  for (const [k, v] of Object.entries(o.environment ?? {})) {
    const f = fieldPath("environment", k);
    check(/^KONG_[A-Z0-9_]+$/.test(k), f, `${show(k)} is not a Kong setting variable (KONG_ followed by the setting in capitals)`, "name it after the kong.conf setting, such as KONG_CLUSTER_DP_LABELS for cluster_dp_labels");
    check(!(KONG_DATA_PLANE_VARIABLES as readonly string[]).includes(k), f, `${k} is set by provisionDataPlanes itself`, "leave it out (see the options that set it)");
    checkString(v, f, { what: "a value", max: 4096 });
  }
  checkOptionalString(o.kubernetesSecretName, "kubernetesSecretName", { what: "a Kubernetes Secret name", max: 253 });
  checkCostTags(o.tags, "tags");
  checkAwsTags(definedTags(o.tags), "tags");
  checkOptionalFunction(o.now, "now", "() => Date.now()");
  for (const c of ["secretsManager", "ecs", "cloudWatchLogs"] as const) {
    check(o[c] === undefined || typeof (o[c] as { send?: unknown } | null)?.send === "function", c, `expected an AWS SDK client, got ${describeValue(o[c])}`, `pass ${c}: a client for ${o.region}, or leave it out`);
  }
  return {
    secretName: o.secretName ?? `konnect-aws/data-planes/${o.controlPlaneId}/cluster-certificate`,
    image: o.image ?? DATA_PLANE_DEFAULTS.image,
    cpu,
    memory,
    statusPort,
    validityDays,
    renewalWindowMs: renewalWindowDays * DAY_MS,
    now: o.now ?? Date.now,
    tags: definedTags(o.tags),
    named: (cpName) => {
      const base = slug(o.cluster ?? cpName);
      return { family: o.family ?? `kong-dp-${base}`.slice(0, 255), logGroup: o.logs?.group ?? `/aws/kong/${base}`, commonName: o.certificate?.commonName ?? `konnect-aws-${base}`.slice(0, 64) };
    },
    logStreamPrefix: o.logs?.streamPrefix ?? DATA_PLANE_DEFAULTS.logStreamPrefix,
    kubernetesSecretName: o.kubernetesSecretName ?? DATA_PLANE_DEFAULTS.kubernetesSecretName,
  };
}
