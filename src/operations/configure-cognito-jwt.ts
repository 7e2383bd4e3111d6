import type { KonnectSchemas } from "../konnect/types.js";
import { ConfigError } from "../errors/config-error.js";
import { isKonnectApiError } from "../errors/guards.js";
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
import { diffManaged } from "../reconcile/diff.js";
import { executePlan, type PlannedChange } from "../reconcile/executor.js";
import { DEFAULT_OWNERSHIP, type Ownership } from "../reconcile/ownership.js";
import { checkOperationOptions } from "./check-operation-options.js";
import { cognitoIssuer, fetchJwks, jwkToPem, parsePoolId, type Jwk } from "./cognito.js";
import type { OperationOptions } from "./operation-options.js";
import { planPlugin } from "./plan-plugin.js";
import { checkScope, resolveScope, sameScope, type PluginScope } from "./plugin-scope.js";
import { replanOnConflict } from "./replan-on-conflict.js";

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
type Consumer = KonnectSchemas["Consumer"];
type Jwt = KonnectSchemas["JWT"];

function validate(o: ConfigureCognitoJwtOptions): { region: string; poolId: string } {
  checkOperationOptions(o, "configureCognitoJwt", 'konnect, controlPlaneId, userPoolId: "us-east-1_AbCdEf123"');
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
 * Protects the scope with a Cognito user pool's tokens. `openid-connect` mode (default): bearer-token
 * validation against the pool's issuer, the audience read from `client_id` for access tokens (`aud` for ID
 * tokens), `token_use` checked against the token type, scopes from `scope`. `jwt` mode (Kong's open-source
 * plugin): one consumer with one RS256 credential per key id of the pool's JWKS (PEM converted with
 * node:crypto), `key_claim_name: kid`, only `exp` (and `nbf` when asked) verified; a re-run after Cognito
 * rotates a key adds the new credential and deletes the stale one.
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
  const { region, poolId } = validate(options);
  const { konnect, controlPlaneId, signal } = options;
  const ownership: Ownership = { ...DEFAULT_OWNERSHIP, ...options.ownership };
  const mode = options.mode ?? "openid-connect";
  const issuer = cognitoIssuer(region, poolId);
  const jwksUri = `${issuer}/.well-known/jwks.json`;
  const username = options.consumerUsername ?? `cognito-${poolId}`;
  const params = { path: { controlPlaneId } };
  const sig = signal ? { signal } : {};

  const [scope, plugins, jwks, consumer] = await Promise.all([
    resolveScope(konnect, controlPlaneId, options.scope, signal),
    konnect.collect("/v2/control-planes/{controlPlaneId}/core-entities/plugins", { params, ...sig }),
    mode === "jwt" ? fetchJwks(jwksUri, (input, init) => (options.fetch ?? globalThis.fetch)(input, init), signal) : Promise.resolve([] as Jwk[]),
    mode === "jwt"
      ? konnect.api
          .GET("/v2/control-planes/{controlPlaneId}/core-entities/consumers/{ConsumerId}", { params: { path: { controlPlaneId, ConsumerId: username } }, ...sig })
          .then((r) => r.data as Consumer)
          .catch((e: unknown) => {
            if (isKonnectApiError(e) && e.status === 404) return undefined;
            throw e;
          })
      : Promise.resolve(undefined),
  ]);
  const name = mode;
  const existing = plugins.find((p) => p.name === name && sameScope(p as Json, scope));

  const planned: PlannedChange[] = [];
  const pluginOut: { plugin?: KonnectSchemas["Plugin"] } = {};
  let consumerOut: { id: string | undefined } | undefined;
  let credentialsOut: Array<{ id: string | undefined; key: string }> | undefined;
  let config: Json;

  if (mode === "openid-connect") {
    config = oidcConfig(options, issuer);
  } else {
    config = { key_claim_name: "kid", claims_to_verify: options.verifyNbf ? ["exp", "nbf"] : ["exp"] };
    const consumerStep = planConsumer(options, username, consumer, ownership);
    planned.push(consumerStep.planned);
    consumerOut = consumerStep.out;
    const existingCreds = consumer?.id
      ? await konnect.collect("/v2/control-planes/{controlPlaneId}/core-entities/consumers/{ConsumerIdForNestedEntities}/jwt", { params: { path: { controlPlaneId, ConsumerIdForNestedEntities: consumer.id } }, ...sig })
      : [];
    const creds = planCredentials(options, jwks, existingCreds as Jwt[], consumerStep, ownership);
    planned.push(...creds.planned);
    credentialsOut = creds.out;
  }

  planned.push(
    planPlugin({ konnect, controlPlaneId, name, scope, config, existing, ownership, adopt: options.adopt, signal, out: pluginOut }),
  );
  const changes = await executePlan(planned, { dryRun: options.dryRun, concurrency: options.concurrency, signal, onEvent: options.onEvent, logger: options.logger });
  return {
    plugin: { id: pluginOut.plugin?.id ?? undefined, name, config: (pluginOut.plugin?.config as Json | undefined) ?? config },
    issuer,
    jwksUri,
    ...(consumerOut ? { consumer: { id: consumerOut.id, username } } : {}),
    ...(credentialsOut ? { credentials: credentialsOut } : {}),
    changes,
  };
}

function planConsumer(o: ConfigureCognitoJwtOptions, username: string, existing: Consumer | undefined, ownership: Ownership) {
  const out: { id: string | undefined } = { id: existing?.id ?? undefined };
  const change: Change = { action: "noop", kind: "konnect.consumer", key: username, diff: [] };
  const planned: PlannedChange = { change };
  const params = (id: string) => ({ params: { path: { controlPlaneId: o.controlPlaneId, ConsumerId: id } }, ...(o.signal ? { signal: o.signal } : {}) });
  if (!existing) {
    Object.assign(change, { action: "create", pending: true, diff: [{ path: "username", after: username }, { path: "tags", after: [ownership.konnectTag] }] });
    planned.apply = async () => {
      const id = crypto.randomUUID();
      await o.konnect.api.PUT("/v2/control-planes/{controlPlaneId}/core-entities/consumers/{ConsumerId}", { ...params(id), body: { username, tags: [ownership.konnectTag] } });
      change.id = out.id = id;
      delete change.pending;
    };
    return { planned, out };
  }
  change.id = existing.id ?? undefined;
  const tags = existing.tags ?? [];
  if (!tags.includes(ownership.konnectTag)) {
    if (!o.adopt) throw new ConfigError({ field: "consumerUsername", problem: `consumer ${JSON.stringify(username)} exists and is not managed by konnect-aws`, fix: "pass adopt: true, or choose another consumerUsername" });
    Object.assign(change, { action: "update", adopted: true, diff: diffManaged({ tags: [...tags, ownership.konnectTag] }, existing as Json) });
    planned.apply = async () => {
      const { id: _i, created_at: _c, updated_at: _u, ...rest } = existing;
      await o.konnect.api.PUT("/v2/control-planes/{controlPlaneId}/core-entities/consumers/{ConsumerId}", { ...params(existing.id!), body: { ...rest, tags: [...tags, ownership.konnectTag] } });
    };
  }
  return { planned, out };
}

function planCredentials(o: ConfigureCognitoJwtOptions, jwks: Jwk[], existing: Jwt[], consumerStep: { planned: PlannedChange; out: { id: string | undefined } }, ownership: Ownership) {
  const planned: PlannedChange[] = [];
  const out: Array<{ id: string | undefined; key: string }> = [];
  const norm = (pem: string | null | undefined) => (pem ?? "").replace(/\s+/g, "");
  const path = (id: string) => ({ params: { path: { controlPlaneId: o.controlPlaneId, ConsumerIdForNestedEntities: consumerStep.out.id!, JWTId: id } }, ...(o.signal ? { signal: o.signal } : {}) });
  const wanted = new Map(jwks.map((k) => [k.kid, jwkToPem(k)]));
  for (const [kid, pem] of wanted) {
    const current = existing.find((c) => c.key === kid);
    const change: Change = { action: "noop", kind: "konnect.jwt-credential", key: kid, diff: [] };
    const step: PlannedChange = { change, after: [consumerStep.planned] };
    const entry = { id: current?.id ?? undefined, key: kid };
    out.push(entry);
    const body = (tags: string[]) => ({ key: kid, algorithm: "RS256" as const, rsa_public_key: pem, tags });
    if (!current) {
      Object.assign(change, { action: "create", pending: true, diff: [{ path: "key", after: kid }, { path: "algorithm", after: "RS256" }, { path: "rsa_public_key", after: "(PEM from the pool's JWKS)" }] });
      step.apply = async () => {
        const id = crypto.randomUUID();
        await o.konnect.api.PUT("/v2/control-planes/{controlPlaneId}/core-entities/consumers/{ConsumerIdForNestedEntities}/jwt/{JWTId}", { ...path(id), body: body([ownership.konnectTag]) });
        change.id = entry.id = id;
        delete change.pending;
      };
    } else {
      change.id = current.id ?? undefined;
      const diff = [];
      if (current.algorithm !== "RS256") diff.push({ path: "algorithm", before: current.algorithm, after: "RS256" });
      if (norm(current.rsa_public_key) !== norm(pem)) diff.push({ path: "rsa_public_key", before: "(PEM)", after: "(PEM from the pool's JWKS)" });
      if (diff.length) {
        Object.assign(change, { action: "update", diff });
        // JWT credentials can be replaced in place with PUT (control-planes-config v2)
        step.apply = async () => {
          await o.konnect.api.PUT("/v2/control-planes/{controlPlaneId}/core-entities/consumers/{ConsumerIdForNestedEntities}/jwt/{JWTId}", { ...path(current.id!), body: body([...new Set([...(current.tags ?? []), ownership.konnectTag])]) });
        };
      }
    }
    planned.push(step);
  }
  // keys Cognito no longer publishes: delete the credentials (only ours)
  for (const stale of existing.filter((c) => c.key && !wanted.has(c.key))) {
    if (!(stale.tags ?? []).includes(ownership.konnectTag)) continue;
    const change: Change = { action: "delete", kind: "konnect.jwt-credential", key: stale.key!, id: stale.id ?? undefined, diff: [{ path: "key", before: stale.key }] };
    planned.push({
      change,
      after: [consumerStep.planned],
      apply: async () => {
        await o.konnect.api.DELETE("/v2/control-planes/{controlPlaneId}/core-entities/consumers/{ConsumerIdForNestedEntities}/jwt/{JWTId}", path(stale.id!));
      },
    });
  }
  return { planned, out };
}
