import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { defineConfig, type Options } from "tsup";

// Runtime dependencies published as ES modules only. Node 20.3 to 20.18 (admitted by `engines`) cannot
// require() an ES module, so the CommonJS build carries its own copy of them; the ESM build imports
// them as usual. test/package/require.test.ts proves it with --no-experimental-require-module.
const ESM_ONLY = ["p-retry", "is-network-error"];

const common: Options = {
  entry: { index: "src/index.ts", "testing/index": "src/testing/index.ts" },
  dts: true,
  // Maps carry the TypeScript sources inline (sourcesContent): src/ is not in the package.
  sourcemap: true,
  target: "node20",
  splitting: false,
  treeshake: true,
  // `npm run build` empties dist/ first; cleaning here would race the two builds below.
  clean: false,
};

export default defineConfig([
  { ...common, format: ["esm"] },
  { ...common, format: ["cjs"], noExternal: ESM_ONLY, onSuccess: async () => writeNotices() },
  // The `konnect-aws` command (bin): ESM only, no types. `--sandbox` loads the sandbox through the
  // package's own public entry (konnect-aws/testing, resolved by Node's self-reference to dist/testing),
  // so msw stays an optional peer that only --sandbox needs.
  { ...common, entry: { "cli/index": "src/cli/index.ts" }, format: ["esm"], dts: false, external: ["konnect-aws", "konnect-aws/testing"] },
]);

/** The MIT notices of the bundled packages, which travel with the copies we ship. */
function writeNotices() {
  const require = createRequire(import.meta.url);
  const sections = ESM_ONLY.map((name) => {
    const dir = packageDir(require.resolve(name), name);
    const { version, license } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string; license: string };
    return `## ${name} ${version} (${license})\n\n${readFileSync(join(dir, "license"), "utf8").trim()}\n`;
  });
  const intro = "# Third-party notices\n\nThe CommonJS build (`dist/**/*.cjs`) bundles these packages.\n";
  writeFileSync("dist/THIRD-PARTY-NOTICES.md", [intro, ...sections].join("\n"));
}

/** The folder of package `name` above its resolved entry (its package.json is not in its `exports`). */
function packageDir(entry: string, name: string): string {
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      if ((JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string }).name === name) return dir;
    } catch {
      // no package.json at this level
    }
  }
  throw new Error(`package folder of ${name} not found from ${entry}`);
}
