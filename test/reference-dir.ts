// Where Kong's official specs and plugin schemas are (reference data outside the package; see
// ../shared/reference/SOURCES.md). Absent in a user's clone: tests that need it skip and say so.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";

const repo = fileURLToPath(new URL("..", import.meta.url));
export const referenceCandidates = [process.env.KONNECT_AWS_REFERENCE_DIR, `${repo}../shared/reference`, "/work/shared/reference"].filter(Boolean) as string[];
export const referenceDir = referenceCandidates.find((d) => existsSync(`${d}/konnect-openapi/control-planes-config.v2.yaml`));

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });

/** Validates a plugin (config and scope fields) against Kong's 3.14 JSON schema; returns the errors. */
export function kongSchemaErrors(schemaFile: string, plugin: Record<string, unknown>): string[] {
  if (!referenceDir) throw new Error("reference folder missing");
  const validate = ajv.getSchema(schemaFile) ?? ajv.compile({ ...(JSON.parse(readFileSync(`${referenceDir}/kong-plugin-schemas/${schemaFile}`, "utf8")) as object), $id: schemaFile });
  const value: Record<string, unknown> = { config: plugin.config };
  for (const k of ["protocols", "service", "route", "consumer", "consumer_group"] as const) if (plugin[k] != null) value[k] = plugin[k];
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
