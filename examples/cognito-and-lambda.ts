// The guide's "AWS with Cognito Authentication" and "AWS with Lambda Integration": a route protected by
// a Cognito user pool's access tokens, whose requests a Lambda function answers. With `teardown`, the
// same options remove the Lambda plugin, then the Cognito plugin, then the route this example created.
import type { LambdaClient } from "@aws-sdk/client-lambda";
import { attachLambda, configureCognitoJwt, detachLambda, DEFAULT_OWNERSHIP, removeCognitoJwt, type AttachLambdaOptions, type Change, type ConfigureCognitoJwtOptions, type KeptResource, type KonnectClient, type TeardownOptions, type TeardownResult } from "konnect-aws";
import { printChanges, printTeardown } from "./print-changes.js";

export interface CognitoLambdaOptions {
  konnect: KonnectClient;
  controlPlaneId: string | undefined;
  userPoolId: string;
  appClientId: string;
  functionArn: string;
  invokerRoleArn: string;
  mode?: "openid-connect" | "jwt";
  lambda?: LambdaClient;
  dryRun?: boolean;
  /** Remove what the example creates instead, with the same options (`true`: the teardowns' defaults). */
  teardown?: boolean | TeardownOptions;
}

export async function cognitoAndLambda(o: CognitoLambdaOptions): Promise<TeardownResult | undefined> {
  if (!o.controlPlaneId) {
    console.log(`\nCognito and Lambda: ${o.teardown ? "no control plane, nothing to remove" : "planned once the control plane exists"}`);
    return undefined;
  }
  const { konnect, controlPlaneId, dryRun } = o;
  const authOptions: ConfigureCognitoJwtOptions = { konnect, controlPlaneId, userPoolId: o.userPoolId, clientIds: o.mode === "jwt" ? undefined : [o.appClientId], mode: o.mode, scope: { route: "orders" }, dryRun };
  const lambdaOptions: AttachLambdaOptions = { konnect, controlPlaneId, functionName: o.functionArn, routeId: "orders", assumeRoleArn: o.invokerRoleArn, verify: true, timeoutMs: 30_000, ...(o.lambda ? { lambda: o.lambda } : {}), dryRun };
  // the route the guide exposes; created here with the raw typed client when missing
  const routes = await konnect.collect("/v2/control-planes/{controlPlaneId}/core-entities/routes", { params: { path: { controlPlaneId } } });
  const route = routes.find((r) => r.name === "orders");
  if (o.teardown) {
    const t = o.teardown === true ? {} : o.teardown;
    const fn = await detachLambda({ ...lambdaOptions, ...t });
    printTeardown("Lambda", fn);
    const auth = await removeCognitoJwt({ ...authOptions, ...t });
    printTeardown("Cognito", auth);
    const removed = await deleteRoute(konnect, controlPlaneId, route, [...fn.changes, ...auth.changes], dryRun);
    printTeardown("route", removed);
    return { changes: [...fn.changes, ...auth.changes, ...removed.changes], kept: [...fn.kept, ...auth.kept, ...removed.kept] };
  }
  if (!route) {
    if (dryRun) {
      console.log("\nCognito and Lambda: the route 'orders' is created on apply");
      return undefined;
    }
    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/routes", { params: { path: { controlPlaneId } }, body: { name: "orders", paths: ["/orders"], tags: [DEFAULT_OWNERSHIP.konnectTag] } });
  }
  const auth = await configureCognitoJwt(authOptions);
  printChanges(`Cognito (${auth.plugin.name})`, auth.changes);
  const fn = await attachLambda(lambdaOptions);
  printChanges("Lambda", fn.changes);
  console.log(`  gateway role policy: ${JSON.stringify(fn.iamPolicy.Statement[0]!.Resource)}`);
  return undefined;
}

// The route is this example's, not an operation's: it goes only when it carries the ownership tag and no
// plugin is left on it but those the teardowns above delete (deleting a route deletes its plugins).
async function deleteRoute(konnect: KonnectClient, controlPlaneId: string, route: { id?: string | null; tags?: string[] | null } | undefined, deleted: readonly Change[], dryRun: boolean | undefined): Promise<TeardownResult> {
  if (!route?.id) return { changes: [], kept: [] };
  const RouteId = route.id;
  const keep = (reason: string): TeardownResult => ({ changes: [], kept: [{ kind: "konnect.route", key: "orders", id: RouteId, reason } satisfies KeptResource] });
  if (!route.tags?.includes(DEFAULT_OWNERSHIP.konnectTag)) return keep(`not ours: no ${DEFAULT_OWNERSHIP.konnectTag} tag`);
  const gone = new Set(deleted.filter((c) => c.action === "delete").map((c) => c.id));
  const plugins = await konnect.collect("/v2/control-planes/{controlPlaneId}/core-entities/routes/{RouteId}/plugins", { params: { path: { controlPlaneId, RouteId } } });
  const left = plugins.filter((p) => !gone.has(p.id ?? undefined));
  if (left.length > 0) return keep(`still has ${left.length} plugin(s): ${left.map((p) => p.name).join(", ")}`);
  if (!dryRun) await konnect.api.DELETE("/v2/control-planes/{controlPlaneId}/core-entities/routes/{RouteId}", { params: { path: { controlPlaneId, RouteId } } });
  return { changes: [{ action: "delete", kind: "konnect.route", key: "orders", id: RouteId, diff: [] }], kept: [] };
}
