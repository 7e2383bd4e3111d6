/** The services the sandbox fakes. */
export type SandboxService = "konnect" | "secretsmanager" | "route53" | "elasticache" | "cognito" | "lambda" | "ecs" | "logs" | "cloudwatch" | "ec2" | "ram" | "acm" | "elbv2" | "iam";

/**
 * One request the sandbox answered (or failed on purpose). Bodies are never logged: they may hold secrets.
 *
 * @example
 * ```ts
 * const writes = sandbox.requests.filter((r) => r.write);
 * ```
 */
export interface RequestLogEntry {
  /** Which fake answered. */
  service: SandboxService;
  /** HTTP method. */
  method: string;
  /** Full request URL. */
  url: string;
  /** AWS action (`CreateSecret`) or Konnect `METHOD /path/template` (`POST /v2/control-planes`). */
  operation: string;
  /** HTTP status sent back; 0 for a dropped connection. */
  status: number;
  /** True when the request changes state (whether or not it succeeded). */
  write: boolean;
  /** Sandbox clock time of the request, in ms since the epoch. */
  timestamp: number;
  /** Set when a fault replaced the normal answer. */
  fault?: "status" | "drop" | "fail-after-writes";
  /** Injected latency before the answer, in milliseconds. */
  delayMs?: number;
}

/**
 * A status the sandbox can inject: the ones a well-behaved client retries. Each goes out with its own
 * reason phrase (`statusText`) and a body in the answering service's own error format.
 *
 * @example
 * ```ts
 * const status: FaultStatus = 504;
 * sandbox.faults.set({ errorRate: { [status]: 0.1 } });
 * ```
 */
export type FaultStatus = 429 | 500 | 502 | 503 | 504;

/**
 * Faults to inject, deterministic under the sandbox's `seed`. Change them at any time through
 * `sandbox.faults`.
 *
 * @example
 * ```ts
 * sandbox.faults.set({ errorRate: { 429: 0.2, 503: 0.1 }, retryAfterSeconds: 0 });
 * ```
 */
export interface FaultOptions {
  /** Extra latency per request, in real milliseconds (keep it small in tests). @default 0 */
  latencyMs?: number;
  /**
   * Probability, per request, of answering with a given status instead (429, 500, 502, 503, 504), in the
   * service's own error format: Konnect problem+json; AWS `ThrottlingException`/`Throttling`,
   * `InternalServiceError`/`InternalFailure`, `ServiceUnavailable`, as each service names them.
   */
  errorRate?: Partial<Record<FaultStatus, number>>;
  /** `Retry-After` sent with injected 429 and 503 answers. @default 0 */
  retryAfterSeconds?: number;
  /**
   * Probability, per request, of dropping the connection before any answer. The client's own transport
   * reports it: node:http (the AWS SDK) raises its `socket hang up` error with `code: "ECONNRESET"`;
   * `fetch` rejects with undici's `TypeError: fetch failed` whose `cause` has `code: "ECONNRESET"`.
   * msw (2.15 at least) also prints each dropped `fetch` to stderr as an "unhandled exception": that is
   * msw reporting the injected error, not a failure of the test.
   */
  dropRate?: number;
  /**
   * After this many writes, every further write fails with 503 (a crash mid-run). A write counts when
   * the fake admits it, before it is answered, so concurrent writes never overshoot; a write the fake
   * then rejects (4xx) gives its place back.
   */
  failAfterWrites?: number;
  /** Only inject faults into these services. @default all */
  services?: SandboxService[];
}

/** Options of {@link createSandbox}. */
export interface SandboxOptions {
  /** Seed of the pseudo-random generator behind ids and faults. @default 1 */
  seed?: number;
  /** Start of the sandbox clock. @default 2026-01-01T00:00:00Z */
  startTime?: Date | number;
  /** Accept only this Konnect token; by default any well-formed `kpat_`/`spat_` token is accepted. */
  token?: string;
  /** AWS account id of the fake AWS. @default "123456789012" */
  awsAccountId?: string;
  /** Initial faults. */
  faults?: FaultOptions;
  /** Virtual time a cloud-gateway network, transit gateway, custom domain or data-plane group takes to become ready. @default 30 minutes */
  provisioningMs?: number;
  /**
   * Whether a client's reads of a pending process (a Route 53 change, a cloud-gateway network) move the
   * sandbox clock toward its completion, so waiters finish in milliseconds without `clock.advance`.
   * Turn off to hold processes in their transitional state. @default true
   */
  autoAdvance?: boolean;
  /** Virtual time a Route 53 change stays PENDING. @default 60 seconds */
  route53PropagationMs?: number;
  /**
   * Virtual time (sandbox clock) before a Secrets Manager write shows in `ListSecrets` (and in
   * `BatchGetSecretValue` with `Filters`, which lists): a secret created more recently is absent, tag,
   * description and value changes, deletions and restores appear late. `DescribeSecret`, `GetSecretValue`
   * and `BatchGetSecretValue` by ids see every write at once. AWS: "ListSecrets might not reflect changes
   * from the last five minutes" (API reference, ListSecrets); set `300_000` for that worst case, `0` to
   * list every write at once.
   * @default 60_000
   */
  listSecretsLagMs?: number;
}
