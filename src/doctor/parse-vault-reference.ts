/** A parsed `{vault://...}` reference. @internal */
export interface ParsedVaultReference {
  /** The vault prefix (the reference's host). */
  prefix: string;
  /** The secret name (Kong's `resource`). */
  name: string;
  key?: string;
  version?: number;
}

const pctDecode = (s: string) => s.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
const unescapeUri = (s: string) => pctDecode(s.replace(/\+/g, " "));
const toBytes = (s: string) => Buffer.from(s, "utf8").toString("latin1");
const fromBytes = (s: string) => Buffer.from(s, "latin1").toString("utf8");

/**
 * Parses a reference the way Kong does (kong/pdk/vault.lua `parse_reference` over LuaSocket's
 * `url.parse`/`parse_path`, then ngx.unescape_uri on resource and key; konnect-api-notes §11): the last
 * path segment is the key unless the path ends with `/`; `#n` is the version. Undefined when Kong would
 * refuse it.
 * @internal
 */
export function parseVaultReference(input: string): ParsedVaultReference | undefined {
  const reference = toBytes(input);
  if (!reference.startsWith("{vault://") || !reference.endsWith("}")) return undefined;
  let rest = reference.slice("{vault://".length, -1);
  let fragment: string | undefined;
  const hash = rest.indexOf("#");
  if (hash >= 0) {
    fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  const slash = rest.indexOf("/");
  if (slash < 0) return undefined;
  const prefix = rest.slice(0, slash);
  rest = rest.slice(slash).split("?")[0]!.split(";")[0]!;
  const segments = rest.replace(/^\//, "").split("/").filter((s) => s !== "").map(pctDecode);
  if (segments.length === 0) return undefined;
  let name: string;
  let key: string | undefined;
  if (segments.length === 1) name = segments[0]!;
  else if (rest.endsWith("/")) name = segments.join("/");
  else {
    name = segments.slice(0, -1).join("/");
    key = segments.at(-1);
  }
  if (fragment !== undefined && !/^\d+$/.test(fragment)) return undefined;
  return { prefix, name: fromBytes(unescapeUri(name)), ...(key !== undefined ? { key: fromBytes(unescapeUri(key)) } : {}), ...(fragment !== undefined ? { version: Number(fragment) } : {}) };
}

/** Every `{vault://...}` reference in a text (a plugin or partial as JSON). @internal */
export function findVaultReferences(text: string): string[] {
  return [...new Set(text.match(/\{vault:\/\/[^}"\s]*\}/g) ?? [])];
}
