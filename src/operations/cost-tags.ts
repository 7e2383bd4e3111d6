import { check } from "../internal/validate.js";

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

/** Drops undefined entries. @internal */
export function definedTags(tags: CostAllocationTags | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(tags ?? {}).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** Checks labels against Konnect's rules; `field` names the option they came from. @internal */
export function checkLabels(labels: Record<string, string>, field: string): void {
  check(Object.keys(labels).length <= MAX_LABELS, field, `Konnect allows at most ${MAX_LABELS} labels, got ${Object.keys(labels).length}`, "drop some labels or cost tags");
  for (const [k, v] of Object.entries(labels)) {
    check(k.length >= 1 && k.length <= 63, `${field}.${k}`, "label keys are 1 to 63 characters", "shorten the key");
    check(!FORBIDDEN.some((p) => k.toLowerCase().startsWith(p)), `${field}.${k}`, `label keys must not start with ${FORBIDDEN.join(", ")}`, "rename the key");
    check(typeof v === "string" && v.length <= 63 && LABEL_VALUE.test(v), `${field}.${k}`, `label value ${JSON.stringify(v)} breaks Konnect's rule (1-63 letters, digits, '-', '.', '_', starting and ending with a letter or digit)`, "replace spaces and other characters with '-', for example 'Platform Team' -> 'Platform-Team'");
  }
}
