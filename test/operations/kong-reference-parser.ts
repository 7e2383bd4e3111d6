// A re-implementation of Kong's reference parsing, for tests only: kong/pdk/vault.lua `is_reference` and
// `parse_reference` over LuaSocket 3.0-rc1 `socket.url.parse` / `parse_path`, then ngx.unescape_uri on
// resource and key (konnect-api-notes §11). Independent of the SDK's builder, so round trips test it.

const pctDecode = (s: string) => s.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
const unescapeUri = (s: string) => pctDecode(s.replace(/\+/g, " "));

export interface ParsedReference {
  host: string;
  resource: string;
  key?: string;
  version?: number;
  query?: string;
}

// Lua strings are bytes: work on a byte string (one char per byte) and read UTF-8 back at the end.
const toBytes = (s: string) => Buffer.from(s, "utf8").toString("latin1");
const fromBytes = (s: string) => Buffer.from(s, "latin1").toString("utf8");

export function kongParseReference(input: string): ParsedReference {
  const reference = toBytes(input);
  if (!reference.startsWith("{vault://") || !reference.endsWith("}")) throw new Error("not a reference");
  let rest = reference.slice(1, -1);
  let fragment: string | undefined;
  const hash = rest.indexOf("#");
  if (hash >= 0) {
    fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  rest = rest.replace(/^vault:/, "");
  if (!rest.startsWith("//")) throw new Error("no authority");
  rest = rest.slice(2);
  const slash = rest.indexOf("/");
  const host = slash >= 0 ? rest.slice(0, slash) : rest;
  rest = slash >= 0 ? rest.slice(slash) : "";
  let query: string | undefined;
  const q = rest.indexOf("?");
  if (q >= 0) {
    query = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  const semi = rest.indexOf(";");
  if (semi >= 0) rest = rest.slice(0, semi); // params: silently discarded
  const segments = rest.replace(/^\//, "").split("/").filter((s) => s !== "").map(pctDecode);
  if (segments.length === 0) throw new Error("reference url is missing path");
  let resource: string;
  let key: string | undefined;
  if (segments.length === 1) resource = segments[0]!;
  else if (rest.endsWith("/")) resource = segments.join("/");
  else {
    resource = segments.slice(0, -1).join("/");
    key = segments.at(-1);
  }
  let version: number | undefined;
  if (fragment !== undefined) {
    if (!/^\d+$/.test(fragment)) throw new Error("reference url has invalid version");
    version = Number(fragment);
  }
  return { host, resource: fromBytes(unescapeUri(resource)), ...(key !== undefined ? { key: fromBytes(unescapeUri(key)) } : {}), ...(version !== undefined ? { version } : {}), ...(query !== undefined ? { query } : {}) };
}
