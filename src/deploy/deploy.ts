import { summarizeChanges, type Change } from "../reconcile/change.js";
import type { DeploymentConfig } from "./config.js";
import { baseContext, configWarnings, forStep, showPending, withControlPlane } from "./context.js";
import { runSteps } from "./run-steps.js";
import type { StepContext } from "./step-options.js";
import { checkSteps, enabledSteps, type StepOutcome } from "./steps.js";
import type { DeployOptions, DeployResult } from "./types.js";
import { validateConfig } from "./validate-config.js";

/**
 * Converges the whole deployment a configuration describes, as `terraform apply` does: the control
 * plane, then the vault, then everything that uses them (ElastiCache rate limiting, Cognito, Lambda,
 * then multi-region), each operation applied through its own idempotent code path. Steps that do not
 * depend on each other run at the same time. The configuration is validated first (every problem at
 * once); nothing is written when it is wrong, or when it turns on an operation this build lacks.
 *
 * Stateless: what exists is read back from Konnect and AWS and recognized by the ownership marks, so a
 * second run writes nothing, and a run after a failure resumes. A failure stops the other steps and
 * throws a {@link DeployError} listing what was written. `dryRun: true` is {@link plan}.
 *
 * Warnings (secrets written in the configuration file, cost tags Konnect cannot take as labels) are
 * returned in `warnings` and sent to the logger.
 *
 * @example
 * ```ts
 * import { deploy, loadConfig } from "konnect-aws";
 *
 * const config = await loadConfig("terraform.tfvars");
 * const { changes, summary, warnings } = await deploy(config);
 * for (const c of changes) console.log(c.step, c.action, c.kind, c.key);
 * console.log(summary, warnings);
 * ```
 */
export async function deploy(config: DeploymentConfig, options: DeployOptions = {}): Promise<DeployResult> {
  validateConfig(config);
  const steps = enabledSteps(config);
  const dryRun = options.dryRun === true;
  const warnings = configWarnings(config);
  for (const w of warnings) options.logger?.warn(w);
  let ctx: StepContext = baseContext(config, options, dryRun);
  checkSteps(steps, withControlPlane(ctx, undefined));
  const outcomes = await runSteps<StepOutcome>(
    steps,
    (s) => s.dependsOn,
    async (s) => {
      const r = await s.apply!(forStep(ctx, s.name, options));
      // what later steps read (the data planes take the vault's policy)
      ctx = { ...ctx, outputs: { ...ctx.outputs, [s.name]: r.outputs } };
      // every other step works inside the control plane: its id, or the pending placeholder of a plan
      if (s.name === "control-plane") ctx = withControlPlane(ctx, (r.outputs.controlPlane as { id?: string } | undefined)?.id);
      return r;
    },
    // a dry run writes nothing, whatever it planned
    (s, r) => (dryRun ? [] : r.changes.filter((c) => c.action !== "noop").map((c) => ({ ...c, step: s.name }))),
  );
  const results = steps.map((s) => ({ step: s.name, operation: s.operation.split(" / ")[0]!, changes: showPending(outcomes.get(s.name)!.changes), outputs: showPending(outcomes.get(s.name)!.outputs) }));
  if (dryRun) {
    settleSharedObjects(results);
    maskNewCertificates(results);
  }
  const changes = results.flatMap((r) => r.changes.map((c) => ({ ...c, step: r.step })));
  return { changes, summary: summarizeChanges(changes), steps: results, warnings, dryRun };
}

/**
 * Each operation plans on its own, so in a dry run a later step cannot see an object an earlier step
 * would create: two operations that both manage the same object (the vault entity enableAwsVault
 * creates, which attachElastiCacheRateLimit also declares) would both show a create. The apply writes it
 * once (or updates it once) and the later step finds it in place, with the same desired state: show
 * that `noop` in the plan too, so the plan is what the apply does.
 */
function settleSharedObjects(results: Array<{ changes: Change[] }>): void {
  const planned = new Set<string>();
  for (const r of results) {
    r.changes = r.changes.map((c) => {
      const id = `${c.kind}\u0000${c.key}`;
      if (planned.has(id) && (c.action === "create" || c.action === "update")) return { action: "noop", kind: c.kind, key: c.key, diff: [], ...(c.id !== undefined ? { id: c.id } : { pending: true }) };
      if (c.action === "create" || c.action === "update") planned.add(id);
      return c;
    });
  }
}

const AFTER_APPLY = "(known after apply: new certificate)";

/**
 * A dry run that would issue a data-plane certificate makes up a key pair it throws away: its fingerprint
 * and validity are not the ones the apply will issue. Show them as known after apply, so two plans of
 * the same state are equal and say only what is true.
 */
function maskNewCertificates(results: Array<{ changes: Change[]; outputs: Record<string, unknown> }>): void {
  for (const r of results) {
    const cert = r.outputs.certificate as { issued?: boolean; sha256?: string; expiresAt?: Date } | undefined;
    if (!cert?.issued || typeof cert.sha256 !== "string") continue;
    const made = [cert.sha256, cert.sha256.slice(0, 16), ...(cert.expiresAt instanceof Date ? [cert.expiresAt.toISOString()] : [])];
    const mask = (v: unknown): unknown => {
      if (typeof v === "string") return made.reduce((t, m) => t.split(m).join(AFTER_APPLY), v);
      if (v instanceof Date) return made.includes(v.toISOString()) ? AFTER_APPLY : v;
      if (Array.isArray(v)) return v.map(mask);
      if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mask(x)]));
      return v;
    };
    r.changes = mask(r.changes) as Change[];
    r.outputs = mask(r.outputs) as Record<string, unknown>;
  }
}

/**
 * The plan of a configuration, as `terraform plan` shows it: every change {@link deploy} would make, with
 * its step, kind, key and field diff, totals per action, and what only the apply can know (the ids of
 * new objects, the id of a control plane the plan creates) shown as pending. It is `deploy(config, {
 * dryRun: true })`: the same operations, each in its own dry run, reading and never writing.
 *
 * @example
 * ```ts
 * import { loadConfig, plan } from "konnect-aws";
 *
 * const { changes, summary } = await plan(await loadConfig("terraform.tfvars"));
 * for (const c of changes) console.log(`${c.action} ${c.kind} ${c.key}${c.pending ? " (id known after apply)" : ""}`);
 * console.log(summary); // counts per action: { create, update, delete, noop }
 * ```
 */
export function plan(config: DeploymentConfig, options: Omit<DeployOptions, "dryRun"> = {}): Promise<DeployResult> {
  return deploy(config, { ...options, dryRun: true });
}
