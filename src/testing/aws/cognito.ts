import { createSign, generateKeyPairSync, type KeyObject } from "node:crypto";
import { http, HttpResponse, type HttpHandler } from "msw";
import type { SandboxClock } from "../clock.js";
import type { Random } from "../random.js";
import type { Serve } from "../serve.js";

/** One signing key of a fake user pool. */
export interface CognitoKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: Record<string, string>;
}

/** A fake user pool: its region, its current signing keys (Cognito publishes two) and its app clients. */
export interface CognitoPool {
  poolId: string;
  region: string;
  keys: CognitoKey[];
  /** App client ids, as seeded with `sandbox.seedUserPool`; a pool created on first use has none. */
  clients: string[];
}

/**
 * The Cognito fake's state: pools by id, created on first request for any well-formed pool id.
 *
 * @example
 * ```ts
 * const pool = sandbox.state.cognito.pools.get("us-east-1_Abc123");
 * ```
 */
export interface CognitoState {
  pools: Map<string, CognitoPool>;
}

/** Claims of a token to sign with {@link CognitoControls.signToken}. */
export interface CognitoTokenOptions {
  tokenUse: "access" | "id";
  clientId: string;
  sub?: string;
  scope?: string;
  /** Seconds from the sandbox clock's now. @default 3600 */
  expiresIn?: number;
  /** Sign with this key instead of the pool's current key for the token type. */
  kid?: string;
  extraClaims?: Record<string, unknown>;
}

/** Test controls of the Cognito fake. */
export interface CognitoControls {
  /** The pool, created when first used. */
  pool(poolId: string): CognitoPool;
  /** Replaces one signing key (the first by default) with a new one, as a Cognito key rotation does. */
  rotateKey(poolId: string, index?: number): { removedKid: string; addedKid: string };
  /** A token signed RS256 by the pool, shaped like Cognito's (access tokens carry client_id, id tokens aud). */
  signToken(poolId: string, options: CognitoTokenOptions): string;
}

// Cognito user pool ids: <region>_<alphanumerics> (Cognito API reference, UserPoolIdType `[\w-]+_[0-9a-zA-Z]+`)
const POOL_ID = /^([a-z]{2}(?:-gov)?-[a-z]+-\d)_([0-9a-zA-Z]+)$/;
const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

/**
 * RSA-2048 key pairs, generated once per process and handed out in order within one state (a sandbox,
 * until its reset): generating one takes tens to hundreds of milliseconds, which a suite creating
 * sandboxes by the hundred would pay again and again. Keys stay distinct within a sandbox.
 */
const RSA_KEYS: Array<{ privateKey: KeyObject; publicKey: KeyObject }> = [];
const keysUsed = new WeakMap<object, number>();
function rsaKeyPair(state: object): { privateKey: KeyObject; publicKey: KeyObject } {
  const i = keysUsed.get(state) ?? 0;
  keysUsed.set(state, i + 1);
  while (RSA_KEYS.length <= i) RSA_KEYS.push(generateKeyPairSync("rsa", { modulusLength: 2048 }));
  return RSA_KEYS[i]!;
}

/** @internal */
export function createCognito(o: { state: () => CognitoState; clock: SandboxClock; random: Random; serve: Serve }): { handlers: HttpHandler[]; controls: CognitoControls } {
  const newKey = (): CognitoKey => {
    const { privateKey, publicKey } = rsaKeyPair(o.state());
    const jwk = publicKey.export({ format: "jwk" }) as Record<string, string>;
    const kid = b64url(o.random.chars(32, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")) + "=";
    return { kid, privateKey, publicJwk: { alg: "RS256", e: jwk.e!, kid, kty: "RSA", n: jwk.n!, use: "sig" } };
  };
  const pool = (poolId: string): CognitoPool => {
    const m = POOL_ID.exec(poolId);
    if (!m) throw new Error(`not a user pool id: ${poolId}`);
    let p = o.state().pools.get(poolId);
    if (!p) {
      // Cognito publishes two keys: one signs ID tokens, the other access tokens
      p = { poolId, region: m[1]!, keys: [newKey(), newKey()], clients: [] };
      o.state().pools.set(poolId, p);
    }
    return p;
  };
  const issuer = (p: CognitoPool) => `https://cognito-idp.${p.region}.amazonaws.com/${p.poolId}`;

  const controls: CognitoControls = {
    pool,
    rotateKey(poolId, index = 0) {
      const p = pool(poolId);
      const removed = p.keys[index]!;
      const added = newKey();
      p.keys[index] = added;
      return { removedKid: removed.kid, addedKid: added.kid };
    },
    signToken(poolId, t) {
      const p = pool(poolId);
      const key = t.kid ? p.keys.find((k) => k.kid === t.kid) : p.keys[t.tokenUse === "id" ? 0 : 1];
      if (!key) throw new Error(`no key ${t.kid} in pool ${poolId}`);
      const now = Math.floor(o.clock.now() / 1000);
      const claims = {
        sub: t.sub ?? o.random.uuid(),
        iss: issuer(p),
        token_use: t.tokenUse,
        ...(t.tokenUse === "access" ? { client_id: t.clientId, scope: t.scope ?? "aws.cognito.signin.user.admin" } : { aud: t.clientId }),
        auth_time: now,
        iat: now,
        exp: now + (t.expiresIn ?? 3600),
        jti: o.random.uuid(),
        ...t.extraClaims,
      };
      const input = `${b64url(JSON.stringify({ kid: key.kid, alg: "RS256" }))}.${b64url(JSON.stringify(claims))}`;
      return `${input}.${b64url(createSign("RSA-SHA256").update(input).sign(key.privateKey))}`;
    },
  };

  const handlers = [
    http.get(/^https:\/\/cognito-idp\.([a-z0-9-]+)\.amazonaws\.com\/([^/]+)\/\.well-known\/(openid-configuration|jwks\.json)$/, ({ request }) => {
      const [, region, poolId, doc] = /^https:\/\/cognito-idp\.([a-z0-9-]+)\.amazonaws\.com\/([^/]+)\/\.well-known\/(openid-configuration|jwks\.json)$/.exec(request.url)!;
      return o.serve("cognito", request, { operation: doc === "jwks.json" ? "GetJwks" : "GetOpenIdConfiguration", write: false }, () => {
        const m = POOL_ID.exec(poolId!);
        // Cognito answers 400 ResourceNotFoundException-style errors for unknown pools
        if (!m || m[1] !== region) return HttpResponse.json({ message: `User pool ${poolId} does not exist.` }, { status: 404 });
        const p = pool(poolId!);
        if (doc === "jwks.json") return HttpResponse.json({ keys: p.keys.map((k) => k.publicJwk) });
        const iss = issuer(p);
        return HttpResponse.json({
          issuer: iss,
          jwks_uri: `${iss}/.well-known/jwks.json`,
          authorization_endpoint: `https://sandbox.auth.${p.region}.amazoncognito.com/oauth2/authorize`,
          token_endpoint: `https://sandbox.auth.${p.region}.amazoncognito.com/oauth2/token`,
          userinfo_endpoint: `https://sandbox.auth.${p.region}.amazoncognito.com/oauth2/userInfo`,
          response_types_supported: ["code", "token"],
          subject_types_supported: ["public"],
          id_token_signing_alg_values_supported: ["RS256"],
          scopes_supported: ["openid", "email", "phone", "profile"],
          token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
        });
      });
    }),
  ];
  return { handlers, controls };
}
