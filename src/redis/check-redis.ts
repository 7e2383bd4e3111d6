import type { Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import { ConfigError } from "../errors/config-error.js";
import { check, checkHost, checkNumber, checkOptionalBoolean, checkOptionalString, checkOptionsObject, describeType, describeValue } from "../internal/validate.js";
import { isSecret, type Secret } from "../secret.js";
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

type NodeNet = { lookup: typeof import("node:dns/promises").lookup; tcpConnect: typeof import("node:net").connect; tlsConnect: typeof import("node:tls").connect };
let nodeNet: Promise<NodeNet> | undefined;
/**
 * dns, net and tls, loaded on the first check: importing the main entry must not load Node's network
 * stack for the one function that needs it (DESIGN §8, nothing happens at import).
 */
const loadNodeNet = () =>
  (nodeNet ??= Promise.all([import("node:dns/promises"), import("node:net"), import("node:tls")]).then(([dns, net, tls]) => ({ lookup: dns.lookup, tcpConnect: net.connect, tlsConnect: tls.connect })));

/** Longest per-step timeout: 10 minutes; a preflight that waits longer is not a preflight. */
const MAX_TIMEOUT_MS = 600_000;

/** Settles like `promise`, or rejects with ETIMEDOUT after `ms`: no step may wait forever. */
function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer to ${what} within ${ms} ms`), { code: "ETIMEDOUT" })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function validate(options: CheckRedisOptions): void {
  checkOptionsObject(options, "checkRedis", 'host: "master.rl.abc123.use1.cache.amazonaws.com"');
  checkHost(options.host, "host");
  if (options.port !== undefined) checkNumber(options.port, "port", { min: 1, max: 65535, integer: true });
  checkOptionalBoolean(options.tls, "tls");
  checkOptionalBoolean(options.tlsVerify, "tlsVerify");
  if (options.serverName !== undefined) checkHost(options.serverName, "serverName");
  const cas = options.ca === undefined ? [] : Array.isArray(options.ca) ? options.ca : [options.ca];
  cas.forEach((c, i) => check(typeof c === "string" && c.includes("-----BEGIN CERTIFICATE-----"), Array.isArray(options.ca) ? `ca[${i}]` : "ca", `expected a PEM certificate, got ${typeof c === "string" ? "text without -----BEGIN CERTIFICATE-----" : describeValue(c)}`, "pass the CA's certificate text (readFileSync(path, 'utf8')), not its path"));
  checkOptionalString(options.username, "username", { what: "a user name", max: 128 });
  // the password is never echoed, only its kind
  const password: unknown = isSecret(options.password) ? options.password.reveal() : options.password;
  check(password === undefined || typeof password === "string", "password", `expected a string or a Secret, got ${describeType(password)}`, "pass password: secret(process.env.REDIS_AUTH)");
  check(password === undefined || password.length > 0, "password", "empty password: probably an environment variable that is set but empty", "give the AUTH token, or leave password out");
  if (options.timeoutMs !== undefined) checkNumber(options.timeoutMs, "timeoutMs", { min: 1, max: MAX_TIMEOUT_MS, integer: true, unit: "ms" });
}

const code = (e: unknown) => (e as { code?: string })?.code ?? "";
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function open(tcpConnect: NodeNet["tcpConnect"], host: string, port: number, timeoutMs: number): Promise<Socket> {
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

function handshake(tlsConnect: NodeNet["tlsConnect"], o: Required<Pick<CheckRedisOptions, "host" | "port" | "timeoutMs">> & CheckRedisOptions): Promise<TLSSocket> {
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
  validate(options);
  const password = options.password === undefined ? undefined : isSecret(options.password) ? options.password.reveal() : options.password;
  // the password is applied from here on, never reported: every detail and diagnosis is redacted at the end
  const result = await run({ ...options, port: options.port ?? 6379, timeoutMs: options.timeoutMs ?? 5000, tls: options.tls ?? true }, password);
  if (!password) return result;
  const clean = (text: string) => redactSecret(text, password);
  return { ...result, steps: result.steps.map((st) => ({ ...st, detail: clean(st.detail) })), ...(result.diagnosis !== undefined ? { diagnosis: clean(result.diagnosis) } : {}) };
}

async function run(o: CheckRedisOptions & { port: number; timeoutMs: number; tls: boolean }, password: string | undefined): Promise<CheckRedisResult> {
  const { lookup, tcpConnect, tlsConnect } = await loadNodeNet();
  const steps: RedisCheckStepResult[] = [];
  const fail = (step: RedisCheckStep, detail: string, diagnosis: string): CheckRedisResult => {
    steps.push({ step, ok: false, detail });
    return { ok: false, steps, failedStep: step, diagnosis };
  };

  // 1. DNS
  let address: string;
  try {
    address = (await withTimeout(lookup(o.host), o.timeoutMs, `the DNS lookup of ${o.host}`)).address;
    steps.push({ step: "dns", ok: true, detail: `${o.host} -> ${address}` });
  } catch (e) {
    if (code(e) === "ETIMEDOUT") return fail("dns", "ETIMEDOUT", `The DNS lookup of ${o.host} got no answer within ${o.timeoutMs} ms. Check the resolver of this host (in a VPC, the Amazon-provided DNS).`);
    return fail("dns", code(e) || message(e), `${o.host} does not resolve. ElastiCache endpoints resolve only inside their VPC: run this from a host in that VPC (or peered/attached network), and check the endpoint name.`);
  }

  // 2. TCP
  let socket: Socket;
  try {
    socket = await open(tcpConnect, o.host, o.port, o.timeoutMs);
    steps.push({ step: "tcp", ok: true, detail: `connected to ${address}:${o.port}` });
  } catch (e) {
    if (code(e) === "ECONNREFUSED") return fail("tcp", "ECONNREFUSED", `Nothing listens on ${o.host}:${o.port}. Check the port (ElastiCache uses 6379 unless changed).`);
    return fail("tcp", code(e) || message(e), `No answer from ${o.host}:${o.port}. Check that the cache's security group allows inbound TCP ${o.port} from the data planes, and the route between them.`);
  }

  // 3. TLS (or proof that plain TCP is what the server speaks)
  if (o.tls) {
    socket.destroy();
    try {
      const tls = await handshake(tlsConnect, o);
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
