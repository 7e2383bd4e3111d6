/** What replaces a secret in any text konnect-aws produces. @internal */
export const REDACTED = "[REDACTED]";

// Konnect token shapes (identity v3 spec examples: `kpat_...`, `spat_...`). Redacting the shape, not only
// the configured token, also hides a token that reached a message some other way.
const TOKEN_SHAPE = /\b(?:kpat|spat)_[A-Za-z0-9]+/g;

/**
 * Returns a function that removes the given secrets, and anything shaped like a Konnect token, from text.
 * @internal
 */
export function createRedactor(secrets: ReadonlyArray<string | undefined>): (text: string) => string {
  const exact = secrets.filter((s): s is string => typeof s === "string" && s.length >= 4);
  return (text) => {
    let out = text;
    for (const s of exact) out = out.split(s).join(REDACTED);
    return out.replace(TOKEN_SHAPE, REDACTED);
  };
}
