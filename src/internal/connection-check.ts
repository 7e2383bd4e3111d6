import type { Socket } from "node:net";
import { redactSecret } from "../redis/redact-secret.js";
import { isSecret, type Secret } from "../secret.js";
import { check, checkNumber, describeType, describeValue } from "./validate.js";

// The steps checkRedis and checkPostgres share (DNS, TCP, the TLS handshake and its certificate
// diagnosis), their timeouts, option checks and the redaction of the password on the way out: one copy
// serves both preflights.

/** One step's outcome. @internal */
export interface ConnectionStepResult<S extends string> {
  step: S;
  ok: boolean;
  detail: string;
}

/** A preflight's result. @internal */
export interface ConnectionCheckResult<S extends string> {
  ok: boolean;
  steps: ConnectionStepResult<S>[];
  failedStep?: S;
  diagnosis?: string;
}

/** @internal */
export type NodeNet = { lookup: typeof import("node:dns/promises").lookup; tcpConnect: typeof import("node:net").connect; tlsConnect: typeof import("node:tls").connect };
let nodeNet: Promise<NodeNet> | undefined;
/**
 * dns, net and tls, loaded on the first check: importing the main entry must not load Node's network
 * stack for the functions that need it (DESIGN §8, nothing happens at import).
 * @internal
 */
export const loadNodeNet = () =>
  (nodeNet ??= Promise.all([import("node:dns/promises"), import("node:net"), import("node:tls")]).then(([dns, net, tls]) => ({ lookup: dns.lookup, tcpConnect: net.connect, tlsConnect: tls.connect })));

/** Longest per-step timeout: 10 minutes; a preflight that waits longer is not a preflight. @internal */
export const MAX_TIMEOUT_MS = 600_000;

/** Settles like `promise`, or rejects with ETIMEDOUT after `ms`: no step may wait forever. @internal */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer to ${what} within ${ms} ms`), { code: "ETIMEDOUT" })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The `code` of a Node or driver error, or "". @internal */
export const errorCode = (e: unknown) => (e as { code?: string })?.code ?? "";
/** @internal */
export const errorMessage = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Whether a TLS failure is about the server's certificate (chain, self-signed, name). @internal */
export const isCertificateError = (e: unknown) => /CERT|SELF_SIGNED|UNABLE_TO|HOSTNAME|ERR_TLS_CERT/.test(errorCode(e)) || /certificate|altnames/i.test(errorMessage(e));

/** The password in clear, whether given as a string or a Secret. @internal */
export const revealPassword = (password: string | Secret<string> | undefined): string | undefined => (password === undefined ? undefined : isSecret(password) ? password.reveal() : password);

/** Checks `ca`: PEM certificate text, one or many. @internal */
export function checkCaOption(ca: unknown, fix: string): void {
  const cas: unknown[] = ca === undefined ? [] : Array.isArray(ca) ? ca : [ca];
  cas.forEach((c, i) => check(typeof c === "string" && c.includes("-----BEGIN CERTIFICATE-----"), Array.isArray(ca) ? `ca[${i}]` : "ca", `expected a PEM certificate, got ${typeof c === "string" ? "text without -----BEGIN CERTIFICATE-----" : describeValue(c)}`, fix));
}

/** Checks `password` (never echoed, only its kind) and `timeoutMs`. @internal */
export function checkPasswordAndTimeout(options: { password?: unknown; timeoutMs?: unknown }, fixes: { password: string; emptyPassword: string }): void {
  const password: unknown = isSecret(options.password) ? options.password.reveal() : options.password;
  check(password === undefined || typeof password === "string", "password", `expected a string or a Secret, got ${describeType(password)}`, fixes.password);
  check(password === undefined || password.length > 0, "password", "empty password: probably an environment variable that is set but empty", fixes.emptyPassword);
  if (options.timeoutMs !== undefined) checkNumber(options.timeoutMs, "timeoutMs", { min: 1, max: MAX_TIMEOUT_MS, integer: true, unit: "ms" });
}

/** The password is applied, never reported: every detail and diagnosis is redacted on the way out. @internal */
export function redactResult<R extends ConnectionCheckResult<string>>(result: R, password: string | undefined): R {
  if (!password) return result;
  const clean = (text: string) => redactSecret(text, password);
  return { ...result, steps: result.steps.map((st) => ({ ...st, detail: clean(st.detail) })), ...(result.diagnosis !== undefined ? { diagnosis: clean(result.diagnosis) } : {}) };
}

/** The step log of one check. @internal */
export interface StepLog<S extends string> {
  steps: ConnectionStepResult<S>[];
  /** Records the failed step and builds the result. */
  fail: (step: S, detail: string, diagnosis: string) => ConnectionCheckResult<S>;
}

/** Starts the step log of one check. @internal */
export function startSteps<S extends string>(): StepLog<S> {
  const steps: ConnectionStepResult<S>[] = [];
  return {
    steps,
    fail: (step, detail, diagnosis) => {
      steps.push({ step, ok: false, detail });
      return { ok: false, steps, failedStep: step, diagnosis };
    },
  };
}

/** What each service says when its name does not resolve or its port does not answer. @internal */
export interface ReachDiagnoses {
  /** Diagnosis when the name does not resolve. */
  notResolving: string;
  /** Diagnosis when the port refuses the connection. */
  refused: string;
  /** Diagnosis when the port does not answer. */
  noAnswer: string;
}

/**
 * Steps 1 and 2 of every preflight: resolves the host (DNS) and opens TCP to it, each within `timeoutMs`.
 * Answers the open socket, or the failed result.
 * @internal
 */
export async function resolveAndConnect<S extends string>(
  net: NodeNet,
  o: { host: string; port: number; timeoutMs: number },
  log: StepLog<S | "dns" | "tcp">,
  diagnoses: ReachDiagnoses,
): Promise<{ socket: Socket } | { failed: ConnectionCheckResult<S | "dns" | "tcp"> }> {
  // 1. DNS
  let address: string;
  try {
    address = (await withTimeout(net.lookup(o.host), o.timeoutMs, `the DNS lookup of ${o.host}`)).address;
    log.steps.push({ step: "dns", ok: true, detail: `${o.host} -> ${address}` });
  } catch (e) {
    if (errorCode(e) === "ETIMEDOUT") return { failed: log.fail("dns", "ETIMEDOUT", `The DNS lookup of ${o.host} got no answer within ${o.timeoutMs} ms. Check the resolver of this host (in a VPC, the Amazon-provided DNS).`) };
    return { failed: log.fail("dns", errorCode(e) || errorMessage(e), diagnoses.notResolving) };
  }

  // 2. TCP
  try {
    const socket = await openTcp(net.tcpConnect, o.host, o.port, o.timeoutMs);
    log.steps.push({ step: "tcp", ok: true, detail: `connected to ${address}:${o.port}` });
    return { socket };
  } catch (e) {
    if (errorCode(e) === "ECONNREFUSED") return { failed: log.fail("tcp", "ECONNREFUSED", diagnoses.refused) };
    return { failed: log.fail("tcp", errorCode(e) || errorMessage(e), diagnoses.noAnswer) };
  }
}

/** Opens TCP, or rejects with ETIMEDOUT after `timeoutMs`. @internal */
function openTcp(tcpConnect: NodeNet["tcpConnect"], host: string, port: number, timeoutMs: number): Promise<Socket> {
  return settleWithin(tcpConnect({ host, port }), "connect", timeoutMs, `no answer within ${timeoutMs} ms`);
}

/**
 * Waits for the TLS handshake of `tls`, or destroys it and rejects with ETIMEDOUT after `timeoutMs`.
 * @internal
 */
export function awaitHandshake<T extends import("node:tls").TLSSocket>(tls: T, timeoutMs: number): Promise<T> {
  return settleWithin(tls, "secureConnect", timeoutMs, `no TLS handshake within ${timeoutMs} ms`);
}

/** Resolves with `socket` on `event`, rejects on its `error`, or destroys it and rejects with ETIMEDOUT. */
function settleWithin<T extends Socket>(socket: T, event: "connect" | "secureConnect", timeoutMs: number, timeoutMessage: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new Error(timeoutMessage), { code: "ETIMEDOUT" }));
    }, timeoutMs);
    socket.once(event, () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/**
 * Writes `probe` on a plain socket and reads the first reply: `read` turns the data into text, or
 * "(no reply)" after `timeoutMs`, or "(connection closed)".
 * @internal
 */
export function probeSocket(socket: Socket, probe: string | Buffer, timeoutMs: number, read: (d: Buffer) => string): Promise<string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve("(no reply)"), timeoutMs);
    socket.once("data", (d: Buffer) => {
      clearTimeout(timer);
      resolve(read(d));
    });
    socket.once("close", () => {
      clearTimeout(timer);
      resolve("(connection closed)");
    });
    socket.write(probe);
  });
}
