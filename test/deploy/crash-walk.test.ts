import { describe, expect, it } from "vitest";
import { deploy, loadConfig, type DeployError, type DeployOptions, type DeploymentConfig } from "../../src/index.js";
import { createSandbox } from "../../src/testing/index.js";
import { chainClients, differences, snapshot } from "../scenario/full-chain.js";
import { server } from "../setup.js";
import { createKonnectClient } from "../../src/index.js";
import { GUIDE_ENV, WITHOUT_UNWIRED, filled, seedGuide } from "./guide.js";

/** deploy as a fresh process would run it: new clients (maxAttempts 1 for the run that crashes, as the chain's walk does). */
function options(sandbox: ReturnType<typeof createSandbox>, maxAttempts?: number): DeployOptions {
  const clients = chainClients(maxAttempts);
  const konnect = createKonnectClient({ token: sandbox.token, env: {}, retry: { baseDelayMs: 1, maxDelayMs: 2 }, requestsPerMinute: 100_000 });
  return { konnect, aws: { secretsManager: clients.sm, route53: clients.route53, elastiCache: clients.elastiCache, lambda: clients.lambda }, wait: { intervalMs: 2 } };
}

/**
 * deploy of the guide's complete example (the operations this build has), crashed after every possible
 * number of writes k: the re-run converges to exactly the state of an uninterrupted deploy, with no
 * duplicate and no orphan, and a third run writes nothing.
 */
describe("deploy crashed after k writes, for every k", () => {
  it("converges on re-run to the uninterrupted deploy's state", { timeout: 180_000 }, async () => {
    const config: DeploymentConfig = await loadConfig(await filled("complete-aws-deployment.tfvars", WITHOUT_UNWIRED), { env: GUIDE_ENV });
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
