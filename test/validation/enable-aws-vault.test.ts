import { describe, expect, it } from "vitest";
import { enableAwsVault, secret, type EnableAwsVaultOptions } from "../../src/index.js";
import { useSandbox } from "../use-sandbox.js";
import { CANARY, CP_ID, expectConfigError, type BadCase } from "./bad-input.js";

const { sandbox, konnect, secretsManager } = useSandbox();
const valid = (): EnableAwsVaultOptions => ({ konnect, controlPlaneId: CP_ID, region: "us-east-1", secrets: { "prod/redis": secret(CANARY) }, secretsManager: secretsManager("us-east-1") });
const KEY_EU = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const cases: Array<BadCase<Record<string, unknown> | undefined>> = [
  ["no options", undefined, "options"],
  ["controlPlaneId is a name", { controlPlaneId: "payments-prod" }, "controlPlaneId"],
  ["controlPlaneId is a number", { controlPlaneId: 7 }, "controlPlaneId"],
  ["region xx-north-9", { region: "xx-north-9" }, "region"],
  ["region outside Kong's vault list", { region: "eu-central-2" }, "region"],
  ["region is a Konnect region", { region: "eu" }, "region"],
  ["region is an availability zone", { region: "us-east-1a" }, "region"],
  ["region in upper case", { region: "US-EAST-1" }, "region"],
  ["region missing", { region: undefined }, "region"],
  ["prefix is a number", { prefix: 7 }, "prefix"],
  ["prefix is a backend name", { prefix: "aws" }, "prefix"],
  ["secrets is a string", { secrets: CANARY }, "secrets"],
  ["secrets is an array", { secrets: [CANARY, CANARY] }, "secrets"],
  ["secrets is a Map", { secrets: new Map([["prod/redis", CANARY]]) }, "secrets"],
  ["secrets is a Secret", { secrets: secret(CANARY) }, "secrets"],
  ["a secret is undefined (unset variable)", { secrets: { "prod/redis": undefined } }, 'secrets["prod/redis"]'],
  ["a secret is empty", { secrets: { "prod/redis": "" } }, 'secrets["prod/redis"]'],
  ["a secret is a number", { secrets: { "prod/redis": 42 } }, 'secrets["prod/redis"]'],
  ["a secret name has a space and !", { secrets: { "bad name!": CANARY } }, 'secrets["bad name!"]'],
  ["a secret name holds NUL", { secrets: { "a\u0000b": CANARY } }, 'secrets["a\\u0000b"]'],
  ["a secret name is an ARN", { secrets: { "arn:aws:secretsmanager:us-east-1:123456789012:secret:x-AbCdEf": CANARY } }, 'secrets["arn:aws:secretsmanager:us-east-1:123456789012:secret:x-Ab..."]'],
  ["a JSON secret holds a number", { secrets: { db: { password: 5, user: CANARY } } }, 'secrets["db"].password'],
  ["a JSON secret is empty", { secrets: { db: {} } }, 'secrets["db"]'],
  ["a JSON secret is an array", { secrets: { db: [CANARY] } }, 'secrets["db"]'],
  ["a secret is 70000 characters", { secrets: { big: `${CANARY}${"x".repeat(70_000)}` } }, 'secrets["big"]'],
  ["ttl is a string", { ttl: "300" }, "ttl"],
  ["ttl is 1e308", { ttl: 1e308 }, "ttl"],
  ["negTtl is negative", { negTtl: -5 }, "negTtl"],
  ["resurrectTtl is NaN", { resurrectTtl: Number.NaN }, "resurrectTtl"],
  ["kmsKeyId is a bare name", { kmsKeyId: "my-key" }, "kmsKeyId"],
  ["kmsKeyId is in another region", { kmsKeyId: KEY_EU }, "kmsKeyId"],
  ["tags is a string", { tags: "prod" }, "tags"],
  ["a tag key starts with aws:", { tags: { "aws:x": "y" } }, "tags.aws:x"],
  ["a tag value holds NUL", { tags: { Owner: "a\u0000" } }, "tags.Owner"],
  ["a tag value is a number", { tags: { CostCenter: 1234 } }, "tags.CostCenter"],
  ["trustPolicy is a string", { trustPolicy: "123456789012" }, "trustPolicy"],
  ["trustPolicy principal is a name", { trustPolicy: { trustedPrincipal: "me", externalId: "abc" } }, "trustPolicy.trustedPrincipal"],
  ["trustPolicy without external id", { trustPolicy: { trustedPrincipal: "123456789012" } }, "trustPolicy.externalId"],
  ["assumeRoleArn is a role name", { assumeRoleArn: "kong-dp" }, "assumeRoleArn"],
  ["roleSessionName is a number", { roleSessionName: 12345 }, "roleSessionName"],
  ["endpointUrl is ftp", { endpointUrl: "ftp://secretsmanager" }, "endpointUrl"],
  ["stsEndpointUrl is a host name", { stsEndpointUrl: "sts.amazonaws.com" }, "stsEndpointUrl"],
  ["referenceForm is unknown", { referenceForm: "entity" }, "referenceForm"],
  ["secretsManager is not a client", { secretsManager: {} }, "secretsManager"],
  ["description is a number", { description: 5 }, "description"],
  ["dryRun is a string", { dryRun: "false" }, "dryRun"],
];

describe("enableAwsVault refuses bad input before any request, never echoing a secret", () => {
  it.each(cases)("%s -> ConfigError naming %s", async (_n, input, field) => {
    const options = input === undefined ? input : { ...valid(), ...input };
    await expectConfigError(() => enableAwsVault(options as EnableAwsVaultOptions), field, sandbox);
  });

  it("says why a string in secrets is wrong", async () => {
    const e = await expectConfigError(() => enableAwsVault({ ...valid(), secrets: "abc" as never }), "secrets", sandbox);
    expect(e.problem).toMatch(/would become keys "0", "1"/);
  });
});

describe("enableAwsVault and prototype keys", () => {
  it("manages secrets named __proto__, constructor and toString as ordinary names", async () => {
    const secrets = JSON.parse(`{"__proto__":"${CANARY}1","constructor":"${CANARY}2","toString":{"password":"${CANARY}3"}}`) as Record<string, string>;
    const res = await enableAwsVault({ ...valid(), dryRun: true, controlPlaneId: undefined, secrets });
    for (const out of [res.references, res.secrets]) {
      expect(Object.getPrototypeOf(out)).toBeNull();
      expect(Object.keys(out).sort()).toEqual(["__proto__", "constructor", "toString"]);
    }
    expect(res.references.__proto__).toBe("{vault://aws-sm-us-east-1/__proto__}");
    expect(res.references.toString).toEqual({ password: "{vault://aws-sm-us-east-1/toString/password}" });
    expect(res.changes.filter((c) => c.kind === "aws.secret").map((c) => c.key).sort()).toEqual(["__proto__", "constructor", "toString"]);
    expect(JSON.stringify(res)).not.toContain(CANARY);
  });
});
