import { waitForIssued } from "../aws/acm.js";
import { fqdn } from "../aws/route53.js";
import { KonnectError } from "../errors/konnect-error.js";
import type { OperationEvent } from "../reconcile/executor.js";
import { testDnsAnswer } from "../aws/test-dns-answer.js";
import { settleInOrder } from "../internal/settle-in-order.js";
import { reconcileResources } from "../reconcile/reconcile-resources.js";
import { waitForCustomDomain } from "../resources/konnect/custom-domain.js";
import type { CustomDomainRecord, SetupCustomDomainOptions, SetupCustomDomainResult } from "./custom-domain-options.js";
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
 *   the domain's Route 53 zone: `<domain>` CNAME `<prefix>.gateways.konggateway.com` and
 *   `_acme-challenge.<domain>` CNAME `_acme-challenge.<prefix>.acme.gateways.konggateway.com`, where
 *   `<prefix>.gateways.konggateway.com` is the control plane's Public Edge DNS (its Connect menu in
 *   Gateway Manager; `target.publicEdgeDns`, or derived from the first label of the control plane's
 *   `config.control_plane_endpoint`, `https://<prefix>.<geo>.cp0.konghq.com`), and, where a
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
 * Both paths ask Route 53 what it answers for the domain (`TestDNSAnswer`) once its records are INSYNC,
 * alongside the waits that remain (the run reports a failed wait first). Route 53 changes
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
    const domain = options.domain.toLowerCase().replace(/\.$/, "");
    const wait = options.wait === false || options.dryRun ? undefined : typeof options.wait === "object" ? options.wait : {};
    const t = options.target;
    // Load-balancer path: the alias records' answer depends on nothing written after them (the listener
    // waits for the certificate, then attaches it), so Route 53 is asked as soon as their write is INSYNC
    // (the engine's "written" event), or once the run is over when they needed no write.
    const wantsAnswer = Boolean(wait) && t.kind === "load-balancer" && t.aliasRecords !== false;
    let answer: Promise<string[]> | undefined;
    const askRoute53 = () => {
      if (!answer) {
        answer = testDnsAnswer(plan.route53, plan.zone.id, domain, "A", options.signal);
        // reported after the run's own error when the run fails
        answer.catch(() => undefined);
      }
      return answer;
    };
    const onEvent = (e: OperationEvent) => {
      if (wantsAnswer && e.type === "written" && e.kind === "aws.route53-domain-records" && e.key === fqdn(domain)) askRoute53();
      options.onEvent?.(e);
    };
    let changes: Awaited<ReturnType<typeof reconcileResources>>["changes"];
    try {
      ({ changes } = await reconcileResources(plan.resources, { mode: "apply", dryRun: options.dryRun, adopt: options.adopt, concurrency: options.concurrency, signal: options.signal, onEvent, logger: options.logger }));
    } catch (error) {
      // a question already asked ends before the caller hears of the failure: no request outlives the call
      await answer?.catch(() => undefined);
      throw error;
    }
    const earlyAnswer = wantsAnswer ? askRoute53() : undefined;
    let certificate: string | undefined;
    let dnsAnswer: string[] | undefined;
    if (t.kind === "cloud-gateway") {
      const id = plan.customDomainId();
      if (wait && id) {
        // the records are INSYNC already (their write waited): what Route 53 answers does not depend on
        // Konnect's side, so it is asked while that wait runs (its refusal still comes after the wait's)
        [certificate, dnsAnswer] = await settleInOrder([waitForCustomDomain(t.konnect, id, domain, { ...wait, signal: options.signal, onEvent: options.onEvent }), testDnsAnswer(plan.route53, plan.zone.id, domain, "CNAME", options.signal)] as const);
        const expected = fqdn(plan.records().find((r) => r.type === "CNAME" && fqdn(r.name) === fqdn(domain))?.value ?? "");
        if (!dnsAnswer.map(fqdn).includes(expected)) throw new KonnectError(`Route 53 answers ${JSON.stringify(dnsAnswer)} for ${domain} CNAME, not ${expected}: another record or a delegated zone answers for the name; check the zone ${plan.zone.name}`);
      }
    } else {
      const certs = plan.certificates();
      certificate = certs[t.region];
      if (wait) {
        const acmWait = { ...wait, signal: options.signal, onEvent: options.onEvent };
        // a certificate the run saw ISSUED (its observe, or the listener's wait before attaching it) is not read again
        const pending = Object.entries(certs).filter(([, arn]) => !plan.issued.has(arn));
        const issuedAll = settleInOrder(pending.map(async ([region, arn]) => waitForIssued(await plan.acm(region), arn, { ...acmWait, key: `${region} ${domain}` })));
        // for an alias, Route 53 answers with the load balancer's addresses (the sandbox: its DNS name),
        // asked alongside the writes and waits after the records (a wait that fails is still the error reported)
        [, dnsAnswer] = await settleInOrder([issuedAll, earlyAnswer] as const);
        if (dnsAnswer && !dnsAnswer.length) throw new KonnectError(`Route 53 answers nothing for ${domain} A; check the zone ${plan.zone.name} and the load balancer`);
      }
    }
    const records: CustomDomainRecord[] = plan.records().map((r) => ({ name: r.name.startsWith("(") ? r.name : fqdn(r.name), type: r.type, value: r.alias ? fqdn(r.alias.DNSName) : r.value!.startsWith("(") ? r.value! : fqdn(r.value!), ...(r.alias ? { aliasHostedZoneId: r.alias.HostedZoneId } : {}) }));
    const customDomainId = plan.customDomainId();
    return { domain, hostedZone: plan.zone, certificate, certificates: plan.certificates(), ...(customDomainId ? { customDomainId } : {}), records, dnsAnswer, changes };
  }, options.signal);
}
