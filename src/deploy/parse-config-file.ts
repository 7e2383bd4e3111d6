import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { ConfigError } from "../errors/config-error.js";
import { describeType } from "../internal/describe.js";

/** The file formats {@link loadConfig} reads. @internal */
export type ConfigFormat = "hcl" | "json" | "yaml";

/** A loader for an optional peer dependency, imported on first use, with a ConfigError saying what to install. */
function lazy<T>(importer: () => Promise<T>, pkg: string, why: string): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= importer().catch((cause: unknown) => {
      loading = undefined;
      throw new ConfigError({ field: "path", problem: `${pkg} is not installed, and ${why}`, fix: `npm install ${pkg}, or give the configuration as JSON (terraform.tfvars.json)`, cause });
    }));
}

type HclParse = (filename: string, contents: string) => Promise<Record<string, unknown>>;
// HashiCorp's own HCL parser (hashicorp/hcl, compiled to WebAssembly): a .tfvars file means what
// Terraform reads in it. It is a CommonJS package, so the namespace may hold it under `default`.
const loadHcl = lazy(
  async () => {
    const mod = (await import("@cdktf/hcl2json")) as unknown as { parse?: HclParse; default?: { parse: HclParse } };
    return (mod.parse ?? mod.default!.parse).bind(undefined);
  },
  "@cdktf/hcl2json",
  "it parses .tfvars (HCL) files",
);
const loadYaml = lazy(() => import("yaml"), "yaml", "it parses .yaml files");

/** The format of a file from its name: `.tfvars`/`.hcl` HCL, `.json` (also `.tfvars.json`) JSON, `.yaml`/`.yml` YAML. @internal */
export function formatOf(path: string): ConfigFormat | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === ".tfvars" || ext === ".hcl") return "hcl";
  if (ext === ".json") return "json";
  if (ext === ".yaml" || ext === ".yml") return "yaml";
  return undefined;
}

/** Reads and parses a configuration file into a plain object. Syntax errors are ConfigErrors naming the file. @internal */
export async function parseConfigFile(path: string, format = formatOf(path)): Promise<Record<string, unknown>> {
  if (!format) throw new ConfigError({ field: "path", problem: `${JSON.stringify(path)} has no known extension`, fix: "name it *.tfvars (HCL), *.json or *.yaml" });
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw new ConfigError({ field: "path", problem: `cannot read ${JSON.stringify(path)} (${(cause as NodeJS.ErrnoException).code ?? "error"})`, fix: "check the path and its permissions", cause });
  }
  return parseConfigText(text, format, path);
}

/** Parses configuration text of a format. @internal */
export async function parseConfigText(text: string, format: ConfigFormat, name = "configuration"): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    if (format === "hcl") value = await (await loadHcl())(name, text);
    else if (format === "json") value = JSON.parse(text) as unknown;
    else value = (await loadYaml()).parse(text) as unknown;
  } catch (cause) {
    if (cause instanceof ConfigError) throw cause;
    // the parsers' messages carry line and column, never more than the offending token
    const detail = String((cause as Error).message ?? cause).split("\n")[0]!.slice(0, 300);
    throw new ConfigError({ field: "path", problem: `${name} is not valid ${format.toUpperCase()}: ${detail}`, fix: "correct the syntax at the position shown", cause });
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw new ConfigError({ field: "path", problem: `${name} holds ${describeType(value)}, not a set of settings`, fix: "write one `key = value` (HCL) or `key: value` (YAML) per setting" });
  return value as Record<string, unknown>;
}
