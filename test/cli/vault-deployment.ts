// Test only: a DeploymentApi over real operations (enableAwsVault / disableAwsVault) against the sandbox,
// so the CLI's plan/apply/destroy flows (exit codes, confirmation, progress, Ctrl-C) are exercised on
// real change lists with events it controls (Ctrl-C at a chosen write); the real deployment layer is
// driven in deployment-flows.test.ts and binary.test.ts.
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { DeploymentApi } from "../../src/cli/deployment-api.js";
import { disableAwsVault, enableAwsVault, summarizeChanges, type KonnectClient, type OperationEvent } from "../../src/index.js";

export function vaultDeploymentApi(o: { konnect: KonnectClient; secretsManager: SecretsManagerClient; controlPlaneId: () => string; onEvent?: (e: OperationEvent) => void }): DeploymentApi {
  const options = (config: Record<string, unknown>) => ({
    konnect: o.konnect,
    controlPlaneId: o.controlPlaneId(),
    region: "us-east-1",
    secretsManager: o.secretsManager,
    secrets: config.secrets as Record<string, Record<string, string>>,
    ...(config.ttl ? { ttl: config.ttl as number } : {}),
  });
  const events = (fn?: (e: OperationEvent) => void) => (e: OperationEvent) => {
    fn?.(e);
    o.onEvent?.(e);
  };
  return {
    loadConfig: (source) => (typeof source === "string" ? { secrets: { "cli/db": { username: "app", password: "cli-CANARY-pw" }, "cli/redis": { password: "cli-CANARY-redis" } } } : source),
    plan: async (config, c = {}) => {
      const r = await enableAwsVault({ ...options(config), dryRun: true, ...(c.signal ? { signal: c.signal } : {}) });
      return { changes: r.changes, summary: summarizeChanges(r.changes) };
    },
    deploy: async (config, c = {}) => {
      const r = await enableAwsVault({ ...options(config), dryRun: c.dryRun ?? false, ...(c.signal ? { signal: c.signal } : {}), onEvent: events(c.onEvent), concurrency: 1 });
      return { changes: r.changes, summary: summarizeChanges(r.changes) };
    },
    destroy: async (config, c = {}) => {
      const r = await disableAwsVault({ ...options(config), dryRun: c.dryRun ?? false, ...(c.signal ? { signal: c.signal } : {}), onEvent: events(c.onEvent), recoveryWindowInDays: 7 });
      return { changes: r.changes, summary: summarizeChanges(r.changes), kept: r.kept.map((k) => ({ kind: k.kind, key: k.key, ...(k.reason ? { reason: k.reason } : {}) })) };
    },
  };
}
