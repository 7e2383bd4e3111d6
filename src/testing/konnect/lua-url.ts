/** The parts of a URL as LuaSocket's `socket.url.parse` returns them (absent parts are undefined). @internal */
export interface LuaUrl {
  scheme?: string;
  authority?: string;
  host?: string;
  /** The text after the last `:` of the authority, unparsed (may be empty or not a number). */
  port?: string;
  path?: string;
}

/**
 * LuaSocket 3.0-rc1 `socket.url.parse` (lunarmodules/luasocket tag v3.0-rc1, src/url.lua; Kong's
 * rockspec pins `luasocket == 3.0-rc1`), step by step: it normalizes nothing (no case folding, no
 * percent decoding, no dot segments), unlike WHATWG `URL`, so Kong keeps what the caller wrote.
 * Returns undefined for the empty string (`nil, "invalid url"`).
 * @internal
 */
export function luaUrlParse(input: string): LuaUrl | undefined {
  if (input === "") return undefined;
  const parsed: LuaUrl & { fragment?: string; query?: string; params?: string; userinfo?: string } = {};
  let url = input;
  const cut = (ch: string, key: "fragment" | "query" | "params") => {
    const i = url.indexOf(ch);
    if (i >= 0) {
      parsed[key] = url.slice(i + 1);
      url = url.slice(0, i);
    }
  };
  cut("#", "fragment");
  // `^([%w][%w%+%-%.]*)%:` (%w: ASCII letters and digits)
  url = url.replace(/^([A-Za-z0-9][A-Za-z0-9+\-.]*):/, (_, s: string) => ((parsed.scheme = s), ""));
  url = url.replace(/^\/\/([^/]*)/, (_, a: string) => ((parsed.authority = a), ""));
  cut("?", "query");
  cut(";", "params");
  if (url !== "") parsed.path = url;
  let authority = parsed.authority;
  if (authority === undefined) return parsed;
  authority = authority.replace(/^([^@]*)@/, (_, u: string) => ((parsed.userinfo = u), ""));
  authority = authority.replace(/:([^:\]]*)$/, (_, p: string) => ((parsed.port = p), ""));
  if (authority !== "") parsed.host = /^\[(.+)\]$/s.exec(authority)?.[1] ?? authority;
  return parsed;
}
