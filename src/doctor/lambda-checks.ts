import { loadLambda } from "../aws/load-sdk.js";
import type { KonnectClient } from "../konnect/create-konnect-client.js";
import { listPlugins } from "../resources/konnect/plugin.js";
import { fail, guarded, pass, skip } from "./check.js";
import { simulatePrincipalPolicy } from "./simulate-policy.js";
import type { DoctorCheck, RunDoctorOptions } from "./types.js";

/** The aws-lambda plugin's `timeout` default, in ms (Kong 3.14 schema, AwsLambda.json: default 60000). */
const PLUGIN_DEFAULT_TIMEOUT_MS = 60_000;

/** The timeouts (ms) of the control plane's aws-lambda plugins that call this function. */
async function pluginTimeouts(konnect: KonnectClient, controlPlaneId: string, functionName: string, signal?: AbortSignal): Promise<number[]> {
  const plugins = await listPlugins(konnect, controlPlaneId, signal);
  return plugins
    .filter((p) => p.name === "aws-lambda" && (p.config as { function_name?: string } | undefined)?.function_name === functionName)
    .map((p) => Number((p.config as { timeout?: number }).timeout ?? PLUGIN_DEFAULT_TIMEOUT_MS));
}

/**
 * Lambda (the guide's "Lambda Invocation Timeout"): the function exists, its timeout fits the gateway's
 * (the aws-lambda plugin's `timeout`), and the invoker role may `lambda:InvokeFunction` (IAM simulation).
 * @internal
 */
export async function checkLambda(o: RunDoctorOptions): Promise<DoctorCheck[]> {
  const l = o.lambda;
  if (!l) return [skip("lambda.exists", "not configured (no Lambda function)")];
  const client = o.aws?.lambda;
  if (!client) return [skip("lambda.exists", `not configured (no Lambda client for ${l.functionName})`)];
  let arn: string | undefined;
  let timeoutS: number | undefined;
  const exists = await guarded("lambda.exists", "check the AWS credentials and region of this run", async () => {
    const { GetFunctionConfigurationCommand } = await loadLambda();
    try {
      const cfg = await client.send(new GetFunctionConfigurationCommand({ FunctionName: l.functionName }), o.signal ? { abortSignal: o.signal } : {});
      arn = cfg.FunctionArn;
      timeoutS = cfg.Timeout;
      return pass("lambda.exists", `${cfg.FunctionArn ?? l.functionName}: ${cfg.State ?? "?"}, runtime ${cfg.Runtime ?? "?"}, timeout ${cfg.Timeout ?? "?"} s`);
    } catch (e) {
      if ((e as { name?: string }).name === "ResourceNotFoundException") return fail("lambda.exists", `no function ${l.functionName} in ${o.aws?.region ?? "this region"}`, "check aws_lambda_function_name and aws_region, or deploy the function");
      throw e;
    }
  });
  const checks = [...exists];
  if (exists[0]!.status !== "pass") return [...checks, skip("lambda.timeout", "skipped: the function was not found"), skip("lambda.invoke-permission", "skipped: the function was not found")];

  checks.push(
    ...(await guarded("lambda.timeout", "check the Konnect token", async () => {
      const fromPlugins = o.konnect && o.controlPlaneId ? await pluginTimeouts(o.konnect, o.controlPlaneId, l.functionName, o.signal) : [];
      const gatewayMs = fromPlugins.length > 0 ? Math.min(...fromPlugins) : (l.gatewayTimeoutMs ?? PLUGIN_DEFAULT_TIMEOUT_MS);
      const source = fromPlugins.length > 0 ? `the aws-lambda plugin's timeout ${gatewayMs} ms` : `the gateway timeout ${gatewayMs} ms${l.gatewayTimeoutMs === undefined ? " (plugin default)" : ""}`;
      if (timeoutS !== undefined && timeoutS * 1000 > gatewayMs) {
        return fail("lambda.timeout", `the function may run ${timeoutS} s but ${source} gives up first`, `the guide's 'Lambda Invocation Timeout': raise the plugin's timeout to at least ${timeoutS * 1000} ms, or shorten the function's timeout`);
      }
      return pass("lambda.timeout", `function timeout ${timeoutS ?? "?"} s fits ${source}`);
    })),
  );

  if (!l.invokerRoleArn || !o.aws?.iam) {
    checks.push(skip("lambda.invoke-permission", !l.invokerRoleArn ? "not configured (no invoker role ARN)" : "not configured (no IAM client)"));
    return checks;
  }
  const { invokerRoleArn } = l;
  const iam = o.aws.iam;
  checks.push(
    ...(await guarded("lambda.invoke-permission", "check iam:SimulatePrincipalPolicy on the role", async () => {
      const decisions = await simulatePrincipalPolicy(iam, invokerRoleArn, ["lambda:InvokeFunction"], [arn ?? l.functionName], o.signal);
      const denied = decisions.filter((d) => d.decision !== "allowed");
      if (decisions.length === 0 || denied.length > 0) {
        return fail("lambda.invoke-permission", `${invokerRoleArn}: ${decisions.map((d) => `${d.action} on ${d.resource} -> ${d.decision}`).join("; ") || "no evaluation"}`, `allow lambda:InvokeFunction on ${arn ?? l.functionName} in ${invokerRoleArn}'s policy`);
      }
      return pass("lambda.invoke-permission", `${invokerRoleArn} may lambda:InvokeFunction on ${arn ?? l.functionName} (IAM policy simulation)`);
    })),
  );
  return checks;
}
