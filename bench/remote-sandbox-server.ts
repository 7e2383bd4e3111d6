// The sandbox in a process of its own, served over HTTP on loopback: the far side of bench/remote-sandbox.ts.
// Run by `startRemoteSandbox()` (child_process.fork with tsx); never by hand.
//
// Why: in one process, the sandbox's work (msw's interception, request validation against the AWS models,
// the fakes) runs on the client's thread and is counted in the client's wall time, though a real service
// does that work on its own machine, inside the round trip d. Here it runs on its own core, and the client
// pays what it pays in production: the AWS SDK or openapi-fetch, and a real HTTP exchange over a socket.
//
// Each request arrives with the host it was meant for in `x-sandbox-host`; it is rebuilt as the `Request`
// the sandbox's handlers expect (https://<host><path>) and answered with msw's `getResponse`. The latency d
// is the whole round trip, service time included: the answer leaves d ms after the request arrived (or
// as soon as it is ready, if the sandbox took longer), as the bound (depth x d) assumes. The sandbox's own
// `faults.latencyMs` would add d after the sandbox's work, and that work is serialized on this one thread
// for concurrent requests, which a real service's fleet does not do. Spans (arrival to the last byte
// written) feed `chainDepth`. Commands come over the IPC channel: see `Command`.
import { createServer, type IncomingMessage } from "node:http";
import { performance } from "node:perf_hooks";
import { getResponse } from "msw";
import { createSandbox } from "konnect-aws/testing";
import { seedChain } from "../test/scenario/full-chain.js";
import { seedComplete, seedGuide } from "../test/deploy/guide.js";
import { chainDepth } from "./chain-depth.js";

/** What the bench asks of the sandbox process. */
export type Command =
  | { cmd: "seed"; scenario: "chain" | "chain+network" | "guide-complete" }
  | { cmd: "latency"; ms: number }
  | { cmd: "advance"; ms: number }
  | { cmd: "clear" }
  | { cmd: "stats" };

/** The answer to `stats`. */
export interface RemoteStats {
  requests: number;
  writes: number;
  depth: number;
  /** CPU time of the sandbox process since `clear`. */
  serverCpuMs: number;
  /** Requests no handler answered (the bench fails on any). */
  unhandled: string[];
  /** Every answered request since `clear`: arrival and end (ms, this process's clock), method and URL. */
  spans: Array<{ start: number; end: number; request: string }>;
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const sandbox = createSandbox({ seed: 7 });
const spans: Array<{ start: number; end: number; request: string }> = [];
const unhandled: string[] = [];
let cpu0 = process.cpuUsage();
/** The round trip d, in ms (`latency`). */
let latencyMs = 0;

// hop-by-hop headers and the routing header are the transport's, not the request's
const DROP = new Set(["host", "connection", "keep-alive", "transfer-encoding", "content-length", "x-sandbox-host"]);

async function toRequest(req: IncomingMessage): Promise<Request> {
  const host = String(req.headers["x-sandbox-host"] ?? req.headers.host);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !DROP.has(k)) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = chunks.length ? Buffer.concat(chunks) : undefined;
  return new Request(`https://${host}${req.url}`, { method: req.method, headers, ...(body && req.method !== "GET" && req.method !== "HEAD" ? { body } : {}) });
}

const server = createServer({ noDelay: true }, (req, res) => {
  const start = performance.now();
  void (async () => {
    const request = await toRequest(req);
    const response = await getResponse(sandbox.handlers, request);
    if (!response) {
      unhandled.push(`${request.method} ${request.url}`);
      res.writeHead(501, { "content-type": "text/plain" }).end(`no sandbox handler for ${request.method} ${request.url}`);
      return;
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((v, k) => {
      if (k !== "content-length" && k !== "transfer-encoding") headers[k] = v;
    });
    const body = Buffer.from(await response.arrayBuffer());
    const wait = start + latencyMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    headers["content-length"] = String(body.length);
    res.writeHead(response.status, headers);
    res.end(body, () => spans.push({ start, end: performance.now(), request: `${request.method} ${request.url}` }));
  })().catch((error: unknown) => {
    unhandled.push(`${req.method} ${req.url}: ${String(error)}`);
    if (!res.headersSent) res.writeHead(500).end(String(error));
  });
});
server.keepAliveTimeout = 60_000;

function run(c: Command): unknown {
  switch (c.cmd) {
    case "seed": {
      sandbox.reset();
      if (c.scenario === "guide-complete") {
        seedGuide(sandbox);
        return seedComplete(sandbox);
      }
      seedChain(sandbox);
      if (c.scenario === "chain") return {};
      // what the newer operations need, as the guide's complete example seeds it
      sandbox.seedUserPool({ id: "us-east-1_Guide1234", clients: ["guideclient1"] });
      return seedComplete(sandbox);
    }
    case "latency":
      latencyMs = c.ms;
      return {};
    case "advance":
      sandbox.clock.advance(c.ms);
      return {};
    case "clear":
      sandbox.clearRequests();
      spans.length = 0;
      cpu0 = process.cpuUsage();
      return {};
    case "stats": {
      const cpu = process.cpuUsage(cpu0);
      const stats: RemoteStats = { requests: sandbox.requests.length, writes: sandbox.writes().length, depth: chainDepth(spans), serverCpuMs: (cpu.user + cpu.system) / 1000, unhandled: [...unhandled], spans: [...spans] };
      return stats;
    }
  }
}

process.on("message", (m: { id: number; command: Command }) => {
  let reply: { id: number; result?: unknown; error?: string };
  try {
    reply = { id: m.id, result: run(m.command) };
  } catch (error) {
    reply = { id: m.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  process.send!(reply);
});
process.on("disconnect", () => process.exit(0));

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send!({ ready: true, port: typeof address === "object" && address ? address.port : 0, token: sandbox.token });
});
