// Starts throwaway PostgreSQL clusters for checkPostgres tests: initdb into a temp dir, pg_ctl start on a
// free port, one cluster with TLS (a self-signed CA made with openssl) and one with TLS off, both with a
// password user (scram-sha-256). Needs the Debian package postgresql and openssl; .ci/run installs them.
// initdb refuses to run as root: as root (CI), the clusters run as the `postgres` user through runuser.
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./redis-server.js";
import { makeTestCertificates } from "./test-certificates.js";

export const PG_USER = "kong";
export const PG_PASSWORD = "pg-CANARY-pass-1234";

/** Debian keeps the server binaries out of PATH, under /usr/lib/postgresql/<version>/bin. */
function binDir(): string | undefined {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a)) : [];
  return versions[0] ? join(root, versions[0], "bin") : undefined;
}

const isRoot = () => process.getuid?.() === 0;

function postgresIds(): { uid: number; gid: number } | undefined {
  try {
    return { uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()), gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim()) };
  } catch {
    return undefined;
  }
}

/** Why the PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresUnavailable(): string | undefined {
  if (!binDir()) return "PostgreSQL server binaries are not installed (apt-get install postgresql)";
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
  } catch {
    return "openssl is not installed";
  }
  if (isRoot()) {
    if (!postgresIds()) return "running as root and there is no `postgres` user to run initdb as (initdb refuses root)";
    try {
      execFileSync("runuser", ["--help"], { stdio: "ignore" });
    } catch {
      return "running as root and runuser is missing (initdb refuses root)";
    }
  }
  return undefined;
}

/** Runs a server binary as the current user, or as `postgres` when we are root. */
function pgRun(bin: string, args: string[]): void {
  const path = join(binDir()!, bin);
  if (isRoot()) execFileSync("runuser", ["-u", "postgres", "--", path, ...args], { stdio: "pipe" });
  else execFileSync(path, args, { stdio: "pipe" });
}

/** Gives the tree to `postgres` when we are root (the server refuses a data dir or key it does not own). */
function own(path: string) {
  const ids = isRoot() ? postgresIds() : undefined;
  if (!ids) return;
  chownSync(path, ids.uid, ids.gid);
  try {
    for (const f of readdirSync(path)) chownSync(join(path, f), ids.uid, ids.gid);
  } catch {
    // a file, not a folder
  }
}

async function startCluster(base: string, name: string, ssl: boolean): Promise<{ port: number; dataDir: string }> {
  const dataDir = join(base, name);
  const port = await freePort();
  const pwfile = join(base, "pwfile");
  pgRun("initdb", ["-D", dataDir, "-U", PG_USER, `--pwfile=${pwfile}`, "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--no-sync"]);
  const settings = [
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${base}'`,
    "fsync = off",
    "shared_buffers = 16MB",
    "max_connections = 20",
    ssl ? `ssl = on\nssl_cert_file = '${join(base, "server.crt")}'\nssl_key_file = '${join(base, "server.key")}'` : "ssl = off",
  ];
  writeFileSync(join(dataDir, "postgresql.auto.conf"), settings.join("\n") + "\n");
  own(join(dataDir, "postgresql.auto.conf"));
  pgRun("pg_ctl", ["-D", dataDir, "-l", join(base, `${name}.log`), "-w", "-t", "30", "start"]);
  return { port, dataDir };
}

export interface PostgresServers {
  tlsPort: number;
  plainPort: number;
  closedPort: number;
  ca: string;
  stop(): void;
}

/** initdb + pg_ctl start of two clusters (TLS on, TLS off); stop() removes them. */
export async function startPostgresServers(): Promise<PostgresServers> {
  const base = mkdtempSync(join(tmpdir(), "konnect-aws-pg-"));
  makeTestCertificates(base);
  writeFileSync(join(base, "pwfile"), PG_PASSWORD + "\n");
  chmodSync(join(base, "server.key"), 0o600);
  chmodSync(base, 0o755);
  own(base);
  const [tls, plain] = await Promise.all([startCluster(base, "tls", true), startCluster(base, "plain", false)]);
  const closedPort = await freePort();
  return {
    tlsPort: tls.port,
    plainPort: plain.port,
    closedPort,
    ca: readFileSync(join(base, "ca.crt"), "utf8"),
    stop: () => {
      for (const c of [tls, plain]) {
        try {
          pgRun("pg_ctl", ["-D", c.dataDir, "-m", "immediate", "-w", "stop"]);
        } catch {
          // already stopped
        }
      }
      rmSync(base, { recursive: true, force: true });
    },
  };
}
