import { describe, expect, it } from "vitest";
import {
  buildCrossAccountTrustPolicy,
  buildElastiCacheConnectPolicy,
  buildLambdaInvokePolicy,
  buildSecretsReadPolicy,
  secret,
  vaultReference,
} from "../../src/index.js";
import { useSandbox } from "../use-sandbox.js";
import { CANARY, expectConfigError, type BadCase } from "./bad-input.js";

const { sandbox } = useSandbox();
const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/redis-AbCdEf";
const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const FN_ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders";
const call = (fn: (o: never) => unknown, input: unknown) => () => fn(input as never);

const secretCases: Array<BadCase<unknown>> = [
  ["undefined (an unset variable)", undefined, "secret"],
  ["null", null, "secret"],
  ["an empty string", "", "secret"],
  ["a number", 42, "secret"],
  ["an array", [CANARY], "secret"],
  ["a Map", new Map([["a", CANARY]]), "secret"],
  ["an object with a number", { a: 1 }, "secret.a"],
];

const referenceCases: Array<BadCase<unknown>> = [
  ["no parts", undefined, "options"],
  ["prefix is a number", { prefix: 5, name: "x" }, "prefix"],
  ["prefix in upper case", { prefix: "AWS", name: "x" }, "prefix"],
  ["name is empty", { prefix: "aws-sm", name: "" }, "name"],
  ["name holds NUL", { prefix: "aws-sm", name: "a\u0000b" }, "name"],
  ["name is a number", { prefix: "aws-sm", name: 1 }, "name"],
  ["name is 3000 characters", { prefix: "aws-sm", name: "n".repeat(3000) }, "name"],
  ["key is empty", { prefix: "aws-sm", name: "x", key: "" }, "key"],
  ["key ends with a newline", { prefix: "aws-sm", name: "x", key: "k\n" }, "key"],
  ["version is 0", { prefix: "aws-sm", name: "x", version: 0 }, "version"],
  ["version is a string", { prefix: "aws-sm", name: "x", version: "1" }, "version"],
  ["version is fractional", { prefix: "aws-sm", name: "x", version: 1.5 }, "version"],
];

const readPolicy = { region: "us-east-1", secretArns: [SECRET_ARN] };
const readPolicyCases: Array<BadCase<unknown>> = [
  ["no options", undefined, "options"],
  ["region missing", { secretArns: [SECRET_ARN] }, "region"],
  ["region xx-north-9", { ...readPolicy, region: "xx-north-9" }, "region"],
  ["no secrets (Resource: [])", { ...readPolicy, secretArns: [] }, "secretArns"],
  ["secretArns is a string", { ...readPolicy, secretArns: SECRET_ARN }, "secretArns"],
  ["a name where an ARN is required", { ...readPolicy, secretArns: ["prod/redis"] }, "secretArns[0]"],
  ["an ARN of another region", { ...readPolicy, secretArns: [SECRET_ARN.replace("us-east-1", "eu-west-1")] }, "secretArns[0]"],
  ["an ARN of another service", { ...readPolicy, secretArns: [KEY_ARN] }, "secretArns[0]"],
  ["an ARN that is a number", { ...readPolicy, secretArns: [123] }, "secretArns[0]"],
  ["a KMS alias name where an ARN is required", { ...readPolicy, kmsKeyArns: ["alias/payments"] }, "kmsKeyArns[0]"],
  ["kmsKeyArns is a string", { ...readPolicy, kmsKeyArns: KEY_ARN }, "kmsKeyArns"],
  ["a KMS key of another region", { ...readPolicy, kmsKeyArns: [KEY_ARN.replace("us-east-1", "eu-west-1")] }, "kmsKeyArns[0]"],
];

const trustCases: Array<BadCase<unknown>> = [
  ["no options", null, "options"],
  ["a role name, not an ARN", { trustedPrincipal: "kong-dp" }, "trustedPrincipal"],
  ["an account id as a number", { trustedPrincipal: 123456789012 }, "trustedPrincipal"],
  ["an empty external id (would drop the guard)", { trustedPrincipal: "123456789012", externalId: "" }, "externalId"],
  ["an external id with spaces", { trustedPrincipal: "123456789012", externalId: "a b c" }, "externalId"],
];

const cachePolicy = { region: "us-east-1", replicationGroupId: "rl", userId: "kong" };
const cachePolicyCases: Array<BadCase<unknown>> = [
  ["no options", undefined, "options"],
  ["no cache (replicationgroup:*)", { region: "us-east-1", userId: "kong" }, "replicationGroupId"],
  ["both kinds of cache", { ...cachePolicy, serverlessCacheName: "rl2" }, "serverlessCacheName"],
  ["a group ARN where the id goes", { ...cachePolicy, replicationGroupId: "arn:aws:elasticache:us-east-1:123456789012:replicationgroup:rl" }, "replicationGroupId"],
  ["no user", { region: "us-east-1", replicationGroupId: "rl" }, "userId"],
  ["region us-east", { ...cachePolicy, region: "us-east" }, "region"],
  ["account id as a number", { ...cachePolicy, accountId: 123456789012 }, "accountId"],
  ["account id too short", { ...cachePolicy, accountId: "12345" }, "accountId"],
];

const invokeCases: Array<BadCase<unknown>> = [
  ["no options", undefined, "options"],
  ["a function name where the ARN is required", { functionArn: "orders" }, "functionArn"],
  ["a qualified ARN", { functionArn: `${FN_ARN}:live` }, "functionArn"],
  ["an empty ARN", { functionArn: "" }, "functionArn"],
  ["a qualifier with a space", { functionArn: FN_ARN, qualifier: "a b" }, "qualifier"],
];

describe("secret() refuses what is not a secret", () => {
  it.each(secretCases)("%s -> ConfigError naming %s", async (_n, input, field) => {
    await expectConfigError(call(secret as never, input), field, sandbox);
  });
  it("says that undefined is probably an unset environment variable", async () => {
    const e = await expectConfigError(() => secret(process.env.KONNECT_AWS_SURELY_UNSET as string), "secret", sandbox);
    expect(e.problem).toMatch(/environment variable that is not set/);
  });
});

describe("vaultReference refuses bad parts", () => {
  it.each(referenceCases)("%s -> ConfigError naming %s", async (_n, input, field) => {
    await expectConfigError(call(vaultReference as never, input), field, sandbox);
  });
});

describe("the IAM policy builders validate their inputs", () => {
  it.each(readPolicyCases)("buildSecretsReadPolicy: %s -> %s", async (_n, input, field) => {
    await expectConfigError(call(buildSecretsReadPolicy as never, input), field, sandbox);
  });
  it.each(trustCases)("buildCrossAccountTrustPolicy: %s -> %s", async (_n, input, field) => {
    await expectConfigError(call(buildCrossAccountTrustPolicy as never, input), field, sandbox);
  });
  it.each(cachePolicyCases)("buildElastiCacheConnectPolicy: %s -> %s", async (_n, input, field) => {
    await expectConfigError(call(buildElastiCacheConnectPolicy as never, input), field, sandbox);
  });
  it.each(invokeCases)("buildLambdaInvokePolicy: %s -> %s", async (_n, input, field) => {
    await expectConfigError(call(buildLambdaInvokePolicy as never, input), field, sandbox);
  });

  it("still builds what is valid, with the region's partition", () => {
    expect(buildSecretsReadPolicy({ ...readPolicy, secretArns: [SECRET_ARN, SECRET_ARN] }).Statement[0]!.Resource).toEqual([SECRET_ARN]);
    expect(buildElastiCacheConnectPolicy({ region: "cn-north-1", serverlessCacheName: "rl", userId: "kong" }).Statement[0]!.Resource).toEqual([
      "arn:aws-cn:elasticache:cn-north-1:*:serverlesscache:rl",
      "arn:aws-cn:elasticache:cn-north-1:*:user:kong",
    ]);
    expect(buildLambdaInvokePolicy({ functionArn: FN_ARN, qualifier: "live" }).Statement[0]!.Resource).toEqual([FN_ARN, `${FN_ARN}:live`]);
    expect(buildCrossAccountTrustPolicy({ trustedPrincipal: "123456789012" }).Statement[0]!.Principal).toEqual({ AWS: "arn:aws:iam::123456789012:root" });
  });
});
