import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPostgres, ConfigError, secret } from "../../src/index.js";
import { PG_PASSWORD, PG_USER, postgresUnavailable, startPostgresServers, type PostgresServers } from "../postgres-server.js";

const unavailable = postgresUnavailable();
if (unavailable) console.warn(`checkPostgres tests skipped: ${unavailable}; .ci/run installs postgresql.`);

// Skipped only where PostgreSQL cannot run (the message above says why); CI installs it and runs as root
// through runuser.
describe.skipIf(unavailable !== undefined)("checkPostgres against a real PostgreSQL", () => {
  let servers: PostgresServers;
  beforeAll(async () => {
    servers = await startPostgresServers();
  }, 60_000);
  afterAll(() => servers?.stop());

  it("passes every step over verified TLS with the right password", async () => {
    const result = await checkPostgres({ host: "localhost", port: servers.tlsPort, user: PG_USER, password: secret(PG_PASSWORD), ca: servers.ca });
    expect(result.ok, result.diagnosis).toBe(true);
    expect(result.steps.map((s) => [s.step, s.ok])).toEqual([
      ["dns", true],
      ["tcp", true],
      ["tls", true],
      ["auth", true],
      ["query", true],
    ]);
    expect(result.steps[2]!.detail).toMatch(/^TLSv1\.[23], certificate verified: true$/);
    expect(result.steps[4]!.detail).toMatch(/^SELECT 1 answered 1 \(PostgreSQL \d+/);
  });

  it("verifies the certificate against an IP address host too (no SNI for an IP, as RFC 6066 says)", async () => {
    const result = await checkPostgres({ host: "127.0.0.1", port: servers.tlsPort, user: PG_USER, password: PG_PASSWORD, ca: servers.ca });
    expect(result.ok, result.diagnosis).toBe(true);
  });

  it("diagnoses a wrong password at the auth step, without printing either password", async () => {
    const wrong = "wrong-CANARY-pw";
    const result = await checkPostgres({ host: "localhost", port: servers.tlsPort, user: PG_USER, password: wrong, ca: servers.ca });
    expect(result).toMatchObject({ ok: false, failedStep: "auth", steps: expect.arrayContaining([{ step: "auth", ok: false, detail: "28P01 invalid_password" }]) });
    expect(result.diagnosis).toMatch(/rejected the password for user kong/);
    expect(JSON.stringify(result)).not.toContain("CANARY");
  });

  it("diagnoses TLS required when the server has TLS off", async () => {
    const result = await checkPostgres({ host: "localhost", port: servers.plainPort, user: PG_USER, password: PG_PASSWORD });
    expect(result).toMatchObject({ ok: false, failedStep: "tls" });
    expect(result.steps.at(-1)).toEqual({ step: "tls", ok: false, detail: "server answered N to SSLRequest" });
    expect(result.diagnosis).toMatch(/TLS turned off/);
  });

  it("connects without TLS when asked, to a server with TLS off", async () => {
    const result = await checkPostgres({ host: "127.0.0.1", port: servers.plainPort, user: PG_USER, password: PG_PASSWORD, tls: false });
    expect(result.ok, result.diagnosis).toBe(true);
  });

  it("diagnoses an untrusted certificate (no RDS CA bundle given)", async () => {
    const result = await checkPostgres({ host: "localhost", port: servers.tlsPort, user: PG_USER, password: PG_PASSWORD });
    expect(result).toMatchObject({ ok: false, failedStep: "tls" });
    expect(result.diagnosis).toMatch(/certificate was not accepted.*RDS CA bundle/);
  });

  it("diagnoses a missing database", async () => {
    const result = await checkPostgres({ host: "localhost", port: servers.tlsPort, user: PG_USER, password: PG_PASSWORD, ca: servers.ca, database: "nope" });
    expect(result).toMatchObject({ ok: false, failedStep: "auth", diagnosis: expect.stringMatching(/Database nope does not exist/) });
  });

  it("diagnoses a closed port", async () => {
    const result = await checkPostgres({ host: "127.0.0.1", port: servers.closedPort, user: PG_USER, password: PG_PASSWORD });
    expect(result).toMatchObject({ ok: false, failedStep: "tcp" });
    expect(result.diagnosis).toMatch(/Nothing listens/);
  });
});

describe("checkPostgres without a server", () => {
  it("diagnoses a name that does not resolve", async () => {
    const result = await checkPostgres({ host: "no-such-db.invalid", user: "kong", timeoutMs: 2000 });
    expect(result).toMatchObject({ ok: false, failedStep: "dns" });
  });

  it("rejects bad options before connecting, without echoing the password", async () => {
    await expect(checkPostgres({ host: "db.example.com", user: "" } as never)).rejects.toThrow(ConfigError);
    await expect(checkPostgres({ host: "db.example.com:5432", user: "kong", password: "CANARY-secret" })).rejects.toSatisfy((e: unknown) => e instanceof ConfigError && !String(e).includes("CANARY"));
  });
});
