// `npm run soak`: 200 runs of the guide's whole chain against the sandbox with random faults at about 10%
// of requests (429, 500, 502, 503, 504 and dropped connections), and in one run of four a crash after k
// writes. Measures how many runs succeed on the first attempt, that every run converges on re-run, and
// that the final state equals a fault-free run's (no duplicate, no orphan). Exits 1 when a target is missed:
// >= 99% first-attempt success without an injected crash, 100% convergence, 0 differences.
import { setupServer } from "msw/node";
import { createSandbox, type Sandbox } from "konnect-aws/testing";
import { differences, runChain, seedChain, snapshot } from "../test/scenario/full-chain.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const RUNS = Number(process.env.SOAK_RUNS ?? 200);
const RATE = 0.1 / 6; // six fault kinds, about 10% of requests in all

const server = setupServer();
server.listen({ onUnhandledRequest: "error" });
// msw reports each dropped fetch on stderr (src/testing/drop-connection.ts); the soak drops hundreds
const quiet = console.error;
console.error = () => undefined;

const fresh = (seed: number): Sandbox => {
  const sandbox = createSandbox({ seed });
  server.resetHandlers(...sandbox.handlers);
  seedChain(sandbox);
  return sandbox;
};

const reference = fresh(1);
await runChain(reference);
const expected = JSON.stringify(snapshot(reference));
const totalWrites = reference.writes().length;

let plain = 0;
let plainOk = 0;
let crashedRuns = 0;
let converged = 0;
let requests = 0;
let injected = 0;
const problems: string[] = [];
for (let i = 0; i < RUNS; i++) {
  const sandbox = fresh(1000 + i);
  const crashAt = i % 4 === 3 ? (i * 7) % totalWrites : undefined;
  sandbox.faults.set({ errorRate: { 429: RATE, 500: RATE, 502: RATE, 503: RATE, 504: RATE }, dropRate: RATE, retryAfterSeconds: 0, ...(crashAt !== undefined ? { failAfterWrites: crashAt } : {}) });
  const first = await runChain(sandbox, { maxAttempts: Number(process.env.SOAK_AWS_MAX_ATTEMPTS ?? 5) }).then(
    () => undefined,
    (e: unknown) => e,
  );
  requests += sandbox.requests.length;
  injected += sandbox.requests.filter((r) => r.fault === "status" || r.fault === "drop").length;
  if (crashAt === undefined) {
    plain++;
    if (!first) plainOk++;
    else problems.push(`run ${i}: first attempt failed: ${first instanceof Error ? first.message.slice(0, 300) : String(first)}`);
  } else crashedRuns++;
  sandbox.faults.clear();
  const second = await runChain(sandbox).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (second) {
    problems.push(`run ${i}: re-run failed: ${second instanceof Error ? second.message.slice(0, 300) : String(second)}`);
    continue;
  }
  const got = snapshot(sandbox);
  if (JSON.stringify(got) !== expected) problems.push(`run ${i}: state differs: ${differences(JSON.parse(expected), got).slice(0, 3).join("; ")}`);
  else converged++;
}
console.error = quiet;

const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;
console.log(`soak: ${RUNS} runs of the whole chain (${totalWrites} writes when fault-free), ~10% faults (429/500/502/503/504/drop), a crash after k writes in ${crashedRuns} runs`);
console.log(`  first attempt succeeded (runs without a crash): ${plainOk} of ${plain} (${pct(plainOk, plain)})`);
console.log(`  converged on re-run to the fault-free state:     ${converged} of ${RUNS} (${pct(converged, RUNS)})`);
console.log(`  requests in first attempts: ${requests}, faults injected: ${injected} (${pct(injected, requests)})`);
for (const p of problems.slice(0, 10)) console.log(`  ${p}`);
server.close();
const ok = plainOk / plain >= 0.99 && converged === RUNS;
console.log(ok ? "targets met" : "TARGETS MISSED");
process.exit(ok ? 0 : 1);
