import { beforeEach } from "vitest";
import { createKonnectClient } from "../src/index.js";
import { createSandbox, type SandboxOptions } from "../src/testing/index.js";
import { secretsManager } from "./sandbox/aws-clients.js";
import { server } from "./setup.js";

/** A fresh sandbox per test, served by the suite's msw server, with a client for it. */
export function useSandbox(options: SandboxOptions = {}) {
  const sandbox = createSandbox(options);
  const konnect = createKonnectClient({ token: sandbox.token, env: {}, retry: { baseDelayMs: 1, maxDelayMs: 2 }, requestsPerMinute: 100_000 }); // the sandbox has no budget to protect: keep the suite fast (the limiter has its own tests)
  beforeEach(() => {
    sandbox.reset();
    server.use(...sandbox.handlers);
  });
  return { sandbox, konnect, secretsManager };
}

/** Writes to the given service since the log was last cleared, as "operation" strings. */
export const writeOps = (sandbox: ReturnType<typeof createSandbox>, service?: "konnect" | "secretsmanager" | "route53") => sandbox.writes(service).map((r) => r.operation);
