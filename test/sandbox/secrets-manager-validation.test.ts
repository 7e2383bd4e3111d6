// The Secrets Manager fake checks every request against the official model (generated/aws-constraints)
// and answers a violation as Secrets Manager does: ValidationException, 400, AWS's validation message.
import { CreateSecretCommand, GetSecretValueCommand, ListSecretsCommand, PutSecretValueCommand, SecretsManagerServiceException } from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "vitest";
import { useSandbox } from "../use-sandbox.js";
import { secretsManager } from "./aws-clients.js";

const { sandbox } = useSandbox();
const sm = secretsManager();
const fail = (p: Promise<unknown>) => p.then(() => expect.unreachable("the fake accepted an invalid request"), (e: unknown) => e as SecretsManagerServiceException);

describe("Secrets Manager fake validates input against the AWS model", () => {
  it("refuses a 513-character Name (NameType: length 1..512) and creates nothing", async () => {
    const name = "n".repeat(513);
    const error = await fail(sm.send(new CreateSecretCommand({ Name: name, SecretString: "x" })));
    expect(error).toBeInstanceOf(SecretsManagerServiceException);
    expect(error.name).toBe("ValidationException");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe(`1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 512`);
    expect(sandbox.state.secretsManager.regions["us-east-1"]?.size ?? 0).toBe(0);
  });

  it("refuses ListSecrets MaxResults 0 (MaxResultsType: range 1..100)", async () => {
    const error = await fail(sm.send(new ListSecretsCommand({ MaxResults: 0 })));
    expect(error.name).toBe("ValidationException");
    expect(error.message).toBe("1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1");
  });

  it("leaves sensitive values out of the message, says null for a missing member, counts several", async () => {
    await sm.send(new CreateSecretCommand({ Name: "app", SecretString: "a" }));
    const big = await fail(sm.send(new PutSecretValueCommand({ SecretId: "app", SecretString: "s".repeat(65_537) })));
    expect(big.message).toBe("1 validation error detected: Value at 'secretString' failed to satisfy constraint: Member must have length less than or equal to 65536");
    const missing = await fail(sm.send(new GetSecretValueCommand({} as never)));
    expect(missing.message).toBe("1 validation error detected: Value null at 'secretId' failed to satisfy constraint: Member must not be null");
    const two = await fail(sm.send(new ListSecretsCommand({ MaxResults: 101, Filters: [{ Key: "name", Values: ["bad#value"] }] })));
    expect(two.message).toBe(
      "2 validation errors detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100; " +
        "Value 'bad#value' at 'filters.1.member.values.1.member' failed to satisfy constraint: Member must satisfy regular expression pattern: ^\\!?[a-zA-Z0-9 :_@\\/\\+\\=\\.\\-\\!]*$",
    );
  });

  it("answers SerializationException for a value of the wrong JSON type (raw request: the SDK would not send it)", async () => {
    const res = await fetch("https://secretsmanager.us-east-1.amazonaws.com/", {
      method: "POST",
      headers: { "x-amz-target": "secretsmanager.ListSecrets", "content-type": "application/x-amz-json-1.1", authorization: "AWS4-HMAC-SHA256 Credential=AKIASANDBOX000000000/20260101/us-east-1/secretsmanager/aws4_request" },
      body: JSON.stringify({ MaxResults: "10", SomeFutureMember: true }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("x-amzn-errortype")).toBe("SerializationException");
  });
});
