import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { ConfigError, ensureControlPlane } from "../../src/index.js";
import { server } from "../setup.js";
import { useSandbox, writeOps } from "../use-sandbox.js";

const { sandbox, konnect } = useSandbox();
const costTags = { ManagedBy: "platform-team", Environment: "prod", Project: "payments", CostCenter: "cc-1234", Owner: "alice" };

describe("ensureControlPlane", () => {
  it("creates the control plane with cost tags as labels, then makes zero writes on a second run", async () => {
    const first = await ensureControlPlane({ konnect, name: "payments-prod", description: "Payments", costTags });
    expect(first.changes).toMatchObject([{ action: "create", kind: "konnect.control-plane", key: "payments-prod" }]);
    expect(first.controlPlane.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.changes[0]!.id).toBe(first.controlPlane.id);
    expect(first.controlPlane.controlPlaneEndpoint).toMatch(/^https:\/\/.+\.cp0\.konghq\.com$/);
    expect(first.controlPlane.telemetryEndpoint).toMatch(/^https:\/\/.+\.tp0\.konghq\.com$/);
    expect(first.controlPlane.labels).toEqual({ ...costTags, "managed-by": "konnect-aws" });
    expect(writeOps(sandbox)).toEqual(["POST /v2/control-planes"]);

    sandbox.clearRequests();
    const second = await ensureControlPlane({ konnect, name: "payments-prod", description: "Payments", costTags });
    expect(second.changes).toEqual([{ action: "noop", kind: "konnect.control-plane", key: "payments-prod", id: first.controlPlane.id, diff: [] }]);
    expect(sandbox.writes()).toEqual([]);
    expect(sandbox.requests.map((r) => r.operation)).toEqual(["GET /v2/control-planes"]); // one list call
  });

  it("updates exactly what changed, keeping labels set by others", async () => {
    const { controlPlane } = await ensureControlPlane({ konnect, name: "cp-1", costTags });
    sandbox.state.konnect.regions.us!.get(controlPlane.id!)!.controlPlane.labels = { ...controlPlane.labels, team: "other" };
    sandbox.clearRequests();
    const res = await ensureControlPlane({ konnect, name: "cp-1", costTags: { ...costTags, Environment: "staging" } });
    expect(res.changes).toEqual([{ action: "update", kind: "konnect.control-plane", key: "cp-1", id: controlPlane.id, diff: [{ path: "labels.Environment", before: "prod", after: "staging" }] }]);
    expect(writeOps(sandbox)).toEqual(["PATCH /v2/control-planes/{controlPlaneId}"]);
    expect(sandbox.state.konnect.regions.us!.get(controlPlane.id!)!.controlPlane.labels).toMatchObject({ team: "other", Environment: "staging" });
  });

  it("dry run writes nothing and returns the changes the real run then makes", async () => {
    const plan = await ensureControlPlane({ konnect, name: "cp-dry", costTags, dryRun: true });
    expect(sandbox.writes()).toEqual([]);
    expect(plan.changes[0]).toMatchObject({ action: "create", pending: true });
    expect(plan.controlPlane.id).toBeUndefined();
    const real = await ensureControlPlane({ konnect, name: "cp-dry", costTags });
    const strip = (c: (typeof real.changes)[number]) => ({ action: c.action, kind: c.kind, key: c.key, diff: c.diff });
    expect(real.changes.map(strip)).toEqual(plan.changes.map(strip));
  });

  it("refuses to touch an unmarked control plane unless adopt is set", async () => {
    await konnect.api.POST("/v2/control-planes", { body: { name: "legacy" } });
    sandbox.clearRequests();
    await expect(ensureControlPlane({ konnect, name: "legacy" })).rejects.toMatchObject({ name: "ConfigError", field: "name" });
    expect(sandbox.writes()).toEqual([]);
    const adopted = await ensureControlPlane({ konnect, name: "legacy", adopt: true });
    expect(adopted.changes[0]).toMatchObject({ action: "update", adopted: true, diff: [{ path: "labels.managed-by", after: "konnect-aws" }] });
  });

  it("refuses to change an immutable cluster type", async () => {
    await ensureControlPlane({ konnect, name: "cp-k8s", clusterType: "CLUSTER_TYPE_K8S_INGRESS_CONTROLLER" });
    await expect(ensureControlPlane({ konnect, name: "cp-k8s", clusterType: "CLUSTER_TYPE_CONTROL_PLANE" })).rejects.toMatchObject({ field: "clusterType" });
  });

  it("refuses an unmarked control plane for its ownership before its fixed fields; with adopt, for the fixed field", async () => {
    await konnect.api.POST("/v2/control-planes", { body: { name: "legacy-k8s", cluster_type: "CLUSTER_TYPE_K8S_INGRESS_CONTROLLER" } });
    sandbox.clearRequests();
    await expect(ensureControlPlane({ konnect, name: "legacy-k8s", clusterType: "CLUSTER_TYPE_CONTROL_PLANE" })).rejects.toMatchObject({ field: "name" });
    await expect(ensureControlPlane({ konnect, name: "legacy-k8s", clusterType: "CLUSTER_TYPE_CONTROL_PLANE", adopt: true })).rejects.toMatchObject({ field: "clusterType" });
    await expect(ensureControlPlane({ konnect, name: "legacy-k8s", cloudGateway: true, adopt: true })).rejects.toMatchObject({ field: "cloudGateway" });
    expect(sandbox.writes()).toEqual([]);
  });

  it.each([
    [{ name: "x" }, "name"],
    [{ name: "ok-name", clusterType: "CLUSTER_TYPE_HYBRID" as never }, "clusterType"],
    [{ name: "ok-name", costTags: { Owner: "Platform Team" } }, "costTags.Owner"],
    [{ name: "ok-name", labels: { "kong-owner": "x" } }, "labels.kong-owner"],
    [{ name: "ok-name", labels: { ["k".repeat(64)]: "x" } }, `labels.${"k".repeat(64)}`],
    [{ name: "ok-name", labels: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`l${i}`, "v"])) }, "labels"],
  ])("bad input %# -> ConfigError naming %s, with zero requests", async (input, field) => {
    const fetch = vi.spyOn(globalThis, "fetch");
    const error = await ensureControlPlane({ konnect, ...input }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe(field);
    expect(sandbox.requests).toEqual([]);
    expect(fetch).not.toHaveBeenCalled();
    fetch.mockRestore();
  });
});

describe("ensureControlPlane when the create's answer is lost", () => {
  const url = "https://us.api.konghq.com/v2/control-planes";
  it("reads back a control plane the failed POST did create, instead of failing or creating a second", async () => {
    server.use(
      http.post(url, async ({ request }) => {
        await fetch(request.clone()); // the server creates it ...
        return HttpResponse.json({ status: 502, title: "Bad Gateway" }, { status: 502 }); // ... but the answer is lost
      }, { once: true }),
    );
    const res = await ensureControlPlane({ konnect, name: "lost-answer" });
    expect(res.controlPlane.id).toBeDefined();
    expect(sandbox.state.konnect.regions.us!.size).toBe(1);
    expect(res.changes[0]).toMatchObject({ action: "create", id: res.controlPlane.id });
  });

  it("fails, without sending it again, when the read-back finds a control plane of that name that is not ours", async () => {
    server.use(
      http.post(url, async () => {
        await konnect.api.POST("/v2/control-planes", { body: { name: "taken-meanwhile" } }); // someone else's, no label
        return HttpResponse.json({ status: 503, title: "Service Unavailable" }, { status: 503 });
      }, { once: true }),
    );
    await expect(ensureControlPlane({ konnect, name: "taken-meanwhile" })).rejects.toMatchObject({ name: "ReconcileError", cause: { status: 503 } });
    expect(sandbox.state.konnect.regions.us!.size).toBe(1);
  });

  it("sends the POST again when the read-back finds nothing", async () => {
    server.use(http.post(url, () => HttpResponse.json({ status: 500, title: "Internal Server Error" }, { status: 500 }), { once: true }));
    const res = await ensureControlPlane({ konnect, name: "not-created" });
    expect(sandbox.state.konnect.regions.us!.size).toBe(1);
    expect(res.controlPlane.name).toBe("not-created");
  });
});
