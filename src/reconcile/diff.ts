import type { FieldDiff } from "./change.js";

/** How {@link diffManaged} compares. @internal */
export interface DiffOptions {
  /** Paths compared as sets (order-insensitive), such as `tags` or `protocols`. */
  sets?: readonly string[];
  /** Paths whose values are secret: a difference is reported with both sides redacted. */
  secrets?: readonly string[];
  /** Field names whose values are secret wherever they appear (`password`, `client_secret`): redacted too. */
  secretKeys?: RegExp;
}

/**
 * Field names of Kong plugin and partial configs that hold credentials (`password`, `sentinel_password`,
 * `client_secret`, `aws_secret`, `aws_key`, `api_key`, `token`...): a diff never shows their values,
 * whatever a user or another tool put there by hand.
 * @internal
 */
export const CREDENTIAL_KEYS = /(^|_)(password|secret|token|api_key|aws_key|private_key)$/i;

const REDACTED = "[REDACTED]";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
/** Konnect answers `null` for what was never set; treat null and absent alike. */
const absent = (v: unknown) => v === undefined || v === null;

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (isObject(v)) {
    return `{${Object.keys(v)
      .filter((k) => !absent(v[k]))
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v ?? null);
}

/** Deep equality with null ≡ absent, and order-insensitive comparison at `sets` paths. @internal */
export function sameValue(a: unknown, b: unknown, path = "", sets: readonly string[] = []): boolean {
  if (absent(a) && absent(b)) return true;
  if (sets.includes(path) && Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && [...a.map(canonical)].sort().join("|") === [...b.map(canonical)].sort().join("|");
  }
  return canonical(a) === canonical(b);
}

/**
 * Diffs only the fields the SDK manages: every leaf present in `desired` is compared with `actual`;
 * fields absent from `desired` are left alone, whatever the server holds (its defaults, other tools'
 * settings). Objects are walked; arrays are compared whole (as sets at the `sets` paths).
 * @internal
 */
export function diffManaged(desired: Record<string, unknown>, actual: Record<string, unknown> | undefined, options: DiffOptions = {}): FieldDiff[] {
  const out: FieldDiff[] = [];
  const walk = (d: Record<string, unknown>, a: Record<string, unknown> | undefined, prefix: string) => {
    for (const [k, dv] of Object.entries(d)) {
      if (dv === undefined) continue;
      const path = prefix ? `${prefix}.${k}` : k;
      // own keys only: a label named `constructor` must not read Object's prototype
      const av = a && Object.hasOwn(a, k) ? a[k] : undefined;
      const secret = Boolean(options.secrets?.includes(path) || options.secretKeys?.test(k));
      if (isObject(dv) && !secret && (isObject(av) || absent(av))) {
        walk(dv, isObject(av) ? av : undefined, path);
        continue;
      }
      if (sameValue(dv, av, path, options.sets)) continue;
      if (secret) out.push({ path, ...(absent(av) ? {} : { before: REDACTED }), after: REDACTED });
      else out.push({ path, ...(absent(av) ? {} : { before: av }), after: dv });
    }
  };
  walk(desired, actual, "");
  return out;
}
