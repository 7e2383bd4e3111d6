import { CreateHealthCheckCommand, CreateHostedZoneCommand } from "@aws-sdk/client-route-53";
import { CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "vitest";
import { disableAwsVault, enableAwsVault, ensureControlPlane, secret, setupMultiRegion, teardownMultiRegion, type TeardownMultiRegionOptions } from "../../src/index.js";
import { route53 } from "../sandbox/aws-clients.js";
import { useSandbox, writeOps } from "../use-sandbox.js";

const { sandbox, konnect, secretsManager } = useSandbox();
const r53 = route53();

async function setup(extra: Partial<TeardownMultiRegionOptions> = {}): Promise<TeardownMultiRegionOptions> {
  await r53.send(new CreateHostedZoneCommand({ Name: "example.com", CallerReference: "zone-1" }));
  await secretsManager("us-east-1").send(new CreateSecretCommand({ Name: "payments/redis", SecretString: "x", Tags: [{ Key: "konnect-aws:managed", Value: "true" }] }));
  sandbox.clearRequests();
  return {
    primaryRegion: "us-east-1",
    secondaryRegions: ["eu-west-1"],
    secretNames: ["payments/redis"],
    domain: "api.example.com",
    endpoints: { "us-east-1": "gw-use1.example.net", "eu-west-1": "gw-euw1.example.net" },
    mode: "failover",
    tags: { Environment: "prod" },
    healthCheck: { port: 8100, path: "/status/ready" },
    secretsManager: (region) => secretsManager(region),
    route53: r53,
    wait: { intervalMs: 5 },
    ...extra,
  };
}

const zone = () => [...sandbox.state.route53.hostedZones.values()][0]!;
/** Everything a multi-region run can touch: records, health checks and their tags, secrets of every region. */
const state = () =>
  JSON.stringify({
    records: zone().records,
    healthChecks: [...sandbox.state.route53.healthChecks.values()],
    tags: [...sandbox.state.route53.tags.entries()],
    secrets: Object.entries(sandbox.state.secretsManager.regions)
      .filter(([, m]) => m.size)
      .map(([region, m]) => [region, [...m.values()]]),
  });
const regionOf = (url: string) => /secretsmanager\.([a-z0-9-]+)\./.exec(url)?.[1];
const summary = (changes: Array<{ action: string; kind: string; key: string }>) => changes.map((c) => [c.action, c.kind, c.key]);
const ourDeletes = [
  ["delete", "aws.route53-records", "api.example.com."],
  ["delete", "aws.route53-health-check", "api.example.com.@eu-west-1"],
  ["delete", "aws.route53-health-check", "api.example.com.@us-east-1"],
  ["delete", "aws.secret-replicas", "payments/redis"],
];

describe("teardownMultiRegion", () => {
  it("removes exactly what setupMultiRegion created: apply then teardown gives back the starting state; twice writes nothing", async () => {
    const options = await setup({ forceDeleteWithoutRecovery: true });
    const before = state();
    await setupMultiRegion(options);
    sandbox.clearRequests();
    const res = await teardownMultiRegion(options);
    expect(summary(res.changes)).toEqual(ourDeletes);
    expect(res.kept).toEqual([]);
    expect(state()).toBe(before);
    // the records go first (one batch with their exact values, then INSYNC), the checks after them, then the replicas
    const writes = writeOps(sandbox);
    expect(writes.filter((w) => w === "ChangeResourceRecordSets")).toHaveLength(1);
    expect(writes.indexOf("ChangeResourceRecordSets")).toBeLessThan(writes.indexOf("DeleteHealthCheck"));
    expect(writes.filter((w) => w !== "ChangeResourceRecordSets" && w !== "DeleteHealthCheck")).toEqual(["RemoveRegionsFromReplication", "DeleteSecret"]);
    expect(sandbox.requests.some((r) => r.operation === "GetChange")).toBe(true);
    // in the primary region only the replication changed: the primary secret itself was never written
    expect(sandbox.writes("secretsmanager").map((r) => `${r.operation} ${regionOf(r.url)}`)).toEqual(["RemoveRegionsFromReplication us-east-1", "DeleteSecret eu-west-1"]);

    sandbox.clearRequests();
    const again = await teardownMultiRegion(options);
    expect(again.changes).toEqual([]);
    expect(again.kept).toEqual([]);
    expect(sandbox.writes()).toEqual([]);
  });

  it("deletes the detached replica with a 30-day recovery window by default, and leaves the primary alone", async () => {
    const options = await setup();
    await setupMultiRegion(options);
    sandbox.clearRequests();
    await teardownMultiRegion(options);
    const primary = sandbox.state.secretsManager.regions["us-east-1"]!.get("payments/redis")!;
    const replica = sandbox.state.secretsManager.regions["eu-west-1"]!.get("payments/redis")!;
    expect(primary.deletedAt).toBeUndefined();
    expect(primary.replicas).toEqual([]);
    expect(replica.primaryRegion).toBeUndefined();
    expect(replica.deletedAt).toBeDefined();
    expect(regionOf(sandbox.requests.find((r) => r.operation === "DeleteSecret")!.url)).toBe("eu-west-1");
    // a second teardown leaves the replica that is already scheduled for deletion alone
    sandbox.clearRequests();
    expect((await teardownMultiRegion(options)).changes).toEqual([]);
    expect(sandbox.writes()).toEqual([]);
  });

  it("a dry run writes nothing and lists the deletes a real run makes", async () => {
    const options = await setup({ forceDeleteWithoutRecovery: true });
    await setupMultiRegion(options);
    sandbox.clearRequests();
    const plan = await teardownMultiRegion({ ...options, dryRun: true });
    expect(sandbox.writes()).toEqual([]);
    expect(summary(plan.changes)).toEqual(ourDeletes);
    expect(plan.changes.find((c) => c.kind === "aws.secret-replicas")!.diff).toEqual([
      { path: "replicas.eu-west-1", before: "replicated" },
      { path: "secrets.eu-west-1", before: "[REDACTED]" },
      { path: "recoveryWindowInDays", after: 0 },
    ]);
    const real = await teardownMultiRegion(options);
    expect(summary(real.changes)).toEqual(summary(plan.changes));
  });

  it("keeps and lists hand-made records and health checks of the same kinds, and a check a kept record still uses", async () => {
    const options = await setup({ forceDeleteWithoutRecovery: true });
    const applied = await setupMultiRegion(options);
    const primaryCheck = applied.regions["us-east-1"]!.healthCheckId!;
    // someone else's weighted record at the name, using our primary check
    zone().records.push({ Name: "api.example.com.", Type: "CNAME", SetIdentifier: "blue", Weight: 10, TTL: 60, ResourceRecords: [{ Value: "blue.example.net." }], HealthCheckId: primaryCheck });
    // a check of the earlier konnect-aws style made by hand (untagged), and an untagged look-alike of ours
    sandbox.state.route53.healthChecks.set("hand-made", { id: "hand-made", callerReference: "konnect-aws/api.example.com./us-east-1/0123456789ab", config: { Type: "HTTP", FullyQualifiedDomainName: "old.example.net", Port: 80, ResourcePath: "/", RequestInterval: 30, FailureThreshold: 3 }, version: 1, healthy: true });
    const lookalike = await r53.send(new CreateHealthCheckCommand({ CallerReference: "manual-1", HealthCheckConfig: { Type: "HTTP", FullyQualifiedDomainName: "gw-euw1.example.net", Port: 8100, ResourcePath: "/status/ready", RequestInterval: 30, FailureThreshold: 3 } }));
    const before = { record: JSON.stringify(zone().records.find((r) => r.SetIdentifier === "blue")), checks: ["hand-made", lookalike.HealthCheck!.Id!, primaryCheck] };
    sandbox.clearRequests();

    const res = await teardownMultiRegion(options);
    expect(summary(res.changes)).toEqual(ourDeletes.filter(([, , key]) => key !== "api.example.com.@us-east-1"));
    expect(res.kept.map((k) => [k.kind, k.key]).sort()).toEqual(
      [
        ["aws.route53-records", "api.example.com. CNAME blue"],
        ["aws.route53-health-check", "konnect-aws/api.example.com./us-east-1/0123456789ab"],
        ["aws.route53-health-check", "manual-1"],
        ["aws.route53-health-check", "api.example.com.@us-east-1"],
      ].sort(),
    );
    const reason = (key: string) => res.kept.find((k) => k.key === key)!.reason;
    expect(reason("api.example.com. CNAME blue")).toContain("konnect-aws did not create it");
    expect(reason("manual-1")).toContain("konnect-aws did not create it");
    expect(reason("api.example.com.@us-east-1")).toBe("still used by record api.example.com. CNAME blue, which konnect-aws keeps");
    expect(JSON.stringify(zone().records.find((r) => r.SetIdentifier === "blue"))).toBe(before.record);
    expect(zone().records.filter((r) => r.Name === "api.example.com.")).toHaveLength(1);
    for (const id of before.checks) expect(sandbox.state.route53.healthChecks.has(id)).toBe(true);

    // twice: the same kept list, no write
    sandbox.clearRequests();
    const again = await teardownMultiRegion(options);
    expect(again.changes).toEqual([]);
    expect(again.kept).toHaveLength(4);
    expect(sandbox.writes()).toEqual([]);
  });

  it("with keepSecrets leaves the replication alone", async () => {
    const options = await setup();
    await setupMultiRegion(options);
    const res = await teardownMultiRegion({ ...options, keepSecrets: true });
    expect(res.changes.map((c) => c.kind)).not.toContain("aws.secret-replicas");
    expect(sandbox.state.secretsManager.regions["us-east-1"]!.get("payments/redis")!.replicas).toEqual([{ Region: "eu-west-1" }]);
  });

  it("given one Secrets Manager client for every region, never takes the primary for a detached replica", async () => {
    const options = await setup({ forceDeleteWithoutRecovery: true });
    await setupMultiRegion(options);
    // the client of the primary region answers a describe meant for eu-west-1 with the primary itself
    await teardownMultiRegion({ ...options, secretsManager: secretsManager("us-east-1") });
    expect(sandbox.state.secretsManager.regions["us-east-1"]!.get("payments/redis")).toMatchObject({ replicas: [] });
    expect(sandbox.state.secretsManager.regions["us-east-1"]!.get("payments/redis")!.deletedAt).toBeUndefined();
    // the replica was detached; deleting it needs a client of its region
    expect(sandbox.state.secretsManager.regions["eu-west-1"]!.get("payments/redis")!.primaryRegion).toBeUndefined();
    const res = await teardownMultiRegion(options);
    expect(summary(res.changes)).toEqual([["delete", "aws.secret-replicas", "payments/redis"]]);
    expect(sandbox.state.secretsManager.regions["eu-west-1"]!.has("payments/redis")).toBe(false);
  });

  it("after it, disableAwsVault can delete the primary secret: no replica is left", async () => {
    const { controlPlane } = await ensureControlPlane({ konnect, name: "multi" });
    const vault = { konnect, controlPlaneId: controlPlane.id!, region: "us-east-1", secrets: { "payments/db": secret("p-1") }, secretsManager: secretsManager("us-east-1"), forceDeleteWithoutRecovery: true };
    await enableAwsVault(vault);
    const options = await setup({ secretNames: ["payments/db"], forceDeleteWithoutRecovery: true });
    await setupMultiRegion(options);
    // while the secret is replicated, Secrets Manager refuses its deletion: disableAwsVault keeps it
    const early = await disableAwsVault(vault);
    expect(early.kept.map((k) => [k.key, k.reason])).toEqual([["payments/db", "replicated to eu-west-1: remove the replicas first (teardownMultiRegion)"]]);
    await teardownMultiRegion(options);
    const res = await disableAwsVault(vault);
    expect(summary(res.changes)).toEqual([["delete", "aws.secret", "payments/db"]]);
    expect(res.kept).toEqual([]);
    expect(sandbox.state.secretsManager.regions["us-east-1"]!.has("payments/db")).toBe(false);
    expect(sandbox.state.secretsManager.regions["eu-west-1"]!.has("payments/db")).toBe(false);
  });

  it("keeps a Dedicated Cloud Gateway configuration, which Konnect's API cannot delete, and says so", async () => {
    const cp = (await konnect.api.POST("/v2/control-planes", { body: { name: "dcgw", cloud_gateway: true, cluster_type: "CLUSTER_TYPE_CONTROL_PLANE" } })).data!;
    const [account] = await konnect.collect("/v2/cloud-gateways/provider-accounts");
    const net = async (name: string, region: string) =>
      (await konnect.api.POST("/v2/cloud-gateways/networks", { body: { name, cloud_gateway_provider_account_id: account!.id, region, availability_zones: ["az1", "az2"], cidr_block: "10.0.0.0/16" } })).data!.id;
    const networks = { "us-east-1": await net("use1", "us-east-1"), "eu-west-1": await net("euw1", "eu-west-1") };
    const options = await setup({ konnect, controlPlaneId: cp.id, cloudGateway: { version: "3.10", networks }, forceDeleteWithoutRecovery: true });
    await setupMultiRegion(options);
    sandbox.clearRequests();
    const res = await teardownMultiRegion(options);
    expect(summary(res.changes)).toEqual(ourDeletes);
    expect(res.kept).toEqual([{ kind: "konnect.cloud-gateway-configuration", key: `${cp.id}@us`, id: expect.any(String), reason: expect.stringContaining("cannot delete a cloud-gateway configuration") }]);
    expect(sandbox.state.konnect.cloudGateways.configurations.size).toBe(1);
    expect(writeOps(sandbox, "konnect")).toEqual([]);
  });

  it("a crash after any number of writes converges on re-run: a replica detached but not yet deleted is deleted then", async () => {
    const reference = async () => {
      sandbox.reset();
      const options = await setup({ forceDeleteWithoutRecovery: true });
      const before = state();
      await setupMultiRegion(options);
      sandbox.clearRequests();
      return { options, before };
    };
    const { options } = await reference();
    await teardownMultiRegion(options);
    const total = sandbox.writes().length;
    expect(total).toBe(5); // records, two checks, the replication, the detached replica
    const failures: string[] = [];
    for (let k = 0; k < total; k++) {
      const { options: o, before } = await reference();
      sandbox.faults.set({ failAfterWrites: k });
      const crashed = await teardownMultiRegion(o).then(
        () => false,
        () => true,
      );
      sandbox.faults.clear();
      if (!crashed) failures.push(`k=${k}: did not crash`);
      await teardownMultiRegion(o);
      if (state() !== before) failures.push(`k=${k}: not the starting state`);
      sandbox.clearRequests();
      await teardownMultiRegion(o);
      if (sandbox.writes().length) failures.push(`k=${k}: third run wrote ${writeOps(sandbox).join(", ")}`);
    }
    expect(failures).toEqual([]);
  });

  it("refuses bad teardown options before any request", async () => {
    const options = await setup();
    for (const bad of [{ recoveryWindowInDays: 3 }, { recoveryWindowInDays: 7, forceDeleteWithoutRecovery: true }, { keepSecrets: "yes" as never }, { domain: "not a domain" }]) {
      await expect(teardownMultiRegion({ ...options, ...bad })).rejects.toMatchObject({ name: "ConfigError" });
    }
    expect(sandbox.requests).toEqual([]);
  });
});

describe("teardownMultiRegion with adopt leaves other people's look-alike health checks alone", () => {
  it("an untagged check of the same endpoint made by hand, or one whose caller reference merely starts like ours, is not deleted", async () => {
    const options = await setup({ forceDeleteWithoutRecovery: true });
    await setupMultiRegion(options);
    const config = { Type: "HTTP" as const, FullyQualifiedDomainName: "gw-use1.example.net", Port: 8100, ResourcePath: "/status/ready", RequestInterval: 30, FailureThreshold: 3 };
    // a monitoring team's own check of the same endpoint, and one whose reference only starts like ours
    const theirs = await r53.send(new CreateHealthCheckCommand({ CallerReference: "monitoring-use1", HealthCheckConfig: config }));
    const alike = await r53.send(new CreateHealthCheckCommand({ CallerReference: "konnect-aws-not-a-uuid", HealthCheckConfig: config }));
    const res = await teardownMultiRegion({ ...options, adopt: true });
    const deleted = res.changes.filter((c) => c.action === "delete").map((c) => c.id);
    expect(deleted).not.toContain(theirs.HealthCheck!.Id);
    expect(deleted).not.toContain(alike.HealthCheck!.Id);
    expect(sandbox.state.route53.healthChecks.has(theirs.HealthCheck!.Id!)).toBe(true);
    expect(sandbox.state.route53.healthChecks.has(alike.HealthCheck!.Id!)).toBe(true);
  });
});
