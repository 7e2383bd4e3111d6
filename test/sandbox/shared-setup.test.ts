// Sandboxes share their compiled spec validators (built once per process, so that a suite creating
// sandboxes by the hundred pays for them once). What they share must be stateless: each sandbox keeps
// its own state, log, random, clock and faults, and validation (defaults included) gives the same
// answer in each.
import { describe, expect, it } from "vitest";
import { createKonnectClient, KonnectBadRequestError } from "../../src/index.js";
import { createSandbox, type Sandbox } from "../../src/testing/index.js";
import { server } from "../setup.js";

/** Serves `sandbox` alone (handlers added last win in msw, but reset first so none of the other remain). */
function serve(sandbox: Sandbox) {
  server.resetHandlers();
  server.use(...sandbox.handlers);
  return createKonnectClient({ token: sandbox.token, env: {}, retry: { baseDelayMs: 1, maxDelayMs: 2 } });
}

async function scenario(sandbox: Sandbox, limit: number) {
  const konnect = serve(sandbox);
  const bad = await konnect.api.POST("/v2/control-planes", { body: { name: "x", cluster_type: "CLUSTER_TYPE_HYBRID" as never } }).catch((e: unknown) => e);
  const { data: cp } = await konnect.api.POST("/v2/control-planes", { body: { name: "prod" } });
  const { data: plugin } = await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", {
    params: { path: { controlPlaneId: cp!.id } },
    body: { name: "rate-limiting-advanced", config: { limit: [limit], window_size: [60] } },
  });
  return { bad: bad as KonnectBadRequestError, cp: cp!, plugin: plugin! };
}

describe("sandboxes share compiled validators, nothing stateful", () => {
  it("keeps state, log, random and faults per sandbox while validating alike", async () => {
    const a = createSandbox({ seed: 1 });
    const b = createSandbox({ seed: 2 });
    a.faults.set({ errorRate: { 503: 0 } });

    const ra = await scenario(a, 10);
    const rb = await scenario(b, 20);

    // the same validation answers from each
    expect(ra.bad).toBeInstanceOf(KonnectBadRequestError);
    expect(rb.bad.invalidParameters).toEqual(ra.bad.invalidParameters);
    // defaults filled into each body, never carried from one to the other
    expect(ra.plugin.config).toMatchObject({ limit: [10], window_type: "sliding", strategy: "local" });
    expect(rb.plugin.config).toMatchObject({ limit: [20], window_type: "sliding", strategy: "local" });
    // per-sandbox random (different seeds, different ids), state and log
    expect(ra.cp.id).not.toBe(rb.cp.id);
    expect([...a.state.konnect.regions.us!.keys()]).toEqual([ra.cp.id]);
    expect([...b.state.konnect.regions.us!.keys()]).toEqual([rb.cp.id]);
    expect(a.requests).toHaveLength(3);
    expect(b.requests).toHaveLength(3);
    expect(b.faults.current).toEqual({});
  });

  it("gives a new sandbox with the same seed the same ids as the first", async () => {
    const first = await scenario(createSandbox({ seed: 5 }), 10);
    const again = await scenario(createSandbox({ seed: 5 }), 10);
    expect(again.cp.id).toBe(first.cp.id);
    expect(again.plugin.id).toBe(first.plugin.id);
  });
});

describe("import cost", () => {
  it("the main entry loads Node's network stack only when checkRedis runs (no static import of tls, net, dns)", async () => {
    const { readdirSync, readFileSync, statSync } = await import("node:fs");
    const { join, relative } = await import("node:path");
    const src = new URL("../../src", import.meta.url).pathname;
    const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith(".ts") ? [join(dir, f)] : []));
    const offenders = files(src)
      .filter((f) => !relative(src, f).startsWith("testing"))
      .filter((f) => /^import (?!type )[^;]*from "node:(tls|net|dns(\/promises)?)"/m.test(readFileSync(f, "utf8")))
      .map((f) => relative(src, f));
    expect(offenders).toEqual([]);
  });
});
