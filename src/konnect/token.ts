import { ConfigError } from "../errors/config-error.js";

// Konnect personal access tokens start with `kpat_`, system-account tokens with `spat_`, followed by
// an alphanumeric body (identity.v3.yaml examples: `kpat_DoRQeLJ...` 49 chars, `spat_1234...` 50 chars).
// The lower bound on the length is deliberately loose: Kong documents no exact length.
const TOKEN_PATTERN = /^(kpat|spat)_[A-Za-z0-9]{20,}$/;

/**
 * Resolves the Konnect token from the option or `KONNECT_TOKEN`, and checks its shape. Never echoes the
 * token in the error.
 * @internal
 */
export function resolveToken(token: string | undefined, env: Record<string, string | undefined>): string {
  const value = token ?? env.KONNECT_TOKEN;
  if (value === undefined || value === "") {
    throw new ConfigError({
      field: "token",
      problem: "no Konnect token was given",
      fix: "pass `token` or set KONNECT_TOKEN to a personal (kpat_...) or system-account (spat_...) access token",
    });
  }
  if (!TOKEN_PATTERN.test(value.trim())) {
    throw new ConfigError({
      field: "token",
      problem: "the value does not look like a Konnect personal (kpat_...) or system-account (spat_...) access token",
      fix: "copy the whole token from Konnect (Personal access tokens, or System accounts > Access tokens), without the 'Bearer ' prefix or quotes",
    });
  }
  return value.trim();
}
