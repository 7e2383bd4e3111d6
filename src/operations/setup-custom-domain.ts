import type { Route53Client } from "@aws-sdk/client-route-53";
import { waitForIssued } from "../aws/acm.js";
import { loadRoute53 } from "../aws/load-sdk.js";
import { fqdn } from "../aws/route53.js";
import { awsStep } from "../aws/secrets-manager.js";
import { KonnectError } from "../errors/index.js";
import { sleep as defaultSleep } from "../internal/sleep.js";
import type { KonnectClient } from "../konnect/create-konnect-client.js";
import type { OperationEvent } from "../reconcile/executor.js";
import { reconcileResources } from "../reconcile/reconcile-resources.js";
import type { CustomDomainRecord, CustomDomainWaitOptions, SetupCustomDomainOptions, SetupCustomDomainResult } from "./custom-domain-options.js";
import { validateCustomDomainOptions } from "./custom-domain-options.js";
import { declareCustomDomain } from "./declare-custom-domain.js";
import { replanOnConflict } from "./replan-on-conflict.js";

/**
 * The API at your own domain with a valid certificate: the guide's "AWS Route 53 & ACM"
 * (`enable_aws_custom_domain`, `enable_aws_acm_cert`, `aws_custom_domain`), on one of two real paths.
 *
 * - **`target.kind: "cloud-gateway"`** (Dedicated Cloud Gateways; Konnect holds the certificate and
 *   terminates TLS): registers the custom domain in Konnect (`POST /v2/cloud-gateways/custom-domains` with
 *   `control_plane_id`, `control_plane_geo`, `domain`), then writes the records Konnect's docs require in
 *   the domain's Route 53 zone: `<domain>` CNAME `<id>.gateways.konggateway.com` and
 *   `_acme-challenge.<domain>` CNAME `_acme-challenge.<id>.acme.gateways.konggateway.com`, and, where a
 *   CAA set governs the domain and does not allow `pki.goog` (Konnect's CA), adds it to that set, keeping
 *   every value already there. A zone apex is refused (no CNAME is possible there). Then it waits until
 *   the domain is `ready` and `/online-status` reports `cname` and `ssl` verified.
 * - **`target.kind: "load-balancer"`** (your data planes behind an ALB; ACM holds the certificate):
 *   requests a DNS-validated ACM certificate (or reuses ours for the same names), writes the validation
 *   CNAMEs (one per name, the same in every region), waits for `ISSUED`, writes alias A (and AAAA for a
 *   dualstack ALB) records to the load balancer with target-health evaluation, its canonical hosted zone
 *   taken from DescribeLoadBalancers, and with `listenerArn` adds the certificate to the HTTPS listener
 *   and raises its security policy to TLS 1.2+ if needed. `certificateRegions` requests one certificate per
 *   region for `setupMultiRegion` deployments (with `aliasRecords: false` when its routed records own the
 *   name).
 *
 * Both paths finish by asking Route 53 what it answers for the domain (`TestDNSAnswer`). Route 53 changes
 * go in one batch per zone and are awaited until INSYNC. Plain records cannot carry a set identifier, so
 * their ownership mark is a TXT record `_konnect-aws.<domain>` listing them (the external-dns TXT registry
 * pattern). Certificates carry the ownership and cost tags. {@link removeCustomDomain} takes the same
 * options and removes what this created.
 *
 * @example
 * ```ts
 * import { createKonnectClient, setupCustomDomain } from "konnect-aws";
 * const konnect = createKonnectClient({ region: "us" });
 * const { records, certificate } = await setupCustomDomain({
 *   domain: "api.example.com",
 *   target: { kind: "cloud-gateway", konnect, controlPlaneId: "3f2a9d1e-0c4b-4f7a-9d2e-8b1c6a5e4f30" },
 * });
 * console.log(records.map((r) => `${r.name} ${r.type} ${r.value}`), certificate);
 * ```
 */
export async function setupCustomDomain(options: SetupCustomDomainOptions): Promise<SetupCustomDomainResult> {
  validateCustomDomainOptions(options, "setupCustomDomain");
  return replanOnConflict(async () => {
    const plan = await declareCustomDomain(options, "apply");
    const { changes } = await reconcileResources(plan.resources, { mode: "apply", dryRun: options.dryRun, adopt: options.adopt, concurrency: options.concurrency, signal: options.signal, onEvent: options.onEvent, logger: options.logger });
    const domain = options.domain.toLowerCase().replace(/\.$/, "");
    const wait = options.wait === false || options.dryRun ? undefined : typeof options.wait === "object" ? options.wait : {};
    let certificate: string | undefined;
    let dnsAnswer: string[] | undefined;
    const t = options.target;
    if (t.kind === "cloud-gateway") {
      const id = plan.customDomainId();
      if (wait && id) {
        certificate = await waitForCustomDomain(t.konnect, id, domain, { ...wait, signal: options.signal, onEvent: options.onEvent });
        dnsAnswer = await testDnsAnswer(plan.route53, plan.zone.id, domain, "CNAME", options.signal);
      }
    } else {
      const certs = plan.certificates();
      certificate = certs[t.region];
      if (wait) {
        const acmWait = { ...wait, signal: options.signal, onEvent: options.onEvent };
        await Promise.all(Object.entries(certs).map(async ([region, arn]) => waitForIssued(await plan.acm(region), arn, { ...acmWait, key: `${region} ${domain}` })));
        if (t.aliasRecords !== false) dnsAnswer = await testDnsAnswer(plan.route53, plan.zone.id, domain, "A", options.signal);
      }
    }
    const records: CustomDomainRecord[] = plan.records().map((r) => ({ name: r.name.startsWith("(") ? r.name : fqdn(r.name), type: r.type, value: r.alias ? fqdn(r.alias.DNSName) : r.value!.startsWith("(") ? r.value! : fqdn(r.value!), ...(r.alias ? { aliasHostedZoneId: r.alias.HostedZoneId } : {}) }));
    const customDomainId = plan.customDomainId();
    return { domain, hostedZone: plan.zone, certificate, certificates: plan.certificates(), ...(customDomainId ? { customDomainId } : {}), records, dnsAnswer, changes };
  }, options.signal);
}

/**
 * Waits until Konnect reports the custom domain `ready` and its online status `cname` and `ssl` verified;
 * returns Konnect's certificate id. A domain in `error` stops the wait with Konnect's reason.
 * @internal
 */
export async function waitForCustomDomain(konnect: KonnectClient, id: string, domain: string, o: CustomDomainWaitOptions & { signal?: AbortSignal | undefined; onEvent?: ((e: OperationEvent) => void) | undefined }): Promise<string | undefined> {
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

/** What Route 53 answers for a name (TestDNSAnswer from one of its name servers). @internal */
export async function testDnsAnswer(client: Route53Client, zoneId: string, name: string, type: "A" | "CNAME", signal: AbortSignal | undefined): Promise<string[]> {
  const r53 = await loadRoute53();
  const out = await awsStep(`TestDNSAnswer ${name}`, () => client.send(new r53.TestDNSAnswerCommand({ HostedZoneId: zoneId, RecordName: name, RecordType: type }), { abortSignal: signal }));
  return out.RecordData ?? [];
}
