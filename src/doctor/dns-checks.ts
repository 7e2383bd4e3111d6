import { describeError, fail, guarded, pass, skip } from "./check.js";
import type { DoctorCertificate, DoctorCheck, RunDoctorOptions } from "./types.js";

const DAY_MS = 86_400_000;

/** CNAME targets and addresses of a name through node:dns (loaded when used: nothing at import). */
async function resolveWithNode(name: string): Promise<string[]> {
  const dns = await import("node:dns/promises");
  const settle = <T>(p: Promise<T[]>) => p.then((v) => v.map(String), () => [] as string[]);
  const [cname, a, aaaa] = await Promise.all([settle(dns.resolveCname(name)), settle(dns.resolve4(name)), settle(dns.resolve6(name))]);
  return [...cname, ...a, ...aaaa];
}

/** The certificate served on domain:443, verified by Node (chain and name). */
async function probeWithTls(domain: string): Promise<DoctorCertificate> {
  const tls = await import("node:tls");
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: domain, port: 443, servername: domain, rejectUnauthorized: false });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no TLS handshake with ${domain}:443 within 10000 ms`));
    }, 10_000);
    socket.once("secureConnect", () => {
      clearTimeout(timer);
      const cert = socket.getPeerCertificate();
      const nameError = tls.checkServerIdentity(domain, cert);
      const authorized = socket.authorized && !nameError;
      socket.destroy();
      resolve({ validTo: new Date(cert.valid_to), trusted: authorized, ...(authorized ? {} : { reason: nameError?.message ?? String(socket.authorizationError) }), subject: cert.subjectaltname ?? String(cert.subject?.CN ?? "") });
    });
    socket.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

const norm = (s: string) => s.toLowerCase().replace(/\.$/, "");

/**
 * DNS: the custom domain resolves (to the expected target when given), and its certificate is trusted,
 * names the domain and is not expiring within `minValidDays`.
 * @internal
 */
export async function checkDns(o: RunDoctorOptions): Promise<DoctorCheck[]> {
  const d = o.dns;
  if (!d) return [skip("dns.resolves", "not configured (no custom domain)")];
  const resolve = d.resolve ?? resolveWithNode;
  const probe = d.probeCertificate ?? probeWithTls;
  const minDays = d.minValidDays ?? 30;
  const now = (o.now ?? (() => new Date()))();
  const resolves = await guarded("dns.resolves", "check the resolver of this host", async () => {
    const answers = (await resolve(d.domain)).map(norm);
    if (answers.length === 0) return fail("dns.resolves", `${d.domain} has no CNAME, A or AAAA answer`, `create the record for ${d.domain} (setupCustomDomain / setupMultiRegion does), and wait for propagation`);
    if (d.expectedTarget && !answers.includes(norm(d.expectedTarget))) return fail("dns.resolves", `${d.domain} -> ${answers.join(", ")}, not ${d.expectedTarget}`, `point ${d.domain} at ${d.expectedTarget} (CNAME or alias record)`);
    return pass("dns.resolves", `${d.domain} -> ${answers.join(", ")}`);
  });
  const cert = await guarded("dns.certificate", `check that ${d.domain} serves HTTPS on 443`, async () => {
    let c: DoctorCertificate;
    try {
      c = await probe(d.domain);
    } catch (e) {
      return fail("dns.certificate", `no TLS on ${d.domain}:443: ${describeError(e)}`, `check that ${d.domain} points at the gateway and that the custom domain's certificate is issued`);
    }
    const days = Math.floor((c.validTo.getTime() - now.getTime()) / DAY_MS);
    if (!c.trusted) return fail("dns.certificate", `${d.domain}: certificate not trusted for the name (${c.reason ?? "untrusted"})`, "issue a certificate for the domain from a public CA (ACM, or Konnect's custom domain)");
    if (days < minDays) return fail("dns.certificate", `${d.domain}: certificate ${days < 0 ? "expired" : `expires in ${days} day(s)`} (${c.validTo.toISOString()})`, "renew the certificate (ACM renews DNS-validated certificates whose validation record still exists)");
    return pass("dns.certificate", `${d.domain}: trusted${c.subject ? ` (${c.subject})` : ""}, valid until ${c.validTo.toISOString()} (${days} days)`);
  });
  return [...resolves, ...cert];
}
