import { describe, expect, it } from "vitest";
import { attachLambda, configureCognitoJwt, enableAwsVault, ensureControlPlane, secret } from "../../src/index.js";
import { lambda } from "../sandbox/aws-clients.js";
import { useSandbox } from "../use-sandbox.js";

const { sandbox, konnect, secretsManager } = useSandbox();

/** Konnect's answers in the log: a conflict shows as 409 (platform) or 400 (core entities). */
const conflicts = () => sandbox.requests.filter((r) => r.service === "konnect" && (r.status === 409 || r.status === 400));

describe("two identical runs racing on one control plane both succeed", () => {
  it("ensureControlPlane: the loser of the name race reads the winner's control plane", async () => {
    const [a, b] = await Promise.all([ensureControlPlane({ konnect, name: "race" }), ensureControlPlane({ konnect, name: "race" })]);
    expect(a.controlPlane.id).toBe(b.controlPlane.id);
    expect(sandbox.state.konnect.regions.us!.size).toBe(1);
    expect(conflicts().map((r) => r.status)).toEqual([409]);
  });

  it("enableAwsVault: one vault, one secret per name, and both runs return the same references", async () => {
    const { controlPlane } = await ensureControlPlane({ konnect, name: "race-vault" });
    const options = { konnect, controlPlaneId: controlPlane.id!, region: "us-east-1", secrets: { "race/one": secret("v1") }, secretsManager: secretsManager("us-east-1") };
    sandbox.clearRequests();
    const [a, b] = await Promise.all([enableAwsVault(options), enableAwsVault(options)]);
    expect(a.references).toEqual(b.references);
    expect(a.vault.id).toBe(b.vault.id);
    expect(sandbox.state.konnect.regions.us!.get(controlPlane.id!)!.entities.vaults.size).toBe(1);
    expect(conflicts().length).toBeGreaterThanOrEqual(1);
  });

  it("attachLambda and configureCognitoJwt: one plugin each", async () => {
    const { controlPlane } = await ensureControlPlane({ konnect, name: "race-plugins" });
    const controlPlaneId = controlPlane.id!;
    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/routes", { params: { path: { controlPlaneId } }, body: { name: "orders", paths: ["/orders"] } });
    sandbox.seedLambdaFunction({ name: "orders-handler", region: "us-east-1", timeout: 15 });
    const fn = { konnect, controlPlaneId, functionName: "arn:aws:lambda:us-east-1:123456789012:function:orders-handler", routeId: "orders", lambda: lambda("us-east-1") };
    await Promise.all([attachLambda(fn), attachLambda(fn)]);
    const jwt = { konnect, controlPlaneId, userPoolId: "us-east-1_AbCdEf123", mode: "jwt" as const };
    await Promise.all([configureCognitoJwt(jwt), configureCognitoJwt(jwt)]);
    const plugins = [...sandbox.state.konnect.regions.us!.get(controlPlaneId)!.entities.plugins.values()].map((p) => p.name).sort();
    expect(plugins).toEqual(["aws-lambda", "jwt"]);
    expect(sandbox.state.konnect.regions.us!.get(controlPlaneId)!.entities.consumers.size).toBe(1);
  });
});
