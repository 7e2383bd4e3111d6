import { reconcileResources } from "../reconcile/reconcile-resources.js";
import type { EnableObservabilityOptions } from "./observability-options.js";
import { planObservability } from "./observability-plan.js";
import { declareObservabilityResources } from "./observability-resources.js";
import type { TeardownResult } from "./teardown-options.js";

/**
 * Options of {@link disableObservability}: the very options given to {@link enableObservability}, plus
 * `keepLogGroup` (the log group holds the logs; keep it to read them after the teardown).
 *
 * @example
 * ```ts
 * const options: DisableObservabilityOptions = { konnect, controlPlaneId, region: "us-east-1", keepLogGroup: true };
 * ```
 */
export type DisableObservabilityOptions = EnableObservabilityOptions & {
  /** Keep the log group and its events. @default false */
  keepLogGroup?: boolean;
};

/**
 * The teardown of {@link enableObservability}, taking the same options: deletes the alarms (all four
 * names, whether or not this run's options turned them on), the observability plugins of the control
 * plane (`file-log`, `statsd`, `opentelemetry`, `datadog` at control-plane scope) and the log group (with
 * its events, unless `keepLogGroup`). Only objects with the ownership mark are deleted (`adopt` extends
 * that to unmarked ones of the same names); alarms of another control plane are kept. The others are
 * listed in `kept` with the reason. Running it twice makes no write the second time.
 *
 * @example
 * ```ts
 * import { disableObservability } from "konnect-aws";
 * const { changes, kept } = await disableObservability({ konnect, controlPlaneId, region: "us-east-1" });
 * console.log(changes.map((c) => `${c.action} ${c.kind} ${c.key}`), kept);
 * ```
 */
export async function disableObservability(options: DisableObservabilityOptions): Promise<TeardownResult> {
  const plan = planObservability(options);
  const { resources } = declareObservabilityResources(options, plan, "teardown");
  const kept = options.keepLogGroup ? resources.filter((r) => r.kind !== "aws.log-group") : resources;
  const result = await reconcileResources(kept, { mode: "teardown", dryRun: options.dryRun, adopt: options.adopt, concurrency: options.concurrency, signal: options.signal, onEvent: options.onEvent, logger: options.logger });
  return { changes: result.changes, kept: result.kept };
}
