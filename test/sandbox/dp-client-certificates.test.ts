// The Konnect fake's pinned data-plane certificates: only a PEM certificate is pinned, answers carry
// `{item}` / `{items, page}` as control-planes-config.v2.yaml documents, and a missing one is a 404.
import { describe, expect, it } from "vitest";
import { ensureControlPlane, KonnectBadRequestError, KonnectNotFoundError } from "../../src/index.js";
import { generateClusterCertificate } from "../../src/internal/cluster-certificate.js";
import { useSandbox } from "../use-sandbox.js";

const { sandbox, konnect } = useSandbox();
const path = "/v2/control-planes/{controlPlaneId}/dp-client-certificates" as const;

describe("Konnect fake: dp-client-certificates", () => {
  it("pins, lists, gets and deletes a certificate", async () => {
    const { controlPlane } = await ensureControlPlane({ konnect, name: "payments-prod" });
    const controlPlaneId = controlPlane.id!;
    const { cert } = await generateClusterCertificate({ commonName: "kong_clustering", validityDays: 30, now: sandbox.clock.now() });
    const { data: created } = await konnect.api.POST(path, { params: { path: { controlPlaneId } }, body: { cert, title: "dp" } });
    expect(created?.item).toMatchObject({ cert, title: "dp", created_at: sandbox.clock.now() / 1000 });
    const { data: list } = await konnect.api.GET(path, { params: { path: { controlPlaneId } } });
    expect(list).toEqual({ items: [created!.item], page: { total_count: 1 } });
    const certificateId = created!.item!.id!;
    const { data: one } = await konnect.api.GET(`${path}/{certificateId}`, { params: { path: { controlPlaneId, certificateId } } });
    expect(one?.item?.id).toBe(certificateId);
    await konnect.api.DELETE(`${path}/{certificateId}`, { params: { path: { controlPlaneId, certificateId } } });
    await expect(konnect.api.DELETE(`${path}/{certificateId}`, { params: { path: { controlPlaneId, certificateId } } })).rejects.toBeInstanceOf(KonnectNotFoundError);
  });

  it("refuses what is not a PEM certificate", async () => {
    const { controlPlane } = await ensureControlPlane({ konnect, name: "payments-prod" });
    const key = (await generateClusterCertificate({ commonName: "x", validityDays: 30, now: sandbox.clock.now() })).key;
    for (const cert of ["not a certificate", key]) {
      await expect(konnect.api.POST(path, { params: { path: { controlPlaneId: controlPlane.id! } }, body: { cert } })).rejects.toBeInstanceOf(KonnectBadRequestError);
    }
    expect(sandbox.state.konnect.regions.us!.get(controlPlane.id!)!.dataPlanes?.certificates.size ?? 0).toBe(0);
  });
});
