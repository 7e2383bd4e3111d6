import type { ACMClient, CertificateDetail, CertificateSummary, Tag } from "@aws-sdk/client-acm";
import { describeCertificate, listCertificates, pollCertificate, type CertificateWaitOptions } from "../../aws/acm.js";
import { loadAcm } from "../../aws/load-sdk.js";
import { awsStep } from "../../aws/secrets-manager.js";
import type { FieldDiff } from "../../reconcile/change.js";
import type { OperationEvent } from "../../reconcile/executor.js";
import type { Ownership } from "../../reconcile/ownership.js";
import type { Observation, Resource } from "../../reconcile/resource.js";

/** Tag naming what a certificate serves (`load-balancer/<arn or name>`): finds ours for a target again. @internal */
export const CERTIFICATE_TARGET_TAG = "konnect-aws:custom-domain-target";

/** A certificate of ours, as read. @internal */
export interface OwnedCertificate {
  arn: string;
  region: string;
  names: string[];
  status: string;
  tags: Tag[];
  target: string | undefined;
}

/** The validation CNAME of one name, as DescribeCertificate gives it. @internal */
export interface ValidationRecord {
  name: string;
  value: string;
}

const norm = (names: readonly string[]) => [...new Set(names.map((n) => n.toLowerCase().replace(/\.$/, "")))].sort().join(",");

/** The certificates of a region in the states a certificate of ours can be reused in (ListCertificates). @internal */
export const listReusableCertificates = (client: ACMClient, signal: AbortSignal | undefined) => listCertificates(client, ["PENDING_VALIDATION", "ISSUED"], signal);

/**
 * Reads the certificates of a region that carry the ownership tag (ListCertificates, then
 * ListTagsForCertificate for those whose names concern the run): one read for every certificate
 * resource of the run. `concerns` picks the candidates (their domain name is one of the run's names,
 * or a listener holds them), so an account with many certificates costs one list and a few tag reads.
 * `listed`, when given, is that list already under way ({@link listReusableCertificates}): the caller
 * starts it alongside the reads `concerns` needs (the listener's certificates), and filters it after.
 * @internal
 */
export function createCertificateReader(client: () => Promise<ACMClient>, region: string, ownership: Ownership, concerns: (c: CertificateSummary) => boolean, signal: AbortSignal | undefined, listed?: Promise<CertificateSummary[]>): () => Promise<OwnedCertificate[]> {
  let read: Promise<OwnedCertificate[]> | undefined;
  return () =>
    (read ??= (async () => {
      const acm = await loadAcm();
      const c = await client();
      const all = (await (listed ?? listReusableCertificates(c, signal))).filter(concerns);
      const tagged = await Promise.all(
        all.map(async (s) => {
          const out = await awsStep(`ListTagsForCertificate ${s.CertificateArn}`, () => c.send(new acm.ListTagsForCertificateCommand({ CertificateArn: s.CertificateArn }), { abortSignal: signal }));
          const tags = out.Tags ?? [];
          const owned = tags.some((t) => t.Key === ownership.awsTag.key && t.Value === ownership.awsTag.value);
          return owned ? { arn: s.CertificateArn!, region, names: s.SubjectAlternativeNameSummaries ?? [s.DomainName ?? ""], status: s.Status ?? "", tags, target: tags.find((t) => t.Key === CERTIFICATE_TARGET_TAG)?.Value } : undefined;
        }),
      );
      return tagged.filter((x): x is OwnedCertificate => x !== undefined);
    })());
}

/** What {@link acmCertificateResource} manages. @internal */
export interface AcmCertificateDesired {
  client: () => Promise<ACMClient>;
  region: string;
  /** The domain first, then the extra names. */
  names: string[];
  /** The target tag value (see {@link CERTIFICATE_TARGET_TAG}). */
  target: string;
  /** Every tag the certificate carries: cost tags, the ownership tag, the target tag. */
  tags: Record<string, string>;
  read: () => Promise<OwnedCertificate[]>;
  /** Filled once the certificate is known: its ARN and validation records. */
  out: { arn?: string; validation?: ValidationRecord[] };
  /** ARNs the run knows to be ISSUED: the observe adds ours when DescribeCertificate says so, and later waits skip it. */
  issued?: Set<string>;
  wait: CertificateWaitOptions;
  onEvent: ((e: OperationEvent) => void) | undefined;
  signal: AbortSignal | undefined;
}

const validationOf = (c: CertificateDetail): ValidationRecord[] | undefined => {
  const opts = c.DomainValidationOptions ?? [];
  if (!opts.length || opts.some((v) => !v.ResourceRecord?.Name)) return undefined;
  return opts.map((v) => ({ name: v.ResourceRecord!.Name!, value: v.ResourceRecord!.Value! }));
};

/**
 * An ACM certificate requested with DNS validation (kind `aws.acm-certificate`, key `<region>
 * <names>`). ACM certificates have no natural key, so ours are found by the ownership tag, and the one
 * for this run by its names: an owned certificate (pending or issued) for exactly these names is reused,
 * never requested twice; a certificate without the tag is never touched. The request carries an
 * idempotency token derived from region, names and owner, so a retried request within the hour
 * returns the same certificate (RequestCertificate IdempotencyToken). Creating waits, briefly, until
 * ACM shows the validation CNAMEs (they appear seconds after the request), so the record resource that
 * depends on it can write them; the wait for ISSUED comes after the records exist.
 * @internal
 */
export function acmCertificateResource(d: AcmCertificateDesired): Resource<OwnedCertificate> {
  const key = `${d.region} ${d.names.join(",")}`;
  const tagList = Object.entries(d.tags).map(([Key, Value]) => ({ Key, Value }));
  const learn = async (arn: string) => {
    d.out.arn = arn;
    const c = await pollCertificate(await d.client(), arn, (x) => validationOf(x) !== undefined, () => "waiting for ACM to show the validation records", { ...d.wait, timeoutMs: Math.min(d.wait.timeoutMs ?? 300_000, 300_000), signal: d.signal, onEvent: d.onEvent, key });
    d.out.validation = validationOf(c);
  };
  return {
    kind: "aws.acm-certificate",
    key,
    mark: `the ${JSON.stringify(Object.keys(d.tags).find((k) => k !== CERTIFICATE_TARGET_TAG) ?? "")} tag`,
    field: "domain",
    async observe(): Promise<Observation<OwnedCertificate>> {
      const mine = (await d.read()).filter((c) => norm(c.names) === norm(d.names) && c.target === d.target);
      // prefer an issued certificate over a pending one
      const found = mine.find((c) => c.status === "ISSUED") ?? mine[0];
      if (!found) return { exists: false, owned: false, diff: [{ path: "names", after: d.names }, { path: "validation", after: "DNS" }] };
      d.out.arn = found.arn;
      const detail = await describeCertificate(await d.client(), found.arn, d.signal);
      d.out.validation = validationOf(detail);
      // an ISSUED certificate stays so within the run (ACM leaves ISSUED only on expiry or revocation)
      if (detail.Status === "ISSUED") d.issued?.add(found.arn);
      const missing = tagList.filter((t) => !found.tags.some((x) => x.Key === t.Key && x.Value === t.Value));
      const diff: FieldDiff[] = missing.length ? [{ path: "tags", before: Object.fromEntries(found.tags.map((t) => [t.Key, t.Value])), after: d.tags }] : [];
      return { exists: true, id: found.arn, owned: true, actual: found, diff };
    },
    async create(progress) {
      const acm = await loadAcm();
      const c = await d.client();
      const token = idempotencyToken(`${d.region} ${norm(d.names)} ${d.target} ${JSON.stringify(tagList)}`);
      const out = await awsStep(`RequestCertificate ${d.names[0]}`, () =>
        c.send(new acm.RequestCertificateCommand({ DomainName: d.names[0]!, ...(d.names.length > 1 ? { SubjectAlternativeNames: d.names } : {}), ValidationMethod: "DNS", IdempotencyToken: token, Tags: tagList }), { abortSignal: d.signal }),
      );
      progress.wrote(out.CertificateArn);
      await learn(out.CertificateArn!);
      return out.CertificateArn;
    },
    async update(o) {
      const acm = await loadAcm();
      const c = await d.client();
      await awsStep(`AddTagsToCertificate ${o.id}`, () => c.send(new acm.AddTagsToCertificateCommand({ CertificateArn: o.id!, Tags: tagList }), { abortSignal: d.signal }));
    },
    async delete(o) {
      const acm = await loadAcm();
      const c = await d.client();
      await awsStep(`DeleteCertificate ${o.id}`, () => c.send(new acm.DeleteCertificateCommand({ CertificateArn: o.id! }), { abortSignal: d.signal }));
    },
    describe: (o) => [{ path: "certificate", before: `${o.id} (${o.actual?.names.join(", ")})` }],
  };
}

/**
 * A certificate of ours the run no longer wants (its names or its domain changed), deleted once the
 * listener moved off it (kind `aws.acm-certificate`, `absent`).
 * @internal
 */
export function staleCertificateResource(client: () => Promise<ACMClient>, cert: OwnedCertificate, signal: AbortSignal | undefined): Resource<OwnedCertificate> {
  return {
    kind: "aws.acm-certificate",
    key: `${cert.region} ${cert.names.join(",")}`,
    absent: true,
    mark: "the ownership tag",
    field: "domain",
    observe: async () => ({ exists: true, id: cert.arn, owned: true, actual: cert, diff: [] }),
    create: async () => undefined,
    update: async () => undefined,
    async delete() {
      const acm = await loadAcm();
      const c = await client();
      await awsStep(`DeleteCertificate ${cert.arn}`, () => c.send(new acm.DeleteCertificateCommand({ CertificateArn: cert.arn }), { abortSignal: signal }));
    },
    describe: () => [{ path: "certificate", before: `${cert.arn} (${cert.names.join(", ")})` }],
  };
}

/** An ACM idempotency token (1-32 word characters) derived from the request: FNV-1a, hex. */
function idempotencyToken(text: string): string {
  let out = "";
  for (let round = 0; out.length < 32; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, "0");
  }
  return out;
}
