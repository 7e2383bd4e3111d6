// Builds the real `konnect-aws` binary once per test file (tsup, no types: a few seconds) into
// node_modules/.cache, with a package.json named konnect-aws so that `--sandbox` finds
// konnect-aws/testing through Node's self-reference exactly as in the published package, and runs it.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repo = fileURLToPath(new URL("../..", import.meta.url));
const outRoot = join(repo, "node_modules", ".cache", "konnect-aws-cli-test");

let built: Promise<string> | undefined;

/** Path of the built binary (dist/cli/index.js of the test package). */
export function buildCli(): Promise<string> {
  return (built ??= (async () => {
    const { build } = await import("tsup");
    mkdirSync(outRoot, { recursive: true });
    writeFileSync(join(outRoot, "package.json"), JSON.stringify({ name: "konnect-aws", type: "module", exports: { ".": "./dist/index.js", "./testing": "./dist/testing/index.js" } }));
    await build({
      config: false,
      silent: true,
      entry: { "cli/index": "src/cli/index.ts", "testing/index": "src/testing/index.ts" },
      outDir: join(outRoot, "dist"),
      format: ["esm"],
      dts: false,
      sourcemap: false,
      splitting: false,
      target: "node20",
      external: ["konnect-aws", "konnect-aws/testing"],
    });
    return join(outRoot, "dist", "cli", "index.js");
  })());
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the binary with a clean environment (no real credentials can leak in) and no terminal. */
export async function runBinary(args: string[], o: { env?: Record<string, string>; stdin?: string; onStart?: (child: ReturnType<typeof spawn>) => void } = {}): Promise<CliRun> {
  const bin = await buildCli();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: repo,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...o.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(o.stdin ?? "");
    o.onStart?.(child);
  });
}
