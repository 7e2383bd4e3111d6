import { summarizeChanges } from "../reconcile/change.js";
import type { TeardownResult } from "../operations/teardown-options.js";
import type { DeploymentConfig } from "./config.js";
import { baseContext, configWarnings, forStep, showPending, withControlPlane } from "./context.js";
import { runSteps } from "./run-steps.js";
import { enabledSteps, type DeployStep } from "./steps.js";
import type { DestroyOptions, DestroyResult } from "./types.js";
import { validateConfig } from "./validate-config.js";

/**
 * Removes what {@link deploy} created for a configuration, as `terraform destroy` does, with no state
 * file: each operation's teardown finds its objects again from the configuration and deletes exactly
 * those that carry the ownership mark, in reverse dependency order (multi-region records, health checks
 * and replicas; the Lambda, Cognito and rate-limiting plugins, consumers and credentials; the Redis
 * partial and password secret; the vault's secrets, then the vault; the control plane last, and only
 * when nothing of anyone else's is left in it). Objects without the mark are never deleted: they are
 * listed in `kept` with the reason, as is anything still used by something that stays.
 *
 * Secrets are deleted with Secrets Manager's recovery window (30 days unless `recoveryWindowInDays`),
 * never forced without `forceDeleteWithoutRecovery`; `keepSecrets` leaves them. `dryRun` lists the
 * deletes and writes nothing. A second run writes nothing.
 *
 * @example
 * ```ts
 * import { destroy, loadConfig } from "konnect-aws";
 *
 * const config = await loadConfig("terraform.tfvars");
 * const preview = await destroy(config, { dryRun: true });
 * console.log(preview.summary); // { create: 0, update: 0, delete: 9, noop: 0 }
 * const { kept } = await destroy(config, { recoveryWindowInDays: 7 });
 * for (const k of kept) console.log(`kept ${k.kind} ${k.key}: ${k.reason}`);
 * ```
 */
export async function destroy(config: DeploymentConfig, options: DestroyOptions = {}): Promise<DestroyResult> {
  validateConfig(config);
  const steps = enabledSteps(config);
  const dryRun = options.dryRun === true;
  const warnings = configWarnings(config).filter((w) => !w.startsWith("cost tag"));
  for (const w of warnings) options.logger?.warn(w);
  const base = baseContext(config, options, dryRun);
  // found by name, ours or not: each teardown checks the marks of what it would delete. Without it, the
  // AWS objects of the other steps may still exist (a deploy that failed after them): they are looked for
  const found = await base.konnect.findOne("/v2/control-planes", { params: { query: { filter: { name: { eq: config.control_plane_name! } } } }, where: (cp) => cp.name === config.control_plane_name, ...(options.signal ? { signal: options.signal } : {}) });
  const ctx = withControlPlane(base, found?.id ?? undefined);
  const teardown = { ...(options.recoveryWindowInDays !== undefined ? { recoveryWindowInDays: options.recoveryWindowInDays } : {}), ...(options.forceDeleteWithoutRecovery !== undefined ? { forceDeleteWithoutRecovery: options.forceDeleteWithoutRecovery } : {}), ...(options.keepSecrets !== undefined ? { keepSecrets: options.keepSecrets } : {}) };
  // reverse order: a step is torn down once every step that depends on it is
  const dependents = (s: DeployStep) => steps.filter((d) => d.dependsOn.includes(s.name)).map((d) => d.name);
  const results = await runSteps<TeardownResult>(
    steps,
    dependents,
    (s) => (s.name === "control-plane" && !found ? Promise.resolve({ changes: [], kept: [] }) : s.teardown!(forStep(ctx, s.name, options), teardown)),
    (s, r) => r.changes.map((c) => ({ ...c, step: s.name })),
  );
  const order = [...steps].reverse();
  const stepResults = order.map((s) => ({ step: s.name, operation: s.operation.split(" / ")[1] ?? s.operation, changes: showPending(results.get(s.name)!.changes), kept: showPending(results.get(s.name)!.kept) }));
  const changes = stepResults.flatMap((r) => r.changes.map((c) => ({ ...c, step: r.step })));
  const kept = stepResults.flatMap((r) => r.kept.map((k) => ({ ...k, step: r.step })));
  return { changes, summary: summarizeChanges(changes), kept, steps: stepResults, warnings, dryRun };
}
