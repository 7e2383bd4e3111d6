// Runs snippets in a fresh Node process, from the repository root, as a user of the package would.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const repo = fileURLToPath(new URL("../..", import.meta.url));

export function node(args: string[], code: string) {
  const r = spawnSync(process.execPath, [...args, "-e", code], { cwd: repo, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Flags that give the behaviour of Node 20.3 to 20.18, the oldest versions `engines` admits: no
 * require() of ES modules. Node 20.19+ and 22 have the flag; an older Node behaves so already.
 */
export const WITHOUT_REQUIRE_ESM = node(["--no-experimental-require-module"], "").status === 0 ? ["--no-experimental-require-module"] : [];

/** Whether this Node can require() ES modules when left to its defaults (20.19+, 22.12+). */
export const HAS_REQUIRE_ESM = node([], "process.exit(process.features.require_module ? 0 : 1)").status === 0;

/** Whether this Node can run without require(esm): the tests below prove nothing where it cannot. */
export const CAN_EMULATE_OLD_NODE = node(WITHOUT_REQUIRE_ESM, "process.exit(process.features.require_module ? 1 : 0)").status === 0;
