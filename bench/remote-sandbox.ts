// The bench's view of a sandbox in another process (bench/remote-sandbox-server.ts): start it, route this
// process's Konnect and AWS traffic to it over loopback HTTP, and drive it (seed, latency, clock, counts).
//
// Routing: the AWS SDK's Node handler sends through `https.request`, looked up on the module at call time,
// and the Konnect client through `globalThis.fetch`, also looked up at call time. Both are replaced for
// the bench's lifetime by versions that send the same request over plain HTTP to the sandbox process, with
// the intended host in `x-sandbox-host`; signing, serialization and parsing stay the SDKs' own. What this
// leaves out of a production request: DNS and TLS (one handshake per kept-alive connection, then record
// encryption of a few hundred bytes). What it adds: the fetch shim rebuilds each Konnect request (a new
// Request, its body read once more), a little client CPU a production request does not spend. Nothing in the test suite uses this; it exists so the latency
// figures count the client's CPU, not the sandbox's (see README, "Cost, measured").
import { fork, type ChildProcess } from "node:child_process";
import http from "node:http";
import https from "node:https";
import { fileURLToPath } from "node:url";
import type { Command, RemoteStats } from "./remote-sandbox-server.js";

/** A sandbox in its own process; `close()` restores `https.request` and `fetch` and stops it. */
export interface RemoteSandbox {
  token: string;
  /** Resets the sandbox and seeds a scenario; returns what the scenario's seed returns (ids). */
  seed(scenario: Extract<Command, { cmd: "seed" }>["scenario"]): Promise<Record<string, unknown>>;
  setLatency(ms: number): Promise<void>;
  advance(ms: number): Promise<void>;
  clear(): Promise<void>;
  stats(): Promise<RemoteStats>;
  close(): Promise<void>;
}

/** Starts the sandbox process and routes this process's Konnect and AWS requests to it. */
export async function startRemoteSandbox(): Promise<RemoteSandbox> {
  const child: ChildProcess = fork(fileURLToPath(new URL("./remote-sandbox-server.ts", import.meta.url)), [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const { port, token } = await new Promise<{ port: number; token: string }>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the sandbox process exited (${code}) before it listened`)));
    child.once("message", (m) => resolve(m as { port: number; token: string }));
  });
  child.removeAllListeners("exit");

  let next = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  // a sandbox process that dies fails every pending command (and the bench) instead of hanging it
  child.on("exit", (code, signal) => {
    for (const p of pending.values()) p.reject(new Error(`the sandbox process exited (${signal ?? code}) with a command pending`));
    pending.clear();
  });
  child.on("message", (m: { id: number; result?: unknown; error?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error !== undefined) p?.reject(new Error(`sandbox process: ${m.error}`));
    else p?.resolve(m.result);
  });
  const send = <T>(command: Command) =>
    new Promise<T>((resolve, reject) => {
      if (!child.connected) return reject(new Error("the sandbox process is gone"));
      const id = next++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, command });
    });

  // one kept-alive pool for everything, as a long-lived deployment process has
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const originalRequest = https.request;
  const originalFetch = globalThis.fetch;
  (https as { request: unknown }).request = (options: https.RequestOptions, callback?: (res: http.IncomingMessage) => void) => {
    if (typeof options !== "object" || options instanceof URL) throw new Error("remote sandbox: only https.request(options, callback) is routed (the AWS SDK's form)");
    const host = options.hostname ?? options.host ?? "";
    const { agent: _tlsAgent, ...rest } = options;
    return http.request({ ...rest, protocol: "http:", host: "127.0.0.1", hostname: "127.0.0.1", port, agent, headers: { ...options.headers, "x-sandbox-host": host } }, callback);
  };
  globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const headers = new Headers(request.headers);
    headers.set("x-sandbox-host", url.host);
    const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
    return originalFetch(`http://127.0.0.1:${port}${url.pathname}${url.search}`, { method: request.method, headers, body, signal: request.signal });
  };

  return {
    token,
    seed: (scenario) => send({ cmd: "seed", scenario }),
    setLatency: (ms) => send({ cmd: "latency", ms }),
    advance: (ms) => send({ cmd: "advance", ms }),
    clear: () => send({ cmd: "clear" }),
    stats: () => send({ cmd: "stats" }),
    async close() {
      (https as { request: unknown }).request = originalRequest;
      globalThis.fetch = originalFetch;
      agent.destroy();
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.disconnect();
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}
