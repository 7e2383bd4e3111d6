// The guide's "AWS with Cognito Authentication" and "AWS with Lambda Integration": a route protected by
// a Cognito user pool's access tokens, whose requests a Lambda function answers.
import type { LambdaClient } from "@aws-sdk/client-lambda";
import { attachLambda, configureCognitoJwt, type KonnectClient } from "konnect-aws";
import { printChanges } from "./print-changes.js";

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
}

export async function cognitoAndLambda(o: CognitoLambdaOptions) {
  if (!o.controlPlaneId) {
    console.log("\nCognito and Lambda: planned once the control plane exists");
    return;
  }
  const { konnect, controlPlaneId, dryRun } = o;
  // the route the guide exposes; created here with the raw typed client when missing
  const routes = await konnect.collect("/v2/control-planes/{controlPlaneId}/core-entities/routes", { params: { path: { controlPlaneId } } });
  if (!routes.some((r) => r.name === "orders")) {
    if (dryRun) {
      console.log("\nCognito and Lambda: the route 'orders' is created on apply");
      return;
    }
    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/routes", { params: { path: { controlPlaneId } }, body: { name: "orders", paths: ["/orders"], tags: ["managed-by-konnect-aws"] } });
  }
  const auth = await configureCognitoJwt({ konnect, controlPlaneId, userPoolId: o.userPoolId, clientIds: o.mode === "jwt" ? undefined : [o.appClientId], mode: o.mode, scope: { route: "orders" }, dryRun });
  printChanges(`Cognito (${auth.plugin.name})`, auth.changes);
  const fn = await attachLambda({ konnect, controlPlaneId, functionName: o.functionArn, routeId: "orders", assumeRoleArn: o.invokerRoleArn, verify: true, timeoutMs: 30_000, ...(o.lambda ? { lambda: o.lambda } : {}), dryRun });
  printChanges("Lambda", fn.changes);
  console.log(`  gateway role policy: ${JSON.stringify(fn.iamPolicy.Statement[0]!.Resource)}`);
}
