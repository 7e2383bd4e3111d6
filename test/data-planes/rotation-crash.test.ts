// A rotation interrupted after any of its writes never orphans a pinned certificate: dp-client-certificates
// carry no tags, so a pinned certificate is ours only while our tagged secret records it. The walk crashes
// a rotation run after k writes for every k, checks that every pinned certificate is recorded at that
// point, then that a re-run converges (each pinned certificate current or a still-valid replaced one),
// that a further run writes nothing, and that teardownDataPlanes removes every certificate of ours.
import { describe, expect, it } from "vitest";
import { provisionDataPlanes, teardownDataPlanes } from "../../src/index.js";
import { readCertificate } from "../../src/internal/cluster-certificate.js";
import { useSandbox } from "../use-sandbox.js";
import { dataPlaneSetup } from "./setup.js";

const { sandbox, konnect, secretsManager } = useSandbox();
const sm = secretsManager("us-east-1");
const DAY = 86_400_000;

// the writes the sandbox admitted (the ones failAfterWrites refused, and their retries, changed nothing)
const writes = () => sandbox.writes().filter((r) => r.fault === undefined).map((r) => `${r.service} ${r.operation}`);
const pinned = (cpId: string) => [...(sandbox.state.konnect.regions.us!.get(cpId)!.dataPlanes?.certificates.values() ?? [])] as Array<{ id: string; cert: string }>;
const sha = (pem: string) => readCertificate(pem)!.sha256;

/** The fingerprints the secret records: `cert`, `previousCert` and each certificate of the `retiredCerts` bundle. */
function recorded(name: string): { current: string; all: string[] } {
  const secret = sandbox.state.secretsManager.regions["us-east-1"]!.get(name)!;
  const value = JSON.parse(secret.versions.find((v) => v.stages.includes("AWSCURRENT"))!.secretString!) as { cert: string; previousCert?: string; retiredCerts?: string };
  const retired = value.retiredCerts?.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  return { current: sha(value.cert), all: [value.cert, ...(value.previousCert ? [value.previousCert] : []), ...retired].map(sha) };
}

// 90-day certificates renewed 60 days before expiry: a run every 31 days rotates every time, and a
// certificate replaced two rotations ago is still valid at the next one (so it moves to retiredCerts)
const certificate = { validityDays: 90, renewalWindowDays: 60 };
const ROTATION = [
  "secretsmanager PutSecretValue",
  "konnect POST /v2/control-planes/{controlPlaneId}/dp-client-certificates",
  "ecs RegisterTaskDefinition",
  "konnect DELETE /v2/control-planes/{controlPlaneId}/dp-client-certificates/{certificateId}",
];

/** The first certificate (c0) and its first rotation (c1), 31 days apart, then 31 more days: the third run is due. */
async function twoRuns() {
  const { options, controlPlane } = await dataPlaneSetup({ sandbox, konnect, sm }, { certificate });
  const name = `konnect-aws/data-planes/${controlPlane.id}/cluster-certificate`;
  const c0 = await provisionDataPlanes(options);
  sandbox.clock.advance(31 * DAY);
  const c1 = await provisionDataPlanes(options);
  sandbox.clock.advance(31 * DAY);
  return { options, controlPlane, name, c0, c1 };
}

describe("provisionDataPlanes: a rotation interrupted after any write", () => {
  it("records a still-pinned older certificate in retiredCerts instead of dropping it", async () => {
    const { options, controlPlane, name, c0, c1 } = await twoRuns();
    sandbox.clearRequests();
    const c2 = await provisionDataPlanes(options);
    // day 62: c0 (valid to day 90) and c1 (to day 121) both stay pinned, no DELETE
    expect(writes()).toEqual(ROTATION.slice(0, 3));
    expect(recorded(name).all).toEqual([c2.certificate.sha256, c1.certificate.sha256, c0.certificate.sha256]);
    expect(c2.previousCertificates.map((p) => p.id)).toEqual([c1.certificate.id, c0.certificate.id]);
    expect(c2.kept.map((k) => k.id)).toEqual([c1.certificate.id, c0.certificate.id]);
    expect(pinned(controlPlane.id!)).toHaveLength(3);
  });

  it.each([0, 1, 2, 3, 4])("after %i write(s): every pinned certificate stays recorded, a re-run converges, the teardown removes all", async (k) => {
    const { options, controlPlane, name, c0, c1 } = await twoRuns();
    const c2 = await provisionDataPlanes(options);
    // day 93: c2 (to day 152) is in its window; c0 expired on day 90 and is still pinned; c1 (to day 121) is valid.
    // The rotation writes the secret, pins c3, registers revision 4 and unpins c0: four writes
    sandbox.clock.advance(31 * DAY);
    sandbox.clearRequests();
    sandbox.faults.set({ failAfterWrites: k });
    const outcome = await provisionDataPlanes(options).catch((e: unknown) => e);
    sandbox.faults.clear();
    expect(writes()).toEqual(ROTATION.slice(0, k));
    if (k < ROTATION.length) expect(outcome).toMatchObject({ name: "ReconcileError" });
    else expect(outcome).toMatchObject({ certificate: { issued: true } });

    // at the crash point, every pinned certificate is recorded in our tagged secret
    const atCrash = recorded(name).all;
    for (const p of pinned(controlPlane.id!)) expect(atCrash).toContain(sha(p.cert));

    sandbox.clearRequests();
    const resumed = await provisionDataPlanes(options);
    // the re-run does what the interrupted run left (all four again when nothing was written)
    expect(writes()).toEqual(k === 0 ? ROTATION : ROTATION.slice(k));
    expect(resumed.certificate.issued).toBe(k === 0);
    const after = recorded(name);
    expect(resumed.certificate.sha256).toBe(after.current);
    // converged: the certificate in force and the replaced ones still valid are pinned, nothing else
    const still = [c2, c1].map((c) => c.certificate.id);
    expect(pinned(controlPlane.id!).map((p) => p.id).sort()).toEqual([resumed.certificate.id, ...still].sort());
    expect(resumed.previousCertificates.map((p) => p.id)).toEqual(still);
    for (const p of resumed.previousCertificates) expect(p.expiresAt.getTime()).toBeGreaterThan(sandbox.clock.now());
    for (const p of pinned(controlPlane.id!)) expect(after.all).toContain(sha(p.cert));
    expect(pinned(controlPlane.id!).map((p) => p.id)).not.toContain(c0.certificate.id);

    sandbox.clearRequests();
    await provisionDataPlanes(options);
    expect(sandbox.writes()).toEqual([]);

    // the teardown unpins every certificate of ours: current, previous and retired
    const down = await teardownDataPlanes({ ...options, forceDeleteWithoutRecovery: true });
    expect(down.changes.filter((c) => c.kind === "konnect.dp-client-certificate")).toHaveLength(3);
    expect(down.kept).toEqual([]);
    expect(pinned(controlPlane.id!)).toEqual([]);
    sandbox.clearRequests();
    expect((await teardownDataPlanes({ ...options, forceDeleteWithoutRecovery: true })).changes).toEqual([]);
    expect(sandbox.writes()).toEqual([]);
  });

  // Konnect failing after k unpins while AWS still answers: the secret must not go before every unpin
  it.each([0, 1, 2])("a teardown whose Konnect writes fail after %i unpin(s) leaves no certificate of ours pinned and unrecorded; run again, it removes the rest", async (k) => {
    const { options, controlPlane } = await dataPlaneSetup({ sandbox, konnect, sm }, { certificate });
    const name = `konnect-aws/data-planes/${controlPlane.id}/cluster-certificate`;
    // three rotations: the current certificate and two replaced ones still valid, all pinned
    for (let i = 0; i < 3; i++) {
      await provisionDataPlanes(options);
      sandbox.clock.advance(31 * DAY);
    }
    await provisionDataPlanes(options);
    expect(pinned(controlPlane.id!).length).toBeGreaterThanOrEqual(3);
    sandbox.faults.set({ failAfterWrites: k, services: ["konnect"] });
    await teardownDataPlanes({ ...options, forceDeleteWithoutRecovery: true }).catch(() => undefined);
    sandbox.faults.clear();
    // whatever was deleted, a certificate still pinned is still recorded by a secret that still exists
    const secret = sandbox.state.secretsManager.regions["us-east-1"]!.get(name);
    const left = pinned(controlPlane.id!);
    if (left.length) {
      expect(secret !== undefined && secret.deletedAt === undefined).toBe(true);
      for (const p of left) expect(recorded(name).all).toContain(sha(p.cert));
    }
    await teardownDataPlanes({ ...options, forceDeleteWithoutRecovery: true });
    expect(pinned(controlPlane.id!)).toEqual([]);
  });

  it("a crashed rotation's re-run, then the runs after each expiry: one DELETE each, no other write", async () => {
    const { options, controlPlane } = await dataPlaneSetup({ sandbox, konnect, sm }, { certificate });
    await provisionDataPlanes(options);
    sandbox.clock.advance(31 * DAY);
    const c1 = await provisionDataPlanes(options);
    sandbox.clock.advance(31 * DAY);
    sandbox.faults.set({ failAfterWrites: 1 });
    await expect(provisionDataPlanes(options)).rejects.toMatchObject({ name: "ReconcileError" });
    sandbox.faults.clear();
    const c2 = await provisionDataPlanes(options);
    expect(c2.previousCertificates.map((p) => p.expiresAt.getTime() - sandbox.clock.now())).toEqual([59 * DAY, 28 * DAY]);
    // day 91: the first certificate has expired
    sandbox.clock.advance(29 * DAY);
    sandbox.clearRequests();
    const a = await provisionDataPlanes(options);
    expect(writes()).toEqual([ROTATION[3]]);
    expect(a.previousCertificates.map((p) => p.id)).toEqual([c1.certificate.id]);
    // day 122: the second one has expired, and c2 (valid to day 152) is in its window: the rotation unpins c1 last
    sandbox.clock.advance(31 * DAY);
    sandbox.clearRequests();
    const b = await provisionDataPlanes(options);
    expect(writes()).toEqual(ROTATION);
    expect(b.changes.find((c) => c.action === "delete")).toMatchObject({ id: c1.certificate.id });
    expect(pinned(controlPlane.id!).map((p) => p.id).sort()).toEqual([b.certificate.id, c2.certificate.id].sort());
  });
});
