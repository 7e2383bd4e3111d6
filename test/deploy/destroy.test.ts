import { describe, expect, it } from "vitest";
import { deploy, destroy, loadConfig, type DeployOptions } from "../../src/index.js";
import { chainClients } from "../scenario/full-chain.js";
import { useSandbox, writeOps } from "../use-sandbox.js";
import { GUIDE_ENV, filled, seedGuide } from "./guide.js";

const { sandbox, konnect } = useSandbox();
const clients = chainClients();
const options: DeployOptions = { konnect, aws: { secretsManager: clients.sm, route53: clients.route53, elastiCache: clients.elastiCache, lambda: clients.lambda }, wait: { intervalMs: 2 } };

describe("destroy", () => {
  it("schedules secrets for deletion with the 30-day recovery window by default, and a re-deploy restores them", async () => {
    seedGuide(sandbox);
    const config = await loadConfig(await filled("quick-start-3-elasticache.tfvars"), { env: GUIDE_ENV });
    await deploy(config, options);
    sandbox.clearRequests();
    await destroy(config, options);
    const secret = sandbox.state.secretsManager.regions["us-east-1"]!.get("konnect-aws/redis/master.prod.abc123.use1.cache.amazonaws.com")!;
    expect(secret.deletedAt).toBeDefined();
    // still there, scheduled: a forced delete would have removed it at once
    expect(writeOps(sandbox, "secretsmanager")).toContain("DeleteSecret");
    const back = await deploy(config, options);
    expect(back.changes.find((c) => c.kind === "aws.secret")!.diff).toContainEqual({ path: "deleted", before: true, after: false });
    expect(sandbox.state.secretsManager.regions["us-east-1"]!.get("konnect-aws/redis/master.prod.abc123.use1.cache.amazonaws.com")!.deletedAt).toBeUndefined();
  });

  it("finds the AWS objects of a deployment whose control plane is gone, and removes them", async () => {
    seedGuide(sandbox);
    const config = await loadConfig(await filled("quick-start-1-basic.tfvars"), { env: GUIDE_ENV });
    const { steps } = await deploy(config, options);
    // the control plane deleted by hand (with the vault entity in it): the secret is left in Secrets Manager
    const id = (steps[0]!.outputs.controlPlane as { id: string }).id;
    await konnect.api.DELETE("/v2/control-planes/{controlPlaneId}", { params: { path: { controlPlaneId: id } } });
    sandbox.clearRequests();
    const preview = await destroy(config, { ...options, dryRun: true, forceDeleteWithoutRecovery: true });
    expect(preview.changes.map((c) => [c.step, c.action, c.kind, c.key])).toEqual([["vault", "delete", "aws.secret", "kong/api-key"]]);
    const result = await destroy(config, { ...options, forceDeleteWithoutRecovery: true });
    expect(result.changes.map((c) => [c.step, c.action, c.kind, c.key])).toEqual([["vault", "delete", "aws.secret", "kong/api-key"]]);
    expect(writeOps(sandbox)).toEqual(["DeleteSecret"]);
    expect(sandbox.state.secretsManager.regions["us-east-1"]!.get("kong/api-key")).toBeUndefined();
    expect(JSON.stringify(result)).not.toContain("00000000-0000-4000-8000-000000000000");
  });
});
