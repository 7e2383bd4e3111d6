// Validates Konnect request bodies against Kong's official cloud-gateways.v2.yaml (not our subset), as
// the conformance test reads it: the reference folder is outside the package, absent in a user's clone.
import { existsSync, readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { referenceDir } from "../reference-dir.js";

const file = referenceDir ? `${referenceDir}/konnect-openapi/cloud-gateways.v2.yaml` : undefined;
export const officialSpecPresent = Boolean(file && existsSync(file));

type Json = Record<string, unknown>;
let ajv: Ajv | undefined;
let doc: Json | undefined;

/** Errors of a request body for `METHOD /v2/cloud-gateways/...` (concrete URL path) under the official spec. */
export function officialBodyErrors(method: string, pathname: string, body: unknown): string[] {
  if (!file) throw new Error("reference folder missing");
  doc ??= parse(readFileSync(file, "utf8")) as Json;
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, discriminator: false, unicodeRegExp: false });
    ajv.addSchema({ ...doc, $id: "official" }, "official");
  }
  const paths = doc.paths as Record<string, Json>;
  const rel = pathname.replace(/^\/v2/, "");
  const template = Object.keys(paths).find((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, "[^/]+").replace(/\./g, "\\.")}$`).test(rel));
  if (!template) return [`no path ${rel} in the official spec`];
  const op = paths[template]![method.toLowerCase()] as Json | undefined;
  const schema = ((op?.requestBody as Json | undefined)?.content as Record<string, { schema: Json }> | undefined)?.["application/json"]?.schema;
  if (!schema) return [`no request body for ${method} ${template}`];
  const ref = String(schema.$ref).replace(/^#/, "official#");
  const validate = ajv.getSchema(ref)!;
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
