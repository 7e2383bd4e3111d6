import { describe, expect, it } from "vitest";
import { deploy, loadConfig, type DeployError, type DeployOptions, type DeploymentConfig } from "../../src/index.js";
import { createSandbox } from "../../src/testing/index.js";
import { chainClients, differences, snapshot } from "../scenario/full-chain.js";
import { server } from "../setup.js";
import { createKonnectClient } from "../../src/index.js";
import { GUIDE_ENV, WITHOUT_NEW_FEATURES, filled, seedComplete, seedGuide } from "./guide.js";
import { deployAws, snapshotAll } from "./snapshot-all.js";

/** deploy as a fresh process would run it: new clients (maxAttempts 1 for the run that crashes, as the chain's walk does). */
function options(sandbox: ReturnType<typeof createSandbox>, maxAttempts?: number): DeployOptions {
  const clients = chainClients(maxAttempts);
  const konnect = createKonnectClient({ token: sandbox.token, env: {}, retry: { baseDelayMs: 1, maxDelayMs: 2 }, requestsPerMinute: 100_000 });
  return { konnect, aws: { secretsManager: clients.sm, route53: clients.route53, elastiCache: clients.elastiCache, lambda: clients.lambda }, wait: { intervalMs: 2 } };
}

/**
 * deploy of the guide's complete example without the data planes, custom domain, Transit Gateway and
 * observability (every k of it stays fast; the full example's walk is below, on a subset of k), crashed after every possible
 * number of writes k: the re-run converges to exactly the state of an uninterrupted deploy, with no
 * duplicate and no orphan, and a third run writes nothing.
 */
describe("deploy crashed after k writes, for every k", () => {
  it("converges on re-run to the uninterrupted deploy's state", { timeout: 180_000 }, async () => {
    const config: DeploymentConfig = await loadConfig(await filled("complete-aws-deployment.tfvars", WITHOUT_NEW_FEATURES), { env: GUIDE_ENV });
    const fresh = () => {
      const sandbox = createSandbox({ seed: 11 });
      server.resetHandlers(...sandbox.handlers);
      seedGuide(sandbox);
      return sandbox;
    };
    const reference = fresh();
    await deploy(config, options(reference));
    const expected = snapshot(reference);
    const total = reference.writes().length;
    expect(total).toBeGreaterThan(8);

    const failures: string[] = [];
    for (let k = 0; k < total; k++) {
      const sandbox = fresh();
      sandbox.faults.set({ failAfterWrites: k });
      const crash = await deploy(config, options(sandbox, 1)).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      sandbox.faults.clear();
      if (!crash) failures.push(`k=${k}: did not crash`);
      else if (crash.name !== "DeployError") failures.push(`k=${k}: ${crash.name} instead of DeployError`);
      // what was written before the crash is reported (k writes were admitted)
      else if (k > 0 && (crash as DeployError).changes.length === 0) failures.push(`k=${k}: no written change reported`);
      await deploy(config, options(sandbox));
      const got = snapshot(sandbox);
      if (JSON.stringify(got) !== JSON.stringify(expected)) failures.push(`k=${k}: ${differences(expected, got).join("; ")}`);
      sandbox.clearRequests();
      await deploy(config, options(sandbox));
      if (sandbox.writes().length) failures.push(`k=${k}: third run wrote ${sandbox.writes().map((w) => w.operation).join(", ")}`);
    }
    expect(failures).toEqual([]);
  });
});

/** The full snapshot, with the data planes' certificate (a new key pair on every issue) masked. */
function settled(sandbox: ReturnType<typeof createSandbox>): string {
  const mask = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(mask);
    if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      const certificate = typeof o.name === "string" && o.name.includes("/data-planes/");
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, certificate && k === "current" ? "<certificate>" : mask(x)]));
    }
    return v;
  };
  return JSON.stringify(mask(snapshotAll(sandbox)));
}

/**
 * The full example, every feature on (33 writes): walking every k takes about a minute on a shared
 * machine, so a representative subset of k is walked: before the first write, inside each group of
 * steps (control plane and vault, rate limiting and multi-region, data planes, custom domain, Transit
 * Gateway, observability) and after the last.
 */
describe("the full example's deploy crashed after k writes, for a subset of k", () => {
  it("converges on re-run to the uninterrupted deploy's state", { timeout: 180_000 }, async () => {
    const fresh = () => {
      const sandbox = createSandbox({ seed: 11 });
      server.resetHandlers(...sandbox.handlers);
      seedGuide(sandbox);
      return { sandbox, seeded: seedComplete(sandbox) };
    };
    const full = (sandbox: ReturnType<typeof createSandbox>, maxAttempts?: number): DeployOptions => ({ ...options(sandbox, maxAttempts), aws: deployAws(maxAttempts) });
    const reference = fresh();
    const config: DeploymentConfig = await loadConfig(await filled("complete-aws-deployment.tfvars", reference.seeded), { env: GUIDE_ENV });
    await deploy(config, full(reference.sandbox));
    const expected = settled(reference.sandbox);
    const total = reference.sandbox.writes().length;
    expect(total).toBeGreaterThan(25);
    const ks = [0, 2, 9, 16, 21, 25, 29, total - 1];
    const failures: string[] = [];
    for (const k of ks) {
      const { sandbox, seeded } = fresh();
      expect(seeded).toEqual(reference.seeded);
      sandbox.faults.set({ failAfterWrites: k });
      const crash = await deploy(config, full(sandbox, 1)).then(() => undefined, (e: unknown) => e as Error);
      sandbox.faults.clear();
      if (!crash) failures.push(`k=${k}: did not crash`);
      else if (crash.name !== "DeployError") failures.push(`k=${k}: ${crash.name} instead of DeployError`);
      await deploy(config, full(sandbox));
      const got = settled(sandbox);
      if (got !== expected) failures.push(`k=${k}: ${differences(JSON.parse(expected), JSON.parse(got)).join("; ")}`);
      sandbox.clearRequests();
      await deploy(config, full(sandbox));
      if (sandbox.writes().length) failures.push(`k=${k}: third run wrote ${sandbox.writes().map((w) => w.operation).join(", ")}`);
    }
    expect(failures).toEqual([]);
  });
});
