// Conformance: spec/konnect.yaml must be a faithful subset of Kong's official Konnect specs, and each
// `*PluginConfig` schema a faithful subset of Kong Gateway 3.14's plugin schema. The official files are
// reference data outside the package (../shared/reference, see SOURCES.md there); a user's clone does
// not have them, so the comparison is skipped there with a message, and runs wherever they exist.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compareSchemas, resolve, type Doc, type Json } from "./conformance/compare-schemas.js";

import { referenceCandidates as candidates, referenceDir } from "./reference-dir.js";

const repo = fileURLToPath(new URL("..", import.meta.url));

const load = (file: string, name: string): Doc => ({ name, root: parse(readFileSync(file, "utf8"), { maxAliasCount: -1 }) as Json });
const ours = load(`${repo}spec/konnect.yaml`, "spec/konnect.yaml");
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

if (!referenceDir) {
  console.warn(
    "conformance: skipped, the official specs are not here (looked in " +
      candidates.join(", ") +
      "). Set KONNECT_AWS_REFERENCE_DIR to a folder holding konnect-openapi/ and kong-plugin-schemas/ to run it.",
  );
}

// Skipped only when the reference folder is absent (a user's clone); the message above says why.
describe.skipIf(!referenceDir)("spec/konnect.yaml conforms to the official Konnect specs", () => {
  const dir = referenceDir!;
  const official = () => {
    const v2 = ["control-planes.v2.yaml", "control-planes-config.v2.yaml", "cloud-gateways.v2.yaml"].map((f) => load(`${dir}/konnect-openapi/${f}`, f));
    const v3 = ["identity.v3.yaml", "organizations.v3.yaml"].map((f) => load(`${dir}/konnect-openapi/${f}`, f));
    return { v2, v3 };
  };
  const docs = referenceDir ? official() : { v2: [], v3: [] };
  const paths = Object.entries(ours.root.paths as Record<string, Json>);

  const findOfficial = (path: string) => {
    const [, version, ...rest] = path.split("/");
    const inner = `/${rest.join("/")}`;
    const pool = version === "v3" ? docs.v3 : docs.v2;
    const doc = pool.find((d) => (d.root.paths as Json)[inner]);
    return doc ? { doc, item: (doc.root.paths as Record<string, Json>)[inner]!, inner } : undefined;
  };

  const paramKey = (doc: Doc, p: unknown) => {
    const r = resolve(doc, p);
    return `${String(r.in)}:${String(r.name)}`;
  };

  it.each(paths.map(([p]) => p))("%s", (path) => {
    const item = (ours.root.paths as Record<string, Json>)[path]!;
    const found = findOfficial(path);
    expect(found, `${path} is not an official path`).toBeDefined();
    const { doc, item: theirs } = found!;
    const problems: string[] = [];
    const global = item["x-konnect-server"] === "global";
    const officialServer = JSON.stringify((doc.root.servers as Json[]).map((s) => s.url));
    if (global !== officialServer.includes("global.api.konghq.com")) problems.push(`server marking disagrees with official servers ${officialServer}`);
    for (const m of METHODS) {
      if (!item[m]) continue;
      const op = item[m] as Json;
      const top = theirs[m] as Json | undefined;
      if (!top) {
        problems.push(`${m.toUpperCase()} is not an official operation`);
        continue;
      }
      const officialParams = new Map<string, Json>();
      for (const p of [...((theirs.parameters as unknown[]) ?? []), ...((top.parameters as unknown[]) ?? [])]) officialParams.set(paramKey(doc, p), resolve(doc, p));
      for (const p of [...((item.parameters as unknown[]) ?? []), ...((op.parameters as unknown[]) ?? [])]) {
        const mine = resolve(ours, p);
        const key = paramKey(ours, p);
        const off = officialParams.get(key);
        if (!off) {
          problems.push(`${m} parameter ${key} is not official`);
          continue;
        }
        if (Boolean(mine.required) !== Boolean(off.required)) problems.push(`${m} parameter ${key}: required differs`);
        problems.push(...compareSchemas(ours, mine.schema, doc, off.schema, `${m} ${key}`, "request"));
      }
      for (const [key, off] of officialParams) {
        const mineHas = [...((item.parameters as unknown[]) ?? []), ...((op.parameters as unknown[]) ?? [])].some((p) => paramKey(ours, p) === key);
        if (off.required && !mineHas) problems.push(`${m} parameter ${key} is officially required, missing here`);
      }
      if (op.requestBody) {
        if (!top.requestBody) problems.push(`${m}: request body is not official`);
        else {
          const ob = resolve(ours, op.requestBody);
          const tb = resolve(doc, top.requestBody);
          for (const [type, media] of Object.entries((ob.content ?? {}) as Record<string, Json>)) {
            const tm = ((tb.content ?? {}) as Record<string, Json>)[type];
            if (!tm) problems.push(`${m}: request media type ${type} is not official`);
            else problems.push(...compareSchemas(ours, media.schema, doc, tm.schema, `${m} body`, "request"));
          }
        }
      }
      for (const [status, resp] of Object.entries((op.responses ?? {}) as Record<string, unknown>)) {
        const tr = ((top.responses ?? {}) as Record<string, unknown>)[status];
        if (!tr) {
          problems.push(`${m} response ${status} is not official`);
          continue;
        }
        const or = resolve(ours, resp);
        const trr = resolve(doc, tr);
        for (const [type, media] of Object.entries((or.content ?? {}) as Record<string, Json>)) {
          const tm = ((trr.content ?? {}) as Record<string, Json>)[type];
          if (!tm) problems.push(`${m} ${status}: media type ${type} is not official`);
          else if (media.schema) problems.push(...compareSchemas(ours, media.schema, doc, tm.schema, `${m} ${status}`, "response"));
        }
      }
    }
    expect(problems).toEqual([]);
  });

  const pluginSchemas = Object.entries(ours.root.components && (ours.root.components as Json).schemas ? ((ours.root.components as Json).schemas as Record<string, Json>) : {}).filter(
    ([, s]) => typeof s["x-kong-plugin-schema"] === "string",
  );

  it("types the config of every plugin the SDK configures", () => {
    expect(pluginSchemas.map(([n]) => n).sort()).toEqual(
      ["AwsLambda", "Datadog", "FileLog", "HttpLog", "Jwt", "OpenidConnect", "Opentelemetry", "RateLimiting", "RateLimitingAdvanced", "Statsd"].map((n) => `${n}PluginConfig`).sort(),
    );
  });

  it.each(pluginSchemas.map(([n, s]) => [n, s["x-kong-plugin-schema"] as string]))("%s conforms to kong-plugin-schemas/%s", (name, file) => {
    const kong: Doc = { name: file, root: JSON.parse(readFileSync(`${dir}/kong-plugin-schemas/${file}`, "utf8")) as Json };
    const config = (kong.root.properties as Json).config;
    const problems = compareSchemas(ours, { $ref: `#/components/schemas/${name}` }, kong, config, name, "response");
    expect(problems).toEqual([]);
  });
});
