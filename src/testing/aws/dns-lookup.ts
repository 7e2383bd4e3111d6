import type { Route53State } from "./route53.js";

const fqdn = (name: string) => (name.toLowerCase().endsWith(".") ? name.toLowerCase() : `${name.toLowerCase()}.`);

/**
 * What a public DNS lookup of `name`/`type` would find in the Route 53 fake: the values of the matching
 * record set in the most specific public hosted zone containing the name (an alias answers with its
 * target's name). The ACM and Konnect fakes use it to "see" validation and CNAME records the way their
 * real validators query public DNS; nothing else answers, so a record written elsewhere never validates.
 * @internal
 */
export function lookupRecords(state: Route53State, name: string, type: string): string[] {
  const target = fqdn(name);
  const zones = [...state.hostedZones.values()].filter((z) => !z.privateZone && (target === z.name || target.endsWith(`.${z.name}`)));
  const zone = zones.sort((a, b) => b.name.length - a.name.length)[0];
  if (!zone) return [];
  return zone.records
    .filter((r) => r.Name === target && r.Type === type)
    .flatMap((r) => (r.AliasTarget ? [r.AliasTarget.DNSName] : (r.ResourceRecords ?? []).map((x) => x.Value)))
    .map((v) => (type === "CNAME" ? fqdn(v) : v));
}

/** A short deterministic hex digest (FNV-1a, repeated): stable ids without node:crypto, so the fakes also run in browsers. @internal */
export function hexDigest(text: string, length = 32): string {
  let out = "";
  for (let round = 0; out.length < length; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, "0");
  }
  return out.slice(0, length);
}
