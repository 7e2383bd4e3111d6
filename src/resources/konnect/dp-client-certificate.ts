import { readCertificate, sameCertificate } from "../../internal/cluster-certificate.js";
import type { KonnectClient } from "../../konnect/create-konnect-client.js";
import type { KonnectSchemas } from "../../konnect/types.js";
import type { FieldDiff } from "../../reconcile/change.js";
import type { Observation, Resource } from "../../reconcile/resource.js";

/** A pinned data-plane client certificate as Konnect returns it. @internal */
export type DpClientCertificate = KonnectSchemas["DataPlaneClientCertificate"];

const list = "/v2/control-planes/{controlPlaneId}/dp-client-certificates" as const;
const one = "/v2/control-planes/{controlPlaneId}/dp-client-certificates/{certificateId}" as const;

/**
 * Every certificate pinned to a control plane, in one read (the list has no paging parameters:
 * control-planes-config.v2.yaml `list-dp-client-certificates`), read once per run and shared.
 * @internal
 */
export function createDpClientCertificateReader(konnect: KonnectClient, controlPlaneId: string | undefined, signal?: AbortSignal): () => Promise<DpClientCertificate[]> {
  let all: Promise<DpClientCertificate[]> | undefined;
  return () =>
    (all ??=
      controlPlaneId === undefined
        ? Promise.resolve([])
        : konnect.api.GET(list, { params: { path: { controlPlaneId } }, ...(signal ? { signal } : {}) }).then(({ data }) => (data?.items ?? []) as DpClientCertificate[]));
}

/** What {@link dpClientCertificateResource} manages. @internal */
export interface DpClientCertificateDesired {
  konnect: KonnectClient;
  controlPlaneId: string | undefined;
  /** The certificate (PEM). Public; shown in plans only by fingerprint, subject and expiry. */
  cert: string;
  title: string;
  /** `current:<sha256 prefix>` (to pin) or `retired:<sha256 prefix>` (a replaced one: unpinned once expired, or by the teardown). */
  key: string;
  /**
   * Whether the certificate is ours. dp-client-certificates carry no tags or labels (the spec has only
   * `id`, `cert`, `title`, timestamps), so ownership is proven in AWS: the certificate is ours when its
   * PEM is the one recorded in the Secrets Manager secret that carries our ownership tag (as the current
   * certificate, with its private key, as the previous one of a rotation, or among the older replaced
   * ones still pinned, `retiredCerts`). A certificate pinned by
   * hand is never recorded there, so it is never matched, changed or removed; `adopt` only extends to a
   * secret without the tag, and so to the certificates it records.
   */
  owned: boolean;
  /** Where ownership is recorded, for refusals: `the managed secret <name>`. */
  mark: string;
  read: () => Promise<DpClientCertificate[]>;
  absent?: boolean;
  dependsOn?: Resource[];
  signal?: AbortSignal | undefined;
}

/** The plan's view of a certificate: never the PEM, only what identifies it. */
function describeCert(pem: string): FieldDiff[] {
  const facts = readCertificate(pem);
  return facts ? [{ path: "sha256", after: facts.sha256 }, { path: "subject", after: facts.subject }, { path: "notAfter", after: facts.notAfter.toISOString() }] : [];
}

/**
 * A pinned data-plane client certificate (Konnect pinned-certificate mode), found by its content
 * (compared as DER, so PEM wrapping does not matter). Created with POST (not retry-safe: a lost answer
 * leaves a pinned certificate that the next run finds by content and keeps), never updated, deleted
 * with DELETE.
 * @internal
 */
export function dpClientCertificateResource(d: DpClientCertificateDesired): Resource<DpClientCertificate> {
  const signal = d.signal ? { signal: d.signal } : {};
  return {
    kind: "konnect.dp-client-certificate",
    key: d.key,
    mark: d.mark,
    field: "secretName",
    ...(d.absent ? { absent: true } : {}),
    ...(d.dependsOn ? { dependsOn: d.dependsOn } : {}),
    async observe(): Promise<Observation<DpClientCertificate>> {
      const found = (await d.read()).find((c) => sameCertificate(c.cert, d.cert));
      if (!found) return { exists: false, owned: false, diff: [...describeCert(d.cert), { path: "title", after: d.title }] };
      return { exists: true, ...(found.id ? { id: found.id } : {}), owned: d.owned, actual: found, diff: [] };
    },
    async create() {
      const { data } = await d.konnect.api.POST(list, { params: { path: { controlPlaneId: d.controlPlaneId! } }, body: { cert: d.cert, title: d.title }, ...signal });
      return data?.item?.id;
    },
    async update() {
      // never called: a certificate found by content has nothing to update
    },
    async delete(o) {
      await d.konnect.api.DELETE(one, { params: { path: { controlPlaneId: d.controlPlaneId!, certificateId: o.id! } }, ...signal });
    },
    describe: (o) => [{ path: "id", before: o.id }, ...describeCert(o.actual?.cert ?? d.cert).map((f) => ({ path: f.path, before: f.after }))],
  };
}
