import type { Constraints, MemberModel, ServiceModel, ShapeModel } from "./model-types.js";

/** One constraint a decoded input breaks. @internal */
export interface Violation {
  /** Member path as AWS writes it: lower camel case, list items as `changes.1.member` (`changeBatch.changes.1.member.resourceRecordSet.tTL`). */
  path: string;
  /** Which trait. */
  kind: "required" | "length" | "range" | "pattern" | "enum" | "type" | "documented-range";
  /** The offending value (undefined for a missing required member). */
  value: unknown;
  /** `Member must ...`: the constraint, worded as AWS's validation messages word it. */
  constraint: string;
  /** The member is `@sensitive`: AWS leaves the value out of the message. */
  sensitive: boolean;
  /** The member's name as modeled (`CallerReference`), for services that word their own messages. */
  member: string;
  /** For `kind: "type"`: what the model expects (`integer`, `list`, ...). */
  expected?: string;
  /** The value travels in the request body (not in the URI, query string or a header). */
  inBody: boolean;
  /** Its XML element name (the member's xmlName, or its name), for XML services' schema messages. */
  element: string;
  /** For a list: the element name of its items (`Change` in `<Changes><Change>`). */
  itemElement?: string;
  /** For `kind: "enum"`: the allowed values. */
  allowed?: Array<string | number>;
  /** For `length` and `range`: the bound broken. */
  limit?: { min?: number; max?: number };
}

/**
 * Every constraint of the model the input breaks: `smithy.api#required`, `#length` (characters of a
 * string, bytes of a blob, entries of a list or map), `#range`, `#pattern`, `#enum` and enum shapes, on
 * members and on their targets, all the way down (recursive shapes end where the data ends). Members the
 * model does not know are ignored (the models date from April 2025; a newer SDK may send more).
 * @internal
 */
export function validateInput(model: ServiceModel, operation: string, input: Record<string, unknown>): Violation[] {
  const op = model.operations[operation];
  if (!op) throw new Error(`no model of ${operation}: add it to scripts/extract-aws-constraints.mjs and run npm run extract:aws`);
  const out: Violation[] = [];
  walk(model.shapes, op.input, { name: "", path: "", inBody: true, element: "" }, input, out);
  return out;
}

/** AWS writes member paths in lower camel case by lowering the first letter only (`TTL` -> `tTL`). */
const lowerFirst = (s: string) => (s ? s[0]!.toLowerCase() + s.slice(1) : s);

const NUMERIC = new Set(["byte", "short", "integer", "long", "float", "double", "bigInteger", "bigDecimal", "intEnum"]);
const STRINGS = new Set(["string", "enum", "blob", "timestamp"]);

/** Where a value sits: its member, its path, and (for XML services) its element names. */
interface At {
  member?: MemberModel;
  /** Modeled member name. */
  name: string;
  path: string;
  /** Under a member serialized in the body (not bound to the URI, query string or headers). */
  inBody: boolean;
  /** XML element name of the value (the member's xmlName, or its name). */
  element: string;
}

const BOUND = (m: MemberModel) => Boolean(m.httpLabel || m.httpQuery !== undefined || m.httpQueryParams || m.httpHeader !== undefined || m.httpPrefixHeaders !== undefined);

function walk(shapes: Record<string, ShapeModel>, id: string, at: At, value: unknown, out: Violation[]): void {
  const shape = shapes[id];
  if (!shape || value === undefined || value === null) return;
  const sensitive = Boolean(at.member?.sensitive || shape.sensitive);
  const where = { path: at.path, member: at.name, inBody: at.inBody, element: at.element, ...(shape.member ? { itemElement: shape.member.xmlName ?? "member" } : {}) };
  const add: Add = (kind, constraint, extra = {}) => out.push({ ...where, kind, value, constraint, sensitive, ...extra });
  if (!typeFits(shape.type, value)) {
    add("type", `Member must be of type ${shape.type}`, { expected: shape.type });
    return;
  }
  const sources: Constraints[] = at.member ? [at.member, shape] : [shape];
  for (const c of sources) check(c, shape.type, value, add);
  const doc = at.member?.documentedRange;
  if (doc && typeof value === "number" && (value < doc.min || value > doc.max)) add("documented-range", `Member must be between ${doc.min} and ${doc.max}`);
  if (shape.type === "structure" || shape.type === "union") {
    for (const [childName, m] of Object.entries(shape.members ?? {})) {
      const child: At = { member: m, name: childName, path: at.path ? `${at.path}.${lowerFirst(childName)}` : lowerFirst(childName), inBody: at.path ? at.inBody : !BOUND(m), element: m.xmlName ?? childName };
      const v = (value as Record<string, unknown>)[childName];
      if ((v === undefined || v === null) && m.required) {
        out.push({ path: child.path, member: childName, inBody: child.inBody, element: child.element, kind: "required", value: undefined, constraint: "Member must not be null", sensitive: Boolean(m.sensitive) });
        continue;
      }
      walk(shapes, m.target, child, v, out);
    }
  } else if (shape.type === "list" || shape.type === "set") {
    const m = shape.member!;
    (value as unknown[]).forEach((item, i) => walk(shapes, m.target, { member: m, name: at.name, path: `${at.path}.${i + 1}.member`, inBody: at.inBody, element: m.xmlName ?? "member" }, item, out));
  } else if (shape.type === "map") {
    // no AWS message with a map path found to copy; keys are named as the map's entries
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      walk(shapes, shape.key!.target, { member: shape.key, name: at.name, path: `${at.path}.${k}.key`, inBody: at.inBody, element: shape.key!.xmlName ?? "key" }, k, out);
      walk(shapes, shape.value!.target, { member: shape.value, name: at.name, path: `${at.path}.${k}.value`, inBody: at.inBody, element: shape.value!.xmlName ?? "value" }, v, out);
    }
  }
}

function typeFits(type: string, value: unknown): boolean {
  if (type === "structure" || type === "union" || type === "map") return typeof value === "object" && !Array.isArray(value);
  if (type === "list" || type === "set") return Array.isArray(value);
  if (NUMERIC.has(type)) return typeof value === "number";
  if (type === "boolean") return typeof value === "boolean";
  // timestamps travel as epoch seconds in JSON and as text elsewhere
  if (type === "timestamp") return typeof value === "number" || typeof value === "string";
  if (STRINGS.has(type)) return typeof value === "string";
  return true;
}

/** Smithy patterns are ECMA-262 regular expressions, not implicitly anchored (Smithy IDL 2.0, "pattern trait"). */
const compiled = new Map<string, RegExp | null>();
function regex(pattern: string): RegExp | null {
  if (!compiled.has(pattern)) {
    let re: RegExp | null = null;
    // the `u` flag reads \p{..} and astral characters right but rejects identity escapes such as `\!` and
    // `\=` that Secrets Manager's patterns use; a pattern neither way compiles is skipped, never fatal
    for (const flags of ["u", ""]) {
      try {
        re = new RegExp(pattern, flags);
        break;
      } catch {
        /* next */
      }
    }
    compiled.set(pattern, re);
  }
  return compiled.get(pattern)!;
}

type Add = (kind: Violation["kind"], constraint: string, extra?: Partial<Violation>) => void;

function check(c: Constraints, type: string, value: unknown, add: Add): void {
  if (c.enum && (typeof value === "string" || typeof value === "number") && !c.enum.includes(value)) add("enum", `Member must satisfy enum value set: [${c.enum.join(", ")}]`, { allowed: c.enum });
  if (c.length) {
    const n = sizeOf(type, value);
    if (n !== undefined && c.length.min !== undefined && n < c.length.min) add("length", `Member must have length greater than or equal to ${c.length.min}`, { limit: { min: c.length.min } });
    if (n !== undefined && c.length.max !== undefined && n > c.length.max) add("length", `Member must have length less than or equal to ${c.length.max}`, { limit: { max: c.length.max } });
  }
  if (c.range && typeof value === "number") {
    if (c.range.min !== undefined && value < c.range.min) add("range", `Member must have value greater than or equal to ${c.range.min}`, { limit: { min: c.range.min } });
    if (c.range.max !== undefined && value > c.range.max) add("range", `Member must have value less than or equal to ${c.range.max}`, { limit: { max: c.range.max } });
  }
  if (c.pattern !== undefined && typeof value === "string") {
    const re = regex(c.pattern);
    if (re && !re.test(value)) add("pattern", `Member must satisfy regular expression pattern: ${c.pattern}`);
  }
}

/** Characters (code points) of a string, decoded bytes of a base64 blob, entries of a list or map. */
function sizeOf(type: string, value: unknown): number | undefined {
  if (type === "blob" && typeof value === "string") return Buffer.from(value, "base64").length;
  if (typeof value === "string") return [...value].length;
  if (Array.isArray(value)) return value.length;
  if (value && typeof value === "object") return Object.keys(value).length;
  return undefined;
}

/** A value as AWS prints it in a message: text as is, lists as `[a, b]`. */
export function printValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(printValue).join(", ")}]`;
  if (value && typeof value === "object") return `{${Object.entries(value).map(([k, v]) => `${k}=${printValue(v)}`).join(", ")}}`;
  return String(value);
}

/**
 * AWS's validation message: `1 validation error detected: Value 'x' at 'callerReference' failed to
 * satisfy constraint: Member must have length less than or equal to 64`; `Value null at ...` for a
 * missing member; `Value at ...` for a sensitive one (as Secrets Manager answers for `secretBinary`);
 * several joined with `; ` under `N validation errors detected:`.
 * @internal
 */
export function validationMessage(violations: Violation[]): string {
  const parts = violations.map((v) => {
    const value = v.kind === "required" ? "Value null" : v.sensitive ? "Value" : `Value '${printValue(v.value)}'`;
    return `${value} at '${v.path}' failed to satisfy constraint: ${v.constraint}`;
  });
  return `${violations.length} validation error${violations.length === 1 ? "" : "s"} detected: ${parts.join("; ")}`;
}
