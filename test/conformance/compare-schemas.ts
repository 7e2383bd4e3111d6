// Structural comparison of an OpenAPI subset with the official document it was taken from.
// Used by test/conformance.test.ts; kept separate so its own test can feed it deliberate drift.

export type Json = Record<string, unknown>;

/** A document plus its $ref resolver. */
export interface Doc {
  name: string;
  root: Json;
}

export function resolve(doc: Doc, node: unknown, depth = 0): Json {
  let n = node as Json;
  while (n && typeof n.$ref === "string") {
    if (depth++ > 50) throw new Error(`${doc.name}: $ref loop at ${String(n.$ref)}`);
    const parts = (n.$ref as string).replace(/^#\//, "").split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    let cur: unknown = doc.root;
    for (const p of parts) cur = (cur as Json)?.[p];
    if (cur === undefined) throw new Error(`${doc.name}: unresolved ${String(n.$ref)}`);
    n = cur as Json;
  }
  return n ?? {};
}

function types(s: Json): Set<string> {
  const t = new Set<string>();
  if (Array.isArray(s.type)) for (const x of s.type) t.add(String(x));
  else if (typeof s.type === "string") t.add(s.type);
  if (s.nullable === true) t.add("null");
  if (Array.isArray(s.enum) && s.enum.includes(null)) t.add("null");
  return t;
}

/** Flattens `allOf` into one object schema (properties and required merged). */
function flatten(doc: Doc, s: Json): Json {
  if (!Array.isArray(s.allOf)) return s;
  const out: Json = { ...s, properties: { ...(s.properties as Json) }, required: [...((s.required as string[]) ?? [])] };
  delete out.allOf;
  for (const part of s.allOf) {
    const p = flatten(doc, resolve(doc, part));
    Object.assign(out.properties as Json, p.properties ?? {});
    (out.required as string[]).push(...((p.required as string[]) ?? []));
    if (p.type && !out.type) out.type = p.type;
  }
  return out;
}

const variantsOf = (s: Json): unknown[] | undefined => (Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : undefined);

/**
 * Checks that `ours` is a faithful subset of `theirs`: every property exists with a compatible type and
 * enum and the same required-ness; in `request` mode also every property the official schema requires
 * is present. Returns the list of problems (empty when conformant).
 */
export function compareSchemas(oursDoc: Doc, oursNode: unknown, theirsDoc: Doc, theirsNode: unknown, at: string, mode: "request" | "response"): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const walk = (o: Json, t: Json, path: string) => {
    const key = `${path}`;
    if (seen.has(key)) return;
    seen.add(key);
    o = flatten(oursDoc, resolve(oursDoc, o));
    t = flatten(theirsDoc, resolve(theirsDoc, t));
    const ov = variantsOf(o);
    const tv = variantsOf(t);
    if (ov) {
      if (!tv) return void problems.push(`${path}: oneOf/anyOf here but not in the official schema`);
      ov.forEach((variant, i) => {
        const ok = tv.some((cand) => compareSchemas(oursDoc, variant, theirsDoc, cand, `${path}|${i}`, mode).length === 0);
        if (!ok) problems.push(`${path}: variant ${i} matches no official variant`);
      });
      return;
    }
    if (tv) {
      // ours is one concrete shape of an official union: it must match at least one variant
      const ok = tv.some((cand) => compareSchemas(oursDoc, o, theirsDoc, cand, path, mode).length === 0);
      if (!ok) problems.push(`${path}: matches no variant of the official oneOf/anyOf`);
      return;
    }
    const ot = types(o);
    const tt = types(t);
    if (ot.size && tt.size) {
      for (const x of ot) {
        const fine = tt.has(x) || (x === "integer" && tt.has("number"));
        if (!fine) problems.push(`${path}: type ${x} not allowed by the official schema (${[...tt].join("|")})`);
      }
    } else if (ot.size && !tt.size && Object.keys(t).length > 0 && !t.properties && !t.items) {
      // official schema is untyped (any): fine
    }
    if (Array.isArray(t.enum)) {
      if (!Array.isArray(o.enum)) problems.push(`${path}: official schema has an enum, ours does not`);
      else for (const v of o.enum) if (!t.enum.includes(v)) problems.push(`${path}: enum value ${JSON.stringify(v)} is not official`);
    }
    if (o.const !== undefined && Array.isArray(t.enum) && !t.enum.includes(o.const)) problems.push(`${path}: const ${JSON.stringify(o.const)} not official`);
    const op = (o.properties ?? {}) as Json;
    const tp = (t.properties ?? {}) as Json;
    const oreq = new Set((o.required as string[]) ?? []);
    const treq = new Set((t.required as string[]) ?? []);
    for (const [name, schema] of Object.entries(op)) {
      if (!(name in tp)) {
        problems.push(`${path}.${name}: property does not exist in the official schema`);
        continue;
      }
      if (oreq.has(name) !== treq.has(name)) problems.push(`${path}.${name}: required is ${oreq.has(name)} here, ${treq.has(name)} officially`);
      walk(schema as Json, tp[name] as Json, `${path}.${name}`);
    }
    if (mode === "request" && Object.keys(op).length > 0) {
      for (const name of treq) if (!(name in op)) problems.push(`${path}.${name}: officially required, missing here`);
    }
    if (o.items) {
      if (!t.items) problems.push(`${path}[]: items here but not officially`);
      else walk(o.items as Json, t.items as Json, `${path}[]`);
    }
    if (o.additionalProperties && typeof o.additionalProperties === "object" && t.additionalProperties && typeof t.additionalProperties === "object") {
      walk(o.additionalProperties as Json, t.additionalProperties as Json, `${path}{}`);
    }
  };
  walk(oursNode as Json, theirsNode as Json, at);
  return problems;
}
