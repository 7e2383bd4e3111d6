// Section of `npm run bench` (bench/index.ts): what starting up costs.
// 1. `createSandbox()`: the first call, then the median of the next ones (the spec validators and other
//    tables are built once per process, so later sandboxes should be cheap).
// 2. Import cost of the built main entry (`dist/index.js`, what users load) vs `openapi-fetch` alone,
//    each imported in a fresh `node` process: CPU time (stable on a shared machine) and wall time,
//    medians of several runs. It also reports whether the main entry loaded Node's network stack (tls,
//    net, dns) or node:crypto at import.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createSandbox } from "konnect-aws/testing";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = fileURLToPath(new URL("../dist/index.js", import.meta.url));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * createSandbox(): the first call (in this process) and the median of the next `next`, in wall time and
 * in CPU time (on a loaded machine a 1 ms call can wait tens of ms for a core: the CPU figure is its cost).
 */
export function measureSandboxCost({ next }: { next: number }): { first: number; firstCpu: number; after: number; afterCpu: number } {
  const timed = (run: () => void) => {
    const c = process.cpuUsage();
    const t = performance.now();
    run();
    const wall = performance.now() - t;
    const u = process.cpuUsage(c);
    return { wall, cpu: (u.user + u.system) / 1000 };
  };
  const first = timed(() => createSandbox());
  const times = Array.from({ length: next }, (_, i) => timed(() => createSandbox({ seed: i })));
  return { first: first.wall, firstCpu: first.cpu, after: median(times.map((x) => x.wall)), afterCpu: median(times.map((x) => x.cpu)) };
}

interface ImportRun {
  wall: number;
  cpu: number;
  loaded: string[];
}

/** Import of `specifier` in `runs` fresh processes (plus one thrown away, which warms the file cache). */
function importCost(specifier: string, runs: number): ImportRun {
  const script = `const c = process.cpuUsage(); const t = performance.now(); await import(${JSON.stringify(specifier)}); const wall = performance.now() - t; const u = process.cpuUsage(c);
const loaded = (process.moduleLoadList ?? []).filter((m) => /^NativeModule (tls|net|dns|dns\\/promises|crypto)$/.test(m)).map((m) => m.slice(13));
console.log(JSON.stringify({ wall, cpu: (u.user + u.system) / 1000, loaded }));`;
  const out: ImportRun[] = [];
  for (let i = 0; i <= runs; i++) {
    const line = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" }).trim().split("\n").pop()!;
    if (i > 0) out.push(JSON.parse(line) as ImportRun);
  }
  return { wall: median(out.map((r) => r.wall)), cpu: median(out.map((r) => r.cpu)), loaded: out[0]!.loaded };
}

/** Markdown rows: createSandbox() and the import cost. */
export function measureStartup({ runs, next }: { runs: number; next: number }): string[] {
  const sandbox = measureSandboxCost({ next });
  const out = [
    "| startup | figure |",
    "|---|---|",
    `| createSandbox(), first in the process: CPU / wall | ${sandbox.firstCpu.toFixed(1)} ms / ${sandbox.first.toFixed(1)} ms |`,
    `| createSandbox(), median of the next ${next}: CPU / wall | ${sandbox.afterCpu.toFixed(2)} ms / ${sandbox.after.toFixed(2)} ms |`,
  ];
  if (!existsSync(DIST)) {
    out.push("| import cost | not measured: dist/index.js is missing (run `npm run build` first) |");
    return out;
  }
  // alternate the two, so drift in the machine's load hits both alike
  const ours: ImportRun[] = [];
  const bare: ImportRun[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(importCost(pathToFileURL(DIST).href, 1));
    bare.push(importCost("openapi-fetch", 1));
  }
  const cpu = (xs: ImportRun[]) => median(xs.map((x) => x.cpu));
  const wall = (xs: ImportRun[]) => median(xs.map((x) => x.wall));
  out.push(
    `| import of the package entry (dist/index.js), fresh process, median of ${runs}: CPU / wall | ${cpu(ours).toFixed(1)} ms / ${wall(ours).toFixed(1)} ms |`,
    `| import of openapi-fetch alone: CPU / wall | ${cpu(bare).toFixed(1)} ms / ${wall(bare).toFixed(1)} ms |`,
    `| ratio, CPU / wall | ${(cpu(ours) / cpu(bare)).toFixed(2)} / ${(wall(ours) / wall(bare)).toFixed(2)} |`,
    `| builtins among tls, net, dns, crypto loaded by the import | ${ours[0]!.loaded.join(", ") || "none"} |`,
  );
  return out;
}
