import type { IAMClient } from "@aws-sdk/client-iam";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { KonnectClient } from "../konnect/create-konnect-client.js";
import type { CheckPostgresOptions } from "../postgres/check-postgres.js";
import type { CheckRedisOptions } from "../redis/check-redis.js";

/** A check's outcome: `skip` when it was not configured or cannot run in this build (the evidence says which). */
export type DoctorStatus = "pass" | "fail" | "skip";

/**
 * One check of {@link runDoctor}.
 *
 * @example
 * ```ts
 * const check: DoctorCheck = { name: "konnect.token", status: "pass", evidence: "organization Acme", fix: "" };
 * ```
 */
export interface DoctorCheck {
  /** Stable dotted name, such as `konnect.token` or `secrets.readable prod/redis`. */
  name: string;
  status: DoctorStatus;
  /** What was observed (never a secret value). */
  evidence: string;
  /** What to do when it fails; empty when it passes. */
  fix: string;
}

/** A secret the data planes read, and the JSON keys they need in it. */
export interface DoctorSecret {
  /** Secret name or ARN. */
  name: string;
  /** JSON keys that must exist in the secret string. */
  keys?: string[];
  /** Region of the secret. @default the `aws.region` */
  region?: string;
}

/** What the DNS check needs; the resolver and certificate probe are injectable (tests, other resolvers). */
export interface DoctorDnsOptions {
  /** The custom domain, such as `api.example.com` (the guide's `aws_custom_domain`). */
  domain: string;
  /** The name (CNAME target) or address the domain must resolve to; without it, resolving at all passes. */
  expectedTarget?: string;
  /** Resolves a name to its CNAME targets and addresses. @default node:dns resolveCname + resolve4 + resolve6 */
  resolve?: (name: string) => Promise<string[]>;
  /**
   * Reads the certificate served for the domain. @default a TLS connection to domain:443 (certificate chain
   * and host name verified by Node)
   */
  probeCertificate?: (domain: string) => Promise<DoctorCertificate>;
  /** Days before expiry that fail the check. @default 30 */
  minValidDays?: number;
}

/** The certificate a probe found. */
export interface DoctorCertificate {
  /** Valid until. */
  validTo: Date;
  /** Whether the chain is trusted and the certificate names the domain; with the reason when not. */
  trusted: boolean;
  reason?: string;
  /** Subject / SAN summary, for the evidence. */
  subject?: string;
}

/**
 * Options of {@link runDoctor}: every part is optional, and a part left out gives `skip` checks.
 *
 * @example
 * ```ts
 * import { createKonnectClient, type RunDoctorOptions } from "konnect-aws";
 * const options: RunDoctorOptions = { konnect: createKonnectClient({ region: "us" }), controlPlaneId: "f3b4c0de-0000-4000-8000-000000000001" };
 * ```
 */
export interface RunDoctorOptions {
  /** The Konnect client (token and region). */
  konnect?: KonnectClient;
  /** The control plane whose plugins, vaults and data planes are checked. */
  controlPlaneId?: string;
  /** AWS region and the SDK clients the checks use (clients you configure: credentials, endpoints). */
  aws?: {
    region: string;
    secretsManager?: SecretsManagerClient;
    /** Secrets Manager client of another region (for vaults and secrets in other regions). */
    secretsManagerFor?: (region: string) => SecretsManagerClient;
    lambda?: LambdaClient;
    /** For `SimulatePrincipalPolicy` of the data planes' role and the Lambda invoker role. */
    iam?: IAMClient;
  };
  /** Secrets the data planes read. */
  secrets?: DoctorSecret[];
  /** The data planes' IAM role: when given (with `aws.iam`), readability is simulated for it instead of read with the caller's credentials. */
  dataPlaneRoleArn?: string;
  /** The ElastiCache endpoint, checked with {@link checkRedis}. */
  redis?: CheckRedisOptions;
  /** The Lambda function behind the aws-lambda plugin. */
  lambda?: {
    functionName: string;
    /** The role that invokes it (the data planes'); with `aws.iam`, `lambda:InvokeFunction` is simulated for it. */
    invokerRoleArn?: string;
    /** The gateway's timeout in ms when no aws-lambda plugin on the control plane says it. @default 60000 (the plugin's default) */
    gatewayTimeoutMs?: number;
  };
  /** The RDS/PostgreSQL endpoint, checked with {@link checkPostgres}. */
  postgres?: CheckPostgresOptions;
  /** The custom domain. */
  dns?: DoctorDnsOptions;
  /** Cancels the checks still to run. */
  signal?: AbortSignal;
  /** The time certificates and data planes' last heartbeats are judged at. @default new Date() */
  now?: () => Date;
}

/** Result of {@link runDoctor}. */
export interface RunDoctorResult {
  /** True when no check failed. */
  ok: boolean;
  checks: DoctorCheck[];
  /** Counts per status. */
  summary: Record<DoctorStatus, number>;
}
