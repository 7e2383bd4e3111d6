import type { IAMClient } from "@aws-sdk/client-iam";
import { ConfigError } from "../errors/config-error.js";

let iamModule: Promise<typeof import("@aws-sdk/client-iam")> | undefined;
// an optional peer, loaded on first use like the clients of src/aws/load-sdk.ts
const loadIam = () =>
  (iamModule ??= import("@aws-sdk/client-iam").catch((cause: unknown) => {
    iamModule = undefined;
    throw new ConfigError({ field: "aws.iam", problem: "@aws-sdk/client-iam is not installed", fix: "npm install @aws-sdk/client-iam", cause });
  }));

/** One simulated decision. @internal */
export interface SimulatedDecision {
  action: string;
  resource: string;
  /** IAM's `EvalDecision`: `allowed`, `explicitDeny` or `implicitDeny`. */
  decision: string;
}

/**
 * Asks IAM whether a role may do `actions` on `resources` (`SimulatePrincipalPolicy`: the role's identity
 * policies, permissions boundary included; resource policies are not part of this call). Needs
 * `iam:SimulatePrincipalPolicy` on the role. Pages through `Marker`.
 * @internal
 */
export async function simulatePrincipalPolicy(iam: IAMClient, principalArn: string, actions: string[], resources: string[], signal?: AbortSignal): Promise<SimulatedDecision[]> {
  const { SimulatePrincipalPolicyCommand } = await loadIam();
  const roleArn = roleArnOf(principalArn);
  const out: SimulatedDecision[] = [];
  let marker: string | undefined;
  do {
    const page = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: roleArn, ActionNames: actions, ResourceArns: resources, ...(marker ? { Marker: marker } : {}) }), signal ? { abortSignal: signal } : {});
    for (const r of page.EvaluationResults ?? []) out.push({ action: r.EvalActionName ?? "?", resource: r.EvalResourceName ?? "*", decision: r.EvalDecision ?? "?" });
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return out;
}

/**
 * The role of an assumed-role session ARN (`arn:aws:sts::123456789012:assumed-role/kong-dp/i-0abc` ->
 * `arn:aws:iam::123456789012:role/kong-dp`): IAM refuses a session ARN with "Invalid Entity Arn: ... does
 * not clearly define entity type and name". The session ARN drops the role's path; a role under a path
 * must be given by its own ARN.
 * @internal
 */
export function roleArnOf(arn: string): string {
  const m = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(arn);
  return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : arn;
}
