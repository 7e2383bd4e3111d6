// The shape of src/testing/konnect/kong-plugin-fields.ts (written by scripts/extract-plugin-fields.mjs):
// Kong's plugin config schema reduced to what the fake checks. Kong's Lua types map to these as the
// 3.14 JSON schemas render them: `record` = object with properties, `map` = object whose values share
// one schema, `array` and `set` = array.

/** A scalar config field. @internal */
export interface ScalarNode {
  type: "string" | "integer" | "number" | "boolean";
  /** Kong `one_of`. */
  enum?: readonly (string | number)[];
  /** Kong `referenceable`: a `{vault://...}` reference is accepted in place of the value. */
  referenceable?: true;
}

/** A Kong `record`: a closed set of named fields. @internal */
export interface RecordNode {
  type: "record";
  fields: Readonly<Record<string, FieldNode>>;
  /** Fields Kong requires and has no default for. */
  required?: readonly string[];
}

/** A Kong `array` or `set`. @internal */
export interface ArrayNode {
  type: "array";
  items: FieldNode;
}

/** A Kong `map`: any keys, values of one schema. @internal */
export interface MapNode {
  type: "map";
  values: FieldNode;
}

/** One node of a plugin config tree. @internal */
export type FieldNode = ScalarNode | RecordNode | ArrayNode | MapNode;

/** What the fake knows of one plugin's Kong schema. @internal */
export interface PluginFields {
  /** The reference file it was extracted from. */
  file: string;
  /** Scope fields the plugin accepts; the others are `typedefs.no_<scope>` in Kong (must be null). */
  scopes: readonly string[];
  /** Protocols the plugin accepts. */
  protocols: readonly string[];
  config: RecordNode;
}
