// `npm run bench:startup` (builds, then `tsx bench/startup.ts`): what starting up costs. Prints figures; nothing
// here is asserted by the test suite (wall-clock figures vary by machine, so they are reported, never tested).
//
// 1. `createSandbox()`: the first call, then the median of the next 50 (the spec validators and other
//    tables are built once per process, so later sandboxes should be cheap).
// 2. Import cost of the built main entry (`dist/index.js`, what users load) vs `openapi-fetch` alone,
//    each imported in a fresh `node` process, median of several runs. It also reports whether the
//    main entry loaded Node's network stack (tls, net, dns) at import.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createSandbox } from "konnect-aws/testing";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const RUNS = 9;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (n: number) => `${n.toFixed(2)} ms`;

// 1. createSandbox()
let t = performance.now();
createSandbox();
const first = performance.now() - t;
const next: number[] = [];
for (let i = 0; i < 50; i++) {
  t = performance.now();
  createSandbox({ seed: i });
  next.push(performance.now() - t);
}
console.log("createSandbox() (konnect-aws/testing: dist/testing/index.js)");
console.log(`  first:              ${ms(first)}`);
console.log(`  median of next 50:  ${ms(median(next))}`);

// 2. import cost, each in a fresh process. `process.moduleLoadList` is Node's own record of the
// builtins it loaded; it tells whether importing pulled in tls/net/dns.
function importCost(specifier: string): { ms: number; network: string[] } {
  const script = `const t = performance.now(); await import(${JSON.stringify(specifier)}); const d = performance.now() - t;
const network = (process.moduleLoadList ?? []).filter((m) => /^NativeModule (tls|net|dns|dns\\/promises)$/.test(m)).map((m) => m.slice(13));
console.log(JSON.stringify({ ms: d, network }));`;
  const runs: Array<{ ms: number; network: string[] }> = [];
  // one extra run first, thrown away: it warms the OS file cache for the others
  for (let i = 0; i <= RUNS; i++) {
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
    if (i > 0) runs.push(JSON.parse(out.trim().split("\n").pop()!) as { ms: number; network: string[] });
  }
  return { ms: median(runs.map((r) => r.ms)), network: runs[0]!.network };
}

console.log(`\nimport cost, fresh node process each, median of ${RUNS}`);
if (!existsSync(DIST)) {
  console.log("  dist/index.js is missing: run `npm run build` first");
} else {
  const ours = importCost(pathToFileURL(DIST).href);
  const bare = importCost("openapi-fetch");
  console.log(`  konnect-aws (dist/index.js): ${ms(ours.ms)}   network builtins loaded: ${ours.network.join(", ") || "none"}`);
  console.log(`  openapi-fetch alone:         ${ms(bare.ms)}`);
  console.log(`  ratio:                       ${(ours.ms / bare.ms).toFixed(2)}x`);
}
