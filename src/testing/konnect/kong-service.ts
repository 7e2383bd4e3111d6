// Kong's rules for a service body that the spec subset cannot express: the `url` shorthand and the
// `path` typedef. Sources: Kong/kong kong/db/schema/entities/services.lua (`shorthand_fields`,
// `entity_checks`), kong/db/schema/typedefs.lua (`typedefs.path`, `validate_path`), and
// kong/db/schema/init.lua (`process_auto_fields` expands shorthands before validation; messages from
// `validation_errors`). Konnect's own service code (Kong/koko internal/resource/helper.go `parseURL`)
// expands `url` the same way for ordinary URLs.
import { luaToNumber } from "./lua-tonumber.js";
import { luaUrlParse } from "./lua-url.js";
import type { FieldError } from "./spec-validator.js";

type Json = Record<string, unknown>;

/** kong/constants.lua PROTOCOLS (sorted), plus Enterprise `ws`/`wss`, as the Service schema lists them. */
const PROTOCOLS = ["grpc", "grpcs", "http", "https", "tcp", "tls", "tls_passthrough", "udp", "ws", "wss"];
/** services.lua entity check: these protocols take no path. */
const NO_PATH = new Set(["tcp", "tls", "udp", "grpc", "grpcs"]);

/**
 * Expands `url` into `protocol`, `host`, `port` and `path` as services.lua's shorthand does: the URL's
 * parts replace those fields even when the body sets them too (a shorthand without `deprecation`
 * overrides); a part the URL lacks becomes null (host, path) or is inferred (protocol from port 80/443,
 * else `http`; port from the protocol, else 80, also for `grpc`/`tls` and the rest).
 * `url: null` is treated as absent (Konnect's Service schema marks it nullable; koko skips an empty url).
 * @internal
 */
export function expandServiceUrl(body: Json): { body: Json; errors: FieldError[] } {
  if (!("url" in body)) return { body, errors: [] };
  const { url, ...rest } = body;
  if (url === null) return { body: rest, errors: [] };
  // the shorthand's own field: `type = "string"`, and Kong strings default to `len_min = 1`
  if (typeof url !== "string") return { body, errors: [{ field: "url", rule: "type", message: "expected a string" }] };
  if (url === "") return { body, errors: [{ field: "url", rule: "len_min", message: "length must be at least 1" }] };
  const parsed = luaUrlParse(url)!;
  const port = parsed.port === undefined ? undefined : luaToNumber(parsed.port);
  const protocol = parsed.scheme ?? (port === 80 ? "http" : port === 443 ? "https" : undefined) ?? "http";
  return {
    body: {
      ...rest,
      protocol,
      host: parsed.host ?? null,
      // `port or parsed_url.port or ...`: a port that is not a number stays a string (and fails validation)
      port: port ?? parsed.port ?? (protocol === "https" ? 443 : 80),
      path: parsed.path ?? null,
    },
    errors: [],
  };
}

/**
 * Kong's field checks on `protocol`, `host`, `port` and `path`, and the protocol/path entity check,
 * with Kong's messages (koko renders an `@entity` error as a detail without a field).
 * @internal
 */
export function serviceErrors(e: Json): FieldError[] {
  const errors: FieldError[] = [];
  if (e.protocol != null && !PROTOCOLS.includes(e.protocol as string)) errors.push({ field: "protocol", rule: "one_of", message: `expected one of: ${PROTOCOLS.join(", ")}` });
  if (e.host == null) errors.push({ field: "host", rule: "required", message: "required field missing" });
  if (e.port != null) {
    if (!Number.isInteger(e.port)) errors.push({ field: "port", rule: "type", message: "expected an integer" });
    else if ((e.port as number) < 0 || (e.port as number) > 65535) errors.push({ field: "port", rule: "between", message: "value should be between 0 and 65535" });
  }
  if (typeof e.path === "string") {
    const bad = pathError(e.path);
    if (bad) errors.push({ field: "path", rule: "path", message: bad });
    else if (NO_PATH.has(e.protocol as string)) {
      errors.push({ field: "path", rule: "eq", message: "value must be null" });
      errors.push({ field: "", rule: "conditional", message: "failed conditional validation given value of field 'protocol'" });
    }
  }
  return errors;
}

/** `typedefs.path`: len_min 1, starts_with "/", match_none "//", then `validate_path` (RFC 3986, percent-encoding). */
function pathError(path: string): string | undefined {
  if (path === "") return "length must be at least 1";
  if (!path.startsWith("/")) return "should start with: /";
  if (path.includes("//")) return "must not have empty segments";
  if (!/^\/[A-Za-z0-9._~/%:@!$&'()*+,;=-]*$/.test(path)) return `invalid path: '${path}' (characters outside of the reserved list of RFC 3986 found)`;
  const raw = path.replace(/%[0-9A-Fa-f]{2}/g, "___");
  const i = raw.indexOf("%");
  if (i >= 0) return `invalid url-encoded value: '${raw.slice(i, i + 3)}'`;
  return undefined;
}
