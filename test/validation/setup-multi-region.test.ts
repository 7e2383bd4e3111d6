import { describe, expect, it } from "vitest";
import { setupMultiRegion, type SetupMultiRegionOptions } from "../../src/index.js";
import { route53 } from "../sandbox/aws-clients.js";
import { useSandbox } from "../use-sandbox.js";
import { expectConfigError, type BadCase } from "./bad-input.js";

const { sandbox, konnect, secretsManager } = useSandbox();
const valid = (): SetupMultiRegionOptions => ({
  primaryRegion: "us-east-1",
  secondaryRegions: ["eu-west-1"],
  secretNames: ["payments/redis"],
  domain: "api.example.com",
  endpoints: { "us-east-1": "gw-use1.example.net", "eu-west-1": "gw-euw1.example.net" },
  mode: "failover",
  healthCheck: { port: 8100, path: "/status/ready" },
  secretsManager: (region) => secretsManager(region),
  route53: route53(),
});
const eps = { "us-east-1": "a.example.net", "eu-west-1": "b.example.net", "ap-southeast-2": "c.example.net" };

const cases: Array<BadCase<Record<string, unknown> | undefined>> = [
  ["no options", undefined, "options"],
  ["primaryRegion xx-north-9", { primaryRegion: "xx-north-9" }, "primaryRegion"],
  ["primaryRegion is a number", { primaryRegion: 5 }, "primaryRegion"],
  ["secondaryRegions is a string", { secondaryRegions: "eu-west-1" }, "secondaryRegions"],
  ["secondaryRegions is empty", { secondaryRegions: [] }, "secondaryRegions"],
  ["the primary listed as a secondary", { secondaryRegions: ["us-east-1"] }, "secondaryRegions[0]"],
  ["a secondary that is not a region", { secondaryRegions: ["eu-west-9x"] }, "secondaryRegions[0]"],
  ["secrets replicated outside Kong's vault list", { secondaryRegions: ["eu-central-2"], endpoints: { "us-east-1": "a.example.net", "eu-central-2": "b.example.net" } }, "secondaryRegions[0]"],
  ["latency records in GovCloud", { mode: "latency", secretNames: [], secondaryRegions: ["us-gov-west-1"], endpoints: { "us-east-1": "a.example.net", "us-gov-west-1": "b.example.net" } }, "secondaryRegions[0]"],
  ["mode is unknown", { mode: "active-active" }, "mode"],
  ["failover with two secondaries", { secondaryRegions: ["eu-west-1", "ap-southeast-2"], endpoints: eps }, "secondaryRegions"],
  ["domain is a URL", { domain: "https://api.example.com" }, "domain"],
  ["domain is a number", { domain: 5 }, "domain"],
  ["endpoints is a string", { endpoints: "gw.example.net" }, "endpoints"],
  ["a region has no endpoint", { endpoints: { "us-east-1": "a.example.net" } }, "endpoints.eu-west-1"],
  ["an endpoint for a region not in the setup", { endpoints: { "us-east-1": "a.example.net", "eu-west-1": "b.example.net", "ap-south-1": "c.example.net" } }, "endpoints.ap-south-1"],
  ["endpoint kinds mixed", { endpoints: { "us-east-1": "a.example.net", "eu-west-1": { dnsName: "lb.example.net", aliasHostedZoneId: "Z32O12XQLNTSW2" } } }, "endpoints"],
  ["an endpoint is a number", { endpoints: { "us-east-1": "a.example.net", "eu-west-1": 5 } }, "endpoints.eu-west-1"],
  ["an alias with a bad zone id", { endpoints: { "us-east-1": { dnsName: "a.example.net", aliasHostedZoneId: "zone" }, "eu-west-1": { dnsName: "b.example.net", aliasHostedZoneId: "Z32O12XQLNTSW2" } } }, "endpoints.us-east-1.aliasHostedZoneId"],
  ["hostedZoneId is not an id", { hostedZoneId: "example.com" }, "hostedZoneId"],
  ["healthCheck is a string", { healthCheck: "/status/ready" }, "healthCheck"],
  ["healthCheck.port is a string", { healthCheck: { port: "8100", path: "/status/ready" } }, "healthCheck.port"],
  ["healthCheck.path lacks its slash", { healthCheck: { port: 8100, path: "status/ready" } }, "healthCheck.path"],
  ["healthCheck.intervalSeconds is 15", { healthCheck: { port: 8100, path: "/status/ready", intervalSeconds: 15 } }, "healthCheck.intervalSeconds"],
  ["healthCheck.failureThreshold is 0", { healthCheck: { port: 8100, path: "/status/ready", failureThreshold: 0 } }, "healthCheck.failureThreshold"],
  ["ttl is 1e308", { ttl: 1e308 }, "ttl"],
  ["ttl is negative", { ttl: -1 }, "ttl"],
  ["secretNames is a string", { secretNames: "payments/redis" }, "secretNames"],
  ["a secret name has a space", { secretNames: ["bad name"] }, "secretNames[0]"],
  ["a replica key in another region", { replicaKmsKeyIds: { "eu-west-1": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" } }, "replicaKmsKeyIds.eu-west-1"],
  ["a replica key for the primary", { replicaKmsKeyIds: { "us-east-1": "alias/payments" } }, "replicaKmsKeyIds.us-east-1"],
  ["replicaKmsKeyIds is a string", { replicaKmsKeyIds: "alias/payments" }, "replicaKmsKeyIds"],
  ["tags use the SDK's own key", { tags: { "konnect-aws:managed": "x" } }, "tags.konnect-aws:managed"],
  ["too many tags for Route 53", { tags: Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`t${i}`, "v"])) }, "tags"],
  ["wait is a string", { wait: "yes" }, "wait"],
  ["wait.timeoutMs is negative", { wait: { timeoutMs: -1 } }, "wait.timeoutMs"],
  ["vaultAssumeRoleArn is a name", { vaultAssumeRoleArn: "kong-dp" }, "vaultAssumeRoleArn"],
  ["cloudGateway.version is a number", { konnect, controlPlaneId: "9b2c6f0e-3c1a-4d2e-8f6a-0a1b2c3d4e5f", cloudGateway: { version: 3.1, networks: { "us-east-1": "n1", "eu-west-1": "n2" } } }, "cloudGateway.version"],
  ["cloudGateway without konnect", { cloudGateway: { version: "3.10", networks: { "us-east-1": "n1", "eu-west-1": "n2" } } }, "controlPlaneId"],
  ["concurrency is 0", { concurrency: 0 }, "concurrency"],
  ["route53 is not a client", { route53: {} }, "route53"],
];

describe("setupMultiRegion refuses bad input before any request", () => {
  it.each(cases)("%s -> ConfigError naming %s", async (_n, input, field) => {
    const options = input === undefined ? input : { ...valid(), ...input };
    await expectConfigError(() => setupMultiRegion(options as SetupMultiRegionOptions), field, sandbox);
  });

  it("says why a region outside Kong's vault list cannot hold replicas", async () => {
    const e = await expectConfigError(() => setupMultiRegion({ ...valid(), secondaryRegions: ["eu-central-2"], endpoints: { "us-east-1": "a.example.net", "eu-central-2": "b.example.net" } }), "secondaryRegions[0]", sandbox);
    expect(e.problem).toMatch(/Kong's AWS vault/);
  });
});

describe("setupMultiRegion and prototype keys", () => {
  it("plans a secret named __proto__ like any other, in prototype-less results", async () => {
    const { CreateHostedZoneCommand } = await import("@aws-sdk/client-route-53");
    const r53 = route53();
    await r53.send(new CreateHostedZoneCommand({ Name: "example.com", CallerReference: "zone-proto" }));
    const res = await setupMultiRegion({ ...valid(), route53: r53, secretNames: ["__proto__", "constructor"], dryRun: true });
    for (const region of ["us-east-1", "eu-west-1"]) {
      const setup = res.regions[region]!;
      expect(Object.getPrototypeOf(setup.references)).toBeNull();
      expect(Object.getPrototypeOf(setup.secretArns)).toBeNull();
      expect(Object.keys(setup.references).sort()).toEqual(["__proto__", "constructor"]);
      expect(setup.secretArns.__proto__).toBe(`arn:aws:secretsmanager:${region}:*:secret:__proto__-??????`);
    }
  });
});
