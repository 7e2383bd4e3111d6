import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { Limiter } from "../../src/konnect/limiter.js";
import { testClient } from "../helpers.js";
import { server } from "../setup.js";

describe("limiter", () => {
  it("keeps at most maxConcurrency requests in flight", async () => {
    let inFlight = 0;
    let peak = 0;
    server.use(
      http.get("https://us.api.konghq.com/v2/control-planes/:id", async ({ params }) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return HttpResponse.json({ id: params.id, name: String(params.id) });
      }),
    );
    const { konnect } = testClient({ maxConcurrency: 3 });
    const ids = Array.from({ length: 12 }, (_, i) => `cp${i}`);
    const results = await Promise.all(ids.map((id) => konnect.api.GET("/v2/control-planes/{controlPlaneId}", { params: { path: { controlPlaneId: id } } })));
    expect(results.map((r) => r.data?.id)).toEqual(ids);
    expect(peak).toBe(3);
  });

  it("holds requests beyond the per-minute budget until the window slides", async () => {
    let now = 0;
    const waits: number[] = [];
    const limiter = new Limiter({
      maxConcurrency: 10,
      requestsPerMinute: 2,
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    });
    for (let i = 0; i < 3; i++) {
      const release = await limiter.acquire();
      release();
      now += 1000;
    }
    expect(waits).toEqual([58_000]); // third start waits until the first leaves the 60 s window
  });

  it("slows down when RateLimit-Remaining says the budget is nearly spent", async () => {
    let now = 0;
    const waits: number[] = [];
    const limiter = new Limiter({ maxConcurrency: 5, requestsPerMinute: 1000, now: () => now, sleep: async (ms) => void (waits.push(ms), (now += ms)) });
    limiter.observe(new Headers({ "RateLimit-Remaining": "0", "RateLimit-Reset": "7" }));
    (await limiter.acquire())();
    expect(waits).toEqual([7000]);
    limiter.observe(new Headers({ "RateLimit-Remaining": "2", "RateLimit-Reset": "10" }));
    (await limiter.acquire())();
    expect(waits).toEqual([7000, 5000]); // two left for 10 s: one every 5 s
    limiter.observe(new Headers({ "RateLimit-Remaining": "500", "RateLimit-Reset": "10" }));
    (await limiter.acquire())();
    expect(waits).toHaveLength(2);
  });

  it("frees a queued slot when its caller aborts", async () => {
    const limiter = new Limiter({ maxConcurrency: 1, requestsPerMinute: 100 });
    const first = await limiter.acquire();
    const controller = new AbortController();
    const queued = limiter.acquire(controller.signal);
    controller.abort(new Error("gone"));
    await expect(queued).rejects.toThrow("gone");
    first();
    expect(limiter.inFlight).toBe(0);
  });
});
