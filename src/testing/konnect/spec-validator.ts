import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { KONNECT_SPEC } from "../../../generated/konnect-spec.js";

/** One validation failure, with the field path in Konnect's dotted style. @internal */
export interface FieldError {
  field: string;
  rule: string;
  message: string;
}

type Json = Record<string, unknown>;

/**
 * Validates request bodies against spec/konnect.yaml (the same document the client is generated from,
 * read as data: the sandbox shares no code with the client). Ajv in non-strict mode understands the
 * OpenAPI `nullable` keyword; `format` is not enforced (Konnect's own validation of formats is unknown).
 * @internal
 */
export class SpecValidator {
  private ajvPlain: Ajv | undefined;
  private ajvDefaults: Ajv | undefined;
  private readonly cache = new Map<string, ValidateFunction>();
  private readonly spec = KONNECT_SPEC as Json;

  /**
   * The Ajv instance (one applying schema defaults, one not), built on first use: adding the whole
   * spec costs ~20 ms, which a sandbox that never sees a Konnect write should not pay.
   */
  private ajv(withDefaults: boolean): Ajv {
    const make = (useDefaults: boolean) => {
      const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, useDefaults, discriminator: false, unicodeRegExp: false });
      ajv.addSchema({ ...this.spec, $id: "konnect" } as Json, "konnect");
      return ajv;
    };
    return withDefaults ? (this.ajvDefaults ??= make(true)) : (this.ajvPlain ??= make(false));
  }

  /** JSON pointer of the request body schema of an operation, or undefined when it has none. */
  requestSchemaRef(template: string, method: string): string | undefined {
    const item = (this.spec.paths as Record<string, Json>)[template];
    const op = item?.[method.toLowerCase()] as Json | undefined;
    let body = op?.requestBody as Json | undefined;
    if (!body) return undefined;
    if (typeof body.$ref === "string") body = this.resolve(body.$ref);
    const content = body.content as Record<string, Json> | undefined;
    const media = content?.["application/json"];
    if (!media?.schema) return undefined;
    const schema = media.schema as Json;
    if (typeof schema.$ref === "string") return `konnect${schema.$ref}`;
    const esc = template.replace(/~/g, "~0").replace(/\//g, "~1");
    const bodyPointer = typeof op?.requestBody === "object" && (op.requestBody as Json).$ref
      ? `${String((op.requestBody as Json).$ref)}/content/application~1json/schema`
      : `#/paths/${esc}/${method.toLowerCase()}/requestBody/content/application~1json/schema`;
    return `konnect${bodyPointer}`;
  }

  /** Validates `value` against the schema at `ref` (`konnect#/components/schemas/Vault`). */
  validate(ref: string, value: unknown, withDefaults = false): FieldError[] {
    const key = `${withDefaults}:${ref}`;
    let fn = this.cache.get(key);
    if (!fn) {
      fn = this.ajv(withDefaults).compile({ $ref: ref });
      this.cache.set(key, fn);
    }
    // `fn.errors` is the function's own and is overwritten by the next call: read it right away (the
    // validator is shared by every sandbox in the process)
    if (fn(value)) return [];
    return dedupe((fn.errors ?? []).map(toFieldError));
  }

  /** The plugin config schema for a plugin name (`x-kong-plugin-name`), if the spec types it. */
  pluginConfigRef(pluginName: string): string | undefined {
    const schemas = (this.spec.components as Json).schemas as Record<string, Json>;
    const hit = Object.entries(schemas).find(([, s]) => s["x-kong-plugin-name"] === pluginName);
    return hit ? `konnect#/components/schemas/${hit[0]}` : undefined;
  }

  private resolve(ref: string): Json {
    let cur: unknown = this.spec;
    for (const p of ref.replace(/^#\//, "").split("/")) cur = (cur as Json)[p.replace(/~1/g, "/").replace(/~0/g, "~")];
    return cur as Json;
  }
}

function toFieldError(e: ErrorObject): FieldError {
  const base = e.instancePath.replace(/^\//, "").replace(/\//g, ".");
  if (e.keyword === "required") {
    const missing = (e.params as { missingProperty: string }).missingProperty;
    return { field: base ? `${base}.${missing}` : missing, rule: "required", message: "required field missing" };
  }
  if (e.keyword === "additionalProperties") {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    return { field: base ? `${base}.${extra}` : extra, rule: "unknown_field", message: "unknown field" };
  }
  return { field: base, rule: e.keyword, message: e.message ?? "invalid" };
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  // oneOf failures repeat the same field once per variant: keep the first of each
  return errors.filter((e) => {
    const k = `${e.field}|${e.rule}|${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

let shared: SpecValidator | undefined;

/**
 * The process-wide validator every sandbox uses. Sharing is safe: it holds only the spec (read-only)
 * and compiled validation functions, which are pure (a `useDefaults` function fills defaults into the
 * value it is given, never into itself); sandbox state, random, clock and faults stay per sandbox.
 * Compiling once per process is what keeps `createSandbox()` after the first under a few milliseconds.
 * @internal
 */
export function sharedSpecValidator(): SpecValidator {
  return (shared ??= new SpecValidator());
}
