import { nodeCrypto } from "./node-crypto.js";
import { loadX509 } from "../aws/load-sdk.js";

/**
 * A data plane's cluster certificate and key, as PEM. The key is a secret: it only ever travels to
 * Secrets Manager, never into a result, a change or a log.
 * @internal
 */
export interface ClusterCertificate {
  /** The self-signed certificate (PEM, `-----BEGIN CERTIFICATE-----`). */
  cert: string;
  /** The PKCS#8 private key (PEM, `-----BEGIN PRIVATE KEY-----`). */
  key: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 fingerprint of the DER certificate, lowercase hex. */
  sha256: string;
}

/** What {@link generateClusterCertificate} takes. @internal */
export interface GenerateClusterCertificateOptions {
  commonName: string;
  validityDays: number;
  /** Start of validity, ms since the epoch. */
  now: number;
}

/**
 * The key: ECDSA on P-384 (secp384r1), signed with SHA-384. It is the key Kong's own instructions make
 * for a Konnect data plane ("openssl req -new -x509 -nodes -newkey ec:<(openssl ecparam -name secp384r1)
 * -keyout ./tls.key -out ./tls.crt -days 1095 -subj "/CN=kong_clustering"", developer.konghq.com
 * /gateway/install/kubernetes, "Create certificates"), so Konnect's pinned-certificate mode
 * (`auth_type: pinned_client_certs`, dp-client-certificates) accepts it. Generated with WebCrypto; the
 * private key is exported as PKCS#8 PEM, the form that command writes (OpenSSL 3) and that Kong's
 * `cluster_cert_key` reads ("certificate key content", kong.conf.default).
 */
const KEY_ALGORITHM = { name: "ECDSA", namedCurve: "P-384" } as const;
const SIGNING_ALGORITHM = { name: "ECDSA", hash: "SHA-384" } as const;

const DAY_MS = 86_400_000;

/** PEM with `label` around base64 lines of 64 characters (RFC 7468). */
function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString("base64");
  return `-----BEGIN ${label}-----\n${b64.match(/.{1,64}/g)!.join("\n")}\n-----END ${label}-----\n`;
}

/**
 * Issues a self-signed client certificate for data planes: a fresh ECDSA P-384 key, subject and issuer
 * `CN=<commonName>`, valid from `now` for `validityDays`, with the extensions `openssl req -x509` gives
 * a self-signed certificate (basic constraints CA, subject and authority key identifiers).
 * `@peculiar/x509` is loaded on first use (an optional peer, like the AWS clients).
 * @internal
 */
export async function generateClusterCertificate(o: GenerateClusterCertificateOptions): Promise<ClusterCertificate> {
  const x509 = await loadX509();
  const crypto = globalThis.crypto;
  const keys = (await crypto.subtle.generateKey(KEY_ALGORITHM, true, ["sign", "verify"])) as CryptoKeyPair;
  const notBefore = new Date(Math.floor(o.now / 1000) * 1000);
  const notAfter = new Date(notBefore.getTime() + o.validityDays * DAY_MS);
  const serial = Buffer.from(crypto.getRandomValues(new Uint8Array(16)));
  // a positive serial number (RFC 5280 4.1.2.2): clear the top bit, and keep the first byte non-zero
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serial.toString("hex"),
      name: `CN=${o.commonName}`,
      notBefore,
      notAfter,
      signingAlgorithm: SIGNING_ALGORITHM,
      keys,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
        await x509.AuthorityKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  const cert = `${certificate.toString("pem").replace(/\r\n/g, "\n").trimEnd()}\n`;
  const key = pem("PRIVATE KEY", await crypto.subtle.exportKey("pkcs8", keys.privateKey));
  return { cert, key, notBefore, notAfter, sha256: nodeCrypto().createHash("sha256").update(new (nodeCrypto().X509Certificate)(cert).raw).digest("hex") };
}

/** What a stored certificate says about itself. @internal */
export interface CertificateFacts {
  notBefore: Date;
  notAfter: Date;
  subject: string;
  sha256: string;
}

/** Reads a PEM certificate with node's `X509Certificate`; `undefined` when it does not parse. @internal */
export function readCertificate(pemText: string | undefined): CertificateFacts | undefined {
  if (!pemText) return undefined;
  try {
    const c = new (nodeCrypto().X509Certificate)(pemText);
    return { notBefore: new Date(c.validFrom), notAfter: new Date(c.validTo), subject: c.subject, sha256: nodeCrypto().createHash("sha256").update(c.raw).digest("hex") };
  } catch {
    return undefined;
  }
}

/**
 * Whether two PEM texts hold the same certificate: compared by their DER bytes, so line endings and
 * wrapping (Konnect may store the text as it was sent, or re-wrap it) do not matter.
 * @internal
 */
export function sameCertificate(a: string | undefined, b: string | undefined): boolean {
  const fa = readCertificate(a);
  const fb = readCertificate(b);
  return fa !== undefined && fb !== undefined && fa.sha256 === fb.sha256;
}
