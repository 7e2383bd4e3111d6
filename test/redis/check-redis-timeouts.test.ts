import { afterEach, describe, expect, it } from "vitest";
import { checkRedis, secret } from "../../src/index.js";
import { silentAfterProbe, silentServer, startFakeRedis, type FakeRedis } from "./fake-redis.js";

const PASSWORD = "echo-CANARY-pa55word-0123456789";
let server: FakeRedis | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const timed = async <T>(run: () => Promise<T>) => {
  const start = Date.now();
  const result = await run();
  return { result, ms: Date.now() - start };
};

describe("checkRedis applies timeoutMs to every step", () => {
  it("fails AUTH against a server that accepts and never answers, instead of hanging", async () => {
    server = await silentAfterProbe();
    const { result, ms } = await timed(() => checkRedis({ host: "127.0.0.1", port: server!.port, tls: false, password: secret(PASSWORD), timeoutMs: 200 }));
    expect(result).toMatchObject({ ok: false, failedStep: "auth" });
    expect(result.diagnosis).toMatch(/did not answer AUTH within 200 ms/);
    expect(ms).toBeLessThan(3000);
  });

  it("fails PING against a silent server when no password is given", async () => {
    server = await silentAfterProbe();
    const { result, ms } = await timed(() => checkRedis({ host: "127.0.0.1", port: server!.port, tls: false, timeoutMs: 200 }));
    expect(result).toMatchObject({ ok: false, failedStep: "ping" });
    expect(result.diagnosis).toMatch(/did not answer PING within 200 ms/);
    expect(ms).toBeLessThan(3000);
  });

  it("fails the TLS step against a server that never completes a handshake", async () => {
    server = await silentServer();
    const { result, ms } = await timed(() => checkRedis({ host: "127.0.0.1", port: server!.port, timeoutMs: 200 }));
    expect(result).toMatchObject({ ok: false, failedStep: "tls" });
    expect(ms).toBeLessThan(3000);
  });

  it("says a silent plain-text server did not answer, rather than blaming TLS alone", async () => {
    server = await silentServer();
    const result = await checkRedis({ host: "127.0.0.1", port: server.port, tls: false, timeoutMs: 200 });
    expect(result).toMatchObject({ ok: false, failedStep: "tls" });
    expect(result.diagnosis).toMatch(/did not answer a plain-text PING within 200 ms/);
  });
});

describe("checkRedis never prints the password, even when the server echoes it", () => {
  const is = (c: string[], name: string) => c[0]?.toUpperCase() === name;
  const echoes: Array<[string, (command: string[]) => string | undefined]> = [
    ["in an AUTH error", (c) => (is(c, "AUTH") ? `-ERR invalid password '${c.at(-1)}'\r\n` : undefined)],
    ["in a WRONGPASS error", (c) => (is(c, "AUTH") ? `-WRONGPASS ${c.at(-1)} is not it\r\n` : undefined)],
    ["in an unexpected AUTH error", (c) => (is(c, "AUTH") ? `-ERR proxy says: ${c.join(" ")}\r\n` : undefined)],
    ["truncated, as Redis does with long arguments", (c) => (is(c, "AUTH") ? `-ERR unknown command, with args beginning with: '${c.at(-1)!.slice(0, 16)}'\r\n` : undefined)],
    ["as the PING reply", (c) => (is(c, "AUTH") ? "+OK\r\n" : is(c, "PING") ? `+${PASSWORD}\r\n` : undefined)],
    ["in a PING error", (c) => (is(c, "AUTH") ? "+OK\r\n" : is(c, "PING") ? `-ERR you sent ${PASSWORD.slice(3, 20)}\r\n` : undefined)],
  ];
  it.each(echoes)("%s", async (_name, reply) => {
    server = await startFakeRedis(reply);
    for (const password of [PASSWORD, secret(PASSWORD)]) {
      const result = await checkRedis({ host: "127.0.0.1", port: server.port, tls: false, password, username: "kong", timeoutMs: 1000 });
      expect(result.ok).toBe(false);
      expect(result.failedStep).toMatch(/auth|ping/);
      const text = JSON.stringify(result);
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(PASSWORD.slice(0, 16));
    }
  });
});
