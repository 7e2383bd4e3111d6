import { createPublicKey } from "node:crypto";
import { ConfigError } from "../errors/config-error.js";
import { isAwsRegion } from "../aws/regions.js";
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

/** Fetches the pool's JWKS (public, no auth). @internal */
export async function fetchJwks(jwksUri: string, fetchImpl: typeof fetch, signal?: AbortSignal): Promise<Jwk[]> {
  let response: Response;
  try {
    response = await fetchImpl(jwksUri, { ...(signal ? { signal } : {}), headers: { accept: "application/json" } });
  } catch (cause) {
    throw new ConfigError({ field: "userPoolId", problem: `cannot fetch ${jwksUri}`, fix: "check the network path to Cognito", cause });
  }
  if (!response.ok) throw new ConfigError({ field: "userPoolId", problem: `${jwksUri} answered ${response.status}: the user pool does not exist in that region`, fix: "check the pool id" });
  const body = (await response.json()) as { keys?: Jwk[] };
  const keys = (body.keys ?? []).filter((k) => k.kty === "RSA" && typeof k.kid === "string" && k.n && k.e);
  if (!keys.length) throw new ConfigError({ field: "userPoolId", problem: `${jwksUri} holds no RSA signing keys`, fix: "check the pool id" });
  return keys;
}

/** Converts an RSA JWK into the PEM (SPKI) that Kong's jwt credentials take as `rsa_public_key`. @internal */
export function jwkToPem(jwk: Jwk): string {
  return createPublicKey({ key: { kty: "RSA", n: jwk.n!, e: jwk.e! }, format: "jwk" }).export({ type: "spki", format: "pem" }).toString();
}
