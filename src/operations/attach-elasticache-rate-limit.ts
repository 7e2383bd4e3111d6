import type { ElastiCacheClient } from "@aws-sdk/client-elasticache";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { buildElastiCacheConnectPolicy, type PolicyDocument } from "../aws/iam-policies.js";
import { checkAwsRegion } from "../aws/regions.js";
import { accountOfArn } from "../aws/secrets-manager.js";
import { checkRoleArn, checkSecretName } from "../aws/validate.js";
import { ConfigError } from "../errors/config-error.js";
import {
  check,
  checkArray,
  checkControlPlaneId,
  checkHost,
  checkNumber,
  checkOptionalArray,
  checkOptionalBoolean,
  checkOptionalNumber,
  checkOptionalPlainObject,
  checkOptionalString,
  checkPlainObject,
  checkString,
  describeType,
  describeValue,
  isPlainObject,
  show,
} from "../internal/validate.js";
import type { Change } from "../reconcile/change.js";
import { reconcileResources } from "../reconcile/reconcile-resources.js";
import { isSecret, type Secret } from "../secret.js";
import { checkOperationOptions } from "./check-operation-options.js";
import { isValidVaultPrefix } from "./vault-reference.js";
import type { OperationOptions } from "./operation-options.js";
import { checkScope, type PluginScope } from "./plugin-scope.js";
import { sameScope } from "../resources/konnect/scope.js";
import { CE_PERIODS, RL_PLUGINS, rateLimitConfig, rateLimitNamespace, redisTarget } from "./rate-limit-config.js";
import { declareRateLimitResources, declareRateLimitVaultSide, knownPasswordRegion, rateLimitNames, readRateLimitState } from "./rate-limit-resources.js";
import { observeEarly } from "../reconcile/observe-early.js";
import { redisCeBlock, redisEeBlock } from "./redis-block.js";
import { replanOnConflict } from "./replan-on-conflict.js";

/** Where Redis is: given explicitly (`host`), or discovered from ElastiCache (`replicationGroupId`). */
export interface ElastiCacheRedisOptions {
  /** Endpoint host (explicit mode). */
  host?: string;
  /** Endpoint port. @default 6379, or the discovered port */
  port?: number;
  /** Discover the endpoint, TLS, AUTH and cluster mode from this replication group. */
  replicationGroupId?: string;
  /** Region of the replication group. @default awsRegion */
  region?: string;
  /** AUTH token or user password. Goes to Secrets Manager; the plugin gets a `{vault://...}` reference. */
  password?: string | Secret<string>;
  /** Redis ACL user (ElastiCache RBAC); ElastiCache refuses the name `default` for non-default users. */
  username?: string;
  /** TLS (in-transit encryption). @default true (or what the group has) */
  tls?: boolean;
  /** Verify the server certificate. @default true */
  tlsVerify?: boolean;
  /** SNI and certificate name. @default the host */
  serverName?: string;
  /** Redis database number. */
  database?: number;
  connectTimeoutMs?: number;
  readTimeoutMs?: number;
  sendTimeoutMs?: number;
  /** Redis Cluster seed nodes (explicit mode, cluster mode enabled). */
  clusterNodes?: Array<{ host: string; port?: number }>;
  /**
   * ElastiCache IAM authentication instead of a password (Kong Gateway 3.13 or later, per Kong's docs):
   * the data planes' AWS identity signs a token for this ElastiCache user.
   */
  iamAuth?: { userId: string; cacheName?: string; serverless?: boolean; assumeRoleArn?: string; accountId?: string };
}

/** One requests-per-window limit. */
export interface RateLimit {
  /** Requests allowed in the window. */
  limit: number;
  /** Window length in seconds. */
  window: number;
}

/** The plugins this operation can configure. */
export type RateLimitPluginName = "rate-limiting-advanced" | "rate-limiting";

/** What counters are kept per. */
export type RateLimitIdentifier = "consumer" | "consumer-group" | "credential" | "header" | "ip" | "path" | "route" | "service";

/**
 * Options of {@link attachElastiCacheRateLimit}.
 *
 * @example
 * ```ts
 * const options: AttachElastiCacheRateLimitOptions = { konnect, controlPlaneId, redis: { replicationGroupId: "rate-limits", password: secret(pw) }, limits: [{ limit: 100, window: 60 }], awsRegion: "us-east-1" };
 * ```
 */
export interface AttachElastiCacheRateLimitOptions extends OperationOptions {
  controlPlaneId: string;
  redis: ElastiCacheRedisOptions;
  /** One or more limits; `rate-limiting` takes windows of 1, 60, 3600, 86400, 2592000 (month) and 31536000 (year) seconds. */
  limits: RateLimit[];
  /** Whole control plane by default. */
  scope?: PluginScope;
  /** @default "rate-limiting-advanced" */
  plugin?: RateLimitPluginName;
  /** rate-limiting-advanced only. @default "sliding" */
  windowType?: "sliding" | "fixed";
  /** @default "consumer" */
  identifier?: RateLimitIdentifier;
  /** Header to count by (identifier `header`). */
  headerName?: string;
  /** Path to count by (identifier `path`). */
  path?: string;
  /** Counter namespace shared by plugins that must share counters. @default derived from control plane and scope (stable) */
  namespace?: string;
  /** Seconds between syncs to Redis (0 = every request). rate-limiting: -1 = every request. @default 1 (rate-limiting: -1) */
  syncRate?: number;
  /** @default 429 */
  errorCode?: number;
  /** @default "API rate limit exceeded" */
  errorMessage?: string;
  hideClientHeaders?: boolean;
  instanceName?: string;
  /** Put the Redis settings in a shared partial (`redis-ee` / `redis-ce`) that plugins link to. */
  partial?: boolean | { name: string };
  /** AWS region of the Secrets Manager secret for the password. @default the discovered group's region */
  awsRegion?: string;
  /** Name of the password secret. @default `konnect-aws/redis/<replication group or host>` */
  passwordSecretName?: string;
  /** Prefix of the AWS vault entity. @default `aws-sm-<awsRegion>` */
  vaultPrefix?: string;
  /**
   * Form of the password reference, as in {@link EnableAwsVaultOptions.referenceForm}: `"aws-backend"`
   * (`{vault://aws/...}`) when the data planes run in several regions ({@link setupMultiRegion}), so each
   * reads its local replica of the password. @default "vault-entity"
   */
  referenceForm?: "vault-entity" | "aws-backend";
  elastiCache?: ElastiCacheClient;
  secretsManager?: SecretsManagerClient;
}

/** Result of {@link attachElastiCacheRateLimit}. */
export interface AttachElastiCacheRateLimitResult {
  /** The plugin (`id` undefined only for a dry-run create). */
  plugin: { id: string | undefined; name: RateLimitPluginName; config: Record<string, unknown> };
  /** The shared Redis partial, when asked for. */
  partial?: { id: string | undefined; name: string; type: "redis-ee" | "redis-ce" };
  /** Where the plugin connects. */
  redis: { host: string; port: number; tls: boolean; clusterMode: boolean };
  /** `{vault://...}` reference of the password, when one was given. */
  passwordReference?: string;
  /** Policy for the data planes' role: `elasticache:Connect`, with `iamAuth`. */
  iamPolicy?: PolicyDocument;
  changes: Change[];
}

type Json = Record<string, unknown>;

const RLA_IDENTIFIERS: readonly string[] = ["consumer", "consumer-group", "credential", "header", "ip", "path", "route", "service"];
const CE_IDENTIFIERS: readonly string[] = ["consumer", "consumer-group", "credential", "header", "ip", "path", "service"];

/** Longest window: a year, the largest period of the rate-limiting plugin; Kong's schema sets no cap, but a longer window is a unit mistake. */
const MAX_WINDOW_SECONDS = 31_536_000;
// Kong's redis timeouts: integers up to 2^31-2 ms (RateLimitingAdvanced.json redis.connect_timeout)
const MAX_REDIS_TIMEOUT_MS = 2_147_483_646;
// ElastiCache replication group ids and serverless cache names: 1-40 lowercase letters, digits and '-', a letter first
const CACHE_ID = /^[a-z][a-z0-9-]{0,39}$/;
// HTTP header names are RFC 9110 tokens
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/;

/** Checks the options of {@link attachElastiCacheRateLimit} (and its teardown) before any request. @internal */
export function validateRateLimitOptions(o: AttachElastiCacheRateLimitOptions): RateLimitPluginName {
  checkOperationOptions(o, "attachElastiCacheRateLimit", "konnect, controlPlaneId, redis: { host }, limits: [{ limit: 100, window: 60 }]");
  checkControlPlaneId(o.controlPlaneId);
  const plugin = o.plugin ?? "rate-limiting-advanced";
  check(RL_PLUGINS.includes(plugin), "plugin", `unknown plugin ${show(o.plugin)}`, "use rate-limiting-advanced or rate-limiting");
  checkOptionalPlainObject(o.scope, "scope", 'service: "orders"');
  checkScope(o.scope, ["service", "route", "consumer", "consumerGroup"], plugin);
  check(o.referenceForm === undefined || o.referenceForm === "vault-entity" || o.referenceForm === "aws-backend", "referenceForm", `unknown form ${show(o.referenceForm)}`, 'use "vault-entity" (one region) or "aws-backend" (multi-region)');
  check(o.vaultPrefix === undefined || (typeof o.vaultPrefix === "string" && isValidVaultPrefix(o.vaultPrefix)), "vaultPrefix", `${show(o.vaultPrefix)} breaks Kong's prefix rule`, "use lowercase letters, digits and '-', starting with a letter and not ending with '-'");
  checkArray(o.limits, "limits", "{ limit: 100, window: 60 }");
  check(o.limits.length > 0, "limits", "at least one { limit, window } is needed", "pass limits: [{ limit: 100, window: 60 }]");
  const windows = new Set<number>();
  o.limits.forEach((l, i) => {
    checkPlainObject(l, `limits[${i}]`, "limit: 100, window: 60");
    checkNumber(l.limit, `limits[${i}].limit`, { min: 1, integer: true, unit: "requests" });
    checkNumber(l.window, `limits[${i}].window`, { min: 1, max: MAX_WINDOW_SECONDS, integer: true, unit: "seconds" });
    check(!windows.has(l.window), `limits[${i}].window`, `two limits share the ${l.window} s window`, "keep one limit per window");
    windows.add(l.window);
    if (plugin === "rate-limiting") {
      check(l.window in CE_PERIODS, `limits[${i}].window`, `the rate-limiting plugin counts per fixed period; ${l.window} s is none of them`, `use ${Object.keys(CE_PERIODS).join(", ")} seconds, or plugin: "rate-limiting-advanced" for any window`);
    }
  });
  check(o.windowType === undefined || o.windowType === "sliding" || o.windowType === "fixed", "windowType", `unknown window type ${show(o.windowType)}`, "use sliding or fixed");
  check(!(plugin === "rate-limiting" && o.windowType === "sliding"), "windowType", "the rate-limiting plugin only has fixed windows", 'use plugin: "rate-limiting-advanced" for sliding windows');
  const ids = plugin === "rate-limiting" ? CE_IDENTIFIERS : RLA_IDENTIFIERS;
  check(o.identifier === undefined || ids.includes(o.identifier), "identifier", `${show(o.identifier)} is not an identifier of ${plugin}`, `use one of ${ids.join(", ")}`);
  checkOptionalString(o.headerName, "headerName", { what: "a header name", max: 256 });
  check(o.headerName === undefined || HEADER_NAME.test(o.headerName), "headerName", `${show(o.headerName)} is not an HTTP header name`, "use letters, digits and '-', such as X-Api-Key");
  check(o.identifier !== "header" || o.headerName !== undefined, "headerName", "identifier header needs the header's name", "set headerName, such as X-Api-Key");
  checkOptionalString(o.path, "path", { what: "a path", max: 2048 });
  check(o.path === undefined || (o.path.startsWith("/") && !o.path.includes("//")), "path", `${show(o.path)}: a path starts with / and has no empty segments (//)`, "set path, such as /orders");
  check(o.identifier !== "path" || o.path !== undefined, "path", "identifier path needs a path starting with /", "set path, such as /orders");
  check(o.identifier !== "consumer-group" || o.scope?.consumerGroup !== undefined, "identifier", "identifier consumer-group needs the plugin on a consumer group (Kong RLA docs)", "set scope.consumerGroup");
  if (o.syncRate !== undefined) {
    checkNumber(o.syncRate, "syncRate", { min: -1, max: 86_400, unit: "seconds" });
    if (plugin === "rate-limiting") check(o.syncRate === -1 || o.syncRate > 0, "syncRate", "rate-limiting takes -1 (every request) or a positive number of seconds", "use -1 or, for example, 1");
    // RLA: 0 = synchronous, > 0 seconds with a 0.02 minimum; -1 keeps counters local, which defeats Redis
    else check(o.syncRate === 0 || o.syncRate >= 0.02, "syncRate", "with Redis, rate-limiting-advanced takes 0 (every request) or at least 0.02 seconds (-1 would keep counters local)", "use 0 or, for example, 1");
  }
  checkOptionalNumber(o.errorCode, "errorCode", { min: 400, max: 599, integer: true });
  checkOptionalString(o.errorMessage, "errorMessage", { what: "an error message", max: 1024 });
  checkOptionalBoolean(o.hideClientHeaders, "hideClientHeaders");
  checkOptionalString(o.namespace, "namespace", { what: "a namespace", max: 256 });
  checkOptionalString(o.instanceName, "instanceName", { what: "an instance name", max: 255 });
  check(o.instanceName === undefined || /^[A-Za-z0-9.\-_~]+$/.test(o.instanceName), "instanceName", `${show(o.instanceName)}: Kong instance names use letters, digits and .-_~`, "rename it");
  if (o.passwordSecretName !== undefined) checkSecretName(o.passwordSecretName, "passwordSecretName");
  check(o.partial === undefined || typeof o.partial === "boolean" || isPlainObject(o.partial), "partial", `expected true, false or { name }, got ${describeValue(o.partial)}`, 'pass partial: true, or partial: { name: "shared-redis" }');
  if (typeof o.partial === "object") checkString(o.partial.name, "partial.name", { what: "a partial name", max: 255, example: "shared-redis" });
  for (const k of ["elastiCache", "secretsManager"] as const) {
    check(o[k] === undefined || typeof (o[k] as { send?: unknown } | null)?.send === "function", k, `expected an AWS SDK client, got ${describeValue(o[k])}`, `pass ${k}: new ${k === "elastiCache" ? "ElastiCacheClient" : "SecretsManagerClient"}({ region }), or leave it out`);
  }
  if (o.awsRegion !== undefined) checkAwsRegion(o.awsRegion, "awsRegion");
  validateRedis(o, plugin);
  return plugin;
}

function validateRedis(o: AttachElastiCacheRateLimitOptions, plugin: RateLimitPluginName): void {
  checkPlainObject(o.redis, "redis", "host, port, password } or { replicationGroupId");
  const r = o.redis;
  check((r.host === undefined) !== (r.replicationGroupId === undefined), "redis", "give either host (explicit) or replicationGroupId (discovered), not both or neither", "pass one of them");
  if (r.host !== undefined) checkHost(r.host, "redis.host");
  checkOptionalString(r.replicationGroupId, "redis.replicationGroupId", { what: "a replication group id", max: 40 });
  check(r.replicationGroupId === undefined || CACHE_ID.test(r.replicationGroupId), "redis.replicationGroupId", `${show(r.replicationGroupId)}: an ElastiCache replication group id is 1-40 lowercase letters, digits and hyphens, starting with a letter`, "check the id (the name in the ElastiCache console, not the endpoint or ARN)");
  if (r.region !== undefined) checkAwsRegion(r.region, "redis.region");
  checkOptionalNumber(r.port, "redis.port", { min: 1, max: 65535, integer: true });
  checkOptionalNumber(r.database, "redis.database", { min: 0, max: 15, integer: true });
  for (const k of ["connectTimeoutMs", "readTimeoutMs", "sendTimeoutMs"] as const) checkOptionalNumber(r[k], `redis.${k}`, { min: 1, max: MAX_REDIS_TIMEOUT_MS, integer: true, unit: "ms" });
  checkOptionalBoolean(r.tls, "redis.tls");
  checkOptionalBoolean(r.tlsVerify, "redis.tlsVerify");
  if (r.serverName !== undefined) checkHost(r.serverName, "redis.serverName");
  checkOptionalString(r.username, "redis.username", { what: "a user name", max: 128 });
  // the password is never echoed: only its kind
  const password: unknown = r.password === undefined ? undefined : isSecret(r.password) ? r.password.reveal() : r.password;
  check(password === undefined || typeof password === "string", "redis.password", `expected a string or a Secret, got ${describeType(password)}`, "pass password: secret(process.env.REDIS_AUTH)");
  check(password === undefined || password.length > 0, "redis.password", "empty password: probably an environment variable that is set but empty", "give the AUTH token, or leave password out");
  checkOptionalArray(r.clusterNodes, "redis.clusterNodes", '{ host: "node-1.example.internal", port: 6379 }');
  (r.clusterNodes ?? []).forEach((n, i) => {
    checkPlainObject(n, `redis.clusterNodes[${i}]`, 'host: "node-1.example.internal", port: 6379');
    checkHost(n.host, `redis.clusterNodes[${i}].host`);
    checkOptionalNumber(n.port, `redis.clusterNodes[${i}].port`, { min: 1, max: 65535, integer: true });
  });
  check(!(plugin === "rate-limiting" && r.clusterNodes?.length), "redis.clusterNodes", "the rate-limiting plugin has no Redis Cluster support", 'use plugin: "rate-limiting-advanced"');
  const ecRegion = r.region ?? o.awsRegion;
  check(!r.replicationGroupId || ecRegion, "redis.region", "discovery needs the replication group's region", "set redis.region or awsRegion");
  // the password secret lives where Kong's AWS vault reads it: awsRegion, else the group's region
  const secretRegion = o.awsRegion ?? (r.replicationGroupId ? ecRegion : undefined);
  if (password !== undefined && secretRegion !== undefined) checkAwsRegion(secretRegion, o.awsRegion !== undefined ? "awsRegion" : "redis.region", "kong-vault");
  if (r.iamAuth !== undefined) validateIamAuth(o, password !== undefined);
}

function validateIamAuth(o: AttachElastiCacheRateLimitOptions, hasPassword: boolean): void {
  const r = o.redis;
  checkPlainObject(r.iamAuth, "redis.iamAuth", 'userId: "kong-gateway"');
  const a = r.iamAuth;
  check(!hasPassword, "redis.iamAuth", "IAM authentication and a password exclude each other", "drop one of them");
  check(r.username !== "default", "redis.username", "ElastiCache IAM users cannot be named default", "use the IAM-enabled user's id");
  checkString(a.userId, "redis.iamAuth.userId", { what: "an ElastiCache user id", max: 40, example: "kong-gateway" });
  check(/^[a-zA-Z][a-zA-Z0-9-]{0,39}$/.test(a.userId), "redis.iamAuth.userId", `${show(a.userId)} is not an ElastiCache user id`, "give the IAM-enabled user's id");
  checkOptionalBoolean(a.serverless, "redis.iamAuth.serverless");
  checkRoleArn(a.assumeRoleArn, "redis.iamAuth.assumeRoleArn");
  check(a.accountId === undefined || (typeof a.accountId === "string" && /^\d{12}$/.test(a.accountId)), "redis.iamAuth.accountId", `expected a 12-digit account id, got ${describeValue(a.accountId)}`, 'pass the account id as a string, such as "123456789012"');
  // the cache name goes into Kong's aws_cache_name and the IAM policy's ARN: it must be a real name
  const cacheName = a.cacheName ?? r.replicationGroupId ?? r.host?.split(".")[0];
  check(typeof cacheName === "string" && CACHE_ID.test(cacheName), a.cacheName !== undefined ? "redis.iamAuth.cacheName" : "redis.iamAuth", a.cacheName !== undefined ? `${show(a.cacheName)} is not an ElastiCache cache name` : `the cache name cannot be told from the host ${show(r.host)}`, "set redis.iamAuth.cacheName to the replication group id or serverless cache name");
  // Kong signs the IAM token for a region (cloud_authentication.aws_region), and the policy names it
  check(r.region !== undefined || o.awsRegion !== undefined, "redis.region", "IAM authentication needs the cache's region", "set redis.region (or awsRegion)");
}

/**
 * Distributed rate limiting on ElastiCache: a `rate-limiting-advanced` (default) or `rate-limiting` plugin
 * with `strategy`/`policy` `redis`, TLS with certificate verification and `server_name`, an integer port,
 * a sync rate, a stable namespace, and the password as a `{vault://...}` reference to a Secrets Manager
 * secret (never in the plugin). The Redis settings come from the options or from the ElastiCache API
 * (`redis.replicationGroupId`); combinations that cannot work are refused before any write.
 * Ownership and conflict checks of the vault, the secret, the partial and the plugin all run before the
 * first write; {@link detachElastiCacheRateLimit}, given the same options, removes what this created.
 *
 * @example
 * ```ts
 * import { attachElastiCacheRateLimit, secret } from "konnect-aws";
 *
 * const { plugin, changes } = await attachElastiCacheRateLimit({
 *   konnect,
 *   controlPlaneId,
 *   awsRegion: "us-east-1",
 *   redis: { replicationGroupId: "kong-rate-limits", password: secret(process.env.REDIS_AUTH!) },
 *   limits: [{ limit: 100, window: 60 }, { limit: 5000, window: 3600 }],
 * });
 * ```
 */
export async function attachElastiCacheRateLimit(options: AttachElastiCacheRateLimitOptions): Promise<AttachElastiCacheRateLimitResult> {
  // a run that loses a race to another identical run reads again and converges (replan-on-conflict.ts)
  return replanOnConflict(() => attachElastiCacheRateLimitOnce(options), options?.signal);
}

async function attachElastiCacheRateLimitOnce(options: AttachElastiCacheRateLimitOptions): Promise<AttachElastiCacheRateLimitResult> {
  const plugin = validateRateLimitOptions(options);
  const r = options.redis;
  // the password's vault and secret, when the options tell their region, are read alongside the scope and
  // the plugins instead of after them
  const region = knownPasswordRegion(options);
  const early = region === undefined ? undefined : { region, resources: observeEarly(declareRateLimitVaultSide(options, plugin, region, "apply")) };
  const state = await readRateLimitState(options, "apply");
  const t = redisTarget(options, plugin, state.discovered, state.region);

  // two rate-limiting plugins on one scope would count every request twice
  const other = state.plugins.find((p) => sameScope(p as Json, state.scope) && RL_PLUGINS.includes(p.name as RateLimitPluginName) && p.name !== plugin);
  if (other) {
    throw new ConfigError({ field: "plugin", problem: `a ${other.name} plugin already limits ${state.scope.label}; two rate-limiting plugins on one scope count every request twice`, fix: `remove it, or set plugin: "${other.name}" to manage that one instead` });
  }

  // the password goes to Secrets Manager through the vault; the plugin (or its partial) only gets a reference
  const { passwordReference, partialName } = rateLimitNames(options, plugin, state.region);
  const redisBlock = plugin === "rate-limiting" ? redisCeBlock(t, passwordReference) : redisEeBlock(t, passwordReference);
  const config = rateLimitConfig(options, plugin, rateLimitNamespace(options, state.scope), partialName ? undefined : redisBlock);
  const { resources, names, pluginOut, partialOut } = declareRateLimitResources(options, plugin, state, { plugin: config, redis: redisBlock }, "apply", early);
  const { changes } = await reconcileResources(resources, { mode: "apply", dryRun: options.dryRun, adopt: options.adopt, concurrency: options.concurrency, signal: options.signal, onEvent: options.onEvent, logger: options.logger });

  const account = accountOfArn(t.discovered?.arn) ?? r.iamAuth?.accountId;
  return {
    plugin: { id: pluginOut.plugin?.id ?? undefined, name: plugin, config: (pluginOut.plugin?.config as Json | undefined) ?? config },
    ...(partialName ? { partial: { id: partialOut.id, name: partialName, type: names.partialType } } : {}),
    redis: { host: t.host, port: t.port, tls: t.tls, clusterMode: Boolean(t.clusterNodes?.length) },
    ...(passwordReference ? { passwordReference } : {}),
    ...(t.iamAuth
      ? { iamPolicy: buildElastiCacheConnectPolicy({ region: t.iamAuth.region, ...(account ? { accountId: account } : {}), ...(t.iamAuth.serverless ? { serverlessCacheName: t.iamAuth.cacheName } : { replicationGroupId: t.discovered?.replicationGroupId ?? t.iamAuth.cacheName }), userId: t.iamAuth.userId }) }
      : {}),
    changes,
  };
}
