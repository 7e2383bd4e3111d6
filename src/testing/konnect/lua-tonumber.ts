/**
 * Lua 5.1 `tonumber(s)` on a string (LuaJIT, as in Kong): decimal integers and floats with optional
 * exponent, hexadecimal integers, surrounding whitespace allowed; anything else is `undefined` (nil).
 * Kong reads the port of a service `url` and of a Redis `host:port` address this way.
 * @internal
 */
export function luaToNumber(s: string): number | undefined {
  const t = s.trim();
  if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(t)) return t.startsWith("-") ? -parseInt(t.replace(/^[-+]/, ""), 16) : parseInt(t.replace(/^\+/, ""), 16);
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number(t);
  return undefined;
}
