/**
 * Where a Dedicated Cloud Gateway custom domain points. Kong's docs ("Custom DNS" in
 * dedicated-cloud-gateways/reference, and Kong/docs.konghq.com
 * app/konnect/gateway-manager/dedicated-cloud-gateways/custom-dns.md): "From the Connect menu, save the
 * Public Edge DNS URL", then in Route 53 `<domain>` CNAME `9e454bcfec.gateways.konggateway.com` and
 * `_acme-challenge.<domain>` CNAME `_acme-challenge.9e454bcfec.acme.gateways.konggateway.com`. The label in
 * front is a per-control-plane prefix, not the custom domain id (a UUID, cloud-gateways.v2.yaml
 * `CustomDomainId`); the spec's `state_metadata.reason` example names it too ("CNAME points to
 * '_acme-challenge.<prefix>.gateways...' instead of '_acme-challenge.<prefix>.acme.gateways...'").
 *
 * The prefix is the first label of the control plane's `config.control_plane_endpoint`
 * (`https://<prefix>.<geo>.cp0.konghq.com`, 10 hex digits in control-planes.v2.yaml's example
 * `https://acfe5f253f.cp.konghq.com`): public scripts derive the gateway host so, e.g.
 * shanaka-versent/munchgo-aws-iac scripts/03-post-terraform-setup.sh (`discover_kong_proxy_domain`:
 * "`<prefix>.gateways.konggateway.com` where `<prefix>` is extracted from the CP endpoint
 * `https://<prefix>.<region>.cp0.konghq.com`"). Kong documents no API field holding the Public Edge DNS,
 * hence the derivation, and the `publicEdgeDns` option for a value copied from the Connect menu.
 */

/** The domain under which Konnect serves Dedicated Cloud Gateways (Kong docs, "Custom DNS"). @internal */
export const GATEWAYS_DOMAIN = "gateways.konggateway.com";

/** One DNS label (RFC 1035 §2.3.1, RFC 1123 §2.1), lower case. */
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** `<prefix>.gateways.konggateway.com`: the CNAME target of the domain. @internal */
export const gatewayHost = (prefix: string) => `${prefix}.${GATEWAYS_DOMAIN}`;
/** `_acme-challenge.<prefix>.acme.gateways.konggateway.com`: the CNAME target of `_acme-challenge.<domain>`. @internal */
export const acmeHost = (prefix: string) => `_acme-challenge.${prefix}.acme.${GATEWAYS_DOMAIN}`;

/**
 * The prefix of a Public Edge DNS as the Connect menu shows it (`9e454bcfec.gateways.konggateway.com`,
 * also accepted with `https://` in front, a trailing `/` or a trailing dot), or `undefined` when the value
 * is not of that shape.
 * @internal
 */
export function prefixOfPublicEdgeDns(value: string): string | undefined {
  const host = value.trim().toLowerCase().replace(/^https:\/\//, "").replace(/\/$/, "").replace(/\.$/, "");
  if (!host.endsWith(`.${GATEWAYS_DOMAIN}`)) return undefined;
  const prefix = host.slice(0, -GATEWAYS_DOMAIN.length - 1);
  return LABEL.test(prefix) ? prefix : undefined;
}

/**
 * The prefix from a control plane's `config.control_plane_endpoint` (`https://9e454bcfec.us.cp0.konghq.com`
 * -> `9e454bcfec`), or `undefined` when there is no endpoint or it is not a URL with a host of two labels
 * or more.
 * @internal
 */
export function prefixOfControlPlaneEndpoint(endpoint: string | undefined | null): string | undefined {
  if (!endpoint) return undefined;
  let host: string;
  try {
    host = new URL(endpoint).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  const labels = host.split(".");
  return labels.length >= 2 && LABEL.test(labels[0]!) ? labels[0] : undefined;
}
