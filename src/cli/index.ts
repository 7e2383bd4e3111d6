#!/usr/bin/env node
// The konnect-aws command: plan, apply, destroy and doctor (run-cli.ts). This file binds it to the
// process: streams, environment, the terminal prompt, and Ctrl-C -> AbortSignal.
import { createInterface } from "node:readline/promises";
import { runCli } from "./run-cli.js";

const controller = new AbortController();
let interrupts = 0;
process.on("SIGINT", () => {
  interrupts++;
  // first Ctrl-C: stop starting writes, let those in flight finish; second: leave at once
  if (interrupts === 1) {
    process.stderr.write("\nInterrupt received: finishing the writes in flight (Ctrl-C again to quit at once)...\n");
    controller.abort(Object.assign(new Error("cancelled by Ctrl-C"), { name: "AbortError" }));
  } else process.exit(130);
});

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim() === "yes";
  } finally {
    rl.close();
  }
}

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, confirm, signal: controller.signal }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // runCli formats its own errors; this is a bug in the CLI itself
    process.stderr.write(`internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
