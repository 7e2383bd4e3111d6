import type { HealthCheckConfig, Route53Client } from "@aws-sdk/client-route-53";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { buildSecretsReadPolicy, type PolicyDocument } from "../aws/iam-policies.js";
import { kmsKeyArn } from "../aws/kms.js";
import { loadRoute53, loadSecretsManager } from "../aws/load-sdk.js";
import { checkAwsRegion } from "../aws/regions.js";
import { findHostedZone, type WaitOptions } from "../aws/route53.js";
import { accountOfArn, type SecretState } from "../aws/secrets-manager.js";
import { drainOnFailure, settleInOrder } from "../internal/settle-in-order.js";
import { checkAwsTags, checkKmsKeyId, checkRoleArn, checkSecretName } from "../aws/validate.js";
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
import type { Change } from "../reconcile/change.js";
import { DEFAULT_OWNERSHIP, type Ownership } from "../reconcile/ownership.js";
import { createHealthCheckReader, HEALTH_CHECK_IDENTITY_TAG, healthCheckIdentity, healthCheckResource, ROUTE53_MAX_TAGS, staleHealthChecks, unusedHealthCheckResource } from "../resources/aws/route53-health-check.js";
import { createRecordReader, foreignRecordResource, foreignRecords, recordsUsing, routedRecordsResource, type Zone } from "../resources/aws/route53-record-set.js";
import { secretReplicaResource } from "../resources/aws/secret-replica.js";
import { cloudGatewayConfigurationResource } from "../resources/konnect/cloud-gateway-configuration.js";
import { reconcileResources } from "../reconcile/reconcile-resources.js";
import type { Resource } from "../reconcile/resource.js";
import { checkOperationOptions } from "./check-operation-options.js";
import { checkCostTags, definedTags, type CostAllocationTags } from "./cost-tags.js";
import type { OperationOptions } from "./operation-options.js";
import { replanOnConflict } from "./replan-on-conflict.js";
import type { TeardownOptions } from "./teardown-options.js";
import { vaultReference } from "./vault-reference.js";
import { observeEarly } from "../reconcile/observe-early.js";

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
  /**
   * Secrets Manager clients: a function of the region, or one client. @default one per region from the
   * default credential chain. A single client reaches its own region only: {@link teardownMultiRegion}
   * then detaches the replicas but cannot delete them in their regions.
   */
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
  /**
   * What the region's data-plane role needs to read its local replicas; `undefined` without `secretNames`
   * (nothing to grant, and IAM refuses a policy document without a statement).
   */
  iamPolicy: PolicyDocument | undefined;
}

/** Result of {@link setupMultiRegion}. */
export interface SetupMultiRegionResult {
  regions: Record<string, RegionSetup>;
  hostedZone: { id: string; name: string };
  changes: Change[];
}

const DNS_NAME = /^(?=.{1,253}\.?$)([a-zA-Z0-9_]([a-zA-Z0-9-_]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}\.?$/;
const endpointName = (e: RegionEndpoint) => (typeof e === "string" ? e : e.dnsName);
/** Longest wait for Route 53 to report INSYNC, or between polls: Node's timer limit. */
const MAX_WAIT_MS = 2_147_483_647;

/** Checks the options of {@link setupMultiRegion} (and its teardown) before any request; returns every region, primary first. @internal */
export function validateMultiRegionOptions(o: SetupMultiRegionOptions): string[] {
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

/** The `KONG_VAULT_AWS_*` settings of one region's data planes (Kong reads `vault_aws_<field>`, §12). */
function vaultEnvironment(o: SetupMultiRegionOptions, region: string): Record<string, string> {
  return { KONG_VAULT_AWS_REGION: region, ...(o.vaultAssumeRoleArn ? { KONG_VAULT_AWS_ASSUME_ROLE_ARN: o.vaultAssumeRoleArn } : {}) };
}

/** What {@link declareMultiRegionResources} returns. @internal */
export interface MultiRegionResources {
  /** In declaration (apply) order: replicas, health checks, records, unused checks, cloud-gateway configuration. */
  resources: Resource[];
  zone: () => Promise<Zone>;
  /** The health check of each region, once observed or created. */
  healthCheckId: (region: string) => string | undefined;
  /** The primary secrets as observed. */
  secretStates: () => SecretState[];
}

/**
 * The resources of a multi-region run (apply or teardown), from the same options. The reads that decide
 * which resources exist run first, in parallel: the hosted zone and the health checks (and, for a
 * teardown, the records of the domain); the kinds share those reads, so declaring one resource per
 * object costs no extra request.
 * @internal
 */
export async function declareMultiRegionResources(options: SetupMultiRegionOptions & TeardownOptions, regions: string[], mode: "apply" | "teardown"): Promise<MultiRegionResources> {
  const { signal, adopt, domain } = options;
  const ownership: Ownership = { ...DEFAULT_OWNERSHIP, ...options.ownership };
  const tags = { ...definedTags(options.tags), [ownership.awsTag.key]: ownership.awsTag.value };
  const clients = new Map<string, Promise<SecretsManagerClient>>();
  const smFor = (region: string) => {
    const given = options.secretsManager;
    if (!clients.has(region)) clients.set(region, typeof given === "function" ? Promise.resolve(given(region)) : given ? Promise.resolve(given) : loadSecretsManager().then((m) => new m.SecretsManagerClient({ region })));
    return clients.get(region)!;
  };
  const route53 = options.route53 ?? new (await loadRoute53()).Route53Client({ region: "us-east-1" });
  let found: Promise<Zone> | undefined;
  const zone = () => (found ??= findHostedZone(route53, domain, options.hostedZoneId, signal));
  const specs = regions.map((region) => ({ region, config: healthCheckConfig(options, options.endpoints[region]!), tags: { ...(tags.Name ? {} : { Name: `${domain} ${region}`.slice(0, 256) }), ...tags, [HEALTH_CHECK_IDENTITY_TAG]: healthCheckIdentity(domain, region) } }));
  const readChecks = createHealthCheckReader({ client: route53, domain, specs, ownership, adopt, signal });
  const readRecords = createRecordReader(route53, zone, domain, signal);
  const secretOuts = (mode === "teardown" && options.keepSecrets ? [] : (options.secretNames ?? [])).map((name) => ({ name, out: {} as { state?: SecretState } }));
  const replicas = secretOuts.map(({ name, out }) =>
    secretReplicaResource({ client: smFor, name, primaryRegion: options.primaryRegion, regions: options.secondaryRegions, kmsKeyIds: options.replicaKmsKeyIds, ownership, mode, dryRun: options.dryRun, signal, recoveryWindowInDays: options.recoveryWindowInDays, forceDeleteWithoutRecovery: options.forceDeleteWithoutRecovery, out }),
  );
  // Every read the resources start from goes out in one wave: the replicas' observes (observeEarly: the
  // engine's observe takes the read under way), the health checks (with their tags), the zone and its
  // records (read here in both modes: an apply's records resource observes them through the same memoized
  // read, which otherwise waited for the checks' tags). The reads' refusals keep their order
  // (settleInOrder); a refusal is reported once the replicas' reads have ended too.
  const [checks, , listed] = await drainOnFailure((inFlight) => {
    observeEarly(replicas, { inFlight });
    return settleInOrder([readChecks(), zone(), readRecords()] as const);
  });
  const records = mode === "teardown" ? listed : [];

  const checkOuts = new Map(regions.map((r) => [r, {} as { id?: string | undefined }]));
  const usedBy = (id: string) => recordsUsing(records, id, adopt);
  const regionChecks = specs.map((spec) => healthCheckResource({ client: route53, domain, spec, read: readChecks, ownership, signal, usedBy, out: checkOuts.get(spec.region)! }));
  const context = { client: route53, zone, domain, read: readRecords, wait: options.wait, comment: mode === "apply" ? `konnect-aws setupMultiRegion ${options.mode}` : "konnect-aws teardownMultiRegion", onEvent: options.onEvent, signal };
  const role = (r: string) => (r === options.primaryRegion ? ("primary" as const) : ("secondary" as const));
  const routed = (dependsOn: Resource[], needsOnlyIdOf?: Resource[]) =>
    routedRecordsResource({ ...context, dependsOn, needsOnlyIdOf, routing: options.mode, regions: regions.map((region) => ({ region, role: role(region), target: options.endpoints[region]! })), ttl: options.ttl, healthCheckId: (r) => checkOuts.get(r)!.id, adopt, mode });
  const cg = options.cloudGateway;
  const configuration = cg
    ? [cloudGatewayConfigurationResource({ konnect: options.konnect!, controlPlaneId: options.controlPlaneId!, version: cg.version, apiAccess: cg.apiAccess ?? "private+public", groups: regions.map((region) => ({ region, networkId: cg.networks[region]!, baseRps: cg.baseRps ?? 100, environment: vaultEnvironment(options, region) })), mode, signal })]
    : [];

  let resources: Resource[];
  if (mode === "apply") {
    // the records wait for the health checks (they need their ids) and the replicas (the regions they route
    // to read them); checks no region uses any more go once the records moved away from them
    // (the stale checks are absent: the records do not wait for their deletion, their deletion waits for the records)
    const stale = staleHealthChecks(checks, domain, ownership, adopt).map((check) => unusedHealthCheckResource({ client: route53, check, mode, ownership, signal, adopt, domain }));
    // of the checks, the records need only the ids: they are written while the new checks get their tags
    const recordSet = routed([...regionChecks, ...replicas, ...stale], regionChecks);
    resources = [...replicas, ...regionChecks, recordSet, ...stale, ...configuration];
  } else {
    // every unused check of the domain is declared: ours are deleted, the others kept and listed
    const unused = checks.unused.map((check) => unusedHealthCheckResource({ client: route53, check, mode, ownership, signal, usedBy, adopt, domain }));
    const foreign = foreignRecords(records).map((record) => foreignRecordResource({ ...context, dependsOn: [...regionChecks, ...unused] }, record));
    resources = [...replicas, ...regionChecks, ...unused, routed([...regionChecks, ...unused, ...replicas]), ...foreign, ...configuration];
  }
  return { resources, zone, healthCheckId: (r) => checkOuts.get(r)!.id, secretStates: () => secretOuts.map((s) => s.out.state!).filter(Boolean) };
}

/** The `regions` of the result: each region's role, health check, environment, references, ARNs and policy. */
function regionSetups(options: SetupMultiRegionOptions, regions: string[], healthCheckId: (region: string) => string | undefined, secretStates: SecretState[]): Record<string, RegionSetup> {
  const secretNames = options.secretNames ?? [];
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
  const out: Record<string, RegionSetup> = {};
  for (const region of regions) {
    // prototype-less: a secret named __proto__ or constructor is an ordinary key
    const secretArns: Record<string, string> = dict();
    for (const s of secretStates) {
      // a replica's ARN is the primary's with the region swapped (same name suffix)
      const arn = s.arn ?? `arn:aws:secretsmanager:${options.primaryRegion}:*:secret:${s.name}-??????`;
      secretArns[s.name] = arn.replace(`:secretsmanager:${options.primaryRegion}:`, `:secretsmanager:${region}:`);
    }
    out[region] = {
      role: region === options.primaryRegion ? "primary" : "secondary",
      healthCheckId: healthCheckId(region),
      environment: vaultEnvironment(options, region),
      references: dict(secretNames.map((n) => [n, vaultReference({ prefix: "aws", name: n })])),
      secretArns,
      // no secrets, nothing to grant: an empty statement list rather than an invalid Resource: []
      iamPolicy: secretNames.length ? buildSecretsReadPolicy({ region, secretArns: Object.values(secretArns), ...(kmsFor(region).length ? { kmsKeyArns: kmsFor(region) } : {}) }) : undefined,
    };
  }
  return out;
}

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
 * - **Traffic steering**: a Route 53 health check per region (a fresh caller reference per creation, found
 *   again by its ownership and identity tags), and records for the domain: PRIMARY/SECONDARY failover or
 *   one latency record per region; alias records with target-health evaluation for load balancers, CNAMEs
 *   with health-check ids otherwise. Changes go in batches (at most 100 per call), then the operation
 *   waits for INSYNC. Checks of the domain no record uses any more (after a type or interval change, which
 *   Route 53 cannot update) are deleted once the records moved away from them.
 * - **Dedicated Cloud Gateways** (with `cloudGateway`): one configuration holding a data-plane group per
 *   region, replaced as a whole (PUT) from the full desired set.
 *
 * Every object is a resource of the reconcile engine (replicas, health checks, records, configuration),
 * observed once, refused before any write when it lacks the ownership mark (unless `adopt`), and written
 * in dependency order: the records after the health checks and the replicas. {@link teardownMultiRegion}
 * takes the same options and removes what this created.
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
 *   // self-hosted data planes: Route 53 probes Kong's status listener (KONG_STATUS_LISTEN=0.0.0.0:8100)
 *   healthCheck: { port: 8100, path: "/status/ready" },
 *   mode: "failover",
 * });
 * console.log(regions["eu-west-1"]?.environment); // { KONG_VAULT_AWS_REGION: "eu-west-1" }
 * ```
 */
export async function setupMultiRegion(options: SetupMultiRegionOptions): Promise<SetupMultiRegionResult> {
  // a run that loses a race to another identical run reads again and converges (replan-on-conflict.ts)
  return replanOnConflict(async () => {
    const regions = validateMultiRegionOptions(options);
    const { resources, zone, healthCheckId, secretStates } = await declareMultiRegionResources(options, regions, "apply");
    const { changes } = await reconcileResources(resources, { mode: "apply", dryRun: options.dryRun, adopt: options.adopt, concurrency: options.concurrency, signal: options.signal, onEvent: options.onEvent, logger: options.logger });
    return { regions: regionSetups(options, regions, healthCheckId, secretStates()), hostedZone: await zone(), changes };
  }, options?.signal);
}
