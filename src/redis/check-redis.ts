import type { Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import { ConfigError } from "../errors/config-error.js";
import { awaitHandshake, checkCaOption, checkPasswordAndTimeout, errorCode as code, errorMessage as message, isCertificateError, loadNodeNet, type NodeNet, probeSocket, redactResult, resolveAndConnect, revealPassword, startSteps, withTimeout } from "../internal/connection-check.js";
import { checkHost, checkNumber, checkOptionalBoolean, checkOptionalString, checkOptionsObject } from "../internal/validate.js";
import type { Secret } from "../secret.js";
import { redactSecret } from "./redact-secret.js";

/** Options of {@link checkRedis}. */
export interface CheckRedisOptions {
  /** The endpoint's host name or IP address alone: no `redis://`/`rediss://` scheme, no `:port`. */
  host: string;
  /** @default 6379 */
  port?: number;
  /** @default true */
  tls?: boolean;
  /** Verify the server certificate. @default true */
  tlsVerify?: boolean;
  /** SNI and certificate name. @default host */
  serverName?: string;
  /** Extra CA certificates (PEM), for a private CA. */
  ca?: string | string[];
  username?: string;
  password?: string | Secret<string>;
  /**
   * Longest wait for each step (DNS, TCP, TLS, AUTH, PING), in ms, 1 to 600000: a server that accepts
   * the connection and never answers fails the step instead of hanging. @default 5000
   */
  timeoutMs?: number;
}

/** The steps of the check, in order. */
export type RedisCheckStep = "dns" | "tcp" | "tls" | "auth" | "ping";

/** One step's outcome. */
export interface RedisCheckStepResult {
  step: RedisCheckStep;
  ok: boolean;
  /** What was found (address, TLS protocol, server reply), never a credential. */
  detail: string;
}

/** Result of {@link checkRedis}. */
export interface CheckRedisResult {
  ok: boolean;
  steps: RedisCheckStepResult[];
  /** The step that failed. */
  failedStep?: RedisCheckStep;
  /** What is wrong and what to do, for a failure (the guide's "ElastiCache Connection Failed"). */
  diagnosis?: string;
}

type IoRedisModule = { Redis: typeof import("ioredis").Redis };
let ioredis: Promise<IoRedisModule> | undefined;
const loadIoRedis = () =>
  (ioredis ??= import("ioredis").then((m) => ({ Redis: m.Redis })).catch((cause: unknown) => {
    ioredis = undefined;
    throw new ConfigError({ field: "checkRedis", problem: "ioredis is not installed", fix: "npm install ioredis", cause });
  }));

function validate(options: CheckRedisOptions): void {
  checkOptionsObject(options, "checkRedis", 'host: "master.rl.abc123.use1.cache.amazonaws.com"');
  checkHost(options.host, "host");
  if (options.port !== undefined) checkNumber(options.port, "port", { min: 1, max: 65535, integer: true });
  checkOptionalBoolean(options.tls, "tls");
  checkOptionalBoolean(options.tlsVerify, "tlsVerify");
  if (options.serverName !== undefined) checkHost(options.serverName, "serverName");
  checkCaOption(options.ca, "pass the CA's certificate text (readFileSync(path, 'utf8')), not its path");
  checkOptionalString(options.username, "username", { what: "a user name", max: 128 });
  // the password is never echoed, only its kind
  checkPasswordAndTimeout(options, { password: "pass password: secret(process.env.REDIS_AUTH)", emptyPassword: "give the AUTH token, or leave password out" });
}

function handshake(tlsConnect: NodeNet["tlsConnect"], o: Required<Pick<CheckRedisOptions, "host" | "port" | "timeoutMs">> & CheckRedisOptions): Promise<TLSSocket> {
  return awaitHandshake(tlsConnect({ host: o.host, port: o.port, servername: o.serverName ?? o.host, rejectUnauthorized: o.tlsVerify !== false, ...(o.ca ? { ca: o.ca } : {}) }), o.timeoutMs);
}

/** Sends a raw PING over plain TCP and reads the first bytes back: tells a TLS-only server apart. */
const plainProbe = (socket: Socket, timeoutMs: number): Promise<string> => probeSocket(socket, "PING\r\n", timeoutMs, (d) => d.toString("latin1").slice(0, 64));

/**
 * Preflight for a Redis endpoint (the guide's troubleshooting item "ElastiCache Connection Failed"):
 * resolves the name, opens TCP, completes TLS, authenticates and PINGs, stopping at the first failure
 * with a diagnosis of that step. Uses ioredis (an optional peer dependency) for AUTH and PING.
 * Never throws for an unreachable Redis: the result says what failed. Passwords never appear in it.
 *
 * @example
 * ```ts
 * import { checkRedis, secret } from "konnect-aws";
 * const result = await checkRedis({ host: "master.rl.abc123.use1.cache.amazonaws.com", password: secret(pw) });
 * if (!result.ok) console.error(result.failedStep, result.diagnosis);
 * ```
 */
export async function checkRedis(options: CheckRedisOptions): Promise<CheckRedisResult> {
  validate(options);
  const password = revealPassword(options.password);
  // the password is applied from here on, never reported: every detail and diagnosis is redacted at the end
  return redactResult(await run({ ...options, port: options.port ?? 6379, timeoutMs: options.timeoutMs ?? 5000, tls: options.tls ?? true }, password), password);
}

async function run(o: CheckRedisOptions & { port: number; timeoutMs: number; tls: boolean }, password: string | undefined): Promise<CheckRedisResult> {
  const net = await loadNodeNet();
  const { tlsConnect } = net;
  const { steps, fail } = startSteps<RedisCheckStep>();

  // 1-2. DNS and TCP
  const reached = await resolveAndConnect(net, o, { steps, fail }, {
    notResolving: `${o.host} does not resolve. ElastiCache endpoints resolve only inside their VPC: run this from a host in that VPC (or peered/attached network), and check the endpoint name.`,
    refused: `Nothing listens on ${o.host}:${o.port}. Check the port (ElastiCache uses 6379 unless changed).`,
    noAnswer: `No answer from ${o.host}:${o.port}. Check that the cache's security group allows inbound TCP ${o.port} from the data planes, and the route between them.`,
  });
  if ("failed" in reached) return reached.failed;
  const { socket } = reached;

  // 3. TLS (or proof that plain TCP is what the server speaks)
  if (o.tls) {
    socket.destroy();
    try {
      const tls = await handshake(tlsConnect, o);
      steps.push({ step: "tls", ok: true, detail: `${tls.getProtocol() ?? "TLS"}, certificate verified: ${o.tlsVerify !== false}` });
      tls.destroy();
    } catch (e) {
      const c = code(e);
      if (isCertificateError(e)) {
        return fail("tls", c || message(e), `The server's certificate was not accepted (${message(e)}). Use the endpoint name ElastiCache gives (the certificate is issued for it) as host or serverName, or pass ca for a private CA.`);
      }
      return fail("tls", c || message(e), `The TLS handshake failed: the server does not speak TLS on ${o.port}. In-transit encryption is off for this cache: set tls: false, or enable encryption in transit.`);
    }
  } else {
    const reply = await plainProbe(socket, o.timeoutMs);
    socket.destroy();
    if (reply === "(no reply)") {
      return fail("tls", `no reply within ${o.timeoutMs} ms`, `The server accepted the connection but did not answer a plain-text PING within ${o.timeoutMs} ms. It may expect TLS (set tls: true), or something in the way (a proxy, a load balancer) holds the connection open without Redis behind it.`);
    }
    if (!/^[+\-$*:]/.test(reply)) {
      return fail("tls", `plain-text PING got ${JSON.stringify(reply)}`, "The server did not answer plain Redis: it expects TLS (in-transit encryption is on). Set tls: true.");
    }
    steps.push({ step: "tls", ok: true, detail: "plain TCP (tls: false)" });
  }

  // 4-5. AUTH and PING with ioredis
  const { Redis } = await loadIoRedis();
  // AUTH is sent as its own command (not at connect) so that its reply can be told apart from a
  // connection failure.
  const client = new Redis({
    host: o.host,
    port: o.port,
    ...(o.tls ? { tls: { servername: o.serverName ?? o.host, rejectUnauthorized: o.tlsVerify !== false, ...(o.ca ? { ca: o.ca } : {}) } } : {}),
    lazyConnect: true,
    // RESP2 and no ready check: both would send a command (HELLO, INFO) before AUTH and fail with NOAUTH
    protocol: 2,
    enableReadyCheck: false,
    // ioredis 6 sends CLIENT SETINFO before anything else and waits for it: no command before AUTH
    disableClientInfo: true,
    connectTimeout: o.timeoutMs,
    // every command gets the step timeout too; withTimeout below is the guard that cannot be missed
    commandTimeout: o.timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on("error", () => undefined); // reported through the awaited calls below
  const redact = (m: string) => (password ? redactSecret(m, password) : m);
  const silent = (step: "AUTH" | "PING") =>
    `Redis accepted the connection but did not answer ${step} within ${o.timeoutMs} ms: the server is overloaded or paused, or something that is not Redis (a proxy, a load balancer) holds the connection. Check the endpoint and the server's health (${step === "AUTH" ? "slowlog, CPU" : "CPU, blocking commands"}).`;
  try {
    try {
      await withTimeout(client.connect(), o.timeoutMs, "the connection");
    } catch (e) {
      if (code(e) === "ETIMEDOUT") return fail("auth", `no reply within ${o.timeoutMs} ms`, silent("AUTH"));
      return fail("auth", redact(message(e)), `Connecting with ioredis failed: ${redact(message(e))}`);
    }
    if (password) {
      try {
        await withTimeout(o.username ? client.auth(o.username, password) : client.auth(password), o.timeoutMs, "AUTH");
        steps.push({ step: "auth", ok: true, detail: `authenticated${o.username ? ` as ${o.username}` : ""}` });
      } catch (e) {
        const m = redact(message(e));
        if (code(e) === "ETIMEDOUT" || /timed? ?out/i.test(m)) return fail("auth", `no reply within ${o.timeoutMs} ms`, silent("AUTH"));
        if (/WRONGPASS|invalid password|invalid username-password/i.test(m)) return fail("auth", "WRONGPASS", "Redis rejected the credentials. Check the AUTH token (or the user's password) and the username; with ElastiCache RBAC, the user must be in the group's user group.");
        if (/without any password configured|no password is set/i.test(m)) return fail("auth", "no password configured", "A password was sent but this Redis has no AUTH configured. Leave password out, or enable AUTH.");
        return fail("auth", m, `AUTH failed: ${m}`);
      }
    } else {
      steps.push({ step: "auth", ok: true, detail: "no credentials given" });
    }
    try {
      const pong = redact(String(await withTimeout(client.ping(), o.timeoutMs, "PING")).slice(0, 200));
      steps.push({ step: "ping", ok: pong === "PONG", detail: pong });
      if (pong !== "PONG") return { ok: false, steps, failedStep: "ping", diagnosis: `PING answered ${pong}` };
    } catch (e) {
      const m = redact(message(e));
      if (code(e) === "ETIMEDOUT" || /timed? ?out/i.test(m)) return fail("ping", `no reply within ${o.timeoutMs} ms`, silent("PING"));
      if (/NOAUTH/i.test(m)) return fail("ping", "NOAUTH", "Redis requires a password (AUTH is on for this cache). Pass password.");
      return fail("ping", m, `PING failed: ${m}`);
    }
  } finally {
    client.disconnect();
  }
  return { ok: true, steps };
}
