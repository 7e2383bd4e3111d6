// The IAM fake over the real SDK (awsQuery): SimulatePrincipalPolicy evaluates the seeded role's identity
// policies (explicit deny > allow > implicit deny), validates input against the IAM model, and answers
// IAM's errors for unknown roles and session ARNs.
import { IAMClient, SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { useSandbox } from "../use-sandbox.js";

const { sandbox } = useSandbox();
const iam = new IAMClient({ region: "us-east-1", credentials: { accessKeyId: "AKIASANDBOX000000000", secretAccessKey: "sandbox-secret-key" }, maxAttempts: 1 });
const SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/redis-AbCdEf";

function seed() {
  return sandbox.seedIamRole({
    name: "kong-dp",
    policies: [
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/*" }] },
      { Version: "2012-10-17", Statement: { Effect: "Deny", Action: "secretsmanager:*", Resource: "arn:aws:secretsmanager:*:*:secret:prod/admin-*" } },
    ],
  });
}

describe("IAM fake: SimulatePrincipalPolicy", () => {
  it("allows, denies explicitly and implicitly, per action and resource", async () => {
    const roleArn = seed();
    expect(roleArn).toBe("arn:aws:iam::123456789012:role/kong-dp");
    const out = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: roleArn, ActionNames: ["secretsmanager:GetSecretValue", "SecretsManager:PutSecretValue"], ResourceArns: [SECRET, "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/admin-XyZ123"] }));
    expect(out.IsTruncated).toBe(false);
    expect(out.EvaluationResults!.map((r) => [r.EvalActionName, r.EvalResourceName!.split(":").pop(), r.EvalDecision])).toEqual([
      ["secretsmanager:GetSecretValue", "prod/redis-AbCdEf", "allowed"],
      ["secretsmanager:GetSecretValue", "prod/admin-XyZ123", "explicitDeny"],
      ["SecretsManager:PutSecretValue", "prod/redis-AbCdEf", "implicitDeny"],
      ["SecretsManager:PutSecretValue", "prod/admin-XyZ123", "explicitDeny"],
    ]);
    expect(sandbox.writes("iam")).toEqual([]);
  });

  it("answers NoSuchEntity for an unknown role and InvalidInput for a session ARN", async () => {
    seed();
    await expect(iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: "arn:aws:iam::123456789012:role/nope", ActionNames: ["s3:GetObject"] }))).rejects.toMatchObject({ name: "NoSuchEntityException", message: "The role with name nope cannot be found.", $metadata: { httpStatusCode: 404 } });
    await expect(iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: "arn:aws:sts::123456789012:assumed-role/kong-dp/i-0abc", ActionNames: ["s3:GetObject"] }))).rejects.toMatchObject({ name: "InvalidInputException", message: expect.stringMatching(/^Invalid Entity Arn: .* does not clearly define entity type and name\.$/) });
  });

  it("rejects input the IAM model forbids, in IAM's words", async () => {
    await expect(iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: "arn:aws:iam::1:role", ActionNames: ["s3:GetObject"] }))).rejects.toMatchObject({ name: "ValidationError", message: expect.stringMatching(/^1 validation error detected: Value '.*' at 'policySourceArn' failed to satisfy constraint: Member must have length greater than or equal to 20$/) });
  });
});
