// Section of `npm run bench` (bench/index.ts): wall time of each operation and of the guide's whole chain
// against the sandbox with injected latency d (20 and 50 ms per request), next to its dependency bound.
// Returns one markdown table; nothing here is asserted by the test suite. Smoke mode: d = 1 ms, one
// repetition (CI runs it to catch crashes, never to judge ratios).
//
// The dependency bound, and how it is measured
// --------------------------------------------
// Every request the sandbox answers is recorded with its wall-clock start (msw `request:start`) and end
// (msw `response:mocked`, after the injected latency). From those intervals we take the longest chain of
// requests r1, r2, ..., rk in which each starts only after the previous one ended (end(ri) <= start(ri+1)):
// a longest path in the interval order, by dynamic programming over the requests sorted by start. That
// chain length k is the number of sequential round trips ("waves") the run could not avoid *as the code
// issued them*; the bound is k x d, the least wall time any client needs for that request graph when each
// round trip costs d. The ratio wall / bound is then the overhead outside the round trips (CPU, the
// client's limiter queue, the executor's slots, waiter pauses). Serialization of independent reads shows
// in the chain length itself: it grows by one for each read that waits for another without needing it, so
// compare the `depth` column before and after a change, and the ratio for everything else.
// Caveats: requests that overlap only because the limiter (5 Konnect requests in flight) or the
// executor's concurrency queued them count as sequential waves, so those caps are inside the bound.
//
// What each row runs: one sandbox per repetition; the operations run in the guide's order on one control
// plane (enableAwsVault with 10 secrets; setupMultiRegion replicates one of them to eu-west-1 and makes
// failover records). "re-apply" is the same call again after the sandbox clock moved 60 s (so ListSecrets
// has caught up: the steady state; the lagging case is in `npm run bench`). setupMultiRegion waits for
// INSYNC with `wait: { intervalMs: 2 }`, so the waiter's pauses (2 ms between GetChange polls instead of
// 500 ms to 15 s) do not dominate its wall time; its first apply still includes those pauses. The whole
// chain is `runChain` of test/scenario/full-chain.ts (which also reads, and on the first run writes, the
// user's own route: one request of the chain). The reported repetition is the one with the median wall.
import { performance } from "node:perf_hooks";
import { setupServer } from "msw/node";
import { attachElastiCacheRateLimit, attachLambda, configureCognitoJwt, createKonnectClient, enableAwsVault, ensureControlPlane, secret, setupMultiRegion } from "../src/index.js";
import { createSandbox } from "konnect-aws/testing";
import { chainClients, chainMultiRegionOptions, runChain, seedChain } from "../test/scenario/full-chain.js";
import { chainDepth } from "./chain-depth.js";

/** Options of {@link measureLatency}. */
export interface LatencyOptions {
  latencies: number[];
  repetitions: number;
}

/** Per operation and for the whole chain, first apply and re-apply: the figures at each latency. */
export async function measureLatency({ latencies, repetitions }: LatencyOptions): Promise<string[]> {
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const sandbox = createSandbox({ seed: 7 });
const server = setupServer(...sandbox.handlers);
server.listen({ onUnhandledRequest: "error" });

interface Span {
  start: number;
  end?: number;
}
const spans = new Map<string, Span>();
server.events.on("request:start", ({ requestId }) => {
  spans.set(requestId, { start: performance.now() });
});
server.events.on("response:mocked", ({ requestId }) => {
  const s = spans.get(requestId);
  if (s) s.end = performance.now();
});

interface Sample {
  requests: number;
  writes: number;
  wallMs: number;
  /** CPU time of this process during the run: client, SDKs and the sandbox itself (all in-process). */
  cpuMs: number;
  depth: number;
}

async function measure(fn: () => Promise<unknown>): Promise<Sample> {
  sandbox.clearRequests();
  spans.clear();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const done = [...spans.values()].filter((s): s is Required<Span> => s.end !== undefined);
  return { requests: sandbox.requests.length, writes: sandbox.writes().length, wallMs, cpuMs, depth: chainDepth(done) };
}

const secrets = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`bench/secret-${i}`, secret(`value-${i}`)]));
const ROUTE_ID = "00000000-0000-4000-8000-000000000001";

/** One repetition: every operation first and again, then the whole chain on a fresh sandbox. */
async function repetition(latencyMs: number): Promise<Map<string, Sample>> {
  const out = new Map<string, Sample>();
  const both = async (name: string, fn: () => Promise<unknown>) => {
    out.set(`${name}|first apply`, await measure(fn));
    sandbox.clock.advance(60_000);
    out.set(`${name}|re-apply`, await measure(fn));
  };
  sandbox.reset();
  seedChain(sandbox);
  sandbox.faults.set({ latencyMs });
  const konnect = createKonnectClient({ token: sandbox.token, env: {}, retry: { baseDelayMs: 1, maxDelayMs: 2 } });
  const aws = chainClients();
  // one Secrets Manager client for the run, as a deployment script holds one (a fresh SDK client's first
  // request also resolves its endpoint and middleware stack: client set-up, not the operation's cost)
  const smUse1 = aws.sm("us-east-1");
  let controlPlaneId = "";
  await both("ensureControlPlane", async () => {
    controlPlaneId = (await ensureControlPlane({ konnect, name: "bench", costTags: { Environment: "bench" } })).controlPlane.id!;
  });
  await both("enableAwsVault (10 secrets)", () => enableAwsVault({ konnect, controlPlaneId, region: "us-east-1", secrets, tags: { Environment: "bench" }, secretsManager: smUse1 }));
  await both("attachElastiCacheRateLimit", () =>
    attachElastiCacheRateLimit({ konnect, controlPlaneId, awsRegion: "us-east-1", redis: { replicationGroupId: "kong-rate-limits", password: secret("redis-1") }, limits: [{ limit: 100, window: 60 }], elastiCache: aws.elastiCache, secretsManager: smUse1 }),
  );
  await both("configureCognitoJwt", () => configureCognitoJwt({ konnect, controlPlaneId, userPoolId: "us-east-1_Bench1234", mode: "jwt" }));
  // the user's own route, outside the measurement
  await konnect.api.PUT("/v2/control-planes/{controlPlaneId}/core-entities/routes/{RouteId}", { params: { path: { controlPlaneId, RouteId: ROUTE_ID } }, body: { name: "orders", paths: ["/orders"] } });
  await both("attachLambda", () => attachLambda({ konnect, controlPlaneId, functionName: "arn:aws:lambda:us-east-1:123456789012:function:orders-handler", routeId: "orders", lambda: aws.lambda, verify: true }));
  await both("setupMultiRegion", () => setupMultiRegion(chainMultiRegionOptions(aws, "bench/secret-0")));
  sandbox.reset();
  seedChain(sandbox);
  sandbox.faults.set({ latencyMs });
  await both("whole chain (runChain)", () => runChain(sandbox));
  return out;
}

// warm-up: module loading, the SDKs' lazy imports and the sandbox's validators are not what we measure
await repetition(0);

const rows: string[][] = [];
const out: string[] = [];
const results = new Map<string, Map<number, Sample>>();
for (const d of latencies) {
  const reps: Array<Map<string, Sample>> = [];
  for (let r = 0; r < repetitions; r++) reps.push(await repetition(d));
  for (const key of reps[0]!.keys()) {
    const samples = reps.map((m) => m.get(key)!).sort((a, b) => a.wallMs - b.wallMs);
    const median = samples[Math.floor(samples.length / 2)]!;
    if (!results.has(key)) results.set(key, new Map());
    results.get(key)!.set(d, median);
  }
}
for (const [key, byD] of results) {
  const [op, run] = key.split("|") as [string, string];
  const any = [...byD.values()][0]!;
  const cells = [op, run, String(any.requests), String(any.writes), String(any.depth)];
  for (const d of latencies) {
    const s = byD.get(d)!;
    const bound = s.depth * d;
    cells.push(`${Math.round(s.wallMs)} / ${bound} / ${Math.round(s.cpuMs)}`);
  }
  for (const d of latencies) {
    const s = byD.get(d)!;
    const bound = s.depth * d;
    cells.push(bound ? (s.wallMs / bound).toFixed(2) : "-");
  }
  rows.push(cells);
}
const header = ["operation", "run", "requests", "writes", "depth (waves)", ...latencies.map((d) => `d=${d} ms: wall / bound / CPU (ms)`), ...latencies.map((d) => `ratio d=${d}`)];
out.push(`| ${header.join(" | ")} |`);
out.push(`|${header.map(() => "---").join("|")}|`);
for (const r of rows) out.push(`| ${r.join(" | ")} |`);
out.push(
  "",
  `${repetitions} repetition(s) per latency, the median wall shown; bound = depth x d, depth = the longest chain of requests each starting after the previous one ended (see bench/latency.ts). CPU is this process's CPU time during the run: the client, the AWS SDK and the in-process sandbox (request validation, msw) together; it is what wall adds to the bound on an idle machine, and on a loaded one it is stretched by the wait for a core.`,
);
server.close();
return out;
}
