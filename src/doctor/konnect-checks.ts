import { isKonnectApiError } from "../errors/guards.js";
import type { KonnectClient } from "../konnect/create-konnect-client.js";
import { fail, guarded, pass, skip } from "./check.js";
import type { DoctorCheck } from "./types.js";

/**
 * Konnect: the token, the region's server, the control plane; data planes and their versions need the
 * `/nodes` endpoint, which this build's Konnect client does not have (spec/konnect.yaml lacks
 * `/v2/control-planes/{controlPlaneId}/nodes`), so those two checks say `skip: not available`.
 * @internal
 */
export async function checkKonnect(konnect: KonnectClient | undefined, controlPlaneId: string | undefined, signal?: AbortSignal): Promise<DoctorCheck[]> {
  if (!konnect) return [skip("konnect.token", "not configured (no Konnect client)")];
  const s = signal ? { signal } : {};
  const checks: DoctorCheck[] = [];
  const token = await guarded("konnect.token", "check KONNECT_TOKEN (konnect_token): a personal (kpat_) or system-account (spat_) token that has not expired", async () => {
    try {
      const org = await konnect.checkToken(s);
      return pass("konnect.token", `token accepted: organization ${org.name ?? "?"} (${org.id ?? "?"})`);
    } catch (e) {
      if (isKonnectApiError(e) && e.status === 401) return fail("konnect.token", "401 Unauthorized from /v3/organizations/me", "the token is wrong, expired or revoked: create a new one (Konnect: Personal access tokens, or System accounts) and set KONNECT_TOKEN");
      throw e;
    }
  });
  checks.push(...token);
  if (token[0]!.status !== "pass") return [...checks, skip("konnect.region", "skipped: the token failed"), skip("konnect.control-plane", "skipped: the token failed")];
  checks.push(
    ...(await guarded("konnect.region", `check konnect_region (now ${konnect.region})`, async () => {
      const first = await konnect.api.GET("/v2/control-planes", { params: { query: { "page[size]": 1 } }, ...s });
      const total = (first.data?.meta as { page?: { total?: number } } | undefined)?.page?.total;
      return pass("konnect.region", `the ${konnect.region} regional server (${konnect.serverUrl}) answers for this token${total !== undefined ? `: ${total} control plane(s) in this region` : ""}`);
    })),
  );
  if (controlPlaneId === undefined) {
    checks.push(skip("konnect.control-plane", "not configured (no control plane id)"));
  } else {
    checks.push(
      ...(await guarded("konnect.control-plane", "check the control plane id and the region", async () => {
        try {
          const { data } = await konnect.api.GET("/v2/control-planes/{controlPlaneId}", { params: { path: { controlPlaneId } }, ...s });
          return pass("konnect.control-plane", `control plane ${data?.name ?? "?"} (${controlPlaneId}) found in region ${konnect.region}`);
        } catch (e) {
          if (isKonnectApiError(e) && e.status === 404) return fail("konnect.control-plane", `no control plane ${controlPlaneId} in region ${konnect.region}`, `check the id, and konnect_region: control planes live in one region (a control plane of another region answers 404 here)`);
          throw e;
        }
      })),
    );
  }
  const unavailable = "not available: this build's Konnect client has no /v2/control-planes/{controlPlaneId}/nodes endpoint (expected-config-hash, versions)";
  checks.push(skip("konnect.data-planes", unavailable), skip("konnect.data-plane-versions", unavailable));
  return checks;
}
