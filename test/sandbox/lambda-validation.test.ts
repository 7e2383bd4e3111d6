// The Lambda fake checks requests against the official model and answers a violation as Lambda does:
// ValidationException, 400, AWS's validation message.
import { GetFunctionConfigurationCommand, LambdaServiceException } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { useSandbox } from "../use-sandbox.js";
import { lambda } from "./aws-clients.js";

useSandbox();
const fn = lambda();
const PATTERN = "^(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?$";
const fail = (p: Promise<unknown>) => p.then(() => expect.unreachable("the fake accepted an invalid request"), (e: unknown) => e as LambdaServiceException);

describe("Lambda fake validates input against the AWS model", () => {
  it("refuses a function name outside NamespacedFunctionName's pattern", async () => {
    const error = await fail(fn.send(new GetFunctionConfigurationCommand({ FunctionName: "my function!" })));
    expect(error).toBeInstanceOf(LambdaServiceException);
    expect(error.name).toBe("ValidationException");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe(`1 validation error detected: Value 'my function!' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${PATTERN}`);
  });

  it("checks length and the Qualifier query parameter", async () => {
    const long = "f".repeat(171);
    expect((await fail(fn.send(new GetFunctionConfigurationCommand({ FunctionName: long })))).message).toBe(
      `1 validation error detected: Value '${long}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 170`,
    );
    expect((await fail(fn.send(new GetFunctionConfigurationCommand({ FunctionName: "orders", Qualifier: "v 1" })))).message).toBe(
      "1 validation error detected: Value 'v 1' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(|[a-zA-Z0-9$_-]+)$",
    );
  });
});
