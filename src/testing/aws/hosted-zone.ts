import type { Random } from "../random.js";
import type { HostedZoneRecord } from "./route53.js";

/**
 * How to seed a Route 53 hosted zone with `sandbox.seedHostedZone`.
 *
 * @example
 * ```ts
 * const seed: HostedZoneSeed = { name: "example.com", private: true };
 * ```
 */
export interface HostedZoneSeed {
  /** Domain name of the zone, with or without the trailing dot. */
  name: string;
  /** A private zone (VPC-only) instead of a public one. @default false */
  private?: boolean;
  /** The zone's comment. */
  comment?: string;
}

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/**
 * A new hosted zone as `CreateHostedZone` makes it: a `Z` id, and the NS and SOA records Route 53
 * creates with every zone (Route 53 Developer Guide, "NS and SOA records that Amazon Route 53 creates for
 * a hosted zone"). `name` must already be normalized (lowercase, trailing dot). Shared by the
 * `CreateHostedZone` fake and `sandbox.seedHostedZone`, so a seeded zone is one the API could have made.
 * @internal
 */
export function buildHostedZone(o: { name: string; callerReference: string; comment?: string; privateZone: boolean }, random: Random): HostedZoneRecord {
  const ns = [0, 1, 2, 3].map((i) => `ns-${100 + i}.awsdns-${10 + i}.${["com", "net", "org", "co.uk"][i]}.`);
  return {
    id: `Z${random.chars(13, UPPER)}`,
    name: o.name,
    callerReference: o.callerReference,
    ...(o.comment ? { comment: o.comment } : {}),
    privateZone: o.privateZone,
    records: [
      { Name: o.name, Type: "NS", TTL: 172800, ResourceRecords: ns.map((Value) => ({ Value })) },
      { Name: o.name, Type: "SOA", TTL: 900, ResourceRecords: [{ Value: `${ns[0]} awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400` }] },
    ],
  };
}
