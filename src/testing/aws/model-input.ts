import { XMLParser } from "fast-xml-parser";
import type { MemberModel, ServiceModel, ShapeModel } from "./model-types.js";

type Json = Record<string, unknown>;

/**
 * Turns an incoming request back into the operation's modeled input, the object an AWS SDK call was made
 * with, following the service's protocol (Smithy protocol specs: awsJson1_1, restJson1, restXml,
 * awsQuery). Members the model does not know are dropped: the models date from April 2025 and a newer SDK
 * may send more. Never consumes the request body (it reads a clone), so the fake can still read it.
 * @internal
 */
export async function decodeInput(model: ServiceModel, operation: string, request: Request): Promise<Json> {
  const op = model.operations[operation];
  if (!op) throw new Error(`no model of ${operation}: add it to scripts/extract-aws-constraints.mjs and run npm run extract:aws`);
  const shapes = model.shapes;
  const input = shapes[op.input] ?? { type: "structure" };
  const body = await request.clone().text();
  switch (model.protocol) {
    case "awsJson1_0":
    case "awsJson1_1":
      return fromJson(shapes, op.input, parseJson(body)) as Json;
    case "awsQuery":
    case "ec2Query":
      return fromQuery(shapes, op.input, new URLSearchParams(body), model.protocol === "ec2Query");
    case "restJson1":
    case "restXml": {
      const out = bound(shapes, input, op.http!.uri, request);
      const payload = Object.entries(input.members ?? {}).find(([, m]) => m.httpPayload);
      const unbound = Object.entries(input.members ?? {}).filter(([, m]) => !m.httpLabel && m.httpQuery === undefined && !m.httpQueryParams && m.httpHeader === undefined && m.httpPrefixHeaders === undefined && !m.httpPayload);
      if (!body) return out;
      if (model.protocol === "restJson1") {
        if (payload) {
          const target = shapes[payload[1].target];
          out[payload[0]] = target?.type === "structure" || target?.type === "union" || target?.type === "document" ? fromJson(shapes, payload[1].target, parseJson(body)) : body;
        } else if (unbound.length) Object.assign(out, fromJson(shapes, op.input, parseJson(body), new Set(unbound.map(([k]) => k))));
        return out;
      }
      const root = parseXmlRoot(body);
      if (payload) {
        const target = shapes[payload[1].target];
        out[payload[0]] = target?.type === "structure" || target?.type === "union" ? fromXml(shapes, payload[1].target, root) : body;
      } else if (unbound.length) Object.assign(out, fromXml(shapes, op.input, root, new Set(unbound.map(([k]) => k))));
      return out;
    }
  }
}

const parseJson = (text: string): unknown => {
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
};

const NUMERIC = new Set(["byte", "short", "integer", "long", "float", "double", "bigInteger", "bigDecimal", "intEnum"]);

/** A string from a URI, query, header, XML text or form value, read as the target's type. */
function scalar(shape: ShapeModel | undefined, raw: string): unknown {
  if (!shape) return raw;
  if (NUMERIC.has(shape.type)) return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
  if (shape.type === "boolean") return raw === "true" ? true : raw === "false" ? false : raw;
  return raw;
}

/** JSON protocols: the body already is the input; keep only modeled members (recursively). */
function fromJson(shapes: Record<string, ShapeModel>, id: string, value: unknown, only?: Set<string>): unknown {
  const shape = shapes[id];
  if (!shape || value === null || value === undefined) return value;
  if ((shape.type === "structure" || shape.type === "union") && typeof value === "object" && !Array.isArray(value)) {
    const out: Json = {};
    for (const [name, m] of Object.entries(shape.members ?? {})) {
      if (only && !only.has(name)) continue;
      const v = (value as Json)[m.jsonName ?? name];
      if (v !== undefined) out[name] = fromJson(shapes, m.target, v);
    }
    return out;
  }
  if ((shape.type === "list" || shape.type === "set") && Array.isArray(value)) return value.map((v) => fromJson(shapes, shape.member!.target, v));
  if (shape.type === "map" && typeof value === "object" && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, fromJson(shapes, shape.value!.target, v)]));
  }
  return value;
}

/** REST protocols: members bound to the URI path, the query string and headers. */
function bound(shapes: Record<string, ShapeModel>, input: ShapeModel, uri: string, request: Request): Json {
  const url = new URL(request.url);
  const out: Json = {};
  const labels = matchUri(uri, url.pathname) ?? {};
  for (const [name, m] of Object.entries(input.members ?? {})) {
    const target = shapes[m.target];
    if (m.httpLabel && labels[name] !== undefined) out[name] = scalar(target, labels[name]!);
    else if (m.httpQuery !== undefined && url.searchParams.has(m.httpQuery)) {
      const all = url.searchParams.getAll(m.httpQuery);
      out[name] = target?.type === "list" || target?.type === "set" ? all.map((v) => scalar(shapes[target.member!.target], v)) : scalar(target, all[0]!);
    } else if (m.httpHeader !== undefined && request.headers.has(m.httpHeader)) {
      const raw = request.headers.get(m.httpHeader)!;
      out[name] = target?.type === "list" || target?.type === "set" ? raw.split(",").map((v) => scalar(shapes[target.member!.target], v.trim())) : scalar(target, raw);
    }
  }
  return out;
}

/** Label values of a `smithy.api#http` URI template (`/2013-04-01/hostedzone/{Id}`, greedy `{Key+}`). */
export function matchUri(uri: string, pathname: string): Record<string, string> | undefined {
  const names: string[] = [];
  const path = uri.split("?")[0]!;
  const pattern = path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const m = /^\{([^}+]+)(\+?)\}$/.exec(part);
      if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(m[1]!);
      return m[2] ? "(.+)" : "([^/]+)";
    })
    .join("");
  const found = new RegExp(`^${pattern}/?$`).exec(pathname);
  if (!found) return undefined;
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(found[i + 1]!)]));
}

// Every element is an array, so a one-item list and a repeated (flattened) element read alike; values
// stay text (the model says what type they are) and keep their spaces (length counts them).
const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false, isArray: () => true });

function parseXmlRoot(text: string): unknown {
  try {
    const doc = xml.parse(text) as Record<string, unknown[]>;
    const root = Object.keys(doc).find((k) => k !== "?xml" && !k.startsWith("#"));
    return root ? doc[root]?.[0] : undefined;
  } catch {
    return undefined;
  }
}

const text = (node: unknown): string => (typeof node === "string" ? node : node && typeof node === "object" ? String(((node as Json)["#text"] as unknown[] | undefined)?.[0] ?? "") : "");
const children = (node: unknown, name: string): unknown[] => (node && typeof node === "object" ? (((node as Json)[name] as unknown[] | undefined) ?? []) : []);

/** restXml: an element read as the given shape (lists wrapped unless flattened, members by xmlName). */
function fromXml(shapes: Record<string, ShapeModel>, id: string, node: unknown, only?: Set<string>): unknown {
  const shape = shapes[id];
  if (!shape) return text(node);
  if (shape.type === "structure" || shape.type === "union") {
    const out: Json = {};
    for (const [name, m] of Object.entries(shape.members ?? {})) {
      if (only && !only.has(name)) continue;
      const found = children(node, m.xmlName ?? name);
      if (!found.length) continue;
      out[name] = m.xmlFlattened ? xmlItems(shapes, m, found) : fromXml(shapes, m.target, found[0]);
    }
    return out;
  }
  if (shape.type === "list" || shape.type === "set") return children(node, shape.member!.xmlName ?? "member").map((item) => fromXml(shapes, shape.member!.target, item));
  if (shape.type === "map") {
    const k = shape.key!.xmlName ?? "key";
    const v = shape.value!.xmlName ?? "value";
    return Object.fromEntries(children(node, "entry").map((e) => [text(children(e, k)[0]), fromXml(shapes, shape.value!.target, children(e, v)[0])]));
  }
  return scalar(shape, text(node));
}

/** A flattened list or map: its items are the repeated elements themselves. */
function xmlItems(shapes: Record<string, ShapeModel>, m: MemberModel, found: unknown[]): unknown {
  const shape = shapes[m.target];
  if (shape?.type === "map") {
    const k = shape.key!.xmlName ?? "key";
    const v = shape.value!.xmlName ?? "value";
    return Object.fromEntries(found.map((e) => [text(children(e, k)[0]), fromXml(shapes, shape.value!.target, children(e, v)[0])]));
  }
  return found.map((item) => fromXml(shapes, shape?.member?.target ?? m.target, item));
}

/**
 * awsQuery: `Foo.Bar=1`, lists as `Foo.member.1` (or `Foo.<xmlName>.1`; `Foo.1` when flattened, always in
 * ec2Query), maps as `Foo.entry.1.key`; an empty list is sent as `Foo=`.
 */
function fromQuery(shapes: Record<string, ShapeModel>, id: string, params: URLSearchParams, ec2: boolean): Json {
  const keys = [...params.keys()];
  const has = (prefix: string) => params.has(prefix) || keys.some((k) => k.startsWith(`${prefix}.`));
  const read = (shapeId: string, prefix: string, flattened: boolean): unknown => {
    const shape = shapes[shapeId];
    if (!shape) return params.get(prefix) ?? undefined;
    if (shape.type === "structure" || shape.type === "union") {
      const out: Json = {};
      for (const [name, m] of Object.entries(shape.members ?? {})) {
        const key = ec2 ? (m.ec2QueryName ?? (m.xmlName ? m.xmlName[0]!.toUpperCase() + m.xmlName.slice(1) : name)) : (m.xmlName ?? name);
        const full = prefix ? `${prefix}.${key}` : key;
        if (!has(full)) continue;
        const v = read(m.target, full, ec2 || Boolean(m.xmlFlattened));
        if (v !== undefined) out[name] = v;
      }
      return out;
    }
    if (shape.type === "list" || shape.type === "set") {
      if (params.get(prefix) === "") return [];
      const base = flattened ? prefix : `${prefix}.${shape.member!.xmlName ?? "member"}`;
      const items: unknown[] = [];
      for (let i = 1; has(`${base}.${i}`); i++) items.push(read(shape.member!.target, `${base}.${i}`, false));
      return items;
    }
    if (shape.type === "map") {
      const base = flattened ? prefix : `${prefix}.entry`;
      const out: Json = {};
      for (let i = 1; has(`${base}.${i}`); i++) {
        const k = params.get(`${base}.${i}.${shape.key!.xmlName ?? "key"}`) ?? "";
        out[k] = read(shape.value!.target, `${base}.${i}.${shape.value!.xmlName ?? "value"}`, false);
      }
      return out;
    }
    const raw = params.get(prefix);
    return raw === null ? undefined : scalar(shape, raw);
  };
  return read(id, "", false) as Json;
}
