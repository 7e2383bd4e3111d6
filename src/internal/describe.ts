import { REDACTED } from "./redact.js";

// Konnect token shapes (identity v3 spec examples): a token pasted into the wrong option is never echoed.
const TOKEN_SHAPE = /\b(?:kpat|spat)_[A-Za-z0-9]+/g;
// the user:password@ part of a URL (redis://:password@host, https://token@host)
const USERINFO = /(\/\/)[^/@\s]*@/g;
// the brand of Secret (src/secret.ts), read here directly so this file imports nothing that imports it
const SECRET_BRAND = Symbol.for("konnect-aws.secret");
/** Replaces anything shaped like a Konnect token with `[REDACTED]`. @internal */
export function redactTokenShapes(text: string): string {
  return text.replace(TOKEN_SHAPE, REDACTED);
}

/** Longest part of a value an error message repeats. */
const MAX_ECHO = 40;

/**
 * Shows a value in an error: quoted, control characters escaped, cut to its first 40 characters (with
 * the full length), token shapes redacted. Only for values that are not secret.
 * @internal
 */
export function show(value: unknown): string {
  if (typeof value !== "string") {
    const s = (typeof value === "bigint" ? `${value}n` : JSON.stringify(value)) ?? String(value);
    return (s.length > MAX_ECHO ? `${s.slice(0, MAX_ECHO)}...` : s).replace(TOKEN_SHAPE, REDACTED);
  }
  // redacted before it is cut, so a cut cannot leave half a secret that no longer matches
  const safe = redactTokenShapes(value.replace(USERINFO, `$1${REDACTED}@`));
  const cut = safe.length > MAX_ECHO ? `${safe.slice(0, MAX_ECHO)}...` : safe;
  const quoted = JSON.stringify(cut);
  return value.length > MAX_ECHO ? `${quoted} (${value.length} characters)` : quoted;
}

/** The kind of a value, without the value: for secrets. @internal */
export function describeType(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object" && (value as Record<symbol, unknown>)[SECRET_BRAND] === true) return "a Secret";
  if (typeof value === "string") return value === "" ? "an empty string" : "a string";
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : "a number";
  if (typeof value === "object") {
    const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name;
    return name && name !== "Object" ? `a ${name}` : "an object";
  }
  return `a ${typeof value}`;
}

/**
 * The kind of a value and, for short non-secret scalars, the value: `a string ("30000")`, `an array of
 * 3 items`, `null`. What error messages say the user gave.
 * @internal
 */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return value === "" ? "an empty string" : `a string (${show(value)})`;
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : `the number ${String(value)}`;
  if (typeof value === "boolean") return `the boolean ${String(value)}`;
  if (typeof value === "bigint") return `a bigint (${show(value)})`;
  if (Array.isArray(value)) return value.length === 0 ? "an empty array" : `an array of ${value.length} item${value.length === 1 ? "" : "s"}`;
  return describeType(value);
}
