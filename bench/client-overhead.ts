// Section of `npm run bench` (bench/index.ts): time per request of the Konnect client vs bare
// openapi-fetch, both against the same trivial msw handler, so the difference is the client's own
// middleware (limiter, timeout, retry bookkeeping, auth, user agent, error mapping).
// Two figures: CPU time per request (process.cpuUsage, the least of the rounds) and wall time per
// request (the median of the rounds). The client's overhead is CPU work; on a shared machine the CPU
// figure is the stable one (the wall one also measures the neighbours). Rounds alternate between the
// two clients, so drift in the machine's load hits both alike. Nothing here is asserted by the tests.
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import createClient from "openapi-fetch";
import type { paths } from "../generated/konnect.js";
import { createKonnectClient } from "../src/index.js";

const BASE = "https://us.api.konghq.com";

/** One markdown table. */
export async function measureClientOverhead({ requests, rounds }: { requests: number; rounds: number }): Promise<string[]> {
  const server = setupServer(http.get(`${BASE}/v2/control-planes/:id`, ({ params }) => HttpResponse.json({ id: params.id, name: "cp" })));
  server.listen({ onUnhandledRequest: "error" });
  const bare = createClient<paths>({ baseUrl: BASE });
  // A budget far above the requests per round, so the limiter never waits and only its bookkeeping is measured.
  const konnect = createKonnectClient({ token: "kpat_BENCH0123456789abcdefghijklmnopqrstuvwxyzABCDEFG", env: {}, requestsPerMinute: 100_000, shareBudget: false });
  const get = (api: typeof bare | typeof konnect.api) => api.GET("/v2/control-planes/{controlPlaneId}", { params: { path: { controlPlaneId: "cp1" } } });

  /** Microseconds per sequential request: CPU and wall. */
  const round = async (api: typeof bare | typeof konnect.api) => {
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < requests; i++) await get(api);
    const wall = Number(process.hrtime.bigint() - t0) / 1000 / requests;
    const u = process.cpuUsage(cpu0);
    return { cpu: (u.user + u.system) / requests, wall };
  };
  // Rounds stay within the limiter's burst and start with a full bucket: at its largest budget (100,000 a
  // minute) the limiter paces starts at one per ms, which sequential requests on a fast machine exceed;
  // that pacing is the budget at work, not overhead, so it is kept out of the measurement.
  const pause = () => new Promise((r) => setTimeout(r, 150));
  await round(bare); // warm-up: JIT and msw's first-request setup
  await pause();
  await round(konnect.api);
  const b: Array<{ cpu: number; wall: number }> = [];
  const k: Array<{ cpu: number; wall: number }> = [];
  for (let r = 0; r < rounds; r++) {
    await pause();
    b.push(await round(bare));
    await pause();
    k.push(await round(konnect.api));
  }
  server.close();
  const least = (xs: number[]) => Math.min(...xs);
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const bc = least(b.map((x) => x.cpu));
  const kc = least(k.map((x) => x.cpu));
  const bw = median(b.map((x) => x.wall));
  const kw = median(k.map((x) => x.wall));
  return [
    "| per request (sequential GETs, in-process msw server) | bare openapi-fetch (us) | konnect-aws client (us) | ratio |",
    "|---|---|---|---|",
    `| CPU time, least of ${rounds} rounds of ${requests} | ${bc.toFixed(0)} | ${kc.toFixed(0)} | ${(kc / bc).toFixed(2)} |`,
    `| wall time, median of ${rounds} rounds of ${requests} | ${bw.toFixed(0)} | ${kw.toFixed(0)} | ${(kw / bw).toFixed(2)} |`,
  ];
}
