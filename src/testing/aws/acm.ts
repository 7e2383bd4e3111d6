import type { HttpHandler } from "msw";
import type { SandboxClock } from "../clock.js";
import type { Random } from "../random.js";
import type { Serve } from "../serve.js";
import { hexDigest } from "./dns-lookup.js";
import { AwsFault } from "./json-protocol.js";
import { serveAwsJson } from "./serve-aws-json.js";

type Json = Record<string, unknown>;

/** One ACM certificate in one region. */
export interface CertificateRecord {
  arn: string;
  region: string;
  domainName: string;
  /** Every name on the certificate, the domain name first (as DescribeCertificate lists them). */
  names: string[];
  validationMethod: "DNS" | "EMAIL";
  createdAt: number;
  /** When every validation record was first seen in the Route 53 fake. */
  validatedAt?: number;
  tags: Array<{ Key: string; Value?: string }>;
}

/**
 * The ACM fake's state: certificates by region, then ARN.
 *
 * @example
 * ```ts
 * const certs = [...(sandbox.state.acm.certificates["us-east-1"]?.values() ?? [])];
 * ```
 */
export interface AcmState {
  certificates: Record<string, Map<string, CertificateRecord>>;
  /** `<region> <token>` -> the ARN and when the token was first used (tokens time out after an hour). */
  idempotencyTokens: Map<string, { arn: string; at: number }>;
}

/** @internal */
export interface AcmFakeOptions {
  state: () => AcmState;
  clock: SandboxClock;
  random: Random;
  serve: Serve;
  accountId: string;
  /** The values a public DNS lookup finds (the Route 53 fake). */
  lookup: (name: string, type: string) => string[];
  /** The load balancers using a certificate (the ELBv2 fake's listeners). */
  inUseBy: (region: string, arn: string) => string[];
}

/** Virtual time before DescribeCertificate shows the validation CNAME (ACM: "a few seconds" after the request). */
export const ACM_RECORD_DELAY_MS = 5_000;
/** Virtual time between the validation records appearing in DNS and the certificate being ISSUED. */
export const ACM_ISSUE_MS = 60_000;
/** ACM User Guide, "DNS validation": a certificate not validated within 72 hours times out. */
const VALIDATION_TIMEOUT_MS = 72 * 3_600_000;
/** RequestCertificate IdempotencyToken: "Idempotency tokens time out after one hour" (acm.json). */
const TOKEN_TTL_MS = 3_600_000;
/** ACM quota "Domain names per ACM certificate": 10 by default (ACM User Guide, Quotas). */
const MAX_NAMES = 10;
/** ACM quota: 50 tags per certificate (AddTagsToCertificate TagList max 50; TooManyTagsException). */
const MAX_TAGS = 50;

const WRITES = new Set(["RequestCertificate", "DeleteCertificate", "AddTagsToCertificate", "RemoveTagsFromCertificate"]);
const ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):(\d{12}):certificate\/([0-9a-f-]{36})$/;
const seconds = (ms: number) => ms / 1000;
const base = (name: string) => name.toLowerCase().replace(/^\*\./, "");

/**
 * The DNS validation record of a name. ACM uses one CNAME per domain name and account, whatever the
 * certificate or region (ACM User Guide, "DNS validation": the record stays valid for renewals and for
 * other certificates of the name), and a wildcard shares its base name's record: so it is derived from the
 * account and the base name, never from the certificate.
 * @internal
 */
export function acmValidationRecord(accountId: string, name: string): { Name: string; Type: "CNAME"; Value: string } {
  const b = base(name);
  return { Name: `_${hexDigest(`name ${accountId} ${b}`)}.${b}.`, Type: "CNAME", Value: `_${hexDigest(`value ${accountId} ${b}`)}.${hexDigest(`zone ${b}`, 10).replace(/[0-9]/g, (d) => "abcdefghij"[Number(d)]!)}.acm-validations.aws.` };
}

/**
 * ACM checks DNS on its own, whoever asks: records the moment every validation CNAME of a certificate
 * resolves (once the records are shown), so issuance does not depend on someone polling DescribeCertificate.
 * @internal
 */
export function noticeValidation(c: CertificateRecord, now: number, accountId: string, lookup: (name: string, type: string) => string[]): void {
  if (c.validationMethod !== "DNS" || c.validatedAt !== undefined || now < c.createdAt + ACM_RECORD_DELAY_MS) return;
  const all = c.names.every((n) => {
    const r = acmValidationRecord(accountId, n);
    return lookup(r.Name, "CNAME").includes(r.Value);
  });
  if (all) c.validatedAt = now;
}

/** @internal */
export function acmHandlers(o: AcmFakeOptions): HttpHandler[] {
  const store = (region: string) => (o.state().certificates[region] ??= new Map());
  const find = (region: string, arn: unknown): CertificateRecord => {
    const m = ARN.exec(String(arn ?? ""));
    if (!m) throw new AwsFault("InvalidArnException", `String '${String(arn)}' is not a valid ARN.`);
    const c = store(region).get(String(arn));
    if (!c || m[1] !== region) throw new AwsFault("ResourceNotFoundException", `Could not find certificate ${String(arn)}.`);
    return c;
  };

  /** Status on the sandbox clock: PENDING_VALIDATION until every validation CNAME resolves, then ISSUED. */
  const status = (c: CertificateRecord, poll: boolean): string => {
    const now = o.clock.now();
    noticeValidation(c, now, o.accountId, o.lookup);
    if (c.validatedAt !== undefined) {
      if (now >= c.validatedAt + ACM_ISSUE_MS) return "ISSUED";
      // a client polling a certificate on its way to ISSUED moves the clock (clock.ts, autoAdvance)
      if (poll) o.clock.observePending(c.validatedAt + ACM_ISSUE_MS, ACM_ISSUE_MS);
      return "PENDING_VALIDATION";
    }
    if (now >= c.createdAt + VALIDATION_TIMEOUT_MS) return "VALIDATION_TIMED_OUT";
    if (poll && now < c.createdAt + ACM_RECORD_DELAY_MS) o.clock.observePending(c.createdAt + ACM_RECORD_DELAY_MS, ACM_RECORD_DELAY_MS);
    return "PENDING_VALIDATION";
  };

  const detail = (c: CertificateRecord): Json => {
    const s = status(c, true);
    const recordShown = o.clock.now() >= c.createdAt + ACM_RECORD_DELAY_MS;
    const inUse = o.inUseBy(c.region, c.arn);
    return {
      CertificateArn: c.arn,
      DomainName: c.domainName,
      SubjectAlternativeNames: c.names,
      DomainValidationOptions: c.names.map((n) => ({
        DomainName: n,
        ValidationDomain: n,
        ValidationStatus: s === "ISSUED" ? "SUCCESS" : s === "VALIDATION_TIMED_OUT" ? "FAILED" : "PENDING_VALIDATION",
        ValidationMethod: c.validationMethod,
        ...(c.validationMethod === "DNS" && recordShown ? { ResourceRecord: acmValidationRecord(o.accountId, n) } : {}),
      })),
      CreatedAt: seconds(c.createdAt),
      ...(s === "ISSUED" ? { IssuedAt: seconds(c.validatedAt! + ACM_ISSUE_MS), NotBefore: seconds(c.validatedAt! + ACM_ISSUE_MS), NotAfter: seconds(c.validatedAt! + ACM_ISSUE_MS + 395 * 86_400_000), Issuer: "Amazon", Subject: `CN=${c.domainName}` } : {}),
      Status: s,
      InUseBy: inUse,
      Type: "AMAZON_ISSUED",
      KeyAlgorithm: "RSA-2048",
      SignatureAlgorithm: "SHA256WITHRSA",
      RenewalEligibility: inUse.length ? "ELIGIBLE" : "INELIGIBLE",
      Options: { CertificateTransparencyLoggingPreference: "ENABLED" },
    };
  };

  const ops: Record<string, (region: string, input: Json) => Json> = {
    RequestCertificate(region, i) {
      const token = typeof i.IdempotencyToken === "string" ? i.IdempotencyToken : undefined;
      const now = o.clock.now();
      if (token) {
        const seen = o.state().idempotencyTokens.get(`${region} ${token}`);
        if (seen && now - seen.at < TOKEN_TTL_MS && store(region).has(seen.arn)) return { CertificateArn: seen.arn };
      }
      const domain = String(i.DomainName).toLowerCase();
      const names = [...new Set([domain, ...((i.SubjectAlternativeNames as string[] | undefined) ?? []).map((n) => n.toLowerCase())])];
      if (names.length > MAX_NAMES) throw new AwsFault("LimitExceededException", `Certificate request contains more than the limit of ${MAX_NAMES} domain names.`);
      const tags = (i.Tags as CertificateRecord["tags"] | undefined) ?? [];
      const arn = `arn:aws:acm:${region}:${o.accountId}:certificate/${o.random.uuid()}`;
      store(region).set(arn, { arn, region, domainName: domain, names, // the model gives ValidationMethod no default; without DNS the fake treats the request as email
        // validation, which it never completes (no mailbox to approve from)
        validationMethod: i.ValidationMethod === "DNS" ? "DNS" : "EMAIL", createdAt: now, tags: tags.map((t) => ({ Key: t.Key, Value: t.Value ?? "" })) });
      if (token) o.state().idempotencyTokens.set(`${region} ${token}`, { arn, at: now });
      return { CertificateArn: arn };
    },
    DescribeCertificate: (region, i) => ({ Certificate: detail(find(region, i.CertificateArn)) }),
    ListCertificates(region, i) {
      const statuses = (i.CertificateStatuses as string[] | undefined) ?? [];
      // "By default, the API returns RSA_2048 certificates" (ListCertificates); the fake issues only those
      const keyTypes = ((i.Includes as Json | undefined)?.keyTypes as string[] | undefined) ?? ["RSA_2048"];
      const all = [...store(region).values()]
        .filter(() => keyTypes.includes("RSA_2048"))
        .map((c) => ({ c, s: status(c, false) }))
        .filter(({ s }) => !statuses.length || statuses.includes(s));
      const start = i.NextToken === undefined ? 0 : Number(/^page-(\d+)$/.exec(String(i.NextToken))?.[1] ?? NaN);
      if (!Number.isInteger(start)) throw new AwsFault("InvalidNextTokenException", "The specified NextToken is not valid.");
      const max = Number(i.MaxItems ?? 1000);
      const page = all.slice(start, start + max);
      return {
        CertificateSummaryList: page.map(({ c, s }) => ({
          CertificateArn: c.arn,
          DomainName: c.domainName,
          SubjectAlternativeNameSummaries: c.names,
          HasAdditionalSubjectAlternativeNames: false,
          Status: s,
          Type: "AMAZON_ISSUED",
          KeyAlgorithm: "RSA-2048",
          InUse: o.inUseBy(region, c.arn).length > 0,
          CreatedAt: seconds(c.createdAt),
        })),
        ...(start + max < all.length ? { NextToken: `page-${start + max}` } : {}),
      };
    },
    ListTagsForCertificate: (region, i) => ({ Tags: find(region, i.CertificateArn).tags }),
    AddTagsToCertificate(region, i) {
      const c = find(region, i.CertificateArn);
      let tags = [...c.tags];
      for (const t of (i.Tags as Array<{ Key: string; Value?: string }>) ?? []) tags = [...tags.filter((x) => x.Key !== t.Key), { Key: t.Key, Value: t.Value ?? "" }];
      if (tags.length > MAX_TAGS) throw new AwsFault("TooManyTagsException", `The request contains too many tags. A certificate can have at most ${MAX_TAGS} tags.`);
      c.tags = tags;
      return {};
    },
    DeleteCertificate(region, i) {
      const c = find(region, i.CertificateArn);
      // "You cannot delete an ACM certificate that is being used by another Amazon Web Services service"
      if (o.inUseBy(region, c.arn).length) throw new AwsFault("ResourceInUseException", `Certificate ${c.arn} in account ${o.accountId} is in use.`);
      store(region).delete(c.arn);
      return {};
    },
  };

  return [serveAwsJson({ service: "acm", targetPrefix: "CertificateManager.", ops, writes: WRITES, serve: o.serve })];
}

/** How to seed an issued certificate (one you already have, such as a listener's default certificate). */
export interface IssuedCertificateSeed {
  domainName: string;
  region?: string;
  subjectAlternativeNames?: string[];
  tags?: Array<{ Key: string; Value: string }>;
}

/** Adds an ISSUED certificate without a request in the log; returns its ARN. @internal */
export function seedIssuedCertificate(state: AcmState, random: Random, clock: SandboxClock, accountId: string, seed: IssuedCertificateSeed): string {
  const region = seed.region ?? "us-east-1";
  const arn = `arn:aws:acm:${region}:${accountId}:certificate/${random.uuid()}`;
  const at = clock.now() - ACM_ISSUE_MS - ACM_RECORD_DELAY_MS;
  const names = [...new Set([seed.domainName, ...(seed.subjectAlternativeNames ?? [])].map((n) => n.toLowerCase()))];
  (state.certificates[region] ??= new Map()).set(arn, { arn, region, domainName: names[0]!, names, validationMethod: "DNS", createdAt: at, validatedAt: at, tags: seed.tags ?? [] });
  return arn;
}
