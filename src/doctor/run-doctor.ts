import { checkPostgres } from "../postgres/check-postgres.js";
import { checkRedis } from "../redis/check-redis.js";
import { checkOptionsObject, checkOptionalSignal } from "../internal/validate.js";
import { fail, guarded, pass, skip } from "./check.js";
import { checkDns } from "./dns-checks.js";
import { checkKonnect } from "./konnect-checks.js";
import { checkLambda } from "./lambda-checks.js";
import { checkSecrets, checkVaultReferences } from "./secrets-checks.js";
import type { DoctorCheck, RunDoctorOptions, RunDoctorResult } from "./types.js";

/** Step-level results of checkRedis / checkPostgres as one doctor check. */
function fromSteps(name: string, r: { ok: boolean; steps: { step: string; ok: boolean; detail: string }[]; failedStep?: string; diagnosis?: string }): DoctorCheck {
  const evidence = r.steps.map((s) => `${s.step} ${s.ok ? "ok" : "FAILED"}: ${s.detail}`).join("; ");
  return r.ok ? pass(name, evidence) : fail(name, evidence, r.diagnosis ?? `the ${r.failedStep ?? "?"} step failed`);
}

/**
 * Checks a deployment the way the guide's troubleshooting section does by hand: Konnect (token, region,
 * control plane; data planes and their versions are `skip` until the Konnect client has `/nodes`),
 * Secrets Manager (each secret readable by the data planes' role, every `{vault://...}` reference of the
 * control plane's plugins resolving to an existing secret and key), ElastiCache ({@link checkRedis}),
 * Lambda (exists, timeout, invoke permission), RDS/PostgreSQL ({@link checkPostgres}) and the custom
 * domain (DNS answer, certificate). Every part of the options is optional: a part left out gives `skip`.
 * Never throws for a failing check (each says what it saw and the fix); secrets never appear.
 *
 * @example
 * ```ts
 * import { createKonnectClient, runDoctor } from "konnect-aws";
 * const result = await runDoctor({ konnect: createKonnectClient({ region: "us" }), controlPlaneId: "f3b4c0de-0000-4000-8000-000000000001" });
 * for (const c of result.checks) console.log(c.status, c.name, c.evidence, c.fix);
 * ```
 */
export async function runDoctor(options: RunDoctorOptions = {}): Promise<RunDoctorResult> {
  const o = options;
  checkOptionsObject(options, "runDoctor", 'konnect, controlPlaneId: "..."');
  checkOptionalSignal(o.signal);
  // independent groups run in parallel; their order in the result is fixed
  const groups = await Promise.all([
    checkKonnect(o.konnect, o.controlPlaneId, o.signal, o.now),
    checkSecrets(o),
    checkVaultReferences(o),
    o.redis ? guarded("elasticache.connection", "check the endpoint options", async () => fromSteps("elasticache.connection", await checkRedis(o.redis!))) : Promise.resolve([skip("elasticache.connection", "not configured (no Redis endpoint)")]),
    checkLambda(o),
    o.postgres ? guarded("postgres.connection", "check the endpoint options", async () => fromSteps("postgres.connection", await checkPostgres(o.postgres!))) : Promise.resolve([skip("postgres.connection", "not configured (no PostgreSQL endpoint)")]),
    checkDns(o),
  ]);
  o.signal?.throwIfAborted();
  const checks = groups.flat();
  const summary = { pass: 0, fail: 0, skip: 0 };
  for (const c of checks) summary[c.status]++;
  return { ok: summary.fail === 0, checks, summary };
}
