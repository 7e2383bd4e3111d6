import { ConfigError } from "../errors/config-error.js";
import { describeValue, show } from "../internal/describe.js";

/**
 * The one source of truth for AWS regions. Every option that names an AWS region is checked here, by
 * what the value is used for:
 *
 * - `"aws"` (Lambda, ElastiCache, Cognito, IAM policies, the primary region without secrets): the
 *   shape of a region code with a known geography (`af ap ca cn eu il me mx sa us`, optionally
 *   `-gov`/`-iso*`) and direction. Known regions pass, and so does a region AWS opens later in a known
 *   geography; typos such as `xx-north-9`, `us-east` or `us-east-1a` do not.
 * - `"kong-vault"` (a region that Kong's AWS vault reads: `enableAwsVault.region`, the password secret's
 *   region, every region that replicates secrets in `setupMultiRegion`): only {@link KONG_AWS_VAULT_REGIONS},
 *   because Kong rejects (or ignores, from the environment) any other.
 * - `"route53-latency"` (latency records of `setupMultiRegion`): only {@link ROUTE53_LATENCY_REGIONS},
 *   the regions Route 53 accepts in a record's `Region`.
 *
 * @internal
 */
export type RegionUse = "aws" | "kong-vault" | "route53-latency";

/**
 * Regions Kong's AWS vault accepts in its `region` field: the `one_of` list of Kong Enterprise
 * `kong/vaults/aws/schema.lua` (Kong/kong branch FTI-6378, 7d7c214). Kong rejects other regions there;
 * for them, leave `region` to the data plane's `AWS_REGION`.
 * @internal
 */
export const KONG_AWS_VAULT_REGIONS: readonly string[] = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "af-south-1",
  "ap-east-1",
  "ap-south-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ca-central-1",
  "eu-central-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-south-1",
  "eu-north-1",
  "me-south-1",
  "sa-east-1",
  "us-gov-east-1",
  "us-gov-west-1",
];

/**
 * Regions a Route 53 latency record may name (`ResourceRecordSetRegion` enum of the Route 53 API model,
 * ../shared/reference/aws-models/route-53.json).
 * @internal
 */
export const ROUTE53_LATENCY_REGIONS: readonly string[] = [
  "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "ca-west-1", "mx-central-1",
  "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2",
  "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7",
  "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-east-1", "ap-south-1", "ap-south-2",
  "sa-east-1", "cn-north-1", "cn-northwest-1", "me-south-1", "me-central-1", "af-south-1", "il-central-1",
];

/**
 * Every AWS region known when this version was released (`CloudWatchRegion` enum of the Route 53 API
 * model, the widest list there): used for "did you mean" hints. A region missing here still passes when
 * it has the shape of {@link AWS_REGION_PATTERN}.
 * @internal
 */
export const AWS_REGIONS: readonly string[] = [
  ...ROUTE53_LATENCY_REGIONS,
  "us-gov-east-1", "us-gov-west-1", "us-iso-east-1", "us-iso-west-1", "us-isob-east-1", "us-isof-east-1", "us-isof-south-1",
];

/**
 * The shape of an AWS region code: a known geography, an optional `-gov`/`-iso*` partition mark, a
 * direction and a number (`eu-central-2`, `us-gov-west-1`, `us-isob-east-1`).
 * @internal
 */
export const AWS_REGION_PATTERN = /^(af|ap|ca|cn|eu|il|me|mx|sa|us)(-gov|-iso[a-z]?)?-(central|east|west|north|south|northeast|northwest|southeast|southwest)-\d{1,2}$/;

/** True for a value with the shape of an AWS region code (see {@link AWS_REGION_PATTERN}). @internal */
export function isAwsRegion(value: unknown): value is string {
  return typeof value === "string" && AWS_REGION_PATTERN.test(value);
}

/**
 * The ARN partition of a region: `aws-cn` for China, `aws-us-gov` for GovCloud, `aws-iso*` for the
 * isolated regions, `aws` elsewhere (AWS General Reference, "Amazon Resource Names").
 * @internal
 */
export function awsPartition(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  const iso = /^[a-z]{2}-iso([a-z]?)-/.exec(region);
  if (iso) return iso[1] ? `aws-iso-${iso[1]}` : "aws-iso";
  return "aws";
}

const KONNECT_REGION_CODES = ["us", "eu", "au", "me", "in", "sg"];

/** A hint for a near miss: a Konnect region, an availability zone, case or spaces, a typo. */
function hint(value: string, allowed: readonly string[]): string {
  if (KONNECT_REGION_CODES.includes(value)) return `${JSON.stringify(value)} is a Konnect region; AWS regions look like ${allowed.find((r) => r.startsWith(value === "in" ? "ap-south" : value)) ?? "us-east-1"}`;
  const zone = /^([a-z]{2}(?:-[a-z]+)+-\d{1,2})[a-z]$/.exec(value);
  if (zone && AWS_REGION_PATTERN.test(zone[1]!)) return `${value} is an availability zone; its region is ${zone[1]}`;
  const geo = /^([a-z]{2})-[a-z]+-\d{1,2}$/.exec(value);
  if (geo && !/^(af|ap|ca|cn|eu|il|me|mx|sa|us)$/.test(geo[1]!)) return `${geo[1]} is not an AWS geography: af, ap, ca, cn, eu, il, me, mx, sa or us`;
  const cleaned = value.trim().toLowerCase().replace(/[\s_]+/g, "-");
  if (cleaned !== value && allowed.includes(cleaned)) return `did you mean ${cleaned}?`;
  const near = allowed.filter((r) => distance(r, cleaned) <= 2).sort((a, b) => distance(a, cleaned) - distance(b, cleaned));
  return near.length ? `did you mean ${near[0]}?` : "";
}

/** Levenshtein distance, for short strings only. */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * Checks that `value` is an AWS region fit for `use` (see {@link RegionUse}); throws a
 * {@link ConfigError} naming `field` otherwise.
 * @internal
 */
export function checkAwsRegion(value: unknown, field: string, use: RegionUse = "aws"): asserts value is string {
  if (typeof value !== "string") {
    throw new ConfigError({ field, problem: `expected an AWS region code, got ${describeValue(value)}`, fix: `set ${field} to a region such as "us-east-1"` });
  }
  if (!isAwsRegion(value)) {
    const h = hint(value, AWS_REGIONS);
    throw new ConfigError({ field, problem: `${show(value)} is not an AWS region code${h ? ` (${h})` : ""}`, fix: `use a region code such as us-east-1 or eu-central-1 (lowercase, geography-direction-number)` });
  }
  if (use === "kong-vault" && !KONG_AWS_VAULT_REGIONS.includes(value)) {
    throw new ConfigError({
      field,
      problem: `${value} is an AWS region, but not one Kong's AWS vault accepts (Kong's vault schema lists only ${KONG_AWS_VAULT_REGIONS.length} regions)`,
      fix: `keep the secrets in one of ${KONG_AWS_VAULT_REGIONS.join(", ")}`,
    });
  }
  if (use === "route53-latency" && !ROUTE53_LATENCY_REGIONS.includes(value)) {
    throw new ConfigError({ field, problem: `${value} is an AWS region, but Route 53 latency records cannot name it`, fix: `use mode: "failover", or regions among ${ROUTE53_LATENCY_REGIONS.join(", ")}` });
  }
}
