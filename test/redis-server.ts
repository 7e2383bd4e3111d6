// Starts real redis-server processes for checkRedis tests: one with TLS and a password, one plain with a
// password. Needs redis-server and openssl (Debian: apt-get install redis-server); .ci/run installs them.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeTestCertificates } from "./test-certificates.js";

export const REDIS_PASSWORD = "redis-CANARY-pass";

export function haveRedisServer(): boolean {
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

async function waitForPort(port: number, tls: boolean, timeoutMs = 10_000) {
  const { connect } = await import("node:net");
  const end = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ port, host: "127.0.0.1" }, () => {
        s.destroy();
        resolve(true);
      });
      s.on("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`redis-server did not open port ${port} (tls ${tls})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface RedisServers {
  tlsPort: number;
  plainPort: number;
  closedPort: number;
  ca: string;
  stop(): void;
}

export async function startRedisServers(): Promise<RedisServers> {
  const dir = mkdtempSync(join(tmpdir(), "konnect-aws-redis-"));
  makeTestCertificates(dir);
  const [tlsPort, plainPort, closedPort] = [await freePort(), await freePort(), await freePort()];
  const common = ["--save", "", "--appendonly", "no", "--bind", "127.0.0.1", "--requirepass", REDIS_PASSWORD, "--dir", dir];
  const procs: ChildProcess[] = [
    spawn("redis-server", [...common, "--port", "0", "--tls-port", String(tlsPort), "--tls-cert-file", join(dir, "server.crt"), "--tls-key-file", join(dir, "server.key"), "--tls-ca-cert-file", join(dir, "ca.crt"), "--tls-auth-clients", "no"], { stdio: "ignore" }),
    spawn("redis-server", [...common, "--port", String(plainPort)], { stdio: "ignore" }),
  ];
  await Promise.all([waitForPort(tlsPort, true), waitForPort(plainPort, false)]);
  return { tlsPort, plainPort, closedPort, ca: readFileSync(join(dir, "ca.crt"), "utf8"), stop: () => procs.forEach((p) => p.kill()) };
}
