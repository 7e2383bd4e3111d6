// checkPostgres never hangs: servers that accept the connection and then stay silent at each step fail
// that step within timeoutMs. Local TCP servers only (no PostgreSQL needed).
import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { checkPostgres } from "../../src/index.js";

const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(() => {
  sockets.splice(0).forEach((s) => s.destroy());
  servers.splice(0).forEach((s) => s.close());
});

async function listen(onConnection: (socket: Socket) => void): Promise<number> {
  const server = createServer((socket) => {
    sockets.push(socket);
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as { port: number }).port;
}

describe("checkPostgres timeouts", () => {
  it("fails the tls step when the server never answers SSLRequest", async () => {
    const port = await listen(() => undefined);
    const result = await checkPostgres({ host: "127.0.0.1", port, user: "kong", timeoutMs: 200 });
    expect(result).toMatchObject({ ok: false, failedStep: "tls", steps: expect.arrayContaining([{ step: "tls", ok: false, detail: 'SSLRequest got "(no reply)"' }]) });
    expect(result.diagnosis).toMatch(/probably not PostgreSQL/);
  });

  it("fails the tls step when the server accepts SSLRequest and never completes the handshake", async () => {
    const port = await listen((socket) => socket.once("data", () => socket.write("S")));
    const result = await checkPostgres({ host: "127.0.0.1", port, user: "kong", timeoutMs: 200 });
    expect(result).toMatchObject({ ok: false, failedStep: "tls", steps: expect.arrayContaining([{ step: "tls", ok: false, detail: "ETIMEDOUT" }]) });
  });

  it("fails the auth step when a plain-text server never answers the startup message", async () => {
    const port = await listen(() => undefined);
    const result = await checkPostgres({ host: "127.0.0.1", port, user: "kong", tls: false, timeoutMs: 200 });
    expect(result).toMatchObject({ ok: false, failedStep: "auth", steps: expect.arrayContaining([{ step: "auth", ok: false, detail: "no reply within 200 ms" }]) });
  });
});
