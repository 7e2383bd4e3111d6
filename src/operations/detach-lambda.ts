import { reconcileResources } from "../reconcile/reconcile-resources.js";
import { declareLambdaPlugin, lambdaScope, validateLambdaOptions, type AttachLambdaOptions } from "./attach-lambda.js";
import { validateTeardownOptions } from "./disable-aws-vault.js";
import { resolveTeardownScope, sameScope } from "../resources/konnect/scope.js";
import type { TeardownOptions, TeardownResult } from "./teardown-options.js";
import { listScopePlugins } from "../resources/konnect/plugin.js";

/**
 * Options of {@link detachLambda}: the very options given to {@link attachLambda}, plus what to keep.
 *
 * @example
 * ```ts
 * const options: DetachLambdaOptions = { konnect, controlPlaneId, functionName: "orders-handler", region: "us-east-1", routeId: "orders", dryRun: true };
 * ```
 */
export type DetachLambdaOptions = AttachLambdaOptions & TeardownOptions;

/**
 * The teardown of {@link attachLambda}, taking the same options: deletes the aws-lambda plugin on the
 * route or service, when it carries the ownership mark (`adopt` extends that to an unmarked one); an
 * unmarked plugin is kept and listed in `kept`. The function, its roles and the route are not touched.
 * A route or service already deleted took its plugins with it: there is nothing left to delete, and no
 * error. Running it twice makes no write the second time; `dryRun` lists the delete without making it.
 *
 * @example
 * ```ts
 * import { detachLambda } from "konnect-aws";
 * const { changes, kept } = await detachLambda({ konnect, controlPlaneId, functionName: "arn:aws:lambda:us-east-1:123456789012:function:orders-handler", routeId: "orders" });
 * console.log(changes.map((c) => `${c.action} ${c.kind} ${c.key}`), kept);
 * ```
 */
export async function detachLambda(options: DetachLambdaOptions): Promise<TeardownResult> {
  validateLambdaOptions(options);
  validateTeardownOptions(options);
  const { konnect, controlPlaneId, signal } = options;
  const [{ scope, exists }, plugins] = await Promise.all([
    resolveTeardownScope(konnect, controlPlaneId, lambdaScope(options), signal),
    listScopePlugins(konnect, controlPlaneId, ["aws-lambda"], lambdaScope(options), signal),
  ]);
  const existing = exists ? plugins.find((p) => p.name === "aws-lambda" && sameScope(p as Record<string, unknown>, scope)) : undefined;
  // a teardown compares no config: it only finds the plugin and deletes it
  const { plugin } = declareLambdaPlugin(options, scope, {}, existing);
  const { changes, kept } = await reconcileResources([plugin], { mode: "teardown", dryRun: options.dryRun, adopt: options.adopt, concurrency: options.concurrency, signal, onEvent: options.onEvent, logger: options.logger });
  return { changes, kept };
}
