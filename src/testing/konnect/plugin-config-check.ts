// Checks a plugin write the way Konnect does. Konnect validates plugins with Kong's own Lua schemas
// (Kong/koko internal/plugin/validators/lua_validator.go runs them through goks: `process_auto_fields`,
// then `validate`), and turns Kong's nested error table into koko details: one ERROR_TYPE_FIELD per
// leaf, the path joined with `.` and array indexes as `[i]`, sorted by field (koko
// internal/model/json/validation/error.go `SortErrorDetails`). The messages are Kong's
// (kong/db/schema/init.lua `validation_errors`).
import { KONG_PLUGIN_FIELDS, KONNECT_PLUGIN_NAMES } from "./kong-plugin-fields.js";
import { luaToNumber } from "./lua-tonumber.js";
import type { FieldNode, RecordNode } from "./plugin-field-tree.js";
import { PLUGIN_SHORTHANDS, type Shorthand } from "./plugin-shorthands.js";
import type { FieldError } from "./spec-validator.js";

type Json = Record<string, unknown>;

const KNOWN = new Set(KONNECT_PLUGIN_NAMES);
const SCOPES = ["service", "route", "consumer", "consumer_group"] as const;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
// Lua has one table type: an empty JSON object is also an empty array to Kong, and `[]` an empty record.
const isEmptyTable = (v: unknown) => (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);
// kong/pdk/vault.lua `is_reference`: starts with `{vault:` and ends with `}`
const isReference = (v: unknown) => typeof v === "string" && /^\{vault:.*\}$/s.test(v);

/**
 * Checks a plugin (name, scopes, protocols, config) against Kong's schema of that plugin, after
 * expanding Kong's deprecated shorthand fields in its config. Plugins Konnect offers but whose
 * schema we do not carry (not in ../shared/reference/kong-plugin-schemas) are not checked here: the
 * fake keeps accepting any config for them, as it did before it knew Kong's schemas.
 * @internal
 */
export function checkPlugin(plugin: Json): { errors: FieldError[]; config: Json } {
  const name = String(plugin.name);
  const config: Json = isObject(plugin.config) ? structuredClone(plugin.config) : {};
  // koko lua_validator.go `validationErr`: Kong's "plugin 'x' not enabled; add it to the 'plugins'
  // configuration property" (kong/db/schema/entities/plugins.lua `subschema_error`) becomes this.
  // `oauth2` is absent from Konnect's catalogue (konnect-api-notes §6), so it is refused too.
  if (!KNOWN.has(name)) return { errors: [{ field: "name", rule: "plugin", message: `plugin(${name}) does not exist` }], config };
  const fields = KONG_PLUGIN_FIELDS[name];
  if (!fields) return { errors: [], config };

  // Shorthand errors come from process_auto_fields, which stops before validation.
  const shorthandErrors = expandShorthands(PLUGIN_SHORTHANDS[name] ?? {}, config);
  if (shorthandErrors.length) return { errors: sorted(shorthandErrors), config };

  const errors: FieldError[] = [];
  // a scope the schema lacks is `typedefs.no_<scope>` (eq = null): kong/db/schema/typedefs.lua
  for (const s of SCOPES) if (plugin[s] != null && !fields.scopes.includes(s)) errors.push({ field: s, rule: "eq", message: "value must be null" });
  if (Array.isArray(plugin.protocols)) {
    plugin.protocols.forEach((p, i) => {
      if (!fields.protocols.includes(p as string)) errors.push({ field: `protocols[${i}]`, rule: "one_of", message: `expected one of: ${fields.protocols.join(", ")}` });
    });
  }
  checkRecord(fields.config, config, "config", errors);
  return { errors: sorted(errors), config };
}

function sorted(errors: FieldError[]): FieldError[] {
  const key = (e: FieldError) => `${e.field}\u0000${e.message}`;
  return errors.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function checkRecord(node: RecordNode, value: Json, at: string, errors: FieldError[]): void {
  for (const [k, v] of Object.entries(value)) {
    const field = node.fields[k];
    if (!field) errors.push({ field: `${at}.${k}`, rule: "unknown_field", message: "unknown field" });
    else checkField(field, v, `${at}.${k}`, errors);
  }
  for (const r of node.required ?? []) if (value[r] == null) errors.push({ field: `${at}.${r}`, rule: "required", message: "required field missing" });
}

/** Kong `Schema:validate_field`, limited to types, `one_of`, required and unknown fields. */
function checkField(node: FieldNode, value: unknown, at: string, errors: FieldError[]): void {
  if (value === null) return; // null unsets a field; a required one is reported by its record
  const fail = (rule: string, message: string) => void errors.push({ field: at, rule, message });
  switch (node.type) {
    case "record":
      if (isEmptyTable(value)) return;
      if (!isObject(value)) return fail("type", "expected a record");
      return checkRecord(node, value, at, errors);
    case "map":
      if (isEmptyTable(value)) return;
      if (!isObject(value)) return fail("type", "expected a map");
      for (const [k, v] of Object.entries(value)) {
        // map values are required (`field.values.required = true`)
        if (v === null) errors.push({ field: `${at}.${k}`, rule: "required", message: "required field missing" });
        else checkField(node.values, v, `${at}.${k}`, errors);
      }
      return;
    case "array":
      if (isEmptyTable(value)) return;
      if (!Array.isArray(value)) return fail("type", "expected an array");
      value.forEach((v, i) => {
        // elements are required (`field.elements.required = true` in validate_elements)
        if (v === null) errors.push({ field: `${at}[${i}]`, rule: "required", message: "required field missing" });
        else checkField(node.items, v, `${at}[${i}]`, errors);
      });
      return;
    default: {
      if (node.referenceable && isReference(value)) return;
      const ok =
        node.type === "string" ? typeof value === "string" : node.type === "boolean" ? typeof value === "boolean" : node.type === "integer" ? Number.isInteger(value) : typeof value === "number";
      if (!ok) return fail("type", { string: "expected a string", boolean: "expected a boolean", integer: "expected an integer", number: "expected a number" }[node.type]);
      if (node.enum && !node.enum.includes(value as string | number)) fail("one_of", `expected one of: ${node.enum.join(", ")}`);
    }
  }
}

/** Kong `process_auto_fields` for the shorthand fields of each listed record, outermost first. */
function expandShorthands(table: Readonly<Record<string, Readonly<Record<string, Shorthand>>>>, config: Json): FieldError[] {
  const errors: FieldError[] = [];
  for (const path of Object.keys(table).sort((a, b) => a.split(".").length - b.split(".").length)) {
    const record = path.split(".").slice(1).reduce<unknown>((cur, k) => (isObject(cur) ? cur[k] : undefined), config);
    if (!isObject(record)) continue;
    for (const [name, sh] of Object.entries(table[path]!)) {
      if (!(name in record)) continue;
      const value = record[name];
      const at = `${path}.${name}`;
      if (value === null) {
        delete record[name];
        continue;
      }
      const before = errors.length;
      checkField(sh.node, value, at, errors);
      if (errors.length === before && sh.split) addressErrors(value as string[], at, errors);
      if (errors.length === before && sh.exclusive) mismatch(record, name, sh, value, at, errors);
      if (errors.length > before) continue;
      delete record[name];
      const mapped = sh.split ? (value as string[]).map((a) => ({ [sh.split!]: a.split(":")[0], port: luaToNumber(a.split(":")[1]!) })) : value;
      for (const to of sh.to) setIfUnset(record, to, structuredClone(mapped));
    }
  }
  return errors;
}

// EE redis v2 schema.lua `validate_addresses` and `len_min = 1`
function addressErrors(value: string[], at: string, errors: FieldError[]): void {
  if (value.length === 0) return void errors.push({ field: at, rule: "len_min", message: "length must be at least 1" });
  const bad = value.find((a) => {
    const parts = a.split(":");
    return !(parts.length === 2 && luaToNumber(parts[1]!) !== undefined);
  });
  if (bad !== undefined) errors.push({ field: at, rule: "custom", message: `Invalid Redis host address: ${bad}` });
}

// init.lua `validate_deprecation_exclusiveness`; `*_addresses` compare through the reverse mapping (`host:port`)
function mismatch(record: Json, name: string, sh: Shorthand, value: unknown, at: string, errors: FieldError[]): void {
  for (const to of sh.to) {
    let current = to.reduce<unknown>((cur, k) => (isObject(cur) ? cur[k] : undefined), record);
    if (sh.split && Array.isArray(current)) current = current.map((n: Json) => `${String(n[sh.split!])}:${String(n.port)}`);
    if (current != null && JSON.stringify(current) !== JSON.stringify(value)) {
      // Lua's tostring of a table is an address; arrays are shown as JSON here
      const show = (v: unknown) => (typeof v === "object" ? JSON.stringify(v) : String(v));
      errors.push({ field: at, rule: "deprecation", message: `both deprecated and new field are used but their values mismatch: ${name} = ${show(value)} vs ${to.join(".")} = ${show(current)}` });
      return;
    }
  }
}

// A deprecated shorthand never overrides its replacement (init.lua: `not deprecation or data[k] == nil/null`).
function setIfUnset(record: Json, path: readonly string[], value: unknown): void {
  let cur = record;
  for (const k of path.slice(0, -1)) {
    if (cur[k] == null) cur[k] = {};
    if (!isObject(cur[k])) return;
    cur = cur[k] as Json;
  }
  const leaf = path.at(-1)!;
  if (cur[leaf] == null) cur[leaf] = value;
}
