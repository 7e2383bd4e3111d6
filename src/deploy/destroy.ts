import { summarizeChanges, type Change } from "../reconcile/change.js";
import type { KeptResource } from "../reconcile/reconcile-resources.js";
import type { TeardownResult } from "../operations/teardown-options.js";
import type { DeploymentConfig } from "./config.js";
import { baseContext, configWarnings, forStep, showPending, withControlPlane } from "./context.js";
import { runSteps } from "./run-steps.js";
import { checkSteps, enabledSteps, type DeployStep } from "./steps.js";
import type { DestroyOptions, DestroyResult } from "./types.js";
import { validateConfig } from "./validate-config.js";

/**
 * Each teardown previews on its own, blind to the deletes of the teardowns before it. Two corrections
 * make the preview what the real run does: an object two teardowns manage (the vault entity) is deleted
 * once, by the first (and not listed as kept by the second); and a secret kept only because it is "replicated" is deleted once the multi-region
 * teardown before it removes those replicas (the ownership check came first: it is ours).
 */
function settlePreview(results: Array<{ changes: Change[]; kept: KeptResource[] }>): void {
  const deleted = new Set<string>();
  const id = (kind: string, key: string) => `${kind}\u0000${key}`;
  for (const r of results) {
    // kept because something still uses it, yet an earlier teardown deletes it (with its users): the run
    // finds it gone, so the preview neither keeps it nor deletes it twice
    r.kept = r.kept.filter((k) => !deleted.has(id(k.kind, k.key)));
    const freed = r.kept.filter((k) => k.kind === "aws.secret" && k.reason.startsWith("replicated to") && deleted.has(id("aws.secret-replicas", k.key)));
    r.kept = r.kept.filter((k) => !freed.includes(k));
    r.changes = [...r.changes.filter((c) => !deleted.has(id(c.kind, c.key))), ...freed.map((k): Change => ({ action: "delete", kind: k.kind, key: k.key, ...(k.id !== undefined ? { id: k.id } : {}), diff: [] }))];
    for (const c of r.changes) deleted.add(id(c.kind, c.key));
  }
}

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
 * console.log(preview.summary.delete, "objects to delete");
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
  checkSteps(steps, withControlPlane(base, undefined));
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
    (s, r) => (dryRun ? [] : r.changes.map((c) => ({ ...c, step: s.name }))),
  );
  const order = [...steps].reverse();
  const stepResults = order.map((s) => ({ step: s.name, operation: s.operation.split(" / ")[1] ?? s.operation, changes: showPending(results.get(s.name)!.changes), kept: showPending(results.get(s.name)!.kept) }));
  if (dryRun) settlePreview(stepResults);
  const changes = stepResults.flatMap((r) => r.changes.map((c) => ({ ...c, step: r.step })));
  const kept = stepResults.flatMap((r) => r.kept.map((k) => ({ ...k, step: r.step })));
  return { changes, summary: summarizeChanges(changes), kept, steps: stepResults, warnings, dryRun };
}
