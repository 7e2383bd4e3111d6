import { nodeCrypto } from "../internal/node-crypto.js";
import { AwsStepError } from "../errors/aws-step-error.js";
import { ConfigError } from "../errors/config-error.js";
import { isAwsRegion } from "../aws/regions.js";
import { sleep } from "../internal/sleep.js";
import { check, describeValue, show } from "../internal/validate.js";

// Cognito user pool ids are <region>_<id> (Cognito API reference, UserPoolIdType: `[\w-]+_[0-9a-zA-Z]+`, 1-55).
const POOL_ID = /^([^_]+)_([0-9a-zA-Z]+)$/;

/** Parses a user pool id; the region is its prefix, checked by the one region rule (aws/regions.ts). @internal */
export function parsePoolId(poolId: unknown, field = "userPoolId"): { region: string; poolId: string } {
  const got = typeof poolId === "string" ? show(poolId) : describeValue(poolId);
  const m = typeof poolId === "string" && poolId.length <= 55 ? POOL_ID.exec(poolId) : null;
  check(m, field, `${got} is not a Cognito user pool id`, "copy it from the Cognito console; it looks like us-east-1_AbCdEf123 (the pool id, not its name or ARN)");
  check(isAwsRegion(m[1]), field, `${got} does not start with an AWS region`, "copy the id from the Cognito console; it looks like us-east-1_AbCdEf123");
  return { region: m[1]!, poolId: poolId as string };
}

/** The pool's issuer: `https://cognito-idp.<region>.amazonaws.com/<poolId>`. @internal */
export function cognitoIssuer(region: string, poolId: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/${poolId}`;
}

/** An RSA key of a JWKS. @internal */
export interface Jwk {
  kid: string;
  kty: string;
  alg?: string;
  use?: string;
  n?: string;
  e?: string;
}

/** Waits between JWKS fetch attempts: transient failures (429, 5xx, connection errors) are retried. @internal */
export const JWKS_RETRY_DELAYS_MS: readonly number[] = [250, 1000, 4000];

/** A JWKS answer worth another attempt: throttling or a server-side failure. */
const transient = (status: number) => status === 408 || status === 429 || status >= 500;

/**
 * Fetches the pool's JWKS (public, no auth). Transient failures (429, 408, 5xx, dropped connections) are
 * retried after {@link JWKS_RETRY_DELAYS_MS} and, if they persist, reported as an {@link AwsStepError};
 * only 400 and 404, Cognito's answers for a pool that does not exist in that region, mean "no such pool".
 * @internal
 */
export async function fetchJwks(jwksUri: string, fetchImpl: typeof fetch, signal?: AbortSignal, delays: readonly number[] = JWKS_RETRY_DELAYS_MS): Promise<Jwk[]> {
  let lastError: unknown;
  for (let attempt = 0; attempt <= delays.length; attempt++) {
    if (attempt > 0) await sleep(delays[attempt - 1]!, signal);
    let response: Response;
    try {
      response = await fetchImpl(jwksUri, { ...(signal ? { signal } : {}), headers: { accept: "application/json" } });
    } catch (cause) {
      if (signal?.aborted) throw signal.reason ?? cause;
      lastError = cause;
      continue;
    }
    if (response.status === 400 || response.status === 404) {
      throw new ConfigError({ field: "userPoolId", problem: `${jwksUri} answered ${response.status}: the user pool does not exist in that region`, fix: "check the pool id and its region prefix" });
    }
    if (transient(response.status)) {
      lastError = new Error(`HTTP ${response.status}`);
      continue;
    }
    if (!response.ok) throw new AwsStepError(`GET ${jwksUri}`, new Error(`HTTP ${response.status}`));
    const body = (await response.json()) as { keys?: Jwk[] };
    const keys = (body.keys ?? []).filter((k) => k.kty === "RSA" && typeof k.kid === "string" && k.n && k.e);
    if (!keys.length) throw new ConfigError({ field: "userPoolId", problem: `${jwksUri} holds no RSA signing keys`, fix: "check the pool id" });
    return keys;
  }
  throw new AwsStepError(`GET ${jwksUri} (${delays.length + 1} attempts)`, lastError);
}

/** Converts an RSA JWK into the PEM (SPKI) that Kong's jwt credentials take as `rsa_public_key`. @internal */
export function jwkToPem(jwk: Jwk): string {
  return nodeCrypto().createPublicKey({ key: { kty: "RSA", n: jwk.n!, e: jwk.e! }, format: "jwk" }).export({ type: "spki", format: "pem" }).toString();
}
