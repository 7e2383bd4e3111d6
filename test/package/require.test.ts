// CommonJS users on the oldest Node that `engines` admits: require() cannot load ES modules there, so
// the .cjs files must not require any ESM-only package (tsup.config.ts bundles them into the build).
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { describe, expect, it } from "vitest";
import { CAN_EMULATE_OLD_NODE, HAS_REQUIRE_ESM, node, WITHOUT_REQUIRE_ESM } from "./node.js";

const keys = (expr: string) => `process.stdout.write(JSON.stringify(Object.keys(${expr}).sort()))`;
const esmKeys = (file: string) => {
  const r = node(["--input-type=module"], `${keys(`await import("./${file}")`)}`);
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as string[];
};
/** The bare package names a .cjs file require()s, builtins aside. */
const requiredPackages = (file: string) =>
  [...new Set([...readFileSync(file, "utf8").matchAll(/\brequire\(["']([^"'.][^"']*)["']\)/g)].map((m) => m[1]!))].filter((p) => !builtinModules.includes(p.replace(/^node:/, "")));

// Node 20.19+ and 22 turn require(esm) off with --no-experimental-require-module; should a future Node
// drop the flag, these tests skip rather than pass while proving nothing.
describe.runIf(CAN_EMULATE_OLD_NODE)("require() without require(esm)", () => {
  it("konnect-aws loads, with the same exports as its ES module", () => {
    const r = node(WITHOUT_REQUIRE_ESM, keys(`require("./dist/index.cjs")`));
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual(esmKeys("dist/index.js"));
    expect(JSON.parse(r.stdout)).toContain("createKonnectClient");
  });

  it("konnect-aws retries through its bundled p-retry", () => {
    // One 503, then the answer: the retry middleware (p-retry) re-sends once.
    const r = node(
      WITHOUT_REQUIRE_ESM,
      `const { createKonnectClient } = require("./dist/index.cjs");
       let calls = 0;
       const fetch = async () => ++calls === 1 ? new Response("{}", { status: 503 }) : Response.json({ id: "org-1", name: "acme" });
       const konnect = createKonnectClient({ token: "kpat_${"x".repeat(48)}", env: {}, fetch, retry: { baseDelayMs: 1, jitter: 0 } });
       konnect.checkToken().then((org) => process.stdout.write(JSON.stringify({ calls, name: org.name })));`,
    );
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ calls: 2, name: "acme" });
  });

  it("every package the .cjs files require loads, except the msw peer (see next test)", () => {
    const packages = [...new Set([...requiredPackages("dist/index.cjs"), ...requiredPackages("dist/testing/index.cjs")])].filter((p) => p !== "msw");
    expect(packages.sort()).toEqual(["ajv", "fast-xml-parser", "openapi-fetch"]);
    for (const p of packages) expect(node(WITHOUT_REQUIRE_ESM, `require("${p}")`).stderr, p).toBe("");
  });

  it("konnect-aws/testing loads as far as msw itself does", () => {
    // msw 2.12 and later require() ESM-only packages (rettime, until-async) from their own CommonJS
    // build, so with them the sandbox cannot be required on Node < 20.19; the README says so. Whatever
    // msw does, nothing of ours may be the part that fails.
    const msw = node(WITHOUT_REQUIRE_ESM, `require("msw")`);
    const r = node(WITHOUT_REQUIRE_ESM, keys(`require("./dist/testing/index.cjs")`));
    if (msw.status === 0) {
      expect(r.stderr).toBe("");
      expect(JSON.parse(r.stdout)).toEqual(esmKeys("dist/testing/index.js"));
    } else {
      expect(msw.stderr).toContain("ERR_REQUIRE_ESM");
      expect(r.stderr).toContain("ERR_REQUIRE_ESM");
      expect(r.stderr).toMatch(/node_modules\/msw\/lib\/.*\.js/);
      expect(r.stderr.match(/require\(\) of ES Module (\S+) from (\S+)/)?.[2]).toMatch(/node_modules\/msw\//);
    }
  });
});

it.runIf(HAS_REQUIRE_ESM)("konnect-aws/testing loads by require() where Node can require ES modules", () => {
  const r = node([], keys(`require("./dist/testing/index.cjs")`));
  expect(r.stderr).toBe("");
  expect(JSON.parse(r.stdout)).toEqual(["createSandbox"]);
});
