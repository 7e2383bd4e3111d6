import type { Change as R53Change, HealthCheckConfig, ResourceRecordSet, Route53Client } from "@aws-sdk/client-route-53";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { buildSecretsReadPolicy, type PolicyDocument } from "../aws/iam-policies.js";
import { loadRoute53, loadSecretsManager } from "../aws/load-sdk.js";
import { checkAwsRegion } from "../aws/regions.js";
import { batchChanges, findHostedZone, fqdn, listHealthChecks, listRecordSets, waitForInsync, type WaitOptions } from "../aws/route53.js";
import { accountOfArn, awsStep, describeSecret, type SecretState } from "../aws/secrets-manager.js";
import { kmsKeyArn } from "../aws/kms.js";
import { checkAwsTags, checkKmsKeyId, checkRoleArn, checkSecretName } from "../aws/validate.js";
import { ConfigError } from "../errors/config-error.js";
import {
  check,
  checkArray,
  checkControlPlaneId,
  checkKonnectClient,
  checkNumber,
  checkOptionalArray,
  checkOptionalFunction,
  checkOptionalNumber,
  checkOptionalPlainObject,
  checkOptionalString,
  checkPlainObject,
  checkString,
  describeValue,
  dict,
  fieldPath,
  isPlainObject,
  show,
} from "../internal/validate.js";
import type { KonnectSchemas } from "../konnect/types.js";
import type { Change, FieldDiff } from "../reconcile/change.js";
import { sameValue } from "../reconcile/diff.js";
import { executePlan, type PlannedChange } from "../reconcile/executor.js";
import { DEFAULT_OWNERSHIP, type Ownership } from "../reconcile/ownership.js";
import { checkOperationOptions } from "./check-operation-options.js";
import { checkCostTags, definedTags, type CostAllocationTags } from "./cost-tags.js";
import type { OperationOptions } from "./operation-options.js";
import { vaultReference } from "./vault-reference.js";
import { HEALTH_CHECK_IDENTITY_TAG, healthCheckIdentity, observeHealthChecks, planHealthCheck, ROUTE53_MAX_TAGS, staleHealthChecks, type HealthCheckPlan } from "./multi-region-health-checks.js";
import { replanOnConflict } from "./replan-on-conflict.js";

/** A region's entry point: a DNS name (CNAME records), or an ALB/NLB (alias records with target health). */
export type RegionEndpoint = string | { dnsName: string; aliasHostedZoneId: string };

/** Dedicated Cloud Gateway data-plane groups, one per region, in one configuration. */
export interface MultiRegionCloudGatewayOptions {
  /** Gateway version, such as "3.10". */
  version: string;
  /** The cloud-gateway network of each region. */
  networks: Record<string, string>;
  /** Autopilot base requests per second per group. @default 100 */
  baseRps?: number;
  /** @default "private+public" */
  apiAccess?: "private" | "public" | "private+public";
}

/**
 * Options of {@link setupMultiRegion}.
 *
 * @example
 * ```ts
 * const options: SetupMultiRegionOptions = { primaryRegion: "us-east-1", secondaryRegions: ["eu-west-1"], domain: "api.example.com", endpoints: { "us-east-1": "use1.gw.example.com", "eu-west-1": "euw1.gw.example.com" }, mode: "failover" };
 * ```
 */
export interface SetupMultiRegionOptions extends Omit<OperationOptions, "konnect"> {
  primaryRegion: string;
  secondaryRegions: string[];
  /** Secrets (in the primary region) to replicate to every secondary region. */
  secretNames?: string[];
  /** KMS key for the replica in a region. @default the AWS managed key */
  replicaKmsKeyIds?: Record<string, string>;
  /** The name clients use, such as api.example.com. */
  domain: string;
  /** @default the public hosted zone that contains the domain */
  hostedZoneId?: string;
  /** Every region's endpoint (primary and secondaries). */
  endpoints: Record<string, RegionEndpoint>;
  /** `failover`: active-passive (PRIMARY/SECONDARY). `latency`: active-active, nearest healthy region. */
  mode: "failover" | "latency";
  /**
   * What the health checks probe. `target` says what the endpoints are:
   * - `"cloud-gateway"` (Dedicated Cloud Gateways; the default with `cloudGateway`, or when every endpoint
   *   is a `*.konggateway.com` name): HTTPS on 443, path `/___konnect/healthz`, the health path Kong
   *   documents for them (Dedicated Cloud Gateways reference, "How can I check if my Dedicated Cloud
   *   Gateway data plane is running?").
   * - `"self-hosted"` (the default otherwise): your own data planes. Kong serves `/status/ready` only on
   *   its status listener (`status_listen`, default `127.0.0.1:8007`), never on the proxy port, so
   *   `port` and `path` are required: expose the status listener (for example
   *   `KONG_STATUS_LISTEN=0.0.0.0:8100`) on the endpoint and give `{ port: 8100, path: "/status/ready" }`.
   *   The protocol defaults to HTTP, as the status listener serves without TLS unless configured.
   */
  healthCheck?: { target?: "cloud-gateway" | "self-hosted"; path?: string; port?: number; protocol?: "HTTP" | "HTTPS"; intervalSeconds?: 10 | 30; failureThreshold?: number };
  /**
   * Role the data planes assume to read the secrets (`KONG_VAULT_AWS_ASSUME_ROLE_ARN`). Dedicated Cloud
   * Gateways need one: their data planes run in Kong's AWS account (workload identity).
   */
  vaultAssumeRoleArn?: string;
  /** TTL of CNAME records. @default 60 */
  ttl?: number;
  /**
   * Cost-allocation tags for the health checks. Route 53 allows 10 tags per resource and the SDK uses 3
   * (ownership, identity, and `Name` unless you give one), so at most 7 (8 with your own `Name`).
   */
  tags?: CostAllocationTags;
  /** For Dedicated Cloud Gateways: the Konnect client and control plane... */
  konnect?: OperationOptions["konnect"];
  controlPlaneId?: string;
  /** ... and the data-plane groups to run in each region. */
  cloudGateway?: MultiRegionCloudGatewayOptions;
  /** Take over existing secrets and routed records that lack the ownership marks. */
  adopt?: boolean;
  /** Wait for Route 53 to report INSYNC (progress goes to onEvent). `false` returns right after the write. @default true */
  wait?: boolean | WaitOptions;
  /** Secrets Manager clients, by region (or one factory). @default one per region from the default credential chain */
  secretsManager?: SecretsManagerClient | ((region: string) => SecretsManagerClient);
  route53?: Route53Client;
}

/** What one region's data planes need. */
export interface RegionSetup {
  role: "primary" | "secondary";
  /** The health check of the region's endpoint (undefined only for a dry-run create). */
  healthCheckId: string | undefined;
  /**
   * Environment for the region's data planes: `KONG_VAULT_AWS_REGION` makes `{vault://aws/...}`
   * references read the secret replica of this region.
   */
  environment: Record<string, string>;
  /** `{vault://aws/<name>}` references (the same text in every region; resolved in the local region). */
  references: Record<string, string>;
  /** ARN of each secret (replica) in this region. */
  secretArns: Record<string, string>;
  /** What the region's data-plane role needs to read its local replicas. */
  iamPolicy: PolicyDocument;
}

/** Result of {@link setupMultiRegion}. */
export interface SetupMultiRegionResult {
  regions: Record<string, RegionSetup>;
  hostedZone: { id: string; name: string };
  changes: Change[];
}

type Json = Record<string, unknown>;
const DNS_NAME = /^(?=.{1,253}\.?$)([a-zA-Z0-9_]([a-zA-Z0-9-_]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}\.?$/;
const SET_ID_PREFIX = "konnect-aws-";
const endpointName = (e: RegionEndpoint) => (typeof e === "string" ? e : e.dnsName);
/** Longest wait for Route 53 to report INSYNC, or between polls: Node's timer limit. */
const MAX_WAIT_MS = 2_147_483_647;

function validate(o: SetupMultiRegionOptions): string[] {
  checkOperationOptions(o, "setupMultiRegion", 'primaryRegion: "us-east-1", secondaryRegions: ["eu-west-1"], domain, endpoints, mode: "failover"', { konnect: false });
  check(o.mode === "failover" || o.mode === "latency", "mode", `unknown mode ${show(o.mode)}`, "use failover (active-passive) or latency (active-active)");
  checkOptionalArray(o.secretNames, "secretNames", '"prod/redis"');
  // Kong's AWS vault ignores a KONG_VAULT_AWS_REGION outside its list (kong/vaults/aws/schema.lua one_of),
  // and the data planes would read another region's secret after a failover; latency records name regions
  const use = (o.secretNames ?? []).length ? "kong-vault" : o.mode === "latency" ? "route53-latency" : "aws";
  checkAwsRegion(o.primaryRegion, "primaryRegion", use);
  checkArray(o.secondaryRegions, "secondaryRegions", '"eu-west-1"');
  check(o.secondaryRegions.length > 0, "secondaryRegions", "at least one secondary region is needed", "pass secondaryRegions: ['eu-west-1']");
  const seen = new Set([o.primaryRegion]);
  o.secondaryRegions.forEach((r, i) => {
    checkAwsRegion(r, `secondaryRegions[${i}]`, use);
    check(!seen.has(r), `secondaryRegions[${i}]`, r === o.primaryRegion ? `${r} is the primary region` : `${r} is listed twice`, "list each secondary region once, and not the primary");
    seen.add(r);
  });
  if (o.mode === "latency" && use === "kong-vault") [o.primaryRegion, ...o.secondaryRegions].forEach((r, i) => checkAwsRegion(r, i === 0 ? "primaryRegion" : `secondaryRegions[${i - 1}]`, "route53-latency"));
  // a failover record set has exactly one PRIMARY and one SECONDARY (Route 53 failover routing)
  check(o.mode !== "failover" || o.secondaryRegions.length === 1, "secondaryRegions", "Route 53 failover routing has one primary and one secondary record", 'use one secondary region, or mode: "latency" for several');
  checkString(o.domain, "domain", { what: "a DNS name", max: 254, example: "api.example.com" });
  check(DNS_NAME.test(o.domain), "domain", `${show(o.domain)} is not a DNS name`, o.domain.includes("://") ? "give the name alone, without scheme or path, such as api.example.com" : "use a name such as api.example.com");
  checkOptionalString(o.hostedZoneId, "hostedZoneId", { what: "a hosted zone id", max: 64 });
  check(o.hostedZoneId === undefined || /^(\/hostedzone\/)?Z[A-Z0-9]{1,32}$/.test(o.hostedZoneId), "hostedZoneId", `${show(o.hostedZoneId)} is not a Route 53 hosted zone id`, "use the id from Route 53, such as Z0123456789ABC");
  const regions = [o.primaryRegion, ...o.secondaryRegions];
  checkPlainObject(o.endpoints, "endpoints", '"us-east-1": "use1.gw.example.com", "eu-west-1": "euw1.gw.example.com"');
  for (const r of regions) {
    const e = Object.hasOwn(o.endpoints, r) ? o.endpoints[r] : undefined;
    check(e !== undefined, `endpoints.${r}`, `region ${r} has no endpoint`, `set endpoints["${r}"] to the DNS name of its gateways (or { dnsName, aliasHostedZoneId } for a load balancer)`);
    check(typeof e === "string" || isPlainObject(e), `endpoints.${r}`, `expected a DNS name or { dnsName, aliasHostedZoneId }, got ${describeValue(e)}`, "give the host name of the region's load balancer or gateway");
    checkString(endpointName(e), typeof e === "string" ? `endpoints.${r}` : `endpoints.${r}.dnsName`, { what: "a DNS name", max: 254 });
    check(DNS_NAME.test(endpointName(e)), `endpoints.${r}`, `${show(endpointName(e))} is not a DNS name`, "give the host name of the region's load balancer or gateway, without scheme or path");
    if (typeof e !== "string") check(typeof e.aliasHostedZoneId === "string" && /^Z[A-Z0-9]{1,32}$/.test(e.aliasHostedZoneId), `endpoints.${r}.aliasHostedZoneId`, `${show(e.aliasHostedZoneId)} is not a hosted zone id`, "use the load balancer's canonical hosted zone id (DescribeLoadBalancers CanonicalHostedZoneId)");
  }
  // a CNAME cannot share its name with A records (RFC 1034 §3.6.2): one kind of endpoint for all regions
  const kinds = new Set(regions.map((r) => typeof o.endpoints[r]));
  check(kinds.size === 1, "endpoints", "some regions give a DNS name (CNAME records) and others a load balancer (alias A records); DNS cannot mix them under one name", "give every region a load balancer ({ dnsName, aliasHostedZoneId }), or every region a DNS name");
  for (const r of Object.keys(o.endpoints)) check(regions.includes(r), fieldPath("endpoints", r), `${show(r)} is neither the primary nor a secondary region`, "remove it or add the region");
  checkOptionalPlainObject(o.healthCheck, "healthCheck", 'port: 8100, path: "/status/ready"');
  const hc = o.healthCheck ?? {};
  check(hc.target === undefined || hc.target === "cloud-gateway" || hc.target === "self-hosted", "healthCheck.target", `unknown target ${show(hc.target)}`, 'use "cloud-gateway" (Dedicated Cloud Gateways) or "self-hosted"');
  if (healthTarget(o) === "self-hosted") {
    const why = "Kong serves /status/ready only on its status listener (status_listen, default 127.0.0.1:8007), not on the proxy port a load balancer forwards";
    check(hc.port !== undefined, "healthCheck.port", `self-hosted endpoints need the port of Kong's status listener: ${why}`, 'expose the status listener (KONG_STATUS_LISTEN=0.0.0.0:8100) and pass healthCheck: { port: 8100, path: "/status/ready" }; for Dedicated Cloud Gateways set healthCheck.target: "cloud-gateway"');
    check(hc.path !== undefined, "healthCheck.path", `self-hosted endpoints need an explicit health path: ${why}`, 'pass healthCheck: { port: 8100, path: "/status/ready" }');
  }
  checkOptionalString(hc.path, "healthCheck.path", { what: "a path", max: 255 });
  check(hc.path === undefined || hc.path.startsWith("/"), "healthCheck.path", `${show(hc.path)}: a path starts with /`, "use, for example, /status/ready");
  checkOptionalNumber(hc.port, "healthCheck.port", { min: 1, max: 65535, integer: true });
  check(hc.protocol === undefined || hc.protocol === "HTTP" || hc.protocol === "HTTPS", "healthCheck.protocol", `unknown protocol ${show(hc.protocol)}`, "use HTTP or HTTPS (upper case)");
  check(hc.intervalSeconds === undefined || hc.intervalSeconds === 10 || hc.intervalSeconds === 30, "healthCheck.intervalSeconds", `${describeValue(hc.intervalSeconds)}: Route 53 checks every 10 or 30 seconds`, "use 10 or 30");
  checkOptionalNumber(hc.failureThreshold, "healthCheck.failureThreshold", { min: 1, max: 10, integer: true });
  // Route 53 record TTLs: 0 to 2147483647 seconds (ResourceRecordSet TTL); a day is the practical ceiling
  // for a failover record, whose TTL is how long clients keep a dead region
  checkOptionalNumber(o.ttl, "ttl", { min: 0, max: 86_400, integer: true, unit: "seconds" });
  (o.secretNames ?? []).forEach((n, i) => checkSecretName(n, `secretNames[${i}]`));
  checkRoleArn(o.vaultAssumeRoleArn, "vaultAssumeRoleArn");
  checkOptionalPlainObject(o.replicaKmsKeyIds, "replicaKmsKeyIds", '"eu-west-1": "alias/payments"');
  for (const [r, k] of Object.entries(o.replicaKmsKeyIds ?? {})) {
    const at = fieldPath("replicaKmsKeyIds", r);
    check(o.secondaryRegions.includes(r), at, `${show(r)} is not a secondary region`, "key replicas by secondary region");
    checkKmsKeyId(k, at);
    const keyRegion = /^arn:[^:]+:kms:([^:]+):/.exec(k)?.[1];
    check(keyRegion === undefined || keyRegion === r, at, `the key is in ${keyRegion}, not ${r}; a replica needs a key of its own region`, `use a key (or alias) of ${r}`);
  }
  checkCostTags(o.tags, "tags");
  const tags = definedTags(o.tags);
  checkAwsTags(tags, "tags");
  const reserved = [DEFAULT_OWNERSHIP.awsTag.key, HEALTH_CHECK_IDENTITY_TAG];
  for (const k of reserved) check(!(k in tags), `tags.${k}`, "this tag key is the SDK's own mark on its health checks", "use another key");
  const room = ROUTE53_MAX_TAGS - reserved.length - ("Name" in tags ? 0 : 1);
  check(Object.keys(tags).length <= room, "tags", `Route 53 allows ${ROUTE53_MAX_TAGS} tags per health check and the SDK sets ${ROUTE53_MAX_TAGS - room} (ownership, identity${"Name" in tags ? "" : ", Name"}); ${Object.keys(tags).length} given`, `keep at most ${room} tags`);
  check(o.wait === undefined || typeof o.wait === "boolean" || isPlainObject(o.wait), "wait", `expected true, false or wait options, got ${describeValue(o.wait)}`, "pass wait: false to return right after the write, or leave it out");
  if (isPlainObject(o.wait)) {
    if (o.wait.timeoutMs !== undefined) checkNumber(o.wait.timeoutMs, "wait.timeoutMs", { min: 1, max: MAX_WAIT_MS, unit: "ms" });
    if (o.wait.intervalMs !== undefined) checkNumber(o.wait.intervalMs, "wait.intervalMs", { min: 1, max: MAX_WAIT_MS, unit: "ms" });
    checkOptionalFunction(o.wait.sleep, "wait.sleep", "(ms) => new Promise((r) => setTimeout(r, ms))");
  }
  check(o.route53 === undefined || typeof (o.route53 as { send?: unknown } | null)?.send === "function", "route53", `expected a Route53Client, got ${describeValue(o.route53)}`, "pass route53: new Route53Client({}), or leave it out");
  check(o.secretsManager === undefined || typeof o.secretsManager === "function" || typeof (o.secretsManager as { send?: unknown } | null)?.send === "function", "secretsManager", `expected a SecretsManagerClient or a function of the region, got ${describeValue(o.secretsManager)}`, "pass secretsManager: (region) => new SecretsManagerClient({ region }), or leave it out");
  if (o.cloudGateway) {
    checkPlainObject(o.cloudGateway, "cloudGateway", 'version: "3.10", networks: { "us-east-1": "<network id>" }');
    check(o.konnect && o.controlPlaneId, "controlPlaneId", "cloud-gateway data-plane groups need the Konnect client and the control plane", "pass konnect and controlPlaneId");
    checkKonnectClient(o.konnect);
    check(typeof o.cloudGateway.version === "string" && /^\d+\.\d+$/.test(o.cloudGateway.version), "cloudGateway.version", `expected a gateway version such as "3.10", got ${describeValue(o.cloudGateway.version)}`, 'set cloudGateway.version to a string such as "3.10"');
    checkPlainObject(o.cloudGateway.networks, "cloudGateway.networks", '"us-east-1": "<network id>"');
    for (const r of regions) checkString(Object.hasOwn(o.cloudGateway.networks, r) ? o.cloudGateway.networks[r] : undefined, `cloudGateway.networks.${r}`, { what: `the cloud-gateway network id of ${r}`, max: 64 });
    checkOptionalNumber(o.cloudGateway.baseRps, "cloudGateway.baseRps", { min: 1, max: 1_000_000, integer: true });
    check(o.cloudGateway.apiAccess === undefined || ["private", "public", "private+public"].includes(o.cloudGateway.apiAccess), "cloudGateway.apiAccess", `unknown access ${show(o.cloudGateway.apiAccess)}`, "use private, public or private+public");
  }
  if (o.controlPlaneId !== undefined) checkControlPlaneId(o.controlPlaneId);
  if (o.konnect !== undefined) checkKonnectClient(o.konnect);
  return regions;
}

/** What the endpoints are: Dedicated Cloud Gateways (with `cloudGateway`, or `*.konggateway.com` names) or self-hosted. */
function healthTarget(o: SetupMultiRegionOptions): "cloud-gateway" | "self-hosted" {
  if (o.healthCheck?.target) return o.healthCheck.target;
  if (o.cloudGateway) return "cloud-gateway";
  const names = Object.values(o.endpoints ?? {}).map((e) => (e ? endpointName(e) : ""));
  return names.length && names.every((n) => /\.konggateway\.com\.?$/i.test(n)) ? "cloud-gateway" : "self-hosted";
}

function healthCheckConfig(o: SetupMultiRegionOptions, endpoint: RegionEndpoint): HealthCheckConfig {
  const hc = o.healthCheck ?? {};
  const cloud = healthTarget(o) === "cloud-gateway";
  // the status listener of a self-hosted Kong serves plain HTTP unless configured with ssl
  const protocol = hc.protocol ?? (cloud ? "HTTPS" : "HTTP");
  return {
    Type: protocol,
    FullyQualifiedDomainName: endpointName(endpoint).replace(/\.$/, ""),
    Port: hc.port ?? (protocol === "HTTPS" ? 443 : 80),
    // Dedicated Cloud Gateways: /___konnect/healthz (Kong docs, Dedicated Cloud Gateways reference);
    // self-hosted: validate() requires the path (the status listener's /status/ready)
    ResourcePath: hc.path ?? "/___konnect/healthz",
    RequestInterval: hc.intervalSeconds ?? 30,
    FailureThreshold: hc.failureThreshold ?? 3,
    ...(protocol === "HTTPS" ? { EnableSNI: true } : {}),
  };
}

function desiredRecord(o: SetupMultiRegionOptions, region: string, role: "primary" | "secondary", healthCheckId: string): ResourceRecordSet {
  const e = o.endpoints[region]!;
  const routing =
    o.mode === "failover"
      ? { SetIdentifier: `${SET_ID_PREFIX}${region}-${role}`, Failover: role === "primary" ? ("PRIMARY" as const) : ("SECONDARY" as const) }
      : { SetIdentifier: `${SET_ID_PREFIX}${region}`, Region: region as ResourceRecordSet["Region"] };
  if (typeof e === "string") {
    return { Name: fqdn(o.domain), Type: "CNAME", ...routing, TTL: o.ttl ?? 60, ResourceRecords: [{ Value: fqdn(e) }], HealthCheckId: healthCheckId };
  }
  return { Name: fqdn(o.domain), Type: "A", ...routing, AliasTarget: { HostedZoneId: e.aliasHostedZoneId, DNSName: fqdn(e.dnsName), EvaluateTargetHealth: true }, HealthCheckId: healthCheckId };
}

const comparable = (r: ResourceRecordSet) => ({
  Name: fqdn(r.Name ?? ""),
  Type: r.Type,
  SetIdentifier: r.SetIdentifier,
  Failover: r.Failover,
  Region: r.Region,
  TTL: r.TTL,
  ResourceRecords: r.ResourceRecords?.map((x) => fqdn(x.Value ?? "")),
  AliasTarget: r.AliasTarget ? { ...r.AliasTarget, DNSName: fqdn(r.AliasTarget.DNSName ?? "") } : undefined,
  HealthCheckId: r.HealthCheckId,
});

/**
 * Active-passive (`failover`) or active-active (`latency`) across AWS regions, the guide's "Multi-Region
 * Setup", "Active-Active Configuration" and "Disaster Recovery":
 *
 * - **Secrets in every region**: each named secret is replicated from the primary region to the
 *   secondaries (`ReplicateSecretToRegions`); regions already replicated are left alone.
 * - **Region-local reads**: a vault entity's config is shared by every data plane of a control plane, so it
 *   cannot point each region at its own replica. References whose host is the backend name,
 *   `{vault://aws/<secret>}`, take their config from the data plane's environment instead
 *   (`KONG_VAULT_AWS_*`: Kong `kong/conf_loader/constants.lua` treats `vault_` as a dynamic namespace and
 *   `kong/pdk/vault.lua` reads `vault_aws_<field>` for such references; konnect-api-notes §12). So each
 *   region's data planes set `KONG_VAULT_AWS_REGION` to their region (returned in `regions[r].environment`)
 *   and the same reference resolves to the local replica. On Dedicated Cloud Gateways the variable is set
 *   in each data-plane group's `environment` (only `KONG_*`/`OTEL_*` names are accepted there).
 * - **Traffic steering**: a Route 53 health check per region (found again by its caller reference and
 *   tagged), and records for the domain: PRIMARY/SECONDARY failover or one latency record per region; alias
 *   records with target-health evaluation for load balancers, CNAMEs with health-check ids otherwise.
 *   Changes go in batches (at most 100 per call), then the operation waits for INSYNC.
 * - **Dedicated Cloud Gateways** (with `cloudGateway`): one configuration holding a data-plane group per
 *   region, replaced as a whole (PUT) from the full desired set.
 *
 * @example
 * ```ts
 * import { setupMultiRegion } from "konnect-aws";
 * const { regions, changes } = await setupMultiRegion({
 *   primaryRegion: "us-east-1",
 *   secondaryRegions: ["eu-west-1"],
 *   secretNames: ["payments/redis"],
 *   domain: "api.example.com",
 *   endpoints: { "us-east-1": "gw-use1.example.com", "eu-west-1": "gw-euw1.example.com" },
 *   mode: "failover",
 * });
 * console.log(regions["eu-west-1"]?.environment); // { KONG_VAULT_AWS_REGION: "eu-west-1" }
 * ```
 */
export async function setupMultiRegion(options: SetupMultiRegionOptions): Promise<SetupMultiRegionResult> {
  // a run that loses a race to another identical run reads again and converges (replan-on-conflict.ts)
  return replanOnConflict(() => setupMultiRegionOnce(options), options?.signal);
}

async function setupMultiRegionOnce(options: SetupMultiRegionOptions): Promise<SetupMultiRegionResult> {
  const regions = validate(options);
  const { signal } = options;
  const ownership: Ownership = { ...DEFAULT_OWNERSHIP, ...options.ownership };
  const tags = { ...definedTags(options.tags), [ownership.awsTag.key]: ownership.awsTag.value };
  const role = (r: string): "primary" | "secondary" => (r === options.primaryRegion ? "primary" : "secondary");
  const smFor = async (region: string): Promise<SecretsManagerClient> => {
    const given = options.secretsManager;
    if (typeof given === "function") return given(region);
    if (given) return given;
    return new (await loadSecretsManager()).SecretsManagerClient({ region });
  };
  const route53 = options.route53 ?? new (await loadRoute53()).Route53Client({ region: "us-east-1" });
  const r53 = await loadRoute53();
  const secretNames = options.secretNames ?? [];

  // reads, in parallel
  const primarySm = secretNames.length ? await smFor(options.primaryRegion) : undefined;
  const [zone, healthChecks, secretStates, cgState] = await Promise.all([
    findHostedZone(route53, options.domain, options.hostedZoneId, signal),
    listHealthChecks(route53, signal).then((all) => observeHealthChecks(route53, all, regions.map((r) => endpointName(options.endpoints[r]!)), signal)),
    Promise.all(secretNames.map((n) => describeSecret(primarySm!, n, { signal }))),
    options.cloudGateway ? readCloudGateway(options, signal) : Promise.resolve(undefined),
  ]);
  const apex = fqdn(options.domain) === zone.name;
  for (const r of regions) {
    if (apex && typeof options.endpoints[r] === "string") {
      throw new ConfigError({ field: `endpoints.${r}`, problem: `${options.domain} is the zone apex, where DNS allows no CNAME`, fix: "give { dnsName, aliasHostedZoneId } of a load balancer (an alias record), or use a subdomain" });
    }
  }
  const existingRecords = await listRecordSets(route53, zone.id, options.domain, signal);

  const planned: PlannedChange[] = [];
  const changes: Change[] = [];

  // 1. secret replicas
  for (const s of secretStates) planned.push(planReplication(options, s, primarySm!, ownership));

  // 2. health checks, found again by their tags and configuration
  const hcSteps = new Map<string, PlannedChange>();
  const hcPlans = new Map<string, HealthCheckPlan>();
  const claimed = new Set<string>();
  for (const region of regions) {
    const regionTags = { ...(tags.Name ? {} : { Name: `${options.domain} ${region}`.slice(0, 256) }), ...tags, [HEALTH_CHECK_IDENTITY_TAG]: healthCheckIdentity(options.domain, region) };
    const plan = planHealthCheck({ client: route53, domain: options.domain, region, config: healthCheckConfig(options, options.endpoints[region]!), tags: regionTags, observed: healthChecks, claimed, ownership, adopt: options.adopt, signal });
    hcPlans.set(region, plan);
    hcSteps.set(region, plan.step);
    planned.push(plan.step);
  }
  const hcIds = { get: (region: string) => hcPlans.get(region)?.id() };

  // 3. records: ours carry a set identifier starting with konnect-aws-
  const ours = existingRecords.filter((r) => r.SetIdentifier?.startsWith(SET_ID_PREFIX));
  const plain = existingRecords.filter((r) => !r.SetIdentifier && (r.Type === "CNAME" || r.Type === "A" || r.Type === "AAAA"));
  const foreignRouted = existingRecords.filter((r) => r.SetIdentifier && !r.SetIdentifier.startsWith(SET_ID_PREFIX));
  if ((plain.length || foreignRouted.length) && !options.adopt) {
    throw new ConfigError({ field: "domain", problem: `${options.domain} already has records konnect-aws did not create (${[...plain, ...foreignRouted].map((r) => `${r.Type}${r.SetIdentifier ? ` ${r.SetIdentifier}` : ""}`).join(", ")}); routed records cannot share the name with them`, fix: "remove them, or pass adopt: true to replace them" });
  }
  const pendingId = (region: string) => hcIds.get(region) ?? `(health check of ${region}, created on apply)`;
  const desiredNow = regions.map((r) => desiredRecord(options, r, role(r), pendingId(r)));
  const toDelete = [...ours, ...(options.adopt ? [...plain, ...foreignRouted] : [])].filter((r) => !desiredNow.some((d) => d.SetIdentifier === r.SetIdentifier && d.Type === r.Type));
  const recordChange: Change = { action: "noop", kind: "aws.route53-records", key: fqdn(options.domain), diff: [] };
  const diff: FieldDiff[] = [];
  for (const d of desiredNow) {
    const current = ours.find((r) => r.SetIdentifier === d.SetIdentifier && r.Type === d.Type);
    if (!current) diff.push({ path: d.SetIdentifier!, after: comparable(d) });
    else if (!sameValue(comparable(current), comparable(d))) diff.push({ path: d.SetIdentifier!, before: comparable(current), after: comparable(d) });
  }
  for (const r of toDelete) diff.push({ path: r.SetIdentifier ?? `${r.Type}`, before: comparable(r) });
  const recordStep: PlannedChange = { change: recordChange, after: [...hcSteps.values()] };
  const stale = staleHealthChecks(healthChecks, options.domain, claimed, ownership, options.adopt);
  if (diff.length) {
    Object.assign(recordChange, { action: ours.length || toDelete.length ? "update" : "create", diff });
    recordStep.apply = async (progress) => {
      // built at write time: new health checks have ids now
      const desired = regions.map((r) => desiredRecord(options, r, role(r), hcIds.get(r)!));
      const batch: R53Change[] = [
        ...toDelete.map((r) => ({ Action: "DELETE" as const, ResourceRecordSet: r })),
        ...desired.filter((d) => !ours.some((r) => r.SetIdentifier === d.SetIdentifier && r.Type === d.Type && sameValue(comparable(r), comparable(d)))).map((d) => ({ Action: "UPSERT" as const, ResourceRecordSet: d })),
      ];
      const ids: string[] = [];
      for (const part of batchChanges(batch)) {
        const out = await awsStep(`ChangeResourceRecordSets ${zone.name}`, () =>
          route53.send(new r53.ChangeResourceRecordSetsCommand({ HostedZoneId: zone.id, ChangeBatch: { Comment: `konnect-aws setupMultiRegion ${options.mode}`, Changes: part } }), { abortSignal: signal }),
        );
        if (out.ChangeInfo?.Id) ids.push(out.ChangeInfo.Id);
        recordChange.id = ids.join(",");
        // the records are written: a failure while waiting still reports them
        progress.wrote();
      }
      if (options.wait !== false) await waitForInsync(route53, ids, { ...(typeof options.wait === "object" ? options.wait : {}), signal, onEvent: options.onEvent, key: fqdn(options.domain) });
    };
  }
  planned.push(recordStep);

  // 4. health checks no record uses any more (after the records moved away from them)
  for (const { check: h } of stale) {
    const change: Change = { action: "delete", kind: "aws.route53-health-check", key: h.CallerReference!, id: h.Id, diff: [{ path: "HealthCheckConfig", before: h.HealthCheckConfig }] };
    planned.push({ change, after: [recordStep], apply: async () => void (await awsStep(`DeleteHealthCheck ${h.Id}`, () => route53.send(new r53.DeleteHealthCheckCommand({ HealthCheckId: h.Id }), { abortSignal: signal }))) });
  }

  // 5. Dedicated Cloud Gateway configuration (one PUT with every region)
  if (options.cloudGateway && cgState) planned.push(planCloudGateway(options, regions, cgState));

  changes.push(...(await executePlan(planned, { dryRun: options.dryRun, concurrency: options.concurrency, signal, onEvent: options.onEvent, logger: options.logger })));

  // the customer-managed key of each secret in each region (the primary's own key; a replica's key as
  // asked for or as Secrets Manager reports it), as ARNs: IAM never matches a key id or alias name
  const kmsFor = (region: string): string[] => {
    const keys = secretStates.map((st) => {
      const account = accountOfArn(st.arn);
      if (region === options.primaryRegion) return kmsKeyArn(st.kmsKeyId, region, account);
      return kmsKeyArn(options.replicaKmsKeyIds?.[region] ?? st.replicaRegions.find((x) => x.region === region)?.kmsKeyId, region, account);
    });
    return [...new Set(keys.filter((k): k is string => k !== undefined))];
  };
  const regionSetups: Record<string, RegionSetup> = {};
  for (const region of regions) {
    // prototype-less: a secret named __proto__ or constructor is an ordinary key
    const secretArns: Record<string, string> = dict();
    for (const s of secretStates) {
      // a replica's ARN is the primary's with the region swapped (same name suffix)
      const arn = s.arn ?? `arn:aws:secretsmanager:${options.primaryRegion}:*:secret:${s.name}-??????`;
      secretArns[s.name] = arn.replace(`:secretsmanager:${options.primaryRegion}:`, `:secretsmanager:${region}:`);
    }
    regionSetups[region] = {
      role: role(region),
      healthCheckId: hcIds.get(region),
      environment: vaultEnvironment(options, region),
      references: dict(secretNames.map((n) => [n, vaultReference({ prefix: "aws", name: n })])),
      secretArns,
      // no secrets, nothing to grant: an empty statement list rather than an invalid Resource: []
      iamPolicy: secretNames.length ? buildSecretsReadPolicy({ region, secretArns: Object.values(secretArns), ...(kmsFor(region).length ? { kmsKeyArns: kmsFor(region) } : {}) }) : { Version: "2012-10-17", Statement: [] },
    };
  }
  return { regions: regionSetups, hostedZone: zone, changes };
}

/** The `KONG_VAULT_AWS_*` settings of one region's data planes (Kong reads `vault_aws_<field>`, §12). */
function vaultEnvironment(o: SetupMultiRegionOptions, region: string): Record<string, string> {
  return { KONG_VAULT_AWS_REGION: region, ...(o.vaultAssumeRoleArn ? { KONG_VAULT_AWS_ASSUME_ROLE_ARN: o.vaultAssumeRoleArn } : {}) };
}

function planReplication(o: SetupMultiRegionOptions, s: SecretState, client: SecretsManagerClient, ownership: Ownership): PlannedChange {
  const change: Change = { action: "noop", kind: "aws.secret-replicas", key: s.name, diff: [] };
  const planned: PlannedChange = { change };
  if (!s.exists && o.dryRun) {
    // a secret the same plan creates (enableAwsVault in a dry run): its replicas are pending too
    Object.assign(change, { action: "update", pending: true, diff: o.secondaryRegions.map((r) => ({ path: `replicas.${r}`, after: "replicated once the secret exists" })) });
    return planned;
  }
  if (!s.exists || s.deleted) throw new ConfigError({ field: "secretNames", problem: `secret ${JSON.stringify(s.name)} does not exist in ${o.primaryRegion}${s.deleted ? " (it is scheduled for deletion)" : ""}`, fix: "create it first (enableAwsVault), or fix the name" });
  if (s.primaryRegion) throw new ConfigError({ field: "secretNames", problem: `${s.name} in ${o.primaryRegion} is itself a replica of ${s.primaryRegion}`, fix: `make ${s.primaryRegion} the primary region` });
  if (s.tags[ownership.awsTag.key] !== ownership.awsTag.value && !o.adopt) {
    throw new ConfigError({ field: "secretNames", problem: `secret ${JSON.stringify(s.name)} lacks the ${ownership.awsTag.key}=${ownership.awsTag.value} tag, so konnect-aws does not manage it`, fix: "pass adopt: true, or manage it with enableAwsVault first" });
  }
  change.id = s.arn;
  const inSync = new Set(s.replicaRegions.filter((r) => r.status !== "Failed").map((r) => r.region));
  const missing = o.secondaryRegions.filter((r) => !inSync.has(r));
  if (!missing.length) return planned;
  Object.assign(change, { action: "update", diff: missing.map((r) => ({ path: `replicas.${r}`, after: o.replicaKmsKeyIds?.[r] ? { kmsKeyId: o.replicaKmsKeyIds[r] } : "replicated" })) });
  planned.apply = async () => {
    const sm = await loadSecretsManager();
    await awsStep(`ReplicateSecretToRegions ${s.name}`, () =>
      client.send(new sm.ReplicateSecretToRegionsCommand({ SecretId: s.name, AddReplicaRegions: missing.map((Region) => ({ Region, ...(o.replicaKmsKeyIds?.[Region] ? { KmsKeyId: o.replicaKmsKeyIds[Region] } : {}) })) }), { abortSignal: o.signal }),
    );
  };
  return planned;
}

type ControlPlane = KonnectSchemas["ControlPlane"];
type Configuration = KonnectSchemas["ConfigurationManifest"];

async function readCloudGateway(o: SetupMultiRegionOptions, signal?: AbortSignal): Promise<{ cp: ControlPlane; current: Configuration | undefined }> {
  const konnect = o.konnect!;
  const { data: cp } = await konnect.api.GET("/v2/control-planes/{controlPlaneId}", { params: { path: { controlPlaneId: o.controlPlaneId! } }, ...(signal ? { signal } : {}) });
  if (!cp?.config.cloud_gateway) throw new ConfigError({ field: "cloudGateway", problem: `control plane ${o.controlPlaneId} is not a Dedicated Cloud Gateway control plane`, fix: "drop cloudGateway (set KONG_VAULT_AWS_REGION on your own data planes), or use a cloud-gateway control plane" });
  const configs = await konnect.collect("/v2/cloud-gateways/configurations", { params: { query: { filter: { control_plane_id: { eq: o.controlPlaneId! } } } }, ...(signal ? { signal } : {}) });
  const current = (configs as Configuration[]).find((c) => c.control_plane_id === o.controlPlaneId && c.control_plane_geo === konnect.region);
  return { cp, current };
}

function planCloudGateway(o: SetupMultiRegionOptions, regions: string[], state: { current: Configuration | undefined }): PlannedChange {
  const cg = o.cloudGateway!;
  const konnect = o.konnect!;
  const groups = regions.map((region) => ({
    provider: "aws" as const,
    region,
    cloud_gateway_network_id: cg.networks[region]!,
    autoscale: { kind: "autopilot" as const, base_rps: cg.baseRps ?? 100 },
    environment: Object.entries(vaultEnvironment(o, region)).map(([name, value]) => ({ name, value })),
  }));
  const body = { control_plane_id: o.controlPlaneId!, control_plane_geo: konnect.region, version: cg.version, kind: "dedicated.v0" as const, api_access: cg.apiAccess ?? ("private+public" as const), dataplane_groups: groups };
  const change: Change = { action: "noop", kind: "konnect.cloud-gateway-configuration", key: `${o.controlPlaneId}@${konnect.region}`, diff: [] };
  const planned: PlannedChange = { change };
  const current = state.current;
  change.id = current?.id;
  // compare what the SDK sets: Konnect adds fields to the echo (autoscale.max_rps is set to 10x base_rps)
  const currentGroups = ((current?.dataplane_group_config ?? []) as Json[]).map((g) => {
    const a = (g.autoscale ?? {}) as Json;
    return { provider: g.provider, region: g.region, cloud_gateway_network_id: g.cloud_gateway_network_id, autoscale: { kind: a.kind, base_rps: a.base_rps }, environment: g.environment ?? [] };
  });
  const same = current && current.version === cg.version && (current.api_access ?? "private+public") === body.api_access && sameValue(currentGroups, groups, "groups", ["groups"]);
  if (same) return planned;
  Object.assign(change, {
    action: current ? "update" : "create",
    ...(current ? {} : { pending: true }),
    diff: [{ path: "dataplane_groups", ...(current ? { before: currentGroups } : {}), after: groups }, ...(current?.version !== cg.version ? [{ path: "version", ...(current ? { before: current.version } : {}), after: cg.version }] : [])],
  });
  planned.apply = async () => {
    // the configuration is replaced as a whole: the body holds every region's group
    const { data } = await konnect.api.PUT("/v2/cloud-gateways/configurations", { body, ...(o.signal ? { signal: o.signal } : {}) }).catch((e: unknown) => {
      // Konnect answers an identical configuration with 409: nothing to do
      if ((e as { status?: number }).status === 409 && /identical/i.test(String((e as { detail?: string }).detail))) return { data: current };
      throw e;
    });
    change.id = data?.id;
    delete change.pending;
  };
  return planned;
}
