// `npx tsx bench/client-overhead.ts`: time per request of the Konnect client vs bare openapi-fetch,
// both against the same trivial msw handler, so the difference is the client's own middleware.
// Prints figures; nothing here is asserted by the test suite (wall-clock numbers vary by machine).
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import createClient from "openapi-fetch";
import type { paths } from "../generated/konnect.js";
import { createKonnectClient } from "konnect-aws";

const BASE = "https://us.api.konghq.com";
const N = Number(process.env.BENCH_N ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

const server = setupServer(http.get(`${BASE}/v2/control-planes/:id`, ({ params }) => HttpResponse.json({ id: params.id, name: "cp" })));
server.listen({ onUnhandledRequest: "error" });

const bare = createClient<paths>({ baseUrl: BASE });
// A budget far above N per round, so the limiter never waits and only its bookkeeping is measured.
const konnect = createKonnectClient({ token: "kpat_BENCH0123456789abcdefghijklmnopqrstuvwxyzABCDEFG", env: {}, requestsPerMinute: 100_000, shareBudget: false });
const get = (api: typeof bare | typeof konnect.api) => api.GET("/v2/control-planes/{controlPlaneId}", { params: { path: { controlPlaneId: "cp1" } } });

/** Mean microseconds per sequential request over N requests. */
async function perRequest(api: typeof bare | typeof konnect.api): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < N; i++) await get(api);
  return Number(process.hrtime.bigint() - start) / 1000 / N;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
await perRequest(bare); // warm-up: JIT and msw's first-request setup
await perRequest(konnect.api);
const bareTimes: number[] = [];
const clientTimes: number[] = [];
// Interleaved rounds, so drift in the machine's load hits both sides alike.
for (let r = 0; r < ROUNDS; r++) {
  bareTimes.push(await perRequest(bare));
  clientTimes.push(await perRequest(konnect.api));
}
const b = median(bareTimes);
const c = median(clientTimes);
console.log(`bare openapi-fetch : ${b.toFixed(1)} us/request (median of ${ROUNDS} x ${N})`);
console.log(`konnect client     : ${c.toFixed(1)} us/request`);
console.log(`overhead ratio     : ${(c / b).toFixed(2)}x`);
server.close();
