import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { ECSClient, RegisterTaskDefinitionCommandInput } from "@aws-sdk/client-ecs";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { kmsKeyArn } from "../aws/kms.js";
import { loadCloudWatchLogs, loadEcs, loadSecretsManager } from "../aws/load-sdk.js";
import { KONG_AWS_VAULT_REGIONS } from "../aws/regions.js";
import { accountOfArn, type SecretState } from "../aws/secrets-manager.js";
import { ConfigError } from "../errors/config-error.js";
import { generateClusterCertificate, readCertificate, type CertificateFacts } from "../internal/cluster-certificate.js";
import { DEFAULT_OWNERSHIP, type Ownership } from "../reconcile/ownership.js";
import { observeEarly } from "../reconcile/observe-early.js";
import type { Resource } from "../reconcile/resource.js";
import { ecsTaskDefinitionResource } from "../resources/aws/ecs-task-definition.js";
import { logGroupResource } from "../resources/aws/log-group.js";
import { createSecretReader, secretResource } from "../resources/aws/secret.js";
import { readControlPlane } from "../resources/konnect/data-plane-nodes.js";
import { createDpClientCertificateReader, dpClientCertificateResource } from "../resources/konnect/dp-client-certificate.js";
import { buildDataPlaneEnvironment, buildDataPlaneSecrets, CERT_KEY, PREVIOUS_CERT_KEY, PRIVATE_KEY_KEY, RETIRED_CERTS_KEY } from "./data-plane-environment.js";
import type { DataPlaneSettings, ProvisionDataPlanesOptions } from "./data-plane-options.js";
import { buildTaskDefinition } from "./data-plane-task-definition.js";
import type { TeardownOptions } from "./teardown-options.js";

/** The certificate and key as the secret stores them (JSON). Never logged. @internal */
interface StoredCertificate {
  cert?: string;
  key?: string;
  previousCert?: string;
  /** PEM bundle of older replaced certificates, still pinned when the secret was written. */
  retiredCerts?: string;
}

/** The certificates of a PEM bundle, each as its own PEM text. */
function splitPemBundle(bundle: string | undefined): string[] {
  return (bundle ?? "").match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)?.map((c) => `${c}\n`) ?? [];
}

function parseStored(value: string | undefined): StoredCertificate {
  if (!value) return {};
  try {
    const v = JSON.parse(value) as unknown;
    if (typeof v !== "object" || v === null) return {};
    const o = v as Record<string, unknown>;
    const str = (k: string) => (typeof o[k] === "string" ? (o[k] as string) : undefined);
    return { ...(str(CERT_KEY) ? { cert: str(CERT_KEY)! } : {}), ...(str(PRIVATE_KEY_KEY) ? { key: str(PRIVATE_KEY_KEY)! } : {}), ...(str(PREVIOUS_CERT_KEY) ? { previousCert: str(PREVIOUS_CERT_KEY)! } : {}), ...(str(RETIRED_CERTS_KEY) ? { retiredCerts: str(RETIRED_CERTS_KEY)! } : {}) };
  } catch {
    return {};
  }
}

/** What the declaration hands to the operation and its teardown. @internal */
export interface DataPlaneDeclaration {
  resources: Resource[];
  current: Resource | undefined;
  taskDefinition: Resource | undefined;
  secretOut: { state?: SecretState; arn?: string | undefined };
  taskOut: { arn?: string | undefined; revision?: number | undefined };
  /** The certificate in force after the run (public facts only). */
  certificate: CertificateFacts | undefined;
  /** Whether this run issues a new certificate (first run or rotation). */
  renewing: boolean;
  /**
   * Certificates our secret records besides the one in force that are pinned and not yet expired: an
   * apply leaves them pinned (data planes started before a rotation still present them). Empty in a teardown.
   */
  stillPinned: Array<{ id: string; key: string; facts: CertificateFacts }>;
  /** The task definition, with the secret's ARN (or its `-??????` pattern before the secret exists). */
  definition: () => RegisterTaskDefinitionCommandInput;
  /** Plain environment variables. */
  environment: Record<string, string>;
  secretArn: () => string;
  account: () => string;
  kmsKeyArn: () => string | undefined;
  names: { family: string; logGroup: string; commonName: string };
}

/**
 * Reads the control plane, the certificate secret and the pinned certificates, decides whether a new
 * certificate is due, and declares the resources: the secret (certificate, key, the certificate it
 * replaces and the older ones still pinned), the certificate to pin, the certificates to unpin, and the
 * task definition.
 *
 * Rotation without disconnecting running data planes: tasks started from an older revision keep
 * presenting the certificate they started with, so an apply unpins a replaced certificate only once it
 * has expired (it can authenticate nothing then), after the new certificate and task definition are in
 * place; until then it stays pinned and is listed in `stillPinned`.
 *
 * Crash safety: dp-client-certificates carry no tags, so a pinned certificate is ours only while our
 * tagged secret records it. The secret write of a rotation therefore records every certificate it
 * replaces that is pinned when the run read the pinned list (the old `cert` as `previousCert`, the older
 * ones in `retiredCerts`); the only ones it drops were already unpinned at that read. Unpins happen only
 * after that write, and pins only of the certificate the secret already holds, so at every point of a
 * run (and after a crash between any two writes) every certificate of ours that is pinned is recorded.
 * A record of a certificate since unpinned is harmless (its resource observes nothing) and is dropped by
 * the next rotation.
 * @internal
 */
export async function declareDataPlaneResources(o: ProvisionDataPlanesOptions & TeardownOptions, s: DataPlaneSettings, mode: "apply" | "teardown"): Promise<DataPlaneDeclaration> {
  const early: { logGroup?: Resource } = {};
  try {
    return await readAndDeclare(o, s, mode, early);
  } catch (e) {
    // a refusal can come while the log group's early read is under way: it ends before the caller hears
    // of it, so no request of the operation outlives it (observe hands back the read under way)
    await early.logGroup?.observe().catch(() => undefined);
    throw e;
  }
}

async function readAndDeclare(o: ProvisionDataPlanesOptions & TeardownOptions, s: DataPlaneSettings, mode: "apply" | "teardown", early: { logGroup?: Resource }): Promise<DataPlaneDeclaration> {
  const ownership: Ownership = { ...DEFAULT_OWNERSHIP, ...o.ownership };
  const { konnect, controlPlaneId, signal } = o;
  let smPromise: Promise<SecretsManagerClient> | undefined;
  const sm = () => (smPromise ??= o.secretsManager ? Promise.resolve(o.secretsManager) : loadSecretsManager().then((m) => new m.SecretsManagerClient({ region: o.region })));
  let ecsPromise: Promise<ECSClient> | undefined;
  const ecs = () => (ecsPromise ??= o.ecs ? Promise.resolve(o.ecs) : loadEcs().then((m) => new m.ECSClient({ region: o.region })));

  // the log group, when asked for: the same kind enableObservability uses; the task definition waits for
  // it, so a registered revision never points at a group that does not exist yet
  let logsPromise: Promise<CloudWatchLogsClient> | undefined;
  const logs = () => (logsPromise ??= o.cloudWatchLogs ? Promise.resolve(o.cloudWatchLogs) : loadCloudWatchLogs().then((m) => new m.CloudWatchLogsClient({ region: o.region })));
  const managesLogGroup = o.logs?.create === true && !(mode === "teardown" && o.keepLogGroup === true);
  const logGroupOf = (name: string) => logGroupResource({ client: logs, name, retentionDays: o.logs!.retentionDays ?? 30, kmsKeyId: o.logs!.kmsKeyId, tags: s.tags, ownership, signal, field: "logs.group", out: {} });
  // the group's name is the control plane's (slugged) unless logs.group or cluster names it: then nothing
  // read below decides it, and its read (DescribeLogGroups, then its tags) starts now, alongside the
  // control plane, the secret and the pinned certificates, instead of after them
  if (managesLogGroup && (o.logs?.group !== undefined || o.cluster !== undefined)) {
    // with either given, named() ignores its argument for the log group
    [early.logGroup] = observeEarly([logGroupOf(s.named(controlPlaneId).logGroup)]);
  }

  const readSecret = createSecretReader(sm, [s.secretName], signal);
  const readPinned = createDpClientCertificateReader(konnect, controlPlaneId, signal);
  const [cp, secret, pinnedNow] = await Promise.all([readControlPlane(konnect, controlPlaneId, signal), readSecret(s.secretName), readPinned()]);
  const config = (cp.config ?? {}) as { control_plane_endpoint?: string; telemetry_endpoint?: string; auth_type?: string; cloud_gateway?: boolean };
  if (mode === "apply" && config.auth_type && config.auth_type !== "pinned_client_certs") {
    throw new ConfigError({ field: "controlPlaneId", problem: `the control plane authenticates data planes with ${config.auth_type}, not pinned certificates`, fix: "use a control plane with auth_type pinned_client_certs (the default of ensureControlPlane), or issue certificates from your CA" });
  }
  if (mode === "apply" && (!config.control_plane_endpoint || !config.telemetry_endpoint)) {
    throw new ConfigError({ field: "controlPlaneId", problem: "the control plane has no control_plane_endpoint or telemetry_endpoint for data planes", fix: "use a hybrid control plane (cluster_type CLUSTER_TYPE_CONTROL_PLANE)" });
  }
  const names = s.named(cp.name ?? controlPlaneId);
  const secretOwned = secret.exists && secret.tags[ownership.awsTag.key] === ownership.awsTag.value;
  const stored = secret.exists && !secret.deleted ? parseStored(secret.value) : {};
  const storedFacts = readCertificate(stored.cert);
  const now = s.now();
  const valid = storedFacts !== undefined && stored.key !== undefined && storedFacts.notBefore.getTime() <= now && storedFacts.notAfter.getTime() - now > s.renewalWindowMs;

  // the certificate in force after the run: the stored one while valid, a new one otherwise (apply only)
  let current: { cert: string; key: string; facts: CertificateFacts } | undefined;
  let renewing = false;
  if (valid) current = { cert: stored.cert!, key: stored.key!, facts: storedFacts };
  else if (mode === "apply") {
    const fresh = await generateClusterCertificate({ commonName: names.commonName, validityDays: s.validityDays, now });
    current = { cert: fresh.cert, key: fresh.key, facts: { notBefore: fresh.notBefore, notAfter: fresh.notAfter, subject: `CN=${names.commonName}`, sha256: fresh.sha256 } };
    renewing = true;
  }
  // every certificate our secret records besides the one in force (once each, unparsable text skipped)
  const recorded: Array<{ cert: string; facts: CertificateFacts }> = [];
  for (const cert of [stored.cert, stored.previousCert, ...splitPemBundle(stored.retiredCerts)]) {
    const facts = readCertificate(cert);
    if (!facts || recorded.some((r) => r.facts.sha256 === facts.sha256) || (current && current.facts.sha256 === facts.sha256)) continue;
    recorded.push({ cert: cert!, facts });
  }
  const pinnedIds = new Map(pinnedNow.map((p) => [readCertificate(p.cert)?.sha256, p.id]));
  const pinnedAs = (facts: CertificateFacts) => pinnedIds.get(facts.sha256);
  // X.509 validity includes notAfter itself (RFC 5280 4.1.2.5): past it, the certificate authenticates nothing
  const expired = (facts: CertificateFacts) => facts.notAfter.getTime() < now;
  // a teardown unpins all of them; an apply only the expired ones, and keeps the others pinned
  const retired = mode === "teardown" ? recorded : recorded.filter((r) => expired(r.facts));
  const keyOf = (facts: CertificateFacts) => `retired:${facts.sha256.slice(0, 16)}`;
  const stillPinned =
    mode === "teardown"
      ? []
      : recorded.flatMap((r) => {
          const id = expired(r.facts) ? undefined : pinnedAs(r.facts);
          return id ? [{ id, key: keyOf(r.facts), facts: r.facts }] : [];
        });

  const tags = { ...s.tags, [ownership.awsTag.key]: ownership.awsTag.value };
  const secretOut: { state?: SecretState; arn?: string | undefined } = {};
  const value: Record<string, string> = current
    ? renewing
      ? {
          [CERT_KEY]: current.cert,
          [PRIVATE_KEY_KEY]: current.key,
          ...(stored.cert && readCertificate(stored.cert) ? { [PREVIOUS_CERT_KEY]: stored.cert } : {}),
          // the older ones, while pinned: dropping one from the record would orphan it (see above)
          ...retiredBundle(recorded.filter((r) => r.facts.sha256 !== storedFacts?.sha256 && pinnedAs(r.facts) !== undefined)),
        }
      : (JSON.parse(secret.value!) as Record<string, string>)
    : {};
  const secretRes = secretResource({
    client: sm,
    read: readSecret,
    name: s.secretName,
    value,
    kmsKeyId: o.kmsKeyId,
    tags,
    ownership,
    field: "secretName",
    signal,
    recoveryWindowInDays: o.recoveryWindowInDays,
    forceDeleteWithoutRecovery: o.forceDeleteWithoutRecovery,
    out: secretOut,
  });
  const mark = `the ${ownership.awsTag.key}=${ownership.awsTag.value} tag on the secret ${s.secretName} that records it`;
  const title = `konnect-aws ${s.secretName}`.slice(0, 255);
  // each depends on the secret that records it: a teardown deletes the secret only after every unpin, so
  // a teardown stopped part way never leaves a certificate of ours pinned and unrecorded (an apply's
  // unpins, being deletes of absent resources, are ordered by what depends on them, not by this)
  const retiredRes = retired.map((r) => dpClientCertificateResource({ konnect, controlPlaneId, cert: r.cert, title, key: keyOf(r.facts), owned: secretOwned, mark, read: readPinned, absent: mode === "apply", dependsOn: [secretRes], signal }));
  const currentRes = current
    ? dpClientCertificateResource({ konnect, controlPlaneId, cert: current.cert, title, key: `current:${current.facts.sha256.slice(0, 16)}`, owned: secretOwned, mark, read: readPinned, dependsOn: [secretRes, ...retiredRes], signal })
    : undefined;

  const environment = buildDataPlaneEnvironment({
    controlPlaneEndpoint: config.control_plane_endpoint ?? "",
    telemetryEndpoint: config.telemetry_endpoint ?? "",
    statusPort: s.statusPort,
    vaultRegion: o.vault?.region ?? (KONG_AWS_VAULT_REGIONS.includes(o.region) ? o.region : undefined),
    vaultAssumeRoleArn: o.vault?.assumeRoleArn,
    extra: o.environment,
  });
  // before the secret exists (a dry run), its ARN is the pattern AWS documents for a name: <name>-??????
  const secretArn = () => secretOut.arn ?? secret.arn ?? `arn:aws:secretsmanager:${o.region}:${accountOfArn(secret.arn) ?? "*"}:secret:${s.secretName}-??????`;
  const account = () => accountOfArn(secretOut.arn ?? secret.arn) ?? "*";
  const definition = () =>
    buildTaskDefinition({
      family: names.family,
      containerName: "kong-gateway",
      image: s.image,
      cpu: s.cpu,
      memory: s.memory,
      executionRoleArn: o.executionRoleArn,
      taskRoleArn: o.taskRoleArn,
      environment,
      secrets: buildDataPlaneSecrets(secretArn()),
      statusPort: s.statusPort,
      region: o.region,
      logGroup: names.logGroup,
      logStreamPrefix: s.logStreamPrefix,
      certificateSha256: current?.facts.sha256 ?? storedFacts?.sha256 ?? "",
      tags,
      cpuArchitecture: o.cpuArchitecture ?? "X86_64",
      healthCheck: o.healthCheck ?? true,
    });
  const logGroupRes = managesLogGroup ? (early.logGroup ?? logGroupOf(names.logGroup)) : undefined;
  const taskOut: { arn?: string | undefined; revision?: number | undefined } = {};
  // a teardown takes the options of the apply: the task definition is looked for only where it was registered
  const register = o.registerTaskDefinition === true;
  const taskRes = register ? ecsTaskDefinitionResource({ client: ecs, definition, ownership, dependsOn: [secretRes, ...(currentRes ? [currentRes] : []), ...retiredRes, ...(logGroupRes ? [logGroupRes] : [])], signal, out: taskOut }) : undefined;

  const resources: Resource[] = [...(mode === "teardown" && !secret.exists ? [] : [secretRes]), ...(currentRes ? [currentRes] : []), ...retiredRes, ...(taskRes ? [taskRes] : []), ...(logGroupRes ? [logGroupRes] : [])];
  return {
    resources,
    current: currentRes,
    taskDefinition: taskRes,
    secretOut,
    taskOut,
    certificate: current?.facts ?? storedFacts,
    renewing,
    stillPinned,
    definition,
    environment,
    secretArn,
    account,
    kmsKeyArn: () => kmsKeyArn(o.kmsKeyId ?? secret.kmsKeyId, o.region, account() === "*" ? undefined : account()),
    names,
  };
}

/** The `retiredCerts` member of the secret's JSON: one PEM bundle, or nothing when there is none. */
function retiredBundle(certs: ReadonlyArray<{ cert: string }>): Record<string, string> {
  return certs.length ? { [RETIRED_CERTS_KEY]: certs.map((c) => `${c.cert.trimEnd()}\n`).join("") } : {};
}
