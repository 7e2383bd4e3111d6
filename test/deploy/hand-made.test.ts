import { CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "vitest";
import { deploy, destroy, loadConfig, type DeployOptions } from "../../src/index.js";
import { chainClients } from "../scenario/full-chain.js";
import { useSandbox } from "../use-sandbox.js";
import { GUIDE_ENV, filled, seedGuide } from "./guide.js";

const { sandbox, konnect } = useSandbox();
const clients = chainClients();
const options: DeployOptions = { konnect, aws: { secretsManager: clients.sm, route53: clients.route53, elastiCache: clients.elastiCache, lambda: clients.lambda }, wait: { intervalMs: 2 } };

describe("destroy next to hand-made objects", () => {
  it("deletes none of them: a vault, a plugin, a record and a secret without our marks stay, and the control plane holding them is kept", { timeout: 30_000 }, async () => {
    seedGuide(sandbox);
    const config = await loadConfig(await filled("quick-start-2-multi-region.tfvars"), { env: GUIDE_ENV });
    const { steps } = await deploy(config, options);
    const controlPlaneId = (steps[0]!.outputs.controlPlane as { id: string }).id;
    const path = { params: { path: { controlPlaneId } } };
    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/vaults", { ...path, body: { name: "env", prefix: "hand-env", config: { prefix: "HAND_" } } });
    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", { ...path, body: { name: "cors", config: { origins: ["https://shop.example.com"] } } });
    await clients.sm("us-east-1").send(new CreateSecretCommand({ Name: "hand/secret", SecretString: "theirs" }));
    const zone = [...sandbox.state.route53.hostedZones.values()][0]!;
    zone.records.push({ Name: "www.example.com.", Type: "CNAME", TTL: 60, ResourceRecords: [{ Value: "shop.example.net." }] });

    const result = await destroy(config, { ...options, forceDeleteWithoutRecovery: true });
    const entities = sandbox.state.konnect.regions.us!.get(controlPlaneId)!.entities;
    expect([...entities.vaults.values()].map((v) => v.prefix)).toEqual(["hand-env"]);
    expect([...entities.plugins.values()].map((p) => p.name)).toEqual(["cors"]);
    expect(zone.records.filter((r) => r.Name === "www.example.com.")).toHaveLength(1);
    expect(zone.records.filter((r) => r.Name === "api.example.com.")).toHaveLength(0);
    const secrets = sandbox.state.secretsManager.regions["us-east-1"]!;
    expect(secrets.get("hand/secret")?.deletedAt).toBeUndefined();
    expect(secrets.get("kong/api-key")).toBeUndefined();
    expect(result.kept.map((k) => [k.step, k.kind, k.key])).toEqual([["control-plane", "konnect.control-plane", "guide-multi"]]);
    expect(result.kept[0]!.reason).toMatch(/vault|plugin|entit/);
    // and a second destroy writes nothing
    sandbox.clearRequests();
    await destroy(config, { ...options, forceDeleteWithoutRecovery: true });
    expect(sandbox.writes()).toEqual([]);
  });
});
