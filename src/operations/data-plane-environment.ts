/**
 * The environment of a Konnect data plane. Kong reads every setting of kong.conf from an environment
 * variable `KONG_<SETTING>` ("All environment variables prefixed with `KONG_` and capitalized will
 * override the settings", Kong/kong kong.conf.default, commit 22246ef, line 10). Each name below is a
 * documented setting:
 *
 * | variable | setting and source |
 * |---|---|
 * | `KONG_ROLE=data_plane` | `role` (kong.conf.default, HYBRID MODE: `data_plane`) |
 * | `KONG_DATABASE=off` | `database` (kong.conf.default; a data plane runs DB-less) |
 * | `KONG_CLUSTER_MTLS=pki` | `cluster_mtls` (kong.conf.default: `shared`, `pki`, `pki_check_cn`) |
 * | `KONG_CLUSTER_CONTROL_PLANE` | `cluster_control_plane`, `host:port` (kong.conf.default, HYBRID MODE DATA PLANE) |
 * | `KONG_CLUSTER_SERVER_NAME` | `cluster_server_name`, the SNI (kong.conf.default) |
 * | `KONG_CLUSTER_CERT`, `KONG_CLUSTER_CERT_KEY` | `cluster_cert`, `cluster_cert_key`: "certificate content" is accepted (kong.conf.default) |
 * | `KONG_LUA_SSL_TRUSTED_CERTIFICATE=system` | `lua_ssl_trusted_certificate`: "If the control plane certificate is issued by a well-known CA, set `lua_ssl_trusted_certificate=system`" (kong.conf.default, `cluster_ca_cert`) |
 * | `KONG_STATUS_LISTEN` | `status_listen`, the Status API with `/status/ready` (kong.conf.default) |
 * | `KONG_CLUSTER_TELEMETRY_ENDPOINT`, `KONG_CLUSTER_TELEMETRY_SERVER_NAME`, `KONG_KONNECT_MODE=on`, `KONG_VITALS=off` | Kong Gateway Enterprise settings (absent from the open-source kong.conf.default): Kong's Konnect install page, developer.konghq.com/gateway/install/kubernetes (`konnect_mode: 'on'`, `vitals: "off"`, `cluster_telemetry_endpoint: <tp>:443`, `cluster_telemetry_server_name: <tp>`), and the data-plane command Konnect generates (Kong/developer.konghq.com tooling: `KONG_KONNECT_MODE=on`, `KONG_VITALS=off`, `KONG_CLUSTER_TELEMETRY_ENDPOINT=<tp>:443`) |
 * | `KONG_VAULT_AWS_REGION`, `KONG_VAULT_AWS_ASSUME_ROLE_ARN` | the AWS vault's `region` and `assume_role_arn` (Kong reads `vault_<backend>_<field>`, `kong/conf_loader/constants.lua`; as {@link setupMultiRegion} returns them) |
 *
 * The endpoint forms (`<host>:443` and the bare host as server name) are the ones Konnect's own data
 * plane command uses (`KONG_CLUSTER_CONTROL_PLANE=${controlPlaneEndpoint}:443`,
 * `KONG_CLUSTER_SERVER_NAME=${controlPlaneEndpoint}`).
 * @internal
 */
export const KONG_DATA_PLANE_VARIABLES = [
  "KONG_ROLE",
  "KONG_DATABASE",
  "KONG_KONNECT_MODE",
  "KONG_VITALS",
  "KONG_CLUSTER_MTLS",
  "KONG_CLUSTER_CONTROL_PLANE",
  "KONG_CLUSTER_SERVER_NAME",
  "KONG_CLUSTER_TELEMETRY_ENDPOINT",
  "KONG_CLUSTER_TELEMETRY_SERVER_NAME",
  "KONG_CLUSTER_CERT",
  "KONG_CLUSTER_CERT_KEY",
  "KONG_LUA_SSL_TRUSTED_CERTIFICATE",
  "KONG_STATUS_LISTEN",
  "KONG_VAULT_AWS_REGION",
  "KONG_VAULT_AWS_ASSUME_ROLE_ARN",
] as const;

/** JSON keys of the Secrets Manager secret that holds the certificate and its key. @internal */
export const CERT_KEY = "cert";
/** @internal */
export const PRIVATE_KEY_KEY = "key";
/** @internal */
export const PREVIOUS_CERT_KEY = "previousCert";
/**
 * Certificates replaced before the previous one and still pinned when the secret was last written, as one
 * PEM bundle (the secret's JSON stays a flat object of strings). A pinned certificate is ours only while
 * our tagged secret records it, so a rotation moves the old `previousCert` here instead of dropping it.
 * @internal
 */
export const RETIRED_CERTS_KEY = "retiredCerts";

/** What {@link buildDataPlaneEnvironment} takes. @internal */
export interface DataPlaneEnvironmentInput {
  /** `config.control_plane_endpoint` of the control plane (`https://<id>.<region>.cp0.konghq.com`). */
  controlPlaneEndpoint: string;
  /** `config.telemetry_endpoint` (`https://<id>.<region>.tp0.konghq.com`). */
  telemetryEndpoint: string;
  statusPort: number;
  vaultRegion?: string | undefined;
  vaultAssumeRoleArn?: string | undefined;
  /** More settings the caller adds (checked as `KONG_*` names, never overriding the ones above). */
  extra?: Record<string, string> | undefined;
}

/** `https://abc.us.cp0.konghq.com/` -> `abc.us.cp0.konghq.com`. @internal */
export function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint.includes("://") ? endpoint : `https://${endpoint}`).hostname;
  } catch {
    return endpoint;
  }
}

/** The plain (non-secret) variables of a data plane, sorted by name. @internal */
export function buildDataPlaneEnvironment(i: DataPlaneEnvironmentInput): Record<string, string> {
  const cp = hostOf(i.controlPlaneEndpoint);
  const tp = hostOf(i.telemetryEndpoint);
  const env: Record<string, string> = {
    ...i.extra,
    KONG_ROLE: "data_plane",
    KONG_DATABASE: "off",
    KONG_KONNECT_MODE: "on",
    KONG_VITALS: "off",
    KONG_CLUSTER_MTLS: "pki",
    KONG_CLUSTER_CONTROL_PLANE: `${cp}:443`,
    KONG_CLUSTER_SERVER_NAME: cp,
    KONG_CLUSTER_TELEMETRY_ENDPOINT: `${tp}:443`,
    KONG_CLUSTER_TELEMETRY_SERVER_NAME: tp,
    KONG_LUA_SSL_TRUSTED_CERTIFICATE: "system",
    // 0.0.0.0: the health check and the load balancer reach the Status API from outside the loopback
    KONG_STATUS_LISTEN: `0.0.0.0:${i.statusPort}`,
    ...(i.vaultRegion ? { KONG_VAULT_AWS_REGION: i.vaultRegion } : {}),
    ...(i.vaultAssumeRoleArn ? { KONG_VAULT_AWS_ASSUME_ROLE_ARN: i.vaultAssumeRoleArn } : {}),
  };
  return Object.fromEntries(Object.entries(env).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * ECS `secrets[].valueFrom` for one JSON key of a Secrets Manager secret: `<secret-arn>:<json-key>::`
 * (empty version stage and id: the current version), the form the ECS developer guide documents for
 * "Specifying sensitive data using Secrets Manager secrets" (`arn:aws:secretsmanager:region:
 * aws_account_id:secret:secret-name:json-key:version-stage:version-id`).
 * @internal
 */
export function secretValueFrom(secretArn: string, jsonKey: string): string {
  return `${secretArn}:${jsonKey}::`;
}

/** The secret variables, as ECS `secrets` entries. @internal */
export function buildDataPlaneSecrets(secretArn: string): Array<{ name: string; valueFrom: string }> {
  return [
    { name: "KONG_CLUSTER_CERT", valueFrom: secretValueFrom(secretArn, CERT_KEY) },
    { name: "KONG_CLUSTER_CERT_KEY", valueFrom: secretValueFrom(secretArn, PRIVATE_KEY_KEY) },
  ];
}

/** Where {@link toDotEnv} points Kong for the certificate files a host fetches from Secrets Manager. @internal */
export const CERT_FILES = { cert: "/etc/kong/cluster/tls.crt", key: "/etc/kong/cluster/tls.key" } as const;

/**
 * The `.env` form for EC2 or Docker hosts: the plain variables, and the certificate and key as file
 * paths (`cluster_cert` accepts an "absolute path to the certificate", kong.conf.default) that the host
 * fills from the secret, so no key is ever written into the file.
 * @internal
 */
export function toDotEnv(env: Record<string, string>): string {
  const all = { ...env, KONG_CLUSTER_CERT: CERT_FILES.cert, KONG_CLUSTER_CERT_KEY: CERT_FILES.key };
  return `${Object.entries(all)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join("\n")}\n`;
}

/** A Kubernetes container `env` entry. */
export type KubernetesEnvVar = { name: string; value: string } | { name: string; valueFrom: { secretKeyRef: { name: string; key: string } } };

/**
 * The Kubernetes form for EKS: the plain variables as values and the certificate and key from a
 * `kubernetes.io/tls` Secret (keys `tls.crt`, `tls.key`, as Kong's Helm instructions create it with
 * `kubectl create secret tls`), so the manifest holds no secret.
 * @internal
 */
export function toKubernetesEnv(env: Record<string, string>, secretName: string): KubernetesEnvVar[] {
  return [
    ...Object.entries(env).map(([name, value]) => ({ name, value })),
    { name: "KONG_CLUSTER_CERT", valueFrom: { secretKeyRef: { name: secretName, key: "tls.crt" } } },
    { name: "KONG_CLUSTER_CERT_KEY", valueFrom: { secretKeyRef: { name: secretName, key: "tls.key" } } },
  ].sort((a, b) => a.name.localeCompare(b.name));
}
