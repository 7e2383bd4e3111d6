import { REDACTED } from "../internal/redact.js";

/** Shortest run of a secret that is hidden on its own: shorter runs are too likely to be ordinary text. */
const MIN_FRAGMENT = 8;

/**
 * Removes a secret from text a server sent back: the whole secret, and any run of at least 8 of its
 * characters (a server may echo a truncated argument, such as Redis's "with args beginning with: ...").
 * @internal
 */
export function redactSecret(text: string, secret: string): string {
  let out = text.split(secret).join(REDACTED);
  const n = Math.min(MIN_FRAGMENT, secret.length);
  if (n < 4) return out;
  const starts = new Set<string>();
  for (let i = 0; i + n <= secret.length; i++) starts.add(secret.slice(i, i + n));
  let result = "";
  let i = 0;
  while (i < out.length) {
    if (i + n <= out.length && starts.has(out.slice(i, i + n))) {
      // extend the match as far as it stays a run of the secret
      let end = i + n;
      while (end < out.length && secret.includes(out.slice(i, end + 1))) end++;
      result += REDACTED;
      i = end;
    } else {
      result += out[i];
      i++;
    }
  }
  out = result;
  return out;
}
