import type { CertificateWaitOptions } from "../../aws/acm.js";
import { KonnectError } from "../../errors/konnect-error.js";
import { sleep as defaultSleep } from "../../internal/sleep.js";
import type { KonnectClient } from "../../konnect/create-konnect-client.js";
import type { OperationEvent } from "../../reconcile/executor.js";
import type { KonnectSchemas } from "../../konnect/types.js";
import type { Observation, Resource } from "../../reconcile/resource.js";

type CustomDomain = KonnectSchemas["CustomDomain"];
type Geo = KonnectSchemas["CreateCustomDomainRequest"]["control_plane_geo"];

/**
 * Reads the custom domains of a control plane, and any with the wanted name on another control plane
 * (Konnect refuses a second registration of a name with 409): two filtered lists, shared by every
 * custom-domain resource of the run.
 * @internal
 */
export function createCustomDomainReader(konnect: KonnectClient, controlPlaneId: string, domain: string, signal: AbortSignal | undefined): () => Promise<CustomDomain[]> {
  let read: Promise<CustomDomain[]> | undefined;
  const s = signal ? { signal } : {};
  return () =>
    (read ??= Promise.all([
      konnect.collect("/v2/cloud-gateways/custom-domains", { params: { query: { filter: { control_plane_id: { eq: controlPlaneId } } } }, ...s }),
      konnect.collect("/v2/cloud-gateways/custom-domains", { params: { query: { filter: { domain: { eq: domain } } } }, ...s }),
    ]).then(([a, b]) => [...new Map([...(a as CustomDomain[]), ...(b as CustomDomain[])].map((d) => [d.id, d])).values()]));
}

/** What {@link customDomainResource} manages. @internal */
export interface CustomDomainDesired {
  konnect: KonnectClient;
  controlPlaneId: string;
  geo: Geo;
  domain: string;
  read: () => Promise<CustomDomain[]>;
  /**
   * Whether our registry record `_konnect-aws.<domain>` (route53-domain-records.ts) names this owner and
   * this control plane: only then is a custom domain of that name on the control plane ours.
   */
  claimed: boolean;
  /** Filled with the domain's id once observed or created. */
  out: { id?: string };
  /** A domain the run no longer wants (the domain changed): deleted after its records. */
  absent?: boolean;
  dependsOn?: readonly Resource[];
  signal: AbortSignal | undefined;
}

/**
 * A Dedicated Cloud Gateway custom domain (kind `konnect.custom-domain`, key the domain): created with
 * `control_plane_id`, `control_plane_geo` and `domain` (cloud-gateways.v2.yaml CreateCustomDomainRequest;
 * no update exists). Custom domains carry no tags or labels, so the mark lives in Route 53: the domain on
 * the caller's control plane is ours only when our registry TXT record `_konnect-aws.<domain>` claims it
 * for that control plane (`claimed`). One registered by hand in Konnect is not: an apply refuses it
 * (adopt takes it over), a teardown keeps and lists it (adopt deletes it). The name registered to another
 * control plane is a conflict. A create answered 409 (a lost answer to an earlier try) reads back.
 * @internal
 */
export function customDomainResource(d: CustomDomainDesired): Resource<CustomDomain> {
  const s = d.signal ? { signal: d.signal } : {};
  const find = (all: CustomDomain[]) => all.find((x) => x.domain.toLowerCase() === d.domain.toLowerCase());
  return {
    kind: "konnect.custom-domain",
    key: d.domain,
    ...(d.absent ? { absent: true } : {}),
    ...(d.dependsOn ? { dependsOn: d.dependsOn } : {}),
    mark: `a claim in the TXT record _konnect-aws.${d.domain} (konnect-aws's registry, naming control plane ${d.controlPlaneId})`,
    field: "domain",
    async observe(): Promise<Observation<CustomDomain>> {
      const found = find(await d.read());
      if (!found) return { exists: false, owned: false, diff: [{ path: "domain", after: d.domain }, { path: "control_plane_id", after: d.controlPlaneId }, { path: "control_plane_geo", after: d.geo }] };
      d.out.id = found.id;
      if (found.control_plane_id !== d.controlPlaneId || found.control_plane_geo !== d.geo) {
        return { exists: true, id: found.id, owned: false, actual: found, diff: [], conflict: { field: "domain", problem: `${d.domain} is already a custom domain of control plane ${found.control_plane_id} (${found.control_plane_geo})`, fix: "remove it there first, or use another domain" } };
      }
      return { exists: true, id: found.id, owned: d.claimed, actual: found, pendingDeletion: found.state === "terminating" || found.state === "terminated", diff: [] };
    },
    async create() {
      const body = { control_plane_id: d.controlPlaneId, control_plane_geo: d.geo, domain: d.domain };
      try {
        const { data } = await d.konnect.api.POST("/v2/cloud-gateways/custom-domains", { body, ...s });
        d.out.id = data?.id;
        return data?.id;
      } catch (error) {
        if ((error as { status?: number }).status !== 409) throw error;
        const again = await d.konnect.collect("/v2/cloud-gateways/custom-domains", { params: { query: { filter: { domain: { eq: d.domain } } } }, ...s });
        const found = find(again as CustomDomain[]);
        if (!found || found.control_plane_id !== d.controlPlaneId) throw error;
        d.out.id = found.id;
        return found.id;
      }
    },
    update: async () => undefined,
    async delete(o) {
      await d.konnect.api.DELETE("/v2/cloud-gateways/custom-domains/{customDomainId}", { params: { path: { customDomainId: o.id! } }, ...s });
    },
    describe: (o) => [{ path: "domain", before: `${o.actual?.domain} (${o.id})` }],
  };
}

/**
 * Waits until Konnect reports the custom domain `ready` and its online status `cname` and `ssl` verified;
 * returns Konnect's certificate id. A domain in `error` stops the wait with Konnect's reason.
 * @internal
 */
export async function waitForCustomDomain(konnect: KonnectClient, id: string, domain: string, o: CertificateWaitOptions & { signal?: AbortSignal | undefined; onEvent?: ((e: OperationEvent) => void) | undefined }): Promise<string | undefined> {
  const timeoutMs = o.timeoutMs ?? 1_800_000;
  const intervalMs = o.intervalMs ?? 15_000;
  const sleep = o.sleep ?? defaultSleep;
  const s = o.signal ? { signal: o.signal } : {};
  let waited = 0;
  let next = Math.min(1_000, intervalMs);
  for (;;) {
    const { data: d } = await konnect.api.GET("/v2/cloud-gateways/custom-domains/{customDomainId}", { params: { path: { customDomainId: id } }, ...s });
    if (d?.state === "error") throw new KonnectError(`custom domain ${domain} (${id}) is in state error: ${d.state_metadata?.reason ?? d.state_metadata?.reported_status ?? "no reason given"}; check its DNS records, then delete and re-create it (removeCustomDomain, setupCustomDomain)`);
    let status: { cname?: string; ssl?: string } = {};
    if (d?.state === "ready") {
      status = (await konnect.api.GET("/v2/cloud-gateways/custom-domains/{customDomainId}/online-status", { params: { path: { customDomainId: id } }, ...s })).data ?? {};
      if (status.cname === "verified" && status.ssl === "verified") return d.certificate_id ?? undefined;
    }
    const what = `state ${d?.state ?? "unknown"}${d?.state === "ready" ? `, cname ${status.cname}, ssl ${status.ssl}` : ""}`;
    if (waited >= timeoutMs) throw new KonnectError(`custom domain ${domain} (${id}) is still ${what} after ${Math.round(waited / 1000)} s; the records are written, run again to resume waiting`);
    o.onEvent?.({ type: "waiting", kind: "konnect.custom-domain", key: domain, message: `${what} after ${Math.round(waited / 1000)} s` });
    const delay = Math.min(next, Math.max(0, timeoutMs - waited));
    await sleep(delay, o.signal);
    waited += delay;
    next = Math.min(next * 2, intervalMs);
  }
}

