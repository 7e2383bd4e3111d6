// Deprecated config fields Kong still accepts through `shorthand_fields`. Kong's JSON schemas leave
// shorthand fields out, so the extracted tree (kong-plugin-fields.ts) does not know them; without this
// table the fake would reject names Kong accepts. Kong expands a shorthand before validation
// (kong/db/schema/init.lua `process_auto_fields`): the value goes to its replacement field unless that
// field is already set (deprecated shorthands never win), and a value that differs from an already set
// replacement is an error (`validate_deprecation_exclusiveness`).
import type { FieldNode } from "./plugin-field-tree.js";

/** One deprecated shorthand field. @internal */
export interface Shorthand {
  /** The shorthand's own Kong type (checked before the expansion, with Kong's messages). */
  node: FieldNode;
  /** Replacement field paths, relative to the record holding the shorthand. */
  to: readonly (readonly string[])[];
  /** Kong `deprecation.replaced_with`: a value differing from the set replacement is an error. */
  exclusive: boolean;
  /** `host:port` strings that become `{host|ip, port}` records (EE Redis `*_addresses`). */
  split?: "host" | "ip";
}

const str: FieldNode = { type: "string" };
const int: FieldNode = { type: "integer" };
const bool: FieldNode = { type: "boolean" };
const addresses: FieldNode = { type: "array", items: str };

/** rate-limiting: Kong/kong kong/plugins/rate-limiting/schema.lua `shorthand_fields` (removal in 4.0). */
const rateLimitingRedis: Record<string, Shorthand> = Object.fromEntries(
  (
    [
      ["host", str],
      ["port", int],
      ["password", str],
      ["username", str],
      ["ssl", bool],
      ["ssl_verify", bool],
      ["server_name", str],
      ["timeout", int],
      ["database", int],
    ] as const
  ).map(([f, node]) => [`redis_${f}`, { node, to: [["redis", f]], exclusive: true }]),
);

/**
 * The Enterprise Redis block (`redis-ee`): Kong/kong branch FTI-6378 (7d7c214),
 * kong/enterprise_edition/tools/redis/v2/schema.lua `shorthand_fields`; rate-limiting-advanced copies
 * that record (kong/plugins/rate-limiting-advanced/schema.lua `rla_redis_schema`).
 */
const enterpriseRedis: Record<string, Shorthand> = {
  timeout: { node: int, to: [["connect_timeout"], ["send_timeout"], ["read_timeout"]], exclusive: true },
  sentinel_addresses: { node: addresses, to: [["sentinel_nodes"]], exclusive: true, split: "host" },
  cluster_addresses: { node: addresses, to: [["cluster_nodes"]], exclusive: true, split: "ip" },
};

/**
 * Shorthands by plugin name, then by the dotted path of the record that holds them. openid-connect's
 * Redis blocks have the Enterprise Redis field set, so they are taken to share its shorthands
 * [inf: the openid-connect source is not public]. openid-connect's own deprecated top-level fields
 * (the `session_redis_*` family of 3.8) are not listed for the same reason: the fake rejects them.
 * @internal
 */
export const PLUGIN_SHORTHANDS: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, Shorthand>>>>>> = {
  "rate-limiting": { config: rateLimitingRedis },
  // kong/plugins/opentelemetry/schema.lua: `endpoint` (deprecated, no replaced_with) -> traces_endpoint
  opentelemetry: { config: { endpoint: { node: { type: "string", referenceable: true }, to: [["traces_endpoint"]], exclusive: false } } },
  "rate-limiting-advanced": { "config.redis": enterpriseRedis },
  "openid-connect": { "config.redis": enterpriseRedis, "config.cluster_cache_redis": enterpriseRedis },
};
