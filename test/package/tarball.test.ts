// The npm tarball holds what users need and nothing else: the two entry points (ESM, CJS, types, maps),
// the notices of the code bundled into the CJS build, and the docs. No sources, tests or fixtures, and
// no source map that needs a file the tarball lacks.
import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";
import { node, repo } from "./node.js";

const pack = node([], `
  const { execSync } = require("node:child_process");
  process.stdout.write(execSync("npm pack --dry-run --json --ignore-scripts", { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
`);
const files: string[] = (JSON.parse(pack.stdout) as [{ files: { path: string }[] }])[0].files.map((f) => f.path).sort();

const ENTRY = ["dist/index", "dist/testing/index"];
const EXPECTED = [
  "package.json",
  "README.md",
  "LICENSE",
  "CHANGELOG.md",
  "dist/THIRD-PARTY-NOTICES.md",
  ...ENTRY.flatMap((e) => [`${e}.js`, `${e}.js.map`, `${e}.cjs`, `${e}.cjs.map`, `${e}.d.ts`, `${e}.d.cts`]),
  // the konnect-aws command (bin): ESM only, no types
  "dist/cli/index.js",
  "dist/cli/index.js.map",
].sort();

/** Every file path named in package.json's `exports`, `main`, `module` and `types`. */
function declaredFiles(): string[] {
  const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as Record<string, unknown>;
  const strings = (v: unknown): string[] => (typeof v === "string" ? [v] : v && typeof v === "object" ? Object.values(v).flatMap(strings) : []);
  return [...strings(pkg.exports), ...strings([pkg.main, pkg.module, pkg.types])].map((p) => normalize(p));
}

describe("npm tarball", () => {
  it("holds exactly the entry points, their types and maps, notices and docs", () => {
    expect(files).toEqual(EXPECTED);
  });

  it("holds every file package.json points to", () => {
    for (const f of declaredFiles()) expect(files, f).toContain(f);
  });

  it.each(files.filter((f) => f.endsWith(".map")))("%s needs nothing outside the tarball", (map) => {
    const m = JSON.parse(readFileSync(join(repo, map), "utf8")) as { sources: string[]; sourcesContent?: (string | null)[] };
    expect(m.sources.length).toBeGreaterThan(0);
    m.sources.forEach((source, i) => {
      // Every source is inline, so a debugger never looks for src/ (absent from the package).
      expect(typeof m.sourcesContent?.[i], `${source} has no sourcesContent`).toBe("string");
      // and its name is relative and stays inside the package: no path of the build machine leaks
      expect(source.startsWith("/") || /^[a-z]+:/i.test(source), source).toBe(false);
      expect(normalize(join(dirname(map), source)).startsWith(".."), source).toBe(false);
    });
  });

  it.each(files.filter((f) => /\.c?js$/.test(f)))("%s points at its own map", (file) => {
    const url = readFileSync(join(repo, file), "utf8").match(/\/\/# sourceMappingURL=(\S+)\s*$/)?.[1];
    expect(files).toContain(normalize(join(dirname(file), url ?? "")));
  });

  it("bundles into the CJS build only the packages its notices name", () => {
    const notices = readFileSync(join(repo, "dist/THIRD-PARTY-NOTICES.md"), "utf8");
    const named = [...notices.matchAll(/^## (\S+) /gm)].map((m) => m[1]).sort();
    const bundled = (map: string) => (JSON.parse(readFileSync(join(repo, map), "utf8")) as { sources: string[] }).sources.flatMap((s) => s.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1] ?? []);
    expect([...new Set(files.filter((f) => f.endsWith(".cjs.map")).flatMap(bundled))].sort()).toEqual(named);
    expect(files.filter((f) => f.endsWith(".js.map")).flatMap(bundled)).toEqual([]);
    expect(named).toEqual(["is-network-error", "p-retry"]);
  });
});
