import { describe, expect, it } from "vitest";
import { configureCognitoJwt, deleteControlPlane, enableAwsVault, ensureControlPlane, secret } from "../../src/index.js";
import { useSandbox, writeOps } from "../use-sandbox.js";

const { sandbox, konnect, secretsManager } = useSandbox();
const costTags = { Environment: "prod", Project: "payments" };

/** Every control plane of every region, with its entities. */
const state = () =>
  JSON.stringify(
    Object.entries(sandbox.state.konnect.regions).map(([region, planes]) => [
      region,
      [...planes.values()].map((r) => ({ controlPlane: r.controlPlane, entities: Object.fromEntries(Object.entries(r.entities).map(([k, m]) => [k, [...m.values()]])) })),
    ]),
  );

describe("deleteControlPlane", () => {
  it("removes exactly what ensureControlPlane created: apply then teardown gives back the starting state", async () => {
    await konnect.api.POST("/v2/control-planes", { body: { name: "someone-elses" } });
    const before = state();
    const { controlPlane } = await ensureControlPlane({ konnect, name: "payments-prod", costTags });
    sandbox.clearRequests();
    const res = await deleteControlPlane({ konnect, name: "payments-prod", costTags });
    expect(res.changes).toEqual([
      { action: "delete", kind: "konnect.control-plane", key: "payments-prod", id: controlPlane.id, diff: [{ path: "name", before: "payments-prod" }, { path: "cluster_type", before: "CLUSTER_TYPE_CONTROL_PLANE" }] },
    ]);
    expect(res.kept).toEqual([]);
    expect(writeOps(sandbox)).toEqual(["DELETE /v2/control-planes/{controlPlaneId}"]);
    expect(state()).toBe(before);
  });

  it("twice: the second run makes no write", async () => {
    await ensureControlPlane({ konnect, name: "cp-twice" });
    await deleteControlPlane({ konnect, name: "cp-twice" });
    sandbox.clearRequests();
    const again = await deleteControlPlane({ konnect, name: "cp-twice" });
    expect(again).toEqual({ changes: [], kept: [] });
    expect(sandbox.writes()).toEqual([]);
    expect(sandbox.requests.map((r) => r.operation)).toEqual(["GET /v2/control-planes"]);
  });

  it("a dry run writes nothing and lists the delete", async () => {
    const { controlPlane } = await ensureControlPlane({ konnect, name: "cp-dry" });
    const before = state();
    sandbox.clearRequests();
    const plan = await deleteControlPlane({ konnect, name: "cp-dry", dryRun: true });
    expect(plan.changes).toMatchObject([{ action: "delete", kind: "konnect.control-plane", key: "cp-dry", id: controlPlane.id }]);
    expect(sandbox.writes()).toEqual([]);
    expect(state()).toBe(before);
    // the real run then makes that very change
    const real = await deleteControlPlane({ konnect, name: "cp-dry" });
    expect(real.changes).toEqual(plan.changes);
  });

  it("keeps a hand-made control plane of the same name (no label) and lists it; adopt deletes it", async () => {
    const { data: theirs } = await konnect.api.POST("/v2/control-planes", { body: { name: "legacy", labels: { team: "other" } } });
    const before = state();
    sandbox.clearRequests();
    const res = await deleteControlPlane({ konnect, name: "legacy" });
    expect(sandbox.writes()).toEqual([]);
    expect(state()).toBe(before);
    expect(res.changes).toEqual([]);
    expect(res.kept).toEqual([{ kind: "konnect.control-plane", key: "legacy", id: theirs!.id, reason: "it lacks the managed-by=konnect-aws label: konnect-aws did not create it" }]);
    // adopt: taken over, so deleted
    const adopted = await deleteControlPlane({ konnect, name: "legacy", adopt: true });
    expect(adopted.changes.map((c) => c.action)).toEqual(["delete"]);
    expect(sandbox.state.konnect.regions.us!.size).toBe(0);
  });

  it("keeps the control plane while it holds a hand-made route, and deletes it once the route is gone", async () => {
    const { controlPlane } = await ensureControlPlane({ konnect, name: "cp-route" });
    const controlPlaneId = controlPlane.id!;
    const { data: route } = await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/routes", { params: { path: { controlPlaneId } }, body: { name: "orders", paths: ["/orders"] } });
    sandbox.clearRequests();
    const res = await deleteControlPlane({ konnect, name: "cp-route" });
    expect(sandbox.writes()).toEqual([]);
    expect(res.changes).toEqual([]);
    expect(res.kept).toEqual([{ kind: "konnect.control-plane", key: "cp-route", id: controlPlaneId, reason: "holds 1 object konnect-aws did not create (1 route); remove them or pass adopt" }]);
    expect(sandbox.state.konnect.regions.us!.get(controlPlaneId)!.entities.routes.size).toBe(1);

    await konnect.api.DELETE("/v2/control-planes/{controlPlaneId}/core-entities/routes/{RouteId}", { params: { path: { controlPlaneId, RouteId: route!.id! } } });
    const rest = await deleteControlPlane({ konnect, name: "cp-route" });
    expect(rest.changes.map((c) => `${c.action} ${c.kind} ${c.key}`)).toEqual(["delete konnect.control-plane cp-route"]);
    expect(rest.kept).toEqual([]);
  });

  it("with adopt, deletes a control plane that holds objects of others", async () => {
    const { controlPlane } = await ensureControlPlane({ konnect, name: "cp-adopt" });
    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/services", { params: { path: { controlPlaneId: controlPlane.id! } }, body: { name: "orders", host: "orders.internal" } });
    const res = await deleteControlPlane({ konnect, name: "cp-adopt", adopt: true });
    expect(res.changes.map((c) => c.action)).toEqual(["delete"]);
    expect(sandbox.state.konnect.regions.us!.size).toBe(0);
  });

  it("counts only untagged entities: what the other operations created does not keep it", async () => {
    const { controlPlane } = await ensureControlPlane({ konnect, name: "cp-vault" });
    const controlPlaneId = controlPlane.id!;
    await enableAwsVault({ konnect, controlPlaneId, region: "us-east-1", secrets: { "app/one": secret("v1") }, secretsManager: secretsManager("us-east-1") });
    // a hand-made service and plugin next to the tagged vault
    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/services", { params: { path: { controlPlaneId } }, body: { name: "orders", host: "orders.internal" } });
    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", { params: { path: { controlPlaneId } }, body: { name: "cors", config: {} } });
    const res = await deleteControlPlane({ konnect, name: "cp-vault" });
    expect(res.kept.map((k) => k.reason)).toEqual(["holds 2 objects konnect-aws did not create (1 service, 1 plugin); remove them or pass adopt"]);
  });

  it("counts a hand-made credential on a consumer konnect-aws created", async () => {
    const { controlPlane } = await ensureControlPlane({ konnect, name: "cp-jwt" });
    const controlPlaneId = controlPlane.id!;
    const { consumer } = await configureCognitoJwt({ konnect, controlPlaneId, userPoolId: "us-east-1_AbCdEf123", mode: "jwt" });
    expect((await deleteControlPlane({ konnect, name: "cp-jwt", dryRun: true })).kept).toEqual([]);
    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/consumers/{ConsumerIdForNestedEntities}/jwt", {
      params: { path: { controlPlaneId, ConsumerIdForNestedEntities: consumer!.id! } },
      body: { key: "hand-made", algorithm: "HS256", secret: "s3cret-s3cret-s3cret-s3cret-s3cret" },
    });
    const res = await deleteControlPlane({ konnect, name: "cp-jwt" });
    expect(res.changes).toEqual([]);
    expect(res.kept.map((k) => k.reason)).toEqual(["holds 1 object konnect-aws did not create (1 jwt credential); remove them or pass adopt"]);
  });

  it("refuses bad options before any request", async () => {
    for (const bad of [{ name: "x" }, { name: "ok-name", recoveryWindowInDays: 3 }, { name: "ok-name", adopt: "yes" as never }]) {
      await expect(deleteControlPlane({ konnect, ...bad })).rejects.toMatchObject({ name: "ConfigError" });
    }
    expect(sandbox.requests).toEqual([]);
  });
});
