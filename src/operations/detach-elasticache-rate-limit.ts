import { reconcileResources } from "../reconcile/reconcile-resources.js";
import { validateRateLimitOptions, type AttachElastiCacheRateLimitOptions } from "./attach-elasticache-rate-limit.js";
import { validateTeardownOptions } from "./disable-aws-vault.js";
import { declareRateLimitResources, readRateLimitState } from "./rate-limit-resources.js";
import type { TeardownOptions, TeardownResult } from "./teardown-options.js";

/**
 * Options of {@link detachElastiCacheRateLimit}: the very options given to
 * {@link attachElastiCacheRateLimit}, plus what to keep.
 *
 * @example
 * ```ts
 * const options: DetachElastiCacheRateLimitOptions = { konnect, controlPlaneId, redis: { host: "master.rl.abc123.use1.cache.amazonaws.com", password: secret(pw) }, limits: [{ limit: 100, window: 60 }], awsRegion: "us-east-1", recoveryWindowInDays: 7 };
 * ```
 */
export type DetachElastiCacheRateLimitOptions = AttachElastiCacheRateLimitOptions & TeardownOptions;

/**
 * The teardown of {@link attachElastiCacheRateLimit}, taking the same options. Deletes, in this order:
 * the rate-limiting plugin on the scope; the Redis partial (with `partial`) unless another plugin still
 * links it; the password secret (with a 30-day recovery window unless told otherwise, never forced
 * without `forceDeleteWithoutRecovery`; kept with `keepSecrets`) unless a remaining plugin or partial
 * still references it; and the vault entity unless a remaining plugin or partial still references its
 * prefix. Only objects with the ownership mark are deleted (`adopt` extends that to the unmarked ones of
 * the same names); the others are kept and listed in `kept` with the reason. The replication group is
 * not touched and not read. Running it twice makes no write the second time; `dryRun` lists the deletes.
 *
 * Without `awsRegion` or `redis.replicationGroupId`, the secret's region is the one managed AWS vault's,
 * as in the apply; once that vault is gone there is no secret left to look for there.
 *
 * @example
 * ```ts
 * import { detachElastiCacheRateLimit, secret } from "konnect-aws";
 *
 * const { changes, kept } = await detachElastiCacheRateLimit({
 *   konnect,
 *   controlPlaneId,
 *   awsRegion: "us-east-1",
 *   redis: { replicationGroupId: "kong-rate-limits", password: secret(process.env.REDIS_AUTH!) },
 *   limits: [{ limit: 100, window: 60 }],
 *   recoveryWindowInDays: 7,
 * });
 * for (const k of kept) console.log(`kept ${k.kind} ${k.key}: ${k.reason}`);
 * ```
 */
export async function detachElastiCacheRateLimit(options: DetachElastiCacheRateLimitOptions): Promise<TeardownResult> {
  const plugin = validateRateLimitOptions(options);
  validateTeardownOptions(options);
  const state = await readRateLimitState(options, "teardown");
  const { resources } = declareRateLimitResources(options, plugin, state, undefined, "teardown");
  const { changes, kept } = await reconcileResources(resources, { mode: "teardown", dryRun: options.dryRun, adopt: options.adopt, concurrency: options.concurrency, signal: options.signal, onEvent: options.onEvent, logger: options.logger });
  return { changes, kept };
}
