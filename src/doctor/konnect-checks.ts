import { isKonnectApiError } from "../errors/guards.js";
import type { KonnectClient } from "../konnect/create-konnect-client.js";
import { listDataPlanes } from "../operations/list-data-planes.js";
import { fail, guarded, pass, skip } from "./check.js";
import type { DoctorCheck } from "./types.js";

/**
 * Konnect: the token, the region's server, the control plane, and its data planes (`/nodes` and
 * `expected-config-hash` through {@link listDataPlanes}: connected, and running the expected configuration).
 * @internal
 */
export async function checkKonnect(konnect: KonnectClient | undefined, controlPlaneId: string | undefined, signal?: AbortSignal, now?: () => Date): Promise<DoctorCheck[]> {
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
  if (controlPlaneId === undefined || checks.some((c) => c.name === "konnect.control-plane" && c.status !== "pass")) {
    checks.push(skip("konnect.data-planes", "skipped: no control plane to read"));
  } else {
    checks.push(
      ...(await guarded("konnect.data-planes", "check the data planes' logs (cluster certificate, KONG_CLUSTER_* settings)", async () => {
        const { dataPlanes, expectedConfigHash } = await listDataPlanes({ konnect, controlPlaneId, ...(signal ? { signal } : {}), ...(now ? { now: () => now().getTime() } : {}) });
        const connected = dataPlanes.filter((d) => d.connected);
        const behind = connected.filter((d) => !d.inSync);
        const versions = [...new Set(connected.map((d) => d.version ?? "unknown"))].join(", ");
        if (connected.length === 0) return fail("konnect.data-planes", `no data plane has sent a heartbeat recently (${dataPlanes.length} known node(s))`, "start data planes with the environment and task definition provisionDataPlanes returns, and check their logs for cluster certificate or endpoint errors");
        if (behind.length > 0) return fail("konnect.data-planes", `${behind.length} of ${connected.length} connected data plane(s) run another configuration than the expected ${expectedConfigHash.slice(0, 12)}: ${behind.map((d) => d.hostname ?? d.id).join(", ")}`, "check those data planes' logs: a configuration they refuse (an unknown plugin or field for their version) keeps them on the old one");
        return pass("konnect.data-planes", `${connected.length} data plane(s) connected and in sync with ${expectedConfigHash.slice(0, 12)} (Kong ${versions})`);
      })),
    );
  }
  // which Kong version each configured plugin needs is not known to this build: the versions are reported
  // by konnect.data-planes, not judged
  checks.push(skip("konnect.data-plane-versions", "not checked: this build has no table of the Kong versions each plugin needs (the versions are in konnect.data-planes)"));
  return checks;
}
