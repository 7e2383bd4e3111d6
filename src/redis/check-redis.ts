import { lookup } from "node:dns/promises";
import { connect as tcpConnect, type Socket } from "node:net";
import { connect as tlsConnect, type TLSSocket } from "node:tls";
import { ConfigError } from "../errors/config-error.js";
import { check } from "../internal/validate.js";
import { isSecret, type Secret } from "../secret.js";

/** Options of {@link checkRedis}. */
export interface CheckRedisOptions {
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
  /** Per step. @default 5000 */
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

const code = (e: unknown) => (e as { code?: string })?.code ?? "";
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function open(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: "ETIMEDOUT" }));
    }, timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

function handshake(o: Required<Pick<CheckRedisOptions, "host" | "port" | "timeoutMs">> & CheckRedisOptions): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: o.host, port: o.port, servername: o.serverName ?? o.host, rejectUnauthorized: o.tlsVerify !== false, ...(o.ca ? { ca: o.ca } : {}) });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new Error(`no TLS handshake within ${o.timeoutMs} ms`), { code: "ETIMEDOUT" }));
    }, o.timeoutMs);
    socket.once("secureConnect", () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** Sends a raw PING over plain TCP and reads the first bytes back: tells a TLS-only server apart. */
function plainProbe(socket: Socket, timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve("(no reply)"), timeoutMs);
    socket.once("data", (d) => {
      clearTimeout(timer);
      resolve(d.toString("latin1").slice(0, 64));
    });
    socket.once("close", () => {
      clearTimeout(timer);
      resolve("(connection closed)");
    });
    socket.write("PING\r\n");
  });
}

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
  check(typeof options.host === "string" && options.host.length > 0, "host", "missing host", "pass the endpoint host");
  check(options.port === undefined || (Number.isInteger(options.port) && options.port > 0 && options.port < 65536), "port", "not a port number", "use 1-65535");
  const o = { ...options, port: options.port ?? 6379, timeoutMs: options.timeoutMs ?? 5000, tls: options.tls ?? true };
  const password = o.password === undefined ? undefined : isSecret(o.password) ? o.password.reveal() : o.password;
  const steps: RedisCheckStepResult[] = [];
  const fail = (step: RedisCheckStep, detail: string, diagnosis: string): CheckRedisResult => {
    steps.push({ step, ok: false, detail });
    return { ok: false, steps, failedStep: step, diagnosis };
  };

  // 1. DNS
  let address: string;
  try {
    address = (await lookup(o.host)).address;
    steps.push({ step: "dns", ok: true, detail: `${o.host} -> ${address}` });
  } catch (e) {
    return fail("dns", code(e) || message(e), `${o.host} does not resolve. ElastiCache endpoints resolve only inside their VPC: run this from a host in that VPC (or peered/attached network), and check the endpoint name.`);
  }

  // 2. TCP
  let socket: Socket;
  try {
    socket = await open(o.host, o.port, o.timeoutMs);
    steps.push({ step: "tcp", ok: true, detail: `connected to ${address}:${o.port}` });
  } catch (e) {
    if (code(e) === "ECONNREFUSED") return fail("tcp", "ECONNREFUSED", `Nothing listens on ${o.host}:${o.port}. Check the port (ElastiCache uses 6379 unless changed).`);
    return fail("tcp", code(e) || message(e), `No answer from ${o.host}:${o.port}. Check that the cache's security group allows inbound TCP ${o.port} from the data planes, and the route between them.`);
  }

  // 3. TLS (or proof that plain TCP is what the server speaks)
  if (o.tls) {
    socket.destroy();
    try {
      const tls = await handshake(o);
      steps.push({ step: "tls", ok: true, detail: `${tls.getProtocol() ?? "TLS"}, certificate verified: ${o.tlsVerify !== false}` });
      tls.destroy();
    } catch (e) {
      const c = code(e);
      if (/CERT|SELF_SIGNED|UNABLE_TO|HOSTNAME|ERR_TLS_CERT/.test(c) || /certificate|altnames/i.test(message(e))) {
        return fail("tls", c || message(e), `The server's certificate was not accepted (${message(e)}). Use the endpoint name ElastiCache gives (the certificate is issued for it) as host or serverName, or pass ca for a private CA.`);
      }
      return fail("tls", c || message(e), `The TLS handshake failed: the server does not speak TLS on ${o.port}. In-transit encryption is off for this cache: set tls: false, or enable encryption in transit.`);
    }
  } else {
    const reply = await plainProbe(socket, o.timeoutMs);
    socket.destroy();
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
    connectTimeout: o.timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on("error", () => undefined); // reported through the awaited calls below
  const redact = (m: string) => (password ? m.split(password).join("[REDACTED]") : m);
  try {
    try {
      await client.connect();
    } catch (e) {
      return fail("auth", redact(message(e)), `Connecting with ioredis failed: ${redact(message(e))}`);
    }
    if (password) {
      try {
        if (o.username) await client.auth(o.username, password);
        else await client.auth(password);
        steps.push({ step: "auth", ok: true, detail: `authenticated${o.username ? ` as ${o.username}` : ""}` });
      } catch (e) {
        const m = redact(message(e));
        if (/WRONGPASS|invalid password|invalid username-password/i.test(m)) return fail("auth", "WRONGPASS", "Redis rejected the credentials. Check the AUTH token (or the user's password) and the username; with ElastiCache RBAC, the user must be in the group's user group.");
        if (/without any password configured|no password is set/i.test(m)) return fail("auth", "no password configured", "A password was sent but this Redis has no AUTH configured. Leave password out, or enable AUTH.");
        return fail("auth", m, `AUTH failed: ${m}`);
      }
    } else {
      steps.push({ step: "auth", ok: true, detail: "no credentials given" });
    }
    try {
      const pong = await client.ping();
      steps.push({ step: "ping", ok: pong === "PONG", detail: pong });
      if (pong !== "PONG") return { ok: false, steps, failedStep: "ping", diagnosis: `PING answered ${pong}` };
    } catch (e) {
      const m = redact(message(e));
      if (/NOAUTH/i.test(m)) return fail("ping", "NOAUTH", "Redis requires a password (AUTH is on for this cache). Pass password.");
      return fail("ping", m, `PING failed: ${m}`);
    }
  } finally {
    client.disconnect();
  }
  return { ok: true, steps };
}
