// What Kong's jwt plugin does with a token, for tests: find the credential whose key equals the token's
// key claim (payload first, then header: Jwt.json key_claim_name), verify the RS256 signature with the
// credential's PEM, check exp. Independent of the SDK, so it tests the PEM the SDK wrote.
import { createVerify } from "node:crypto";

export function kongJwtAccepts(token: string, credentials: Array<{ key?: string | null; rsa_public_key?: string | null; algorithm?: string | null }>, keyClaim: string, nowSeconds: number): boolean {
  const [h, p, s] = token.split(".");
  const header = JSON.parse(Buffer.from(h!, "base64url").toString()) as Record<string, unknown>;
  const payload = JSON.parse(Buffer.from(p!, "base64url").toString()) as Record<string, unknown>;
  const key = (payload[keyClaim] ?? header[keyClaim]) as string | undefined;
  const cred = credentials.find((c) => c.key === key);
  if (!cred || cred.algorithm !== "RS256" || !cred.rsa_public_key) return false;
  const ok = createVerify("RSA-SHA256").update(`${h}.${p}`).verify(cred.rsa_public_key, Buffer.from(s!, "base64url"));
  return ok && typeof payload.exp === "number" && payload.exp > nowSeconds;
}
