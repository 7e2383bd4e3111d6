import type { RegisterTaskDefinitionCommandInput } from "@aws-sdk/client-ecs";
import type { PolicyDocument } from "../aws/iam-policies.js";
import type { Change } from "../reconcile/change.js";
import { reconcileResources, type KeptResource } from "../reconcile/reconcile-resources.js";
import { toDotEnv, toKubernetesEnv, type KubernetesEnvVar } from "./data-plane-environment.js";
import { validateDataPlaneOptions, type ProvisionDataPlanesOptions } from "./data-plane-options.js";
import { buildExecutionRolePolicy } from "./data-plane-task-definition.js";
import { declareDataPlaneResources } from "./declare-data-plane-resources.js";
import { replanOnConflict } from "./replan-on-conflict.js";

/** An environment variable's value: plain, or read by ECS from Secrets Manager. */
export type DataPlaneEnvironmentValue = string | { valueFrom: string };

/**
 * Result of {@link provisionDataPlanes}. Holds no private key: the key is only in Secrets Manager.
 *
 * @example
 * ```ts
 * const { certificate, taskDefinition } = await provisionDataPlanes({ konnect, controlPlaneId, region: "us-east-1" });
 * console.log(certificate.expiresAt, taskDefinition.definition.family);
 * ```
 */
export interface ProvisionDataPlanesResult {
  /** The pinned certificate in force. `id` and `secretArn` are undefined only in a dry run that would create them. */
  certificate: {
    id: string | undefined;
    expiresAt: Date;
    secretArn: string | undefined;
    subject: string;
    /** SHA-256 fingerprint of the certificate (hex). */
    sha256: string;
    /** Whether this run issued it (first run, or a rotation). */
    issued: boolean;
  };
  /** The data plane's variables: plain values, and the certificate and key as `{ valueFrom: <secret ARN>:<json key>:: }`. */
  environment: Record<string, DataPlaneEnvironmentValue>;
  /** The same settings as a `.env` file for EC2 or Docker hosts: the certificate and key as file paths the host fills from the secret. */
  dotEnv: string;
  /** The same settings as a Kubernetes container `env` (EKS): the certificate and key from a `kubernetes.io/tls` Secret. */
  kubernetes: KubernetesEnvVar[];
  /** The ECS task definition (the RegisterTaskDefinition input), and its ARN and revision when registered. */
  taskDefinition: { definition: RegisterTaskDefinitionCommandInput; arn?: string; revision?: number };
  /**
   * Policies of the task's two roles: `execution` (pull the image, read exactly the certificate's secret,
   * write the log group) and `task` (the vault's secrets, from `vault.iamPolicy`; `undefined` without it:
   * nothing to grant, and IAM refuses a policy document without a statement).
   */
  iamPolicies: { execution: PolicyDocument; task: PolicyDocument | undefined };
  /** The log group the `awslogs` driver writes to (created, with its retention, when `logs.create` is set). */
  logGroup: string;
  /**
   * Certificates a rotation replaced that stay pinned until they expire, oldest last: data planes started
   * from an earlier task definition revision still present them. Roll the ECS service to the new
   * revision before `expiresAt`; the first run after it unpins the certificate (one DELETE).
   */
  previousCertificates: Array<{ id: string; sha256: string; subject: string; expiresAt: Date }>;
  changes: Change[];
  /**
   * Objects left in place, with the reason: the replaced certificates still valid (as in
   * `previousCertificates`), and recorded certificates an apply may not remove (a secret without the
   * ownership tag).
   */
  kept: KeptResource[];
}

/**
 * Produces everything a self-hosted Kong data plane on AWS needs to join a Konnect control plane in
 * pinned-certificate mode, without the private key ever leaving AWS:
 *
 * - a cluster certificate: a new ECDSA P-384 key and self-signed certificate, stored (JSON `cert`, `key`)
 *   in a tagged Secrets Manager secret and pinned to the control plane (dp-client-certificates). A re-run
 *   keeps it while it is valid for longer than the renewal window (30 days by default); past it, a new one
 *   is stored and pinned and the task definition moves to it (a new revision; the ECS service is not
 *   rolled). The certificate it replaces stays pinned until it expires, so data planes still running the
 *   old revision stay connected (listed in `previousCertificates` and `kept`); the first run after its
 *   expiry unpins it, with that one DELETE and no other write.
 *   Ownership: dp-client-certificates carry no tags, so a certificate is ours only when it is recorded in
 *   our tagged secret (JSON `cert`, `previousCert`, and `retiredCerts` for older ones still pinned); one
 *   pinned by hand is never touched. The secret is written before any pin and any unpin, and never drops a
 *   certificate that is still pinned, so an interrupted run leaves nothing of ours unrecorded and the next
 *   run completes it.
 * - the connection settings (`KONG_CLUSTER_*` from the control plane's endpoints, `KONG_ROLE=data_plane`,
 *   `KONG_DATABASE=off`, `KONG_KONNECT_MODE=on`, `KONG_VITALS=off`, `KONG_CLUSTER_MTLS=pki`, the Status API
 *   and the vault region), as ECS, `.env` and Kubernetes environments;
 * - a Fargate task definition (secrets only as `valueFrom`, health check on `/status/ready`, `awslogs`),
 *   registered when `registerTaskDefinition` is set, a new revision only when it changed;
 * - the execution role's and the task role's policies.
 *
 * Applied twice, the second run makes no write. Requires the Secrets Manager client permissions of
 * {@link enableAwsVault} and, to register, `ecs:RegisterTaskDefinition`, `ecs:DescribeTaskDefinition`,
 * `ecs:TagResource` and `iam:PassRole` on both roles.
 *
 * @example
 * ```ts
 * import { createKonnectClient, ensureControlPlane, provisionDataPlanes } from "konnect-aws";
 *
 * const konnect = createKonnectClient();
 * const { controlPlane } = await ensureControlPlane({ konnect, name: "payments-prod" });
 * const dp = await provisionDataPlanes({
 *   konnect,
 *   controlPlaneId: controlPlane.id!,
 *   region: "us-east-1",
 *   registerTaskDefinition: true,
 *   executionRoleArn: "arn:aws:iam::123456789012:role/kong-dp-execution",
 * });
 * console.log(dp.taskDefinition.arn, dp.certificate.expiresAt);
 * ```
 */
export async function provisionDataPlanes(options: ProvisionDataPlanesOptions): Promise<ProvisionDataPlanesResult> {
  return replanOnConflict(() => provisionDataPlanesOnce(options), options?.signal);
}

async function provisionDataPlanesOnce(options: ProvisionDataPlanesOptions): Promise<ProvisionDataPlanesResult> {
  const settings = validateDataPlaneOptions(options);
  const d = await declareDataPlaneResources(options, settings, "apply");
  const { changes, kept, ids } = await reconcileResources(d.resources, { mode: "apply", dryRun: options.dryRun, adopt: options.adopt, concurrency: options.concurrency, signal: options.signal, onEvent: options.onEvent, logger: options.logger });
  const definition = d.definition();
  const secretArn = d.secretOut.arn;
  const environment: Record<string, DataPlaneEnvironmentValue> = { ...d.environment };
  for (const s of definition.containerDefinitions?.[0]?.secrets ?? []) environment[s.name!] = { valueFrom: s.valueFrom! };
  const registered = d.taskDefinition && d.taskOut.arn && !changes.some((c) => c.kind === "aws.ecs-task-definition" && c.pending) ? { arn: d.taskOut.arn, ...(d.taskOut.revision !== undefined ? { revision: d.taskOut.revision } : {}) } : {};
  return {
    certificate: {
      id: d.current ? ids.get(d.current) : undefined,
      expiresAt: d.certificate!.notAfter,
      secretArn,
      subject: d.certificate!.subject,
      sha256: d.certificate!.sha256,
      issued: d.renewing,
    },
    environment: Object.fromEntries(Object.entries(environment).sort(([a], [b]) => a.localeCompare(b))),
    dotEnv: toDotEnv(d.environment),
    kubernetes: toKubernetesEnv(d.environment, settings.kubernetesSecretName),
    taskDefinition: { definition, ...registered },
    iamPolicies: {
      execution: buildExecutionRolePolicy({ region: options.region, account: d.account(), secretArn: d.secretArn(), kmsKeyArn: d.kmsKeyArn(), logGroup: d.names.logGroup, image: settings.image }),
      task: options.vault?.iamPolicy,
    },
    logGroup: d.names.logGroup,
    previousCertificates: d.stillPinned.map((p) => ({ id: p.id, sha256: p.facts.sha256, subject: p.facts.subject, expiresAt: p.facts.notAfter })),
    changes,
    kept: [...kept, ...d.stillPinned.map((p) => ({ kind: "konnect.dp-client-certificate", key: p.key, id: p.id, reason: `replaced, still pinned until it expires at ${p.facts.notAfter.toISOString()}: data planes started from an earlier task definition revision present it; the first run after that unpins it` }))],
  };
}
