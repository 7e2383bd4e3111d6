import type { Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import { ConfigError } from "../errors/config-error.js";
import { awaitHandshake, checkCaOption, checkPasswordAndTimeout, errorCode as code, errorMessage as message, isCertificateError, loadNodeNet, type NodeNet, probeSocket, redactResult, resolveAndConnect, revealPassword, startSteps, withTimeout } from "../internal/connection-check.js";
import { check, checkHost, checkNumber, checkOptionalBoolean, checkOptionalString, checkOptionsObject, describeValue } from "../internal/validate.js";
import { redactSecret } from "../redis/redact-secret.js";
import type { Secret } from "../secret.js";

/** Options of {@link checkPostgres}. */
export interface CheckPostgresOptions {
  /** The endpoint's host name or IP address alone (the RDS endpoint), no scheme, no `:port`. */
  host: string;
  /** @default 5432 */
  port?: number;
  /** @default "postgres" */
  database?: string;
  /** The database user (the guide's `aws_rds_username`). */
  user: string;
  /** The user's password (the guide's `aws_rds_password`); never reported. */
  password?: string | Secret<string>;
  /** Negotiate TLS (PostgreSQL's SSLRequest) before authenticating. @default true */
  tls?: boolean;
  /** Verify the server certificate and its name. @default true */
  tlsVerify?: boolean;
  /** SNI and certificate name. @default host */
  serverName?: string;
  /**
   * CA certificates (PEM) to trust: for RDS, the contents of the RDS CA bundle (`global-bundle.pem`, from
   * the "Using SSL/TLS to encrypt a connection to a DB instance" page of the RDS user guide), which Node's
   * default trust store does not hold.
   */
  ca?: string | string[];
  /** Longest wait for each step (DNS, TCP, TLS, AUTH, query), in ms, 1 to 600000. @default 5000 */
  timeoutMs?: number;
}

/** The steps of the check, in order. */
export type PostgresCheckStep = "dns" | "tcp" | "tls" | "auth" | "query";

/** One step's outcome. */
export interface PostgresCheckStepResult {
  step: PostgresCheckStep;
  ok: boolean;
  /** What was found (address, TLS protocol, server version), never a credential. */
  detail: string;
}

/** Result of {@link checkPostgres}. */
export interface CheckPostgresResult {
  ok: boolean;
  steps: PostgresCheckStepResult[];
  /** The step that failed. */
  failedStep?: PostgresCheckStep;
  /** What is wrong and what to do, for a failure (the guide's "RDS Connection Issues"). */
  diagnosis?: string;
}

interface PgClient {
  connect(): Promise<void>;
  query(text: string): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
  on(event: "error", listener: (e: Error) => void): unknown;
}
type PgModule = { Client: new (config: Record<string, unknown>) => PgClient };
let pgModule: Promise<PgModule> | undefined;
// pg is CommonJS: its classes sit on the default export when imported from ESM
const loadPg = () =>
  (pgModule ??= import("pg")
    .then((m) => ((m as unknown as { default?: PgModule }).default ?? (m as unknown as PgModule)))
    .catch((cause: unknown) => {
      pgModule = undefined;
      throw new ConfigError({ field: "checkPostgres", problem: "pg is not installed", fix: "npm install pg", cause });
    }));

/**
 * PostgreSQL's SSLRequest: length 8, then the code 80877103 (1234 << 16 | 5679). The server answers one
 * byte, `S` (go ahead with TLS) or `N` (TLS is off). Protocol docs: "Message Formats", SSLRequest.
 */
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

function validate(options: CheckPostgresOptions): void {
  checkOptionsObject(options, "checkPostgres", 'host: "mydb.abc123.us-east-1.rds.amazonaws.com", user: "kong"');
  checkHost(options.host, "host");
  if (options.port !== undefined) checkNumber(options.port, "port", { min: 1, max: 65535, integer: true });
  checkOptionalString(options.database, "database", { what: "a database name", max: 63 });
  check(typeof options.user === "string" && options.user.length > 0, "user", `expected a user name, got ${describeValue(options.user)}`, 'pass user: "kong" (the guide\'s aws_rds_username)');
  checkOptionalString(options.user, "user", { what: "a user name", max: 63 });
  checkOptionalBoolean(options.tls, "tls");
  checkOptionalBoolean(options.tlsVerify, "tlsVerify");
  if (options.serverName !== undefined) checkHost(options.serverName, "serverName");
  checkCaOption(options.ca, "pass the bundle's text (readFileSync('global-bundle.pem', 'utf8')), not its path");
  // the password is never echoed, only its kind
  checkPasswordAndTimeout(options, { password: "pass password: secret(process.env.RDS_PASSWORD)", emptyPassword: "give the database password, or leave password out" });
}

/** SNI name: never an IP address, which RFC 6066 forbids (Node warns and will ignore it). */
const sniName = (o: CheckPostgresOptions) => {
  const name = o.serverName ?? o.host;
  return /^[\d.]+$|:/.test(name) ? undefined : name;
};

/** Sends SSLRequest and reads the one-byte answer. */
const requestSsl = (socket: Socket, timeoutMs: number): Promise<string> => probeSocket(socket, SSL_REQUEST, timeoutMs, (d) => d.toString("latin1", 0, 1));

function handshake(tlsConnect: NodeNet["tlsConnect"], socket: Socket, o: CheckPostgresOptions & { timeoutMs: number }): Promise<TLSSocket> {
  const servername = sniName(o);
  // host: the name the certificate is checked against (the socket is already connected)
  return awaitHandshake(tlsConnect({ socket, host: o.host, ...(servername ? { servername } : {}), rejectUnauthorized: o.tlsVerify !== false, ...(o.ca ? { ca: o.ca } : {}) }), o.timeoutMs);
}

/**
 * Preflight for a PostgreSQL endpoint such as RDS (the guide's troubleshooting item "RDS Connection
 * Issues"): resolves the name, opens TCP, negotiates TLS (PostgreSQL's SSLRequest, then the handshake,
 * verified against `ca`, e.g. the RDS CA bundle), authenticates and runs `SELECT 1`, stopping at the first
 * failure with a diagnosis of that step. Uses `pg` (an optional peer dependency) for authentication and
 * the query. Never throws for an unreachable database: the result says what failed. The password never
 * appears in it.
 *
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { checkPostgres, secret } from "konnect-aws";
 * const result = await checkPostgres({
 *   host: "kong.abc123.us-east-1.rds.amazonaws.com",
 *   user: "kong",
 *   password: secret(process.env.RDS_PASSWORD ?? ""),
 *   database: "kong",
 *   ca: readFileSync("global-bundle.pem", "utf8"),
 * });
 * if (!result.ok) console.error(result.failedStep, result.diagnosis);
 * ```
 */
export async function checkPostgres(options: CheckPostgresOptions): Promise<CheckPostgresResult> {
  validate(options);
  const password = revealPassword(options.password);
  // the password is applied, never reported: every detail and diagnosis is redacted on the way out
  return redactResult(await run({ ...options, port: options.port ?? 5432, timeoutMs: options.timeoutMs ?? 5000, tls: options.tls ?? true }, password), password);
}

async function run(o: CheckPostgresOptions & { port: number; timeoutMs: number; tls: boolean }, password: string | undefined): Promise<CheckPostgresResult> {
  const net = await loadNodeNet();
  const { tlsConnect } = net;
  const { steps, fail } = startSteps<PostgresCheckStep>();

  // 1-2. DNS and TCP
  const reached = await resolveAndConnect(net, o, { steps, fail }, {
    notResolving: `${o.host} does not resolve. Check the endpoint name (RDS console, Connectivity & security); a private RDS endpoint resolves to addresses reachable only from its VPC.`,
    refused: `Nothing listens on ${o.host}:${o.port}. Check the port (PostgreSQL on RDS uses 5432 unless changed) and that the instance is available.`,
    noAnswer: `No answer from ${o.host}:${o.port}. Check that the database's security group allows inbound TCP ${o.port} from the data planes, and the route between them.`,
  });
  if ("failed" in reached) return reached.failed;
  const { socket } = reached;

  // 3. TLS: SSLRequest, then the handshake on the same connection
  if (o.tls) {
    const answer = await requestSsl(socket, o.timeoutMs);
    if (answer !== "S") {
      socket.destroy();
      if (answer === "N") return fail("tls", "server answered N to SSLRequest", "The server has TLS turned off (it refused SSLRequest). Turn on ssl on the server (on RDS it is always available; check that this is the RDS endpoint), or set tls: false if unencrypted connections are really intended.");
      return fail("tls", `SSLRequest got ${JSON.stringify(answer)}`, `The server did not answer PostgreSQL's SSLRequest (${answer}): this port is probably not PostgreSQL. Check the endpoint and port.`);
    }
    try {
      const tls = await handshake(tlsConnect, socket, o);
      steps.push({ step: "tls", ok: true, detail: `${tls.getProtocol() ?? "TLS"}, certificate verified: ${o.tlsVerify !== false}` });
      tls.destroy();
    } catch (e) {
      socket.destroy();
      const c = code(e);
      if (isCertificateError(e)) {
        return fail("tls", c || message(e), `The server's certificate was not accepted (${message(e)}). For RDS, pass ca: the RDS CA bundle (global-bundle.pem), and use the RDS endpoint name as host (the certificate is issued for it).`);
      }
      return fail("tls", c || message(e), `The TLS handshake failed: ${message(e)}.`);
    }
  } else {
    socket.destroy();
    steps.push({ step: "tls", ok: true, detail: "plain TCP (tls: false)" });
  }

  // 4-5. authentication and SELECT 1 with pg
  const { Client } = await loadPg();
  const client = new Client({
    host: o.host,
    port: o.port,
    user: o.user,
    database: o.database ?? "postgres",
    ...(password !== undefined ? { password } : {}),
    ssl: o.tls ? { ...(sniName(o) ? { servername: sniName(o) } : {}), rejectUnauthorized: o.tlsVerify !== false, ...(o.ca ? { ca: o.ca } : {}) } : false,
    connectionTimeoutMillis: o.timeoutMs,
    query_timeout: o.timeoutMs,
    application_name: "konnect-aws doctor",
  });
  client.on("error", () => undefined); // reported through the awaited calls below
  const redact = (m: string) => (password ? redactSecret(m, password) : m);
  try {
    try {
      await withTimeout(client.connect(), o.timeoutMs, "the connection");
      steps.push({ step: "auth", ok: true, detail: `authenticated as ${o.user} to database ${o.database ?? "postgres"}` });
    } catch (e) {
      const m = redact(message(e));
      const c = code(e);
      if (c === "ETIMEDOUT" || /timeout/i.test(m)) return fail("auth", `no reply within ${o.timeoutMs} ms`, `PostgreSQL accepted the connection but did not complete authentication within ${o.timeoutMs} ms: the server is overloaded, or something that is not PostgreSQL holds the connection.`);
      // SQLSTATE codes: PostgreSQL docs, Appendix A "PostgreSQL Error Codes"
      if (c === "28P01") return fail("auth", "28P01 invalid_password", `PostgreSQL rejected the password for user ${o.user}. Check aws_rds_password (on RDS, the master password or the user's), and that the user name is right.`);
      if (c === "3D000") return fail("auth", "3D000 invalid_catalog_name", `Database ${o.database ?? "postgres"} does not exist on this server. Check aws_rds_database, or create it.`);
      if (c === "28000") {
        if (/no encryption/i.test(m)) return fail("auth", "28000 no pg_hba.conf entry (no encryption)", "The server requires TLS for this user and host (rds.force_ssl, or a hostssl rule). Set tls: true.");
        return fail("auth", "28000 invalid_authorization_specification", `The server refused this user from this host: ${m}. Check the user name and the server's access rules (pg_hba.conf; on RDS, the user's grants and IAM authentication).`);
      }
      if (/password authentication|SASL|SCRAM|client password must be a string/i.test(m)) return fail("auth", m, "The server asks for a password: pass password (the guide's aws_rds_password).");
      return fail("auth", c ? `${c} ${m}` : m, `Authentication failed: ${m}`);
    }
    try {
      const { rows } = await withTimeout(client.query("SELECT 1 AS ok, current_setting('server_version') AS version"), o.timeoutMs, "SELECT 1");
      const row = rows[0] ?? {};
      const ok = Number(row.ok) === 1;
      steps.push({ step: "query", ok, detail: ok ? `SELECT 1 answered 1 (PostgreSQL ${String(row.version)})` : `SELECT 1 answered ${JSON.stringify(row)}` });
      if (!ok) return { ok: false, steps, failedStep: "query", diagnosis: "SELECT 1 did not answer 1." };
    } catch (e) {
      const m = redact(message(e));
      if (code(e) === "ETIMEDOUT" || /timeout/i.test(m)) return fail("query", `no reply within ${o.timeoutMs} ms`, `SELECT 1 got no answer within ${o.timeoutMs} ms: the server is overloaded or blocked (check its CPU and locks).`);
      return fail("query", m, `SELECT 1 failed: ${m}`);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
  return { ok: true, steps };
}
