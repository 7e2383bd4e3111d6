import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRedis, secret } from "../../src/index.js";
import { haveRedisServer, REDIS_PASSWORD, startRedisServers, type RedisServers } from "../redis-server.js";

const available = haveRedisServer();
if (!available) console.warn("checkRedis tests skipped: redis-server or openssl is not installed (apt-get install redis-server); .ci/run installs it.");

// Skipped only where redis-server is missing (the message above says so); CI installs it.
describe.skipIf(!available)("checkRedis against a real redis-server", () => {
  let servers: RedisServers;
  beforeAll(async () => {
    servers = await startRedisServers();
  }, 30_000);
  afterAll(() => servers?.stop());

  it("passes every step over TLS with the right password", async () => {
    const result = await checkRedis({ host: "localhost", port: servers.tlsPort, ca: servers.ca, password: secret(REDIS_PASSWORD) });
    expect(result.ok).toBe(true);
    expect(result.steps.map((s) => [s.step, s.ok])).toEqual([
      ["dns", true],
      ["tcp", true],
      ["tls", true],
      ["auth", true],
      ["ping", true],
    ]);
    expect(result.steps[2]!.detail).toMatch(/^TLSv1\.[23], certificate verified: true$/);
  });

  it("diagnoses a wrong password at the auth step, without printing it", async () => {
    const result = await checkRedis({ host: "localhost", port: servers.tlsPort, ca: servers.ca, password: "not-the-CANARY" });
    expect(result).toMatchObject({ ok: false, failedStep: "auth" });
    expect(result.diagnosis).toMatch(/rejected the credentials/);
    expect(JSON.stringify(result)).not.toContain("CANARY");
  });

  it("diagnoses a missing password", async () => {
    const result = await checkRedis({ host: "localhost", port: servers.tlsPort, ca: servers.ca });
    expect(result).toMatchObject({ ok: false, failedStep: expect.stringMatching(/auth|ping/), diagnosis: expect.stringMatching(/requires a password/) });
  });

  it("diagnoses TLS against a plain-text server", async () => {
    const result = await checkRedis({ host: "localhost", port: servers.plainPort, password: REDIS_PASSWORD, timeoutMs: 1000 });
    expect(result).toMatchObject({ ok: false, failedStep: "tls" });
    expect(result.diagnosis).toMatch(/does not speak TLS/);
  });

  it("diagnoses plain text against a TLS server", async () => {
    const result = await checkRedis({ host: "localhost", port: servers.tlsPort, tls: false, password: REDIS_PASSWORD });
    expect(result).toMatchObject({ ok: false, failedStep: "tls" });
    expect(result.diagnosis).toMatch(/expects TLS/);
  });

  it("diagnoses an untrusted certificate", async () => {
    const result = await checkRedis({ host: "localhost", port: servers.tlsPort, password: REDIS_PASSWORD });
    expect(result).toMatchObject({ ok: false, failedStep: "tls" });
    expect(result.diagnosis).toMatch(/certificate was not accepted/);
  });

  it("diagnoses a closed port", async () => {
    const result = await checkRedis({ host: "127.0.0.1", port: servers.closedPort, password: REDIS_PASSWORD });
    expect(result).toMatchObject({ ok: false, failedStep: "tcp" });
    expect(result.diagnosis).toMatch(/Nothing listens/);
  });

  it("works over plain text when asked", async () => {
    const result = await checkRedis({ host: "127.0.0.1", port: servers.plainPort, tls: false, password: REDIS_PASSWORD });
    expect(result.ok).toBe(true);
  });
});

describe("checkRedis without a server", () => {
  it("diagnoses a name that does not resolve", async () => {
    const result = await checkRedis({ host: "no-such-cache.invalid", timeoutMs: 2000 });
    expect(result).toMatchObject({ ok: false, failedStep: "dns" });
    expect(result.diagnosis).toMatch(/resolve only inside their VPC/);
  });
});
