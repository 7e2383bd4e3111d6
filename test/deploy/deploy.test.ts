import { describe, expect, it } from "vitest";
import { ConfigError, deploy, destroy, loadConfig, plan, type DeployOptions } from "../../src/index.js";
import { chainClients, differences, snapshot } from "../scenario/full-chain.js";
import { useSandbox } from "../use-sandbox.js";
import { GUIDE_ENV, WITHOUT_UNWIRED, filled, seedGuide } from "./guide.js";

const { sandbox, konnect } = useSandbox();
const clients = chainClients();
const options: DeployOptions = { konnect, aws: { secretsManager: clients.sm, route53: clients.route53, elastiCache: clients.elastiCache, lambda: clients.lambda } };
const brief = (cs: Array<{ step: string; action: string; kind: string; key: string }>) => cs.map((c) => `${c.step} ${c.action} ${c.kind} ${c.key}`);

describe("deploy the guide's complete example", () => {
  it("plan equals deploy's dry run, deploy converges, a re-deploy writes nothing, destroy gives back the starting state", { timeout: 60_000 }, async () => {
    seedGuide(sandbox);
    const before = snapshot(sandbox);
    const config = await loadConfig(await filled("complete-aws-deployment.tfvars", WITHOUT_UNWIRED), { env: GUIDE_ENV });
    sandbox.clearRequests();
    const planned = await plan(config, options);
    expect(sandbox.writes()).toEqual([]);
    const dry = await deploy(config, { ...options, dryRun: true });
    expect(dry).toEqual(planned);
    expect(planned.summary.create).toBeGreaterThan(5);

    const applied = await deploy(config, options);
    expect(brief(applied.changes)).toEqual(brief(planned.changes));
    expect(applied.summary).toEqual(planned.summary);

    sandbox.clearRequests();
    const again = await deploy(config, options);
    expect(sandbox.writes()).toEqual([]);
    expect(again.summary).toMatchObject({ create: 0, update: 0, delete: 0 });

    const preview = await destroy(config, { ...options, dryRun: true, forceDeleteWithoutRecovery: true });
    expect(sandbox.writes()).toEqual([]);
    const destroyed = await destroy(config, { ...options, forceDeleteWithoutRecovery: true });
    // the same deletes (their order within a step follows the writes)
    expect(brief(destroyed.changes).sort()).toEqual(brief(preview.changes).sort());
    expect(preview.kept).toEqual([]);
    expect(destroyed.kept).toEqual([]);
    expect(differences(before, snapshot(sandbox))).toEqual([]);
    sandbox.clearRequests();
    const twice = await destroy(config, { ...options, forceDeleteWithoutRecovery: true });
    expect(twice.changes).toEqual([]);
    expect(sandbox.writes()).toEqual([]);
  });
});
