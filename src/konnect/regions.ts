/**
 * The Konnect geographic regions with a regional API server (control-planes v2 spec `servers`).
 *
 * @example
 * ```ts
 * import { KONNECT_REGIONS } from "konnect-aws";
 * console.log(KONNECT_REGIONS.join(", ")); // us, eu, au, me, in, sg
 * ```
 */
export const KONNECT_REGIONS = ["us", "eu", "au", "me", "in", "sg"] as const;

/** A Konnect region code. */
export type KonnectRegion = (typeof KONNECT_REGIONS)[number];

/**
 * The global server: cloud gateways (`/v2/cloud-gateways/...`) and identity (`/v3/...`) live only here.
 *
 * @example
 * ```ts
 * import { GLOBAL_SERVER_URL } from "konnect-aws";
 * console.log(GLOBAL_SERVER_URL); // https://global.api.konghq.com
 * ```
 */
export const GLOBAL_SERVER_URL = "https://global.api.konghq.com";

/**
 * The regional server of a Konnect region, without the version prefix (paths carry it).
 *
 * @example
 * ```ts
 * import { regionalServerUrl } from "konnect-aws";
 * regionalServerUrl("eu"); // "https://eu.api.konghq.com"
 * ```
 */
export function regionalServerUrl(region: KonnectRegion): string {
  return `https://${region}.api.konghq.com`;
}

/** @internal */
export function isKonnectRegion(value: unknown): value is KonnectRegion {
  return typeof value === "string" && (KONNECT_REGIONS as readonly string[]).includes(value);
}
