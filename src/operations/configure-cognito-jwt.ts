import type { KonnectSchemas } from "../konnect/types.js";
import { isConfigError } from "../errors/guards.js";
import { checkAwsRegion } from "../aws/regions.js";
import {
  check,
  checkControlPlaneId,
  checkOptionalArray,
  checkOptionalBoolean,
  checkOptionalFunction,
  checkOptionalNumber,
  checkOptionalPlainObject,
  checkOptionalString,
  checkString,
  describeValue,
  show,
} from "../internal/validate.js";
import type { Change } from "../reconcile/change.js";
import { DEFAULT_OWNERSHIP, type Ownership } from "../reconcile/ownership.js";
import { reconcileResources, type ReconcileOptions } from "../reconcile/reconcile-resources.js";
import type { Resource } from "../reconcile/resource.js";
import { consumerResource, createConsumerReader } from "../resources/konnect/consumer.js";
import { createJwtCredentialReader, jwtCredentialResources } from "../resources/konnect/jwt-credential.js";
import { pluginResource } from "../resources/konnect/plugin.js";
import { checkOperationOptions } from "./check-operation-options.js";
import { cognitoIssuer, fetchJwks, jwkToPem, parsePoolId } from "./cognito.js";
import type { OperationOptions } from "./operation-options.js";
import { checkScope, type PluginScope } from "./plugin-scope.js";
import { resolveScope, sameScope } from "../resources/konnect/scope.js";
import { replanOnConflict } from "./replan-on-conflict.js";
import { listScopePlugins } from "../resources/konnect/plugin.js";

/**
 * Options of {@link configureCognitoJwt}.
 *
 * @example
 * ```ts
 * const options: ConfigureCognitoJwtOptions = { konnect, controlPlaneId, userPoolId: "us-east-1_AbCdEf123", clientIds: ["4g5h..."], requiredScopes: ["orders/read"] };
 * ```
 */
export interface ConfigureCognitoJwtOptions extends OperationOptions {
  controlPlaneId: string;
  /** The user pool, such as `us-east-1_AbCdEf123`; its prefix is the region. */
  userPoolId: string;
  /** If given, must equal the pool id's region. */
  region?: string;
  /** App clients whose tokens are accepted (all clients of the pool when left out; openid-connect mode only). */
  clientIds?: string[];
  /** Which Cognito token the API accepts. @default "access" */
  tokenType?: "access" | "id";
  /** Scopes every token must carry (access tokens; openid-connect mode). */
  requiredScopes?: string[];
  /** Whole control plane by default. */
  scope?: Pick<PluginScope, "service" | "route">;
  /**
   * `openid-connect` (Konnect plans that include it) or Kong's open-source `jwt` plugin. @default "openid-connect"
   *
   * `jwt` mode accepts every unexpired token the pool signs: ID and access tokens alike, of every app
   * client, with any scopes, because Kong's jwt plugin checks only the signature, `exp` and `nbf`
   * (`claims_to_verify` accepts nothing else). So `clientIds`, `requiredScopes`, `tokenType` and
   * `verifyNbf: true` are refused in that mode: use `openid-connect` for any of them.
   */
  mode?: "openid-connect" | "jwt";
  /** Seconds between rediscoveries when an unknown key id shows up (openid-connect). @default 30 */
  rediscoveryLifetime?: number;
  /** Seconds discovery documents and keys stay cached (openid-connect). @default 3600 */
  cacheTtl?: number;
  /**
   * jwt mode: also verify `nbf`. Cognito tokens carry no `nbf` claim and Kong's jwt plugin rejects a token
   * without a claim it is told to verify, so `true` would refuse every Cognito token: it is refused here.
   * @default false
   */
  verifyNbf?: boolean;
  /** jwt mode: the consumer that owns the key credentials. @default `cognito-<userPoolId>` */
  consumerUsername?: string;
  /** fetch for the JWKS (jwt mode). @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
}

/** Result of {@link configureCognitoJwt}. */
export interface ConfigureCognitoJwtResult {
  plugin: { id: string | undefined; name: "openid-connect" | "jwt"; config: Record<string, unknown> };
  issuer: string;
  jwksUri: string;
  /** jwt mode: the consumer holding the credentials. */
  consumer?: { id: string | undefined; username: string };
  /** jwt mode: one RS256 credential per key id of the pool's JWKS. */
  credentials?: Array<{ id: string | undefined; key: string }>;
  changes: Change[];
}

type Json = Record<string, unknown>;

/** Checks the options of {@link configureCognitoJwt} (and of its teardown) before any request. @internal */
export function validateCognitoOptions(o: ConfigureCognitoJwtOptions, fn = "configureCognitoJwt"): { region: string; poolId: string } {
  checkOperationOptions(o, fn, 'konnect, controlPlaneId, userPoolId: "us-east-1_AbCdEf123"');
  checkControlPlaneId(o.controlPlaneId);
  const pool = parsePoolId(o.userPoolId);
  if (o.region !== undefined) checkAwsRegion(o.region, "region");
  check(o.region === undefined || o.region === pool.region, "region", `the pool ${o.userPoolId} lives in ${pool.region}, not ${String(o.region)}`, `set region to ${pool.region}, or leave it out`);
  check(o.mode === undefined || o.mode === "openid-connect" || o.mode === "jwt", "mode", `unknown mode ${show(o.mode)}`, "use openid-connect or jwt");
  check(o.tokenType === undefined || o.tokenType === "access" || o.tokenType === "id", "tokenType", `unknown token type ${show(o.tokenType)}`, "use access or id");
  // a lone string here would be read character by character
  checkOptionalArray(o.clientIds, "clientIds", '"4g5h6i7j8k9l0m1n2o3p4q5r6s"');
  checkOptionalArray(o.requiredScopes, "requiredScopes", '"orders/read"');
  // Cognito app client ids: 1-128 of [\w+] (Cognito API reference, ClientIdType)
  (o.clientIds ?? []).forEach((c, i) => check(typeof c === "string" && /^[\w+]{1,128}$/.test(c), `clientIds[${i}]`, `${typeof c === "string" ? show(c) : describeValue(c)} is not a Cognito app client id`, "copy it from the pool's App clients page"));
  (o.requiredScopes ?? []).forEach((s, i) => {
    checkString(s, `requiredScopes[${i}]`, { what: "a scope", max: 256 });
    check(/^[\x21\x23-\x5B\x5D-\x7E]+$/.test(s), `requiredScopes[${i}]`, `${show(s)}: a scope is one token without spaces or quotes (RFC 6749 §3.3)`, s.includes(" ") ? `list each scope separately: ${JSON.stringify(s.split(/\s+/).filter(Boolean))}` : "remove the quotes or backslashes");
  });
  checkOptionalBoolean(o.verifyNbf, "verifyNbf");
  if (o.mode === "jwt") {
    const fix = 'use mode: "openid-connect", which checks them, or drop the option';
    check(!o.clientIds?.length, "clientIds", "Kong's jwt plugin cannot check the app client: it accepts tokens of every app client of the pool", fix);
    check(!o.requiredScopes?.length, "requiredScopes", "Kong's jwt plugin cannot check scopes: it verifies only the signature, exp and nbf", fix);
    check(o.tokenType === undefined, "tokenType", "Kong's jwt plugin cannot tell ID tokens from access tokens (token_use): it accepts both", fix);
    // Kong kong/plugins/jwt/jwt_parser.lua verify_registered_claims: a claim to verify that the token lacks
    // fails ("nbf": "must be a number")
    check(o.verifyNbf !== true, "verifyNbf", "Cognito tokens carry no nbf claim, and Kong's jwt plugin rejects every token that lacks a claim it verifies", "leave verifyNbf off for Cognito");
  }
  check(!(o.tokenType === "id" && o.requiredScopes?.length), "requiredScopes", "Cognito ID tokens carry no scope claim", "check scopes on access tokens (tokenType: access)");
  checkOptionalPlainObject(o.scope, "scope", 'service: "orders"');
  checkScope(o.scope, ["service", "route"], o.mode ?? "openid-connect");
  checkOptionalString(o.consumerUsername, "consumerUsername", { what: "a consumer username", max: 128 });
  // rediscovery and cache lifetimes: seconds, up to a day (Kong takes any number; a larger one is a unit mistake)
  for (const k of ["rediscoveryLifetime", "cacheTtl"] as const) checkOptionalNumber(o[k], k, { min: 0, max: 86_400, unit: "seconds" });
  checkOptionalFunction(o.fetch, "fetch", "globalThis.fetch");
  return pool;
}

/** openid-connect config for Cognito (Kong 3.14 OpenidConnect.json fields). */
function oidcConfig(o: ConfigureCognitoJwtOptions, issuer: string): Json {
  const access = (o.tokenType ?? "access") === "access";
  return {
    issuer,
    auth_methods: ["bearer"],
    bearer_token_param_type: ["header"],
    // Cognito access tokens carry the app client in client_id and have no aud; ID tokens use aud
    audience_claim: access ? ["client_id"] : ["aud"],
    audience_required: o.clientIds?.length ? o.clientIds : null,
    scopes_claim: ["scope"],
    // one entry with space-separated scopes means "all of them" (Kong OIDC docs, claim requirements)
    scopes_required: o.requiredScopes?.length ? [o.requiredScopes.join(" ")] : null,
    // Kong's claims-based authorization reads any string claim; the roles pair checks token_use here
    roles_claim: ["token_use"],
    roles_required: [access ? "access" : "id"],
    rediscovery_lifetime: o.rediscoveryLifetime ?? 30,
    cache_ttl: o.cacheTtl ?? 3600,
  };
}

/**
 * The resources of a Cognito operation: in jwt mode the consumer, its credentials (one per key id of
 * the pool's JWKS, and in an apply the credentials of keys the pool no longer publishes, declared
 * absent) and the plugin. A teardown reads no JWKS: it declares every credential the consumer holds,
 * and no plugin when the scope's service or route is gone (Kong deleted its plugins with it).
 * @internal
 */
export async function declareCognitoResources(options: ConfigureCognitoJwtOptions, poolId: string, issuer: string, mode: ReconcileOptions["mode"]) {
  const { konnect, controlPlaneId, signal } = options;
  const ownership: Ownership = { ...DEFAULT_OWNERSHIP, ...options.ownership };
  const name = options.mode ?? "openid-connect";
  const username = options.consumerUsername ?? `cognito-${poolId}`;
  let pluginList: Promise<Array<KonnectSchemas["Plugin"]>> | undefined;
  const plugins = () => (pluginList ??= listScopePlugins(konnect, controlPlaneId, [name], options.scope, signal));
  const readConsumer = createConsumerReader(konnect, controlPlaneId, username, signal);
  const listCredentials = createJwtCredentialReader(konnect, controlPlaneId, readConsumer, signal);
  const jwt = name === "jwt";
  const [scope, jwks] = await Promise.all([
    resolveScope(konnect, controlPlaneId, options.scope, signal).catch((e: unknown) => {
      if (mode === "teardown" && isConfigError(e)) return undefined;
      throw e;
    }),
    jwt && mode === "apply" ? fetchJwks(`${issuer}/.well-known/jwks.json`, (input, init) => (options.fetch ?? globalThis.fetch)(input, init), signal) : undefined,
    jwt ? listCredentials() : undefined,
    plugins(),
  ]);
  const config = jwt ? { key_claim_name: "kid", claims_to_verify: options.verifyNbf ? ["exp", "nbf"] : ["exp"] } : oidcConfig(options, issuer);
  const pluginOut: { plugin?: KonnectSchemas["Plugin"] } = {};
  const find = async () => (await plugins()).find((p) => p.name === name && scope && sameScope(p as Json, scope));
  const plugin = scope ? [pluginResource({ konnect, controlPlaneId, name, scope, config, find, ownership, signal, out: pluginOut })] : [];
  if (!jwt) return { name, username, config, pluginOut, resources: plugin as Resource[] };
  const consumerOut: { id?: string | undefined } = {};
  const consumer = consumerResource({ konnect, controlPlaneId, username, read: readConsumer, ownership, signal, out: consumerOut });
  const keys = jwks && new Map(jwks.map((k) => [k.kid, jwkToPem(k)]));
  const credentials = await jwtCredentialResources({ konnect, controlPlaneId, list: listCredentials, consumerId: () => consumerOut.id, consumer, ownership, signal, keys });
  return { name, username, config, pluginOut, consumer, credentials, resources: [consumer, ...credentials, ...plugin] as Resource[] };
}

/**
 * Protects the scope with a Cognito user pool's tokens. `openid-connect` mode (default): bearer-token
 * validation against the pool's issuer, the audience read from `client_id` for access tokens (`aud` for ID
 * tokens), `token_use` checked against the token type, scopes from `scope`. `jwt` mode (Kong's open-source
 * plugin): one consumer with one RS256 credential per key id of the pool's JWKS (PEM converted with
 * node:crypto), `key_claim_name: kid`, only `exp` (and `nbf` when asked) verified; a re-run after Cognito
 * rotates a key adds the new credential and deletes the stale one (only ours). The teardown is
 * {@link removeCognitoJwt}, with the same options.
 *
 * @example
 * ```ts
 * import { configureCognitoJwt } from "konnect-aws";
 * const { plugin } = await configureCognitoJwt({ konnect, controlPlaneId, userPoolId: "us-east-1_AbCdEf123", clientIds: ["1a2b3c"], scope: { service: "orders" } });
 * ```
 */
export async function configureCognitoJwt(options: ConfigureCognitoJwtOptions): Promise<ConfigureCognitoJwtResult> {
  // a run that loses a race to another identical run reads again and converges (replan-on-conflict.ts)
  return replanOnConflict(() => configureCognitoJwtOnce(options), options?.signal);
}

async function configureCognitoJwtOnce(options: ConfigureCognitoJwtOptions): Promise<ConfigureCognitoJwtResult> {
  const { region, poolId } = validateCognitoOptions(options);
  const issuer = cognitoIssuer(region, poolId);
  const d = await declareCognitoResources(options, poolId, issuer, "apply");
  const { changes, ids } = await reconcileResources(d.resources, { mode: "apply", dryRun: options.dryRun, adopt: options.adopt, concurrency: options.concurrency, signal: options.signal, onEvent: options.onEvent, logger: options.logger });
  return {
    plugin: { id: d.pluginOut.plugin?.id ?? undefined, name: d.name, config: (d.pluginOut.plugin?.config as Json | undefined) ?? d.config },
    issuer,
    jwksUri: `${issuer}/.well-known/jwks.json`,
    ...(d.consumer ? { consumer: { id: ids.get(d.consumer), username: d.username } } : {}),
    ...(d.credentials ? { credentials: d.credentials.filter((r) => !r.absent).map((r) => ({ id: ids.get(r), key: r.key })) } : {}),
    changes,
  };
}
