import { check, checkNoControlCharacters, checkOptionalPlainObject, checkPlainObject, describeValue, dict, fieldPath, show } from "../internal/validate.js";

/**
 * The guide's cost-allocation tags (its `tags` variable), plus any of your own. They become AWS resource
 * tags, and control-plane labels where Konnect's label rules allow.
 *
 * @example
 * ```ts
 * const costTags: CostAllocationTags = { ManagedBy: "platform-team", Environment: "prod", Project: "payments", CostCenter: "cc-1234", Owner: "alice" };
 * ```
 */
export interface CostAllocationTags {
  ManagedBy?: string;
  Environment?: string;
  Project?: string;
  CostCenter?: string;
  Owner?: string;
  [key: string]: string | undefined;
}

// control-planes.v2.yaml `Labels`: keys 1-63 characters, not starting with kong, konnect, mesh, kic or _;
// values 1-63 characters matching this pattern.
const LABEL_VALUE = /^[a-z0-9A-Z]([a-z0-9A-Z\-._]*[a-z0-9A-Z]+)?$/;
const FORBIDDEN = ["kong", "konnect", "mesh", "kic", "_"];
/** Kong's Terraform provider caps labels at 50 (`maxProperties`); the official spec states no cap. */
export const MAX_LABELS = 50;

/** Drops undefined entries; the result has no prototype, so any key is an ordinary key. @internal */
export function definedTags(tags: CostAllocationTags | undefined): Record<string, string> {
  return dict(Object.entries(tags ?? {}).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** Checks that cost tags are an object of strings (or undefined values, which are dropped). @internal */
export function checkCostTags(tags: unknown, field: string): void {
  checkOptionalPlainObject(tags, field, 'Environment: "prod", CostCenter: "cc-1234"');
  for (const [k, v] of Object.entries(tags ?? {})) {
    check(v === undefined || typeof v === "string", fieldPath(field, k), `a tag value must be a string, got ${describeValue(v)}`, `write it as a string, such as ${JSON.stringify(String(v))}`);
  }
}

/** Why a label value breaks Konnect's rule, and what to write instead. */
function labelValueAdvice(v: string): { problem: string; fix: string } {
  const rule = "Konnect label values are 1-63 letters, digits, '-', '.' and '_', starting and ending with a letter or digit";
  const slug = v.replace(/@/g, "-at-").replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "").slice(0, 63);
  const instead = slug ? ` (for example ${JSON.stringify(slug)})` : "";
  if (v.length === 0) return { problem: `the value is empty; ${rule}`, fix: "give a value, or leave the label out" };
  if (v.length > 63) return { problem: `the value is ${v.length} characters (${show(v)}); ${rule}`, fix: `shorten it to 63 characters${instead}` };
  if (v.includes("@")) {
    return { problem: `${show(v)} contains '@', which Konnect labels do not allow (an email address cannot be a label value); ${rule}`, fix: `use the user name alone (${JSON.stringify(v.split("@")[0])}), or replace '@' with '-at-'${instead}` };
  }
  const bad = [...v].find((c) => !/[A-Za-z0-9._-]/.test(c));
  if (bad !== undefined) return { problem: `${show(v)} contains ${bad === " " ? "a space" : JSON.stringify(bad)}; ${rule}`, fix: `replace it with '-'${instead}` };
  return { problem: `${show(v)} must start and end with a letter or digit; ${rule}`, fix: `drop the leading or trailing punctuation${instead}` };
}

/** Checks labels against Konnect's rules; `field` names the option they came from. @internal */
export function checkLabels(labels: Record<string, unknown>, field: string): void {
  checkPlainObject(labels, field, 'team: "payments"');
  const keys = Object.keys(labels);
  check(keys.length <= MAX_LABELS, field, `Konnect allows at most ${MAX_LABELS} labels, got ${keys.length}`, "drop some labels or cost tags");
  for (const [k, v] of Object.entries(labels)) {
    const at = fieldPath(field, k);
    check(k.length >= 1 && k.length <= 63, at, `label keys are 1 to 63 characters, got ${k.length}`, "shorten the key");
    checkNoControlCharacters(k, at);
    const prefix = FORBIDDEN.find((p) => k.toLowerCase().startsWith(p));
    check(prefix === undefined, at, `label keys must not start with ${FORBIDDEN.join(", ")} (reserved by Konnect); ${show(k)} starts with ${JSON.stringify(prefix)}`, `rename the key with a prefix of your own, such as ${JSON.stringify(`acme-${k.replace(/^_+/, "")}`.slice(0, 63))}`);
    check(typeof v === "string", at, `a label value must be a string, got ${describeValue(v)}`, `write it as a string, such as ${JSON.stringify(String(v))}`);
    if (!(v.length <= 63 && LABEL_VALUE.test(v))) {
      const { problem, fix } = labelValueAdvice(v);
      check(false, at, problem, fix);
    }
  }
}
