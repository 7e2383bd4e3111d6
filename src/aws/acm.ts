import type { ACMClient, CertificateDetail, CertificateSummary } from "@aws-sdk/client-acm";
import { AwsStepError } from "../errors/aws-step-error.js";
import { sleep as defaultSleep } from "../internal/sleep.js";
import type { OperationEvent } from "../reconcile/executor.js";
import { loadAcm } from "./load-sdk.js";

/** How long to wait for ACM (validation records to appear, certificates to be issued). */
export interface CertificateWaitOptions {
  /**
   * Give up after this long. ACM issues a DNS-validated certificate "within minutes" once the records
   * resolve, and gives up after 72 hours (ACM User Guide, "DNS validation"); a timeout here leaves
   * everything in place and a re-run resumes waiting.
   * @default 1800000 (30 minutes)
   */
  timeoutMs?: number;
  /** The longest wait between polls (they start at 1 s and double). @default 15000 */
  intervalMs?: number;
  /** Replaces the wait between polls. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Every certificate summary of a region with the given statuses (paginated, 1,000 a page). @internal */
export async function listCertificates(client: ACMClient, statuses: Array<"PENDING_VALIDATION" | "ISSUED">, signal?: AbortSignal): Promise<CertificateSummary[]> {
  const acm = await loadAcm();
  const out: CertificateSummary[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new acm.ListCertificatesCommand({ CertificateStatuses: statuses, MaxItems: 1000, ...(token ? { NextToken: token } : {}) }), { abortSignal: signal }).catch((e: unknown) => {
      throw new AwsStepError("ListCertificates", e);
    });
    out.push(...(page.CertificateSummaryList ?? []));
    token = page.NextToken;
  } while (token);
  return out;
}

/** DescribeCertificate. @internal */
export async function describeCertificate(client: ACMClient, arn: string, signal?: AbortSignal): Promise<CertificateDetail> {
  const acm = await loadAcm();
  const out = await client.send(new acm.DescribeCertificateCommand({ CertificateArn: arn }), { abortSignal: signal }).catch((e: unknown) => {
    throw new AwsStepError(`DescribeCertificate ${arn}`, e);
  });
  return out.Certificate ?? {};
}

/** Polls one certificate until `done` says so, with progress events; `what` names the wait in errors. @internal */
export async function pollCertificate(
  client: ACMClient,
  arn: string,
  done: (c: CertificateDetail) => boolean,
  what: (c: CertificateDetail) => string,
  options: CertificateWaitOptions & { signal?: AbortSignal; onEvent?: (e: OperationEvent) => void; key: string },
): Promise<CertificateDetail> {
  const timeoutMs = options.timeoutMs ?? 1_800_000;
  const intervalMs = options.intervalMs ?? 15_000;
  const sleep = options.sleep ?? defaultSleep;
  let waited = 0;
  let next = Math.min(1_000, intervalMs);
  for (;;) {
    const c = await describeCertificate(client, arn, options.signal);
    if (done(c)) return c;
    // FAILED, VALIDATION_TIMED_OUT, REVOKED, EXPIRED, INACTIVE: no wait helps
    if (c.Status && c.Status !== "PENDING_VALIDATION" && c.Status !== "ISSUED") throw new AwsStepError(`DescribeCertificate ${arn}`, new Error(`certificate is ${c.Status}${c.FailureReason ? ` (${c.FailureReason})` : ""}: ${what(c)}`));
    if (waited >= timeoutMs) throw new AwsStepError(`DescribeCertificate ${arn} (waiting)`, new Error(`still ${what(c)} after ${Math.round(waited / 1000)} s; the certificate and records stay in place, run again to resume waiting`));
    options.onEvent?.({ type: "waiting", kind: "aws.acm-certificate", key: options.key, message: `${what(c)} after ${Math.round(waited / 1000)} s` });
    const delay = Math.min(next, Math.max(0, timeoutMs - waited));
    await sleep(delay, options.signal);
    waited += delay;
    next = Math.min(next * 2, intervalMs);
  }
}

/** What is still pending on a certificate, for waits and errors. @internal */
export function pendingNames(c: CertificateDetail): string {
  const pending = (c.DomainValidationOptions ?? []).filter((v) => v.ValidationStatus !== "SUCCESS").map((v) => v.DomainName);
  return pending.length ? `PENDING_VALIDATION for ${pending.join(", ")} (validation CNAME not seen by ACM yet)` : `${c.Status ?? "unknown"}`;
}

/** Waits until every certificate is ISSUED. @internal */
export async function waitForIssued(client: ACMClient, arn: string, options: CertificateWaitOptions & { signal?: AbortSignal; onEvent?: (e: OperationEvent) => void; key: string }): Promise<CertificateDetail> {
  return pollCertificate(client, arn, (c) => c.Status === "ISSUED", pendingNames, options);
}
