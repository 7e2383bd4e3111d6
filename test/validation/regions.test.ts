import { describe, expect, it } from "vitest";
import {
  attachElastiCacheRateLimit,
  attachLambda,
  buildElastiCacheConnectPolicy,
  buildSecretsReadPolicy,
  configureCognitoJwt,
  enableAwsVault,
  setupMultiRegion,
} from "../../src/index.js";
import { AWS_REGIONS, awsPartition, checkAwsRegion, isAwsRegion, KONG_AWS_VAULT_REGIONS, ROUTE53_LATENCY_REGIONS } from "../../src/aws/regions.js";
import { useSandbox } from "../use-sandbox.js";
import { CP_ID, expectConfigError } from "./bad-input.js";

const { sandbox, konnect } = useSandbox();
const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/redis-AbCdEf";

/** Every option that names an AWS region, each given `region` (the rest valid). */
const regionFields: Array<[string, string, (region: string) => unknown]> = [
  ["enableAwsVault", "region", (region) => enableAwsVault({ konnect, controlPlaneId: CP_ID, region })],
  ["attachElastiCacheRateLimit", "awsRegion", (awsRegion) => attachElastiCacheRateLimit({ konnect, controlPlaneId: CP_ID, awsRegion, redis: { host: "cache.example.internal" }, limits: [{ limit: 1, window: 60 }] })],
  ["attachElastiCacheRateLimit", "redis.region", (region) => attachElastiCacheRateLimit({ konnect, controlPlaneId: CP_ID, redis: { replicationGroupId: "rl", region }, limits: [{ limit: 1, window: 60 }] })],
  ["attachLambda", "region", (region) => attachLambda({ konnect, controlPlaneId: CP_ID, functionName: "orders", region, routeId: "r" })],
  ["configureCognitoJwt", "region", (region) => configureCognitoJwt({ konnect, controlPlaneId: CP_ID, userPoolId: "us-east-1_AbC123", region })],
  ["setupMultiRegion", "primaryRegion", (primaryRegion) => setupMultiRegion({ primaryRegion, secondaryRegions: ["eu-west-1"], domain: "api.example.com", endpoints: {}, mode: "failover" })],
  ["buildSecretsReadPolicy", "region", (region) => buildSecretsReadPolicy({ region, secretArns: [ARN] })],
  ["buildElastiCacheConnectPolicy", "region", (region) => buildElastiCacheConnectPolicy({ region, replicationGroupId: "rl", userId: "kong" })],
];
const notRegions = ["xx-north-9", "us-east", "US-EAST-1", "eu", "us-east-1a", " us-east-1", "useast1"];
const cases = regionFields.flatMap(([fn, field, run]) => notRegions.map((bad) => [fn, field, bad, run] as const));

describe("one rule for AWS regions, in every operation", () => {
  it.each(cases)("%s refuses %s = %j", async (_fn, field, bad, run) => {
    await expectConfigError(() => run(bad), field, sandbox);
  });

  it("gives a hint for the usual mistakes", () => {
    const problem = (v: string) => {
      try {
        checkAwsRegion(v, "region");
      } catch (e) {
        return (e as Error).message;
      }
      return "";
    };
    expect(problem("eu")).toMatch(/is a Konnect region; AWS regions look like eu-/);
    expect(problem("us-east-1a")).toMatch(/availability zone; its region is us-east-1/);
    expect(problem("US-EAST-1")).toMatch(/did you mean us-east-1/);
    expect(problem("us-east")).toMatch(/did you mean us-east-1/);
  });

  it("accepts every known region for plain AWS use, and new regions of known geographies", () => {
    for (const r of [...AWS_REGIONS, "ap-southeast-9", "eu-isoe-west-1"]) expect(isAwsRegion(r), r).toBe(true);
    expect(() => buildElastiCacheConnectPolicy({ region: "eu-central-2", replicationGroupId: "rl", userId: "kong" })).not.toThrow();
  });

  it("narrows to Kong's vault list or Route 53's latency list only where those decide", async () => {
    expect(KONG_AWS_VAULT_REGIONS.every((r) => isAwsRegion(r))).toBe(true);
    expect(ROUTE53_LATENCY_REGIONS.every((r) => AWS_REGIONS.includes(r))).toBe(true);
    expect(() => checkAwsRegion("eu-central-2", "region")).not.toThrow();
    expect(() => checkAwsRegion("eu-central-2", "region", "kong-vault")).toThrow(/not one Kong's AWS vault accepts/);
    expect(() => checkAwsRegion("us-gov-west-1", "region", "route53-latency")).toThrow(/latency records cannot name it/);
    const e = await expectConfigError(() => enableAwsVault({ konnect, controlPlaneId: CP_ID, region: "eu-central-2" }), "region", sandbox);
    expect(e.fix).toContain("us-east-1");
  });

  it("knows each region's ARN partition", () => {
    expect([awsPartition("us-east-1"), awsPartition("cn-north-1"), awsPartition("us-gov-west-1"), awsPartition("us-iso-east-1"), awsPartition("us-isob-east-1")]).toEqual(["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b"]);
  });
});
