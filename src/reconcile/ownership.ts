/**
 * The marks that tell what konnect-aws manages: a Konnect entity tag, a control-plane label and an AWS
 * resource tag. Only objects carrying the mark are ever changed or deleted without `adopt: true`.
 *
 * @example
 * ```ts
 * await enableAwsVault({ konnect, controlPlaneId, region: "eu-west-1", ownership: { ...DEFAULT_OWNERSHIP, konnectTag: "team-a-managed" } });
 * ```
 */
export interface Ownership {
  /** Tag on Konnect core entities. Kong tags must not contain `,` or `/` (they are filter separators). @default "managed-by-konnect-aws" */
  konnectTag: string;
  /** Label on control planes (key and value follow Konnect's label rules). @default { key: "managed-by", value: "konnect-aws" } */
  label: { key: string; value: string };
  /** Tag on AWS resources. @default { key: "konnect-aws:managed", value: "true" } */
  awsTag: { key: string; value: string };
}

/**
 * Default ownership marks. The AWS tag is not `ManagedBy`: that key belongs to the guide's
 * cost-allocation tags, whose value the user chooses.
 *
 * @example
 * ```ts
 * import { DEFAULT_OWNERSHIP } from "konnect-aws";
 * console.log(DEFAULT_OWNERSHIP.konnectTag); // managed-by-konnect-aws
 * ```
 */
export const DEFAULT_OWNERSHIP: Readonly<Ownership> = Object.freeze({
  konnectTag: "managed-by-konnect-aws",
  label: Object.freeze({ key: "managed-by", value: "konnect-aws" }),
  awsTag: Object.freeze({ key: "konnect-aws:managed", value: "true" }),
});
