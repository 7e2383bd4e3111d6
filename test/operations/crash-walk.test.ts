import { describe, expect, it } from "vitest";
import { createSandbox } from "../../src/testing/index.js";
import { differences, runChain, seedChain, snapshot } from "../scenario/full-chain.js";
import { server } from "../setup.js";

/**
 * A crash after every possible number of writes k of the guide's whole chain (control plane, vault and
 * secrets, ElastiCache rate limiting, Cognito jwt, Lambda, multi-region): the re-run converges to exactly the
 * state of an uninterrupted run, with no duplicate and no orphan.
 */
describe("crash after k writes, for every k of the whole chain", () => {
  it("converges on re-run to the uninterrupted run's state", { timeout: 180_000 }, async () => {
    const fresh = () => {
      const sandbox = createSandbox({ seed: 11 });
      server.resetHandlers(...sandbox.handlers);
      seedChain(sandbox);
      return sandbox;
    };
    const reference = fresh();
    await runChain(reference);
    const expected = snapshot(reference);
    const total = reference.writes().length;
    expect(total).toBeGreaterThan(15);

    const failures: string[] = [];
    for (let k = 0; k < total; k++) {
      const sandbox = fresh();
      sandbox.faults.set({ failAfterWrites: k });
      const crashed = await runChain(sandbox, { maxAttempts: 1 }).then(
        () => false,
        () => true,
      );
      sandbox.faults.clear();
      if (!crashed) failures.push(`k=${k}: did not crash`);
      await runChain(sandbox);
      const got = snapshot(sandbox);
      if (JSON.stringify(got) !== JSON.stringify(expected)) failures.push(`k=${k}: ${differences(expected, got).join("; ")}`);
      // and a third run writes nothing
      sandbox.clearRequests();
      await runChain(sandbox);
      if (sandbox.writes().length) failures.push(`k=${k}: third run wrote ${sandbox.writes().map((w) => w.operation).join(", ")}`);
    }
    expect(failures).toEqual([]);
  });
});
