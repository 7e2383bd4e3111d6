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

/** The shape of an AWS region code (`eu-central-2`, `us-gov-west-1`). @internal */
export const AWS_REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
