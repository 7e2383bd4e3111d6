import { describe, expect, it } from "vitest";
import { DataPlanesNotReadyError, ensureControlPlane, listDataPlanes, waitForDataPlanes } from "../../src/index.js";
import { useSandbox } from "../use-sandbox.js";

const { sandbox, konnect } = useSandbox();

async function controlPlane() {
  const { controlPlane } = await ensureControlPlane({ konnect, name: "payments-prod" });
  sandbox.clearRequests();
  return controlPlane.id!;
}

const now = () => sandbox.clock.now();
const noSleep = async () => {};

describe("listDataPlanes", () => {
  it("lists the nodes with version, last heartbeat and whether they run the expected config", async () => {
    const controlPlaneId = await controlPlane();
    const a = sandbox.connectDataPlane({ controlPlaneId, version: "3.14.0.0", hostname: "dp-a" });
    const b = sandbox.connectDataPlane({ controlPlaneId, version: "3.13.0.1", hostname: "dp-b", inSync: false });
    const { dataPlanes, expectedConfigHash } = await listDataPlanes({ konnect, controlPlaneId, now });
    expect(expectedConfigHash).toMatch(/^[0-9a-f]{32}$/);
    expect(dataPlanes).toEqual([
      { id: a, hostname: "dp-a", version: "3.14.0.0", lastSeen: new Date(now()), configHash: expectedConfigHash, connected: true, inSync: true },
      { id: b, hostname: "dp-b", version: "3.13.0.1", lastSeen: new Date(now()), configHash: expect.not.stringMatching(expectedConfigHash) as string, connected: true, inSync: false },
    ]);
    expect(sandbox.writes()).toEqual([]);
  });

  it("follows the pages of /nodes", async () => {
    const controlPlaneId = await controlPlane();
    for (let i = 0; i < 105; i++) sandbox.connectDataPlane({ controlPlaneId });
    sandbox.clearRequests();
    const { dataPlanes } = await listDataPlanes({ konnect, controlPlaneId, now });
    expect(new Set(dataPlanes.map((d) => d.id)).size).toBe(105);
    expect(sandbox.requests.filter((r) => r.operation.endsWith("/nodes"))).toHaveLength(2);
  });

  it("a node whose heartbeat stopped is no longer connected", async () => {
    const controlPlaneId = await controlPlane();
    const id = sandbox.connectDataPlane({ controlPlaneId });
    sandbox.stopDataPlane(id);
    sandbox.clock.advance(120_000);
    const { dataPlanes } = await listDataPlanes({ konnect, controlPlaneId, now });
    expect(dataPlanes[0]).toMatchObject({ id, connected: false, inSync: true });
  });

  it("the expected config hash moves with the control plane's configuration", async () => {
    const controlPlaneId = await controlPlane();
    const before = (await listDataPlanes({ konnect, controlPlaneId, now })).expectedConfigHash;
    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/services", { params: { path: { controlPlaneId } }, body: { name: "orders", host: "orders.internal" } });
    const after = (await listDataPlanes({ konnect, controlPlaneId, now })).expectedConfigHash;
    expect(after).not.toBe(before);
  });
});

describe("waitForDataPlanes", () => {
  it("waits until the data planes are connected and in sync", async () => {
    const controlPlaneId = await controlPlane();
    sandbox.connectDataPlane({ controlPlaneId, version: "3.14.0.0", inSync: 60_000 });
    sandbox.connectDataPlane({ controlPlaneId, version: "3.14.0.0", inSync: 30_000 });
    const events: string[] = [];
    const res = await waitForDataPlanes({ konnect, controlPlaneId, count: 2, version: "3.14", now, sleep: noSleep, intervalMs: 5_000, onEvent: (e) => events.push(e.message ?? "") });
    expect(res.dataPlanes.every((d) => d.connected && d.inSync)).toBe(true);
    // the sandbox clock moved toward the nodes' catch-up while the waiter polled (autoAdvance)
    expect(events.length).toBeGreaterThan(0);
    expect(res.waitedMs).toBe(events.length * 5_000);
  });

  it("gives up with DataPlanesNotReadyError saying what it saw", async () => {
    const controlPlaneId = await controlPlane();
    const id = sandbox.connectDataPlane({ controlPlaneId, inSync: false });
    const error = (await waitForDataPlanes({ konnect, controlPlaneId, now, sleep: noSleep, timeoutMs: 30_000, intervalMs: 10_000 }).catch((e: unknown) => e)) as DataPlanesNotReadyError;
    expect(error).toBeInstanceOf(DataPlanesNotReadyError);
    expect(error).toMatchObject({ ready: 0, expected: 1, dataPlanes: [{ id, connected: true, inSync: false }] });
    expect(error.message).toBe("0 of 1 data plane(s) connected and in sync after 30 s");
  });

  it("does not count nodes of another Kong version", async () => {
    const controlPlaneId = await controlPlane();
    sandbox.connectDataPlane({ controlPlaneId, version: "3.13.0.0" });
    await expect(waitForDataPlanes({ konnect, controlPlaneId, version: "3.14", now, sleep: noSleep, timeoutMs: 0 })).rejects.toBeInstanceOf(DataPlanesNotReadyError);
  });
});
