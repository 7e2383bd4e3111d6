import { ConfigError } from "../errors/config-error.js";
import { isSecret } from "../secret.js";
import { describeType, describeValue, show } from "./describe.js";

export { describeType, describeValue, show } from "./describe.js";

/** Throws a {@link ConfigError} unless the condition holds. @internal */
export function check(ok: unknown, field: string, problem: string, fix: string): asserts ok {
  if (!ok) throw new ConfigError({ field, problem, fix });
}

/**
 * `base.key` for a plain key, `base["odd key"]` otherwise (spaces, quotes, brackets, control characters), so the
 * field named in an error is unambiguous whatever the user's key is. Long keys are cut.
 * @internal
 */
export function fieldPath(base: string, key: string): string {
  // printable ASCII without spaces, quotes or brackets reads unambiguously after a dot (tags.aws:x, labels.team)
  if (/^[\x21\x23-\x26\x28-\x5a\x5e-\x7e]{1,64}$/.test(key)) return `${base}.${key}`;
  return `${base}[${JSON.stringify(key.length > 60 ? `${key.slice(0, 57)}...` : key)}]`;
}

/**
 * An object whose keys are data only: no prototype, so `__proto__`, `constructor` or `toString` as a
 * secret name or label key is an ordinary key and never reaches `Object.prototype`.
 * @internal
 */
export function dict<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/** A plain object (`{}` or a prototype-less one): not an array, a string, a Map, a class instance or a Secret. @internal */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value) || isSecret(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The options argument of a public function is a plain object. @internal */
export function checkOptionsObject(options: unknown, fn: string, example: string): asserts options is Record<string, unknown> {
  check(isPlainObject(options), "options", `${fn} takes one options object; it was given ${describeValue(options)}`, `call ${fn}({ ${example} })`);
}

/** What a checked plain object is typed as: its declared type, or a record when that was unknown. @internal */
export type PlainObjectOf<T> = unknown extends T ? T & Record<string, unknown> : T & object;

/** A plain object (a map of names to values) where one is expected. @internal */
export function checkPlainObject<T>(value: T, field: string, example: string): asserts value is PlainObjectOf<T> {
  const hint = typeof value === "string" || Array.isArray(value) ? " (its characters or items would become keys \"0\", \"1\", ...)" : "";
  // the kind only, never the value: a string here is often a secret given where its map was expected
  check(isPlainObject(value), field, `expected an object of names to values, got ${describeType(value)}${hint}`, `pass ${field}: { ${example} }`);
}

/** Like {@link checkPlainObject}, undefined allowed. @internal */
export function checkOptionalPlainObject(value: unknown, field: string, example: string): void {
  if (value !== undefined) checkPlainObject(value, field, example);
}

/** An array where one is expected (a lone string is the usual mistake). @internal */
export function checkArray(value: unknown, field: string, example: string): asserts value is unknown[] {
  // a lone string where a list of strings goes: show the list it should have been
  const fix = typeof value === "string" && example.startsWith('"') ? `wrap the value in a list: ${field}: [${show(value)}]` : `pass ${field}: [${example}]`;
  check(Array.isArray(value), field, `expected an array, got ${describeValue(value)}`, fix);
}

/** Like {@link checkArray}, undefined allowed. @internal */
export function checkOptionalArray(value: unknown, field: string, example: string): void {
  if (value !== undefined) checkArray(value, field, example);
}

const CONTROL_NAMES: Record<number, string> = { 0: "NUL", 9: "tab", 10: "newline", 13: "carriage return", 27: "escape", 127: "DEL" };

/** Index and name of the first control character (C0, DEL, C1, line and paragraph separators), if any. @internal */
export function findControlCharacter(value: string): { index: number; name: string } | undefined {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) {
      return { index: i, name: CONTROL_NAMES[c] ?? `U+${c.toString(16).toUpperCase().padStart(4, "0")}` };
    }
  }
  return undefined;
}

/** A string without control characters: they break names, headers, ARNs and log lines. @internal */
export function checkNoControlCharacters(value: string, field: string): void {
  const found = findControlCharacter(value);
  if (found) {
    throw new ConfigError({
      field,
      problem: `contains a control character (${found.name} at position ${found.index})`,
      fix: found.name === "newline" || found.name === "carriage return" ? "remove it; a trailing newline usually comes from reading a file or `echo` without -n (trim the value)" : "remove it; names are plain printable text",
    });
  }
}

/** Options of {@link checkString}. @internal */
export interface StringRule {
  /** Shortest length. @default 1 */
  min?: number;
  /** Longest length. */
  max?: number;
  /** What the value is, for messages ("a control-plane name"). */
  what?: string;
  /** An example value, for the fix. */
  example?: string;
  /** Control characters allowed (free text such as descriptions: tabs and newlines only). */
  allowNewlines?: boolean;
}

/** A string of the right length with no control characters. @internal */
export function checkString(value: unknown, field: string, rule: StringRule = {}): asserts value is string {
  const { min = 1, max = 65_536, what = "a string", example } = rule;
  const fixExample = example ? `, such as ${JSON.stringify(example)}` : "";
  check(typeof value === "string", field, `expected ${what}, got ${describeValue(value)}`, `pass ${field} as a string${fixExample}`);
  check(value.length >= min, field, min === 1 ? `${what} must not be empty` : `${what} is at least ${min} characters, got ${value.length}`, `give ${what}${fixExample}`);
  check(value.length <= max, field, `${what} is at most ${max} characters, got ${value.length} (${show(value)})`, `shorten it to ${max} characters`);
  checkNoControlCharacters(rule.allowNewlines ? value.replace(/[\t\n\r]/g, " ") : value, field);
}

/** Like {@link checkString}, undefined allowed. @internal */
export function checkOptionalString(value: unknown, field: string, rule: StringRule = {}): void {
  if (value !== undefined) checkString(value, field, rule);
}

/** true, false or undefined. @internal */
export function checkOptionalBoolean(value: unknown, field: string): void {
  const hint = value === "true" || value === "false" ? `write ${field}: ${value as string} (without quotes)` : `set ${field} to true or false, or leave it out`;
  check(value === undefined || typeof value === "boolean", field, `expected true or false, got ${describeValue(value)}`, hint);
}

/** A function or undefined. @internal */
export function checkOptionalFunction(value: unknown, field: string, example: string): void {
  check(value === undefined || typeof value === "function", field, `expected a function, got ${describeValue(value)}`, `pass ${field}: ${example}, or leave it out`);
}

/** An AbortSignal (duck-typed: signals from other realms or polyfills work too) or undefined. @internal */
export function checkOptionalSignal(value: unknown, field = "signal"): void {
  const ok = value === undefined || (typeof value === "object" && value !== null && typeof (value as AbortSignal).aborted === "boolean" && typeof (value as AbortSignal).addEventListener === "function");
  check(ok, field, `expected an AbortSignal, got ${describeValue(value)}`, `pass ${field}: controller.signal (new AbortController()) or AbortSignal.timeout(ms)`);
}

/** A logger with debug, info, warn and error (console, pino, winston), or undefined. @internal */
export function checkOptionalLogger(value: unknown, field = "logger"): void {
  if (value === undefined) return;
  check(typeof value === "object" && value !== null, field, `expected a logger object, got ${describeValue(value)}`, `pass ${field}: console, or a pino/winston logger`);
  const missing = (["debug", "info", "warn", "error"] as const).filter((m) => typeof (value as Record<string, unknown>)[m] !== "function");
  check(missing.length === 0, field, `the logger has no ${missing.join(", ")} method`, `pass ${field}: console, or an object with debug, info, warn and error functions`);
}

/** Options of {@link checkOptionalNumber}. @internal */
export interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
  /** Unit shown in messages ("ms", "seconds"). */
  unit?: string;
}

/** A finite number in [min, max] (a whole one if asked), or undefined. @internal */
export function checkOptionalNumber(value: unknown, field: string, rule: NumberRule = {}): void {
  if (value !== undefined) checkNumber(value, field, rule);
}

/** A finite number in [min, max] (a whole one if asked). @internal */
export function checkNumber(value: unknown, field: string, { min = 0, max = Number.MAX_SAFE_INTEGER, integer = false, unit }: NumberRule = {}): asserts value is number {
  const kind = integer ? "a whole number" : "a number";
  const range = `${min} to ${max}${unit ? ` ${unit}` : ""}`;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) {
    throw new ConfigError({ field, problem: `is a string (${show(value)}), not a number`, fix: `write ${field}: ${Number(value)} (a number, without quotes)` });
  }
  check(typeof value === "number", field, `expected ${kind}, got ${describeValue(value)}`, `set ${field} to ${kind} from ${range}, or leave it out`);
  check(Number.isFinite(value), field, `${String(value)} is not a finite number`, `set ${field} to ${kind} from ${range}`);
  check(!integer || Number.isInteger(value), field, `${value} is not a whole number`, `set ${field} to ${kind} from ${range}, such as ${Math.min(max, Math.max(min, Math.round(value)))}`);
  check(value >= min && value <= max, field, `${value} is out of range: ${field} takes ${range}`, `set ${field} to ${kind} from ${range}`);
}

/** The `konnect` option holds a client made by createKonnectClient. @internal */
export function checkKonnectClient(konnect: unknown): void {
  check(typeof (konnect as { api?: { GET?: unknown } } | undefined)?.api?.GET === "function", "konnect", `expected a client made by createKonnectClient, got ${describeValue(konnect)}`, "pass konnect: createKonnectClient({ ... })");
}

// Konnect control-plane ids are UUIDs (control-planes v2 `controlPlaneId`, format uuid)
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A control-plane id (a UUID). @internal */
export function checkControlPlaneId(id: unknown, field = "controlPlaneId"): void {
  const got = typeof id === "string" ? show(id) : describeValue(id);
  check(typeof id === "string" && UUID.test(id), field, `expected a control-plane id (a UUID), got ${got}`, "pass the id returned by ensureControlPlane (controlPlane.id), or copy it from Konnect; a name is not an id");
}

const HOST = /^[A-Za-z0-9_.-]{1,253}$|^\[?[0-9a-fA-F:]+\]?$/;

/** A host name or IP address: not a URL, and without the port (which has its own option). @internal */
export function checkHost(value: unknown, field: string): asserts value is string {
  checkString(value, field, { what: "a host name", max: 253, example: "master.rl.abc123.use1.cache.amazonaws.com" });
  const url = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value);
  if (url) {
    const tls = url[1]!.toLowerCase() === "rediss" ? " (rediss:// means TLS: keep tls: true, the default)" : url[1]!.toLowerCase() === "redis" ? " (redis:// means plain TCP: set tls: false)" : "";
    throw new ConfigError({ field, problem: `${show(value)} is a URL; ${field} takes the host name alone`, fix: `drop the ${url[1]}:// scheme, and give any :port as port${tls}` });
  }
  const port = /^([^:]+):(\d+)$/.exec(value);
  check(!port, field, `${show(value)} includes a port`, `give the host alone and the port separately: ${JSON.stringify(port?.[1] ?? "")} and port: ${port?.[2] ?? ""}`);
  check(HOST.test(value), field, `${show(value)} is not a host name or IP address`, "pass the endpoint host, such as master.rl.abc123.use1.cache.amazonaws.com");
}
