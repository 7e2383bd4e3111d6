/**
 * A YAML value this serializer writes: what a collector configuration holds (maps, lists, strings,
 * finite numbers, booleans). No anchors, tags, multi-line scalars or nulls: nothing the configuration
 * needs, so nothing to get wrong.
 * @internal
 */
export type YamlValue = string | number | boolean | readonly YamlValue[] | { readonly [key: string]: YamlValue };

// A plain scalar is safe only when YAML 1.2 (core schema) and YAML 1.1 parsers both read it back as this
// very string: letters, digits and a few inner punctuation marks, not starting with an indicator, and
// not a word that some parser turns into a boolean, null or number (yes/no/on/off, ~, 0x10, 1e3, .inf).
const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|y|n|null|nan|inf)$/i;

/** A string as a YAML scalar: plain when unambiguous, else double-quoted with JSON escapes (valid YAML). */
function scalar(s: string): string {
  return PLAIN.test(s) && !RESERVED.test(s) ? s : JSON.stringify(s);
}

function key(k: string): string {
  return scalar(k);
}

function isMap(v: YamlValue): v is { readonly [key: string]: YamlValue } {
  return typeof v === "object" && !Array.isArray(v);
}

function inline(v: YamlValue): string | undefined {
  if (typeof v === "string") return scalar(v);
  if (typeof v === "boolean") return String(v);
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`YAML: ${v} is not a finite number`);
    return String(v);
  }
  if (Array.isArray(v) && v.length === 0) return "[]";
  if (isMap(v) && Object.keys(v).length === 0) return "{}";
  // a list of scalars stays on one line in flow style, as collector configurations write pipelines
  if (Array.isArray(v) && v.every((x: YamlValue) => typeof x !== "object")) return `[${v.map((x: YamlValue) => inline(x)!).join(", ")}]`;
  return undefined;
}

function block(v: YamlValue, indent: string): string[] {
  if (Array.isArray(v)) {
    return v.flatMap((item: YamlValue) => {
      const one = inline(item);
      if (one !== undefined) return [`${indent}- ${one}`];
      // "- " then the item's first line, the rest indented under it
      const lines = block(item, `${indent}  `);
      return [`${indent}- ${lines[0]!.slice(indent.length + 2)}`, ...lines.slice(1)];
    });
  }
  if (!isMap(v)) throw new Error("YAML: block() takes a list or a map");
  return Object.entries(v).flatMap(([k, x]) => {
    const one = inline(x);
    return one !== undefined ? [`${indent}${key(k)}: ${one}`] : [`${indent}${key(k)}:`, ...block(x, `${indent}  `)];
  });
}

/**
 * Serializes a map to block-style YAML text (two-space indentation, a trailing newline). The project has
 * no runtime YAML dependency: the collector configuration is the only YAML it writes, and a test parses
 * every configuration it generates back with the `yaml` package and compares it to the input.
 * @internal
 */
export function toYaml(doc: { readonly [key: string]: YamlValue }): string {
  return `${block(doc, "").join("\n")}\n`;
}
