import { ChangeResourceRecordSetsCommand, CreateHostedZoneCommand, TestDNSAnswerCommand } from "@aws-sdk/client-route-53";
import { CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "vitest";
import { ConfigError, createKonnectClient, ReconcileError, setupMultiRegion, type SetupMultiRegionOptions } from "../../src/index.js";
import { batchChanges } from "../../src/aws/route53.js";
import { route53 } from "../sandbox/aws-clients.js";
import { useSandbox, writeOps } from "../use-sandbox.js";

const { sandbox, konnect, secretsManager } = useSandbox();
const r53 = route53();

async function setup(extra: Partial<SetupMultiRegionOptions> = {}): Promise<SetupMultiRegionOptions> {
  const zone = await r53.send(new CreateHostedZoneCommand({ Name: "example.com", CallerReference: "zone-1" }));
  await secretsManager("us-east-1").send(new CreateSecretCommand({ Name: "payments/redis", SecretString: "x", Tags: [{ Key: "konnect-aws:managed", Value: "true" }] }));
  sandbox.clearRequests();
  void zone;
  return {
    primaryRegion: "us-east-1",
    secondaryRegions: ["eu-west-1"],
    secretNames: ["payments/redis"],
    domain: "api.example.com",
    endpoints: { "us-east-1": "gw-use1.example.net", "eu-west-1": "gw-euw1.example.net" },
    mode: "failover",
    tags: { Environment: "prod", CostCenter: "cc-1234" },
    // self-hosted data planes: Kong's status listener, exposed on 8100
    healthCheck: { port: 8100, path: "/status/ready" },
    secretsManager: (region) => secretsManager(region),
    route53: r53,
    // the sandbox's clock moves while the waiter polls; short polls keep the suite fast
    wait: { intervalMs: 5 },
    ...extra,
  };
}

const zoneId = () => [...sandbox.state.route53.hostedZones.keys()][0]!;
const answer = async (resolverIp?: string) =>
  (await r53.send(new TestDNSAnswerCommand({ HostedZoneId: zoneId(), RecordName: "api.example.com", RecordType: "CNAME", ...(resolverIp ? { ResolverIP: resolverIp } : {}) }))).RecordData;
const strip = (changes: Array<{ action: string; kind: string; key: string; diff: unknown }>) => changes.map((c) => ({ action: c.action, kind: c.kind, key: c.key, diff: c.diff }));

describe("setupMultiRegion", () => {
  it("replicates the secrets, creates health checks and failover records, and waits for INSYNC", async () => {
    const options = await setup();
    const events: string[] = [];
    const res = await setupMultiRegion({ ...options, onEvent: (e) => events.push(e.type) });
    expect(res.changes.map((c) => [c.action, c.kind])).toEqual([
      ["update", "aws.secret-replicas"],
      ["create", "aws.route53-health-check"],
      ["create", "aws.route53-health-check"],
      ["create", "aws.route53-records"],
    ]);
    expect(sandbox.state.secretsManager.regions["eu-west-1"]!.get("payments/redis")!.primaryRegion).toBe("us-east-1");
    const records = sandbox.state.route53.hostedZones.get(zoneId())!.records.filter((r) => r.Name === "api.example.com.");
    expect(records.map((r) => [r.Failover, r.SetIdentifier, r.ResourceRecords?.[0]?.Value, r.HealthCheckId])).toEqual([
      ["PRIMARY", "konnect-aws-us-east-1-primary", "gw-use1.example.net.", res.regions["us-east-1"]!.healthCheckId],
      ["SECONDARY", "konnect-aws-eu-west-1-secondary", "gw-euw1.example.net.", res.regions["eu-west-1"]!.healthCheckId],
    ]);
    const hc = sandbox.state.route53.healthChecks.get(res.regions["eu-west-1"]!.healthCheckId!)!;
    expect(hc.config).toMatchObject({ Type: "HTTP", FullyQualifiedDomainName: "gw-euw1.example.net", ResourcePath: "/status/ready", Port: 8100 });
    expect(sandbox.state.route53.tags.get(`healthcheck/${hc.id}`)).toEqual(expect.arrayContaining([{ Key: "konnect-aws:managed", Value: "true" }, { Key: "CostCenter", Value: "cc-1234" }]));
    expect(events).toContain("waiting");
    expect(sandbox.requests.filter((r) => r.operation === "GetChange").length).toBeGreaterThanOrEqual(2);
    expect(res.regions["eu-west-1"]).toMatchObject({ role: "secondary", environment: { KONG_VAULT_AWS_REGION: "eu-west-1" }, references: { "payments/redis": "{vault://aws/payments%252Fredis}" } });
    expect(res.regions["eu-west-1"]!.secretArns["payments/redis"]).toMatch(/^arn:aws:secretsmanager:eu-west-1:123456789012:secret:payments\/redis-/);
    expect(res.regions["eu-west-1"]!.iamPolicy!.Statement[0]!.Resource).toEqual([res.regions["eu-west-1"]!.secretArns["payments/redis"]]);
  });

  it("completes against a default sandbox with default waits: the change is INSYNC on the second poll", async () => {
    const { wait: _w, ...options } = await setup();
    const res = await setupMultiRegion(options);
    expect(res.changes.find((c) => c.kind === "aws.route53-records")!.action).toBe("create");
    // one PENDING poll, then INSYNC: the waiter slept once (500 ms), with no clock handling by the caller
    expect(sandbox.requests.filter((r) => r.operation === "GetChange").map((r) => r.status)).toEqual([200, 200]);
  });

  it("makes zero writes when applied again", async () => {
    const options = await setup();
    await setupMultiRegion(options);
    sandbox.clearRequests();
    const again = await setupMultiRegion(options);
    expect(again.changes.filter((c) => c.action !== "noop")).toEqual([]);
    expect(sandbox.writes()).toEqual([]);
    // zone lookup, one health-check list, one record list, one describe per secret
    // (and one tag read per 10 candidate health checks)
    expect(sandbox.requests.map((r) => r.operation).sort()).toEqual(["DescribeSecret", "ListHealthChecks", "ListHostedZonesByName", "ListHostedZonesByName", "ListResourceRecordSets", "ListTagsForResources"].sort());
  });

  it("switching active-passive to active-active changes the records and nothing else; dry run shows exactly that", async () => {
    const options = await setup();
    await setupMultiRegion(options);
    sandbox.clearRequests();
    const plan = await setupMultiRegion({ ...options, mode: "latency", dryRun: true });
    expect(sandbox.writes()).toEqual([]);
    const real = await setupMultiRegion({ ...options, mode: "latency" });
    expect(strip(real.changes)).toEqual(strip(plan.changes));
    expect(real.changes.filter((c) => c.action !== "noop").map((c) => c.kind)).toEqual(["aws.route53-records"]);
    expect(writeOps(sandbox)).toEqual(["ChangeResourceRecordSets"]);
    const records = sandbox.state.route53.hostedZones.get(zoneId())!.records.filter((r) => r.Name === "api.example.com.");
    expect(records.map((r) => [r.Region, r.SetIdentifier]).sort()).toEqual([
      ["eu-west-1", "konnect-aws-eu-west-1"],
      ["us-east-1", "konnect-aws-us-east-1"],
    ]);
  });

  it("refuses a plain record at the name before any write, and replaces it in the same batch with adopt", async () => {
    const options = await setup();
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId(), ChangeBatch: { Changes: [{ Action: "CREATE", ResourceRecordSet: { Name: "api.example.com", Type: "CNAME", TTL: 300, ResourceRecords: [{ Value: "old.example.net" }] } }] } }));
    sandbox.clearRequests();
    const error = await setupMultiRegion(options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ field: "domain", problem: expect.stringContaining("already has records konnect-aws did not create (CNAME)") });
    expect(sandbox.writes()).toEqual([]);
    const res = await setupMultiRegion({ ...options, adopt: true });
    expect(res.changes.find((c) => c.kind === "aws.route53-records")).toMatchObject({ action: "update", adopted: true });
    expect(writeOps(sandbox, "route53").filter((o) => o === "ChangeResourceRecordSets")).toHaveLength(1);
    expect(sandbox.state.route53.hostedZones.get(zoneId())!.records.filter((r) => r.Name === "api.example.com.").map((r) => r.SetIdentifier)).toEqual(["konnect-aws-us-east-1-primary", "konnect-aws-eu-west-1-secondary"]);
  });

  it("fails over: when the primary's health check fails, Route 53 answers with the secondary", async () => {
    const options = await setup();
    const res = await setupMultiRegion(options);
    expect(await answer()).toEqual(["gw-use1.example.net."]);
    sandbox.state.route53.healthChecks.get(res.regions["us-east-1"]!.healthCheckId!)!.healthy = false;
    expect(await answer()).toEqual(["gw-euw1.example.net."]);
  });

  it("routes by latency to the nearest healthy region", async () => {
    const options = await setup({ mode: "latency" });
    const res = await setupMultiRegion(options);
    sandbox.state.route53.resolverRegions.set("203.0.113.10", "eu-west-1");
    expect(await answer("203.0.113.10")).toEqual(["gw-euw1.example.net."]);
    sandbox.state.route53.healthChecks.get(res.regions["eu-west-1"]!.healthCheckId!)!.healthy = false;
    expect(await answer("203.0.113.10")).toEqual(["gw-use1.example.net."]);
  });

  it("uses alias records with target health for load balancers", async () => {
    const alb = { dnsName: "my-alb-123.eu-west-1.elb.amazonaws.com", aliasHostedZoneId: "Z32O12XQLNTSW2" };
    const albUs = { dnsName: "my-alb-456.us-east-1.elb.amazonaws.com", aliasHostedZoneId: "Z35SXDOTRQ7X7K" };
    const options = await setup({ mode: "latency", endpoints: { "us-east-1": albUs, "eu-west-1": alb } });
    await setupMultiRegion(options);
    const eu = sandbox.state.route53.hostedZones.get(zoneId())!.records.find((r) => r.Region === "eu-west-1")!;
    expect(eu).toMatchObject({ Type: "A", AliasTarget: { HostedZoneId: "Z32O12XQLNTSW2", DNSName: "my-alb-123.eu-west-1.elb.amazonaws.com.", EvaluateTargetHealth: true } });
    expect(eu.HealthCheckId).toBeDefined();
  });

  it("runs one Dedicated Cloud Gateway data-plane group per region, with the region's vault environment", async () => {
    const cp = (await konnect.api.POST("/v2/control-planes", { body: { name: "dcgw", cloud_gateway: true, cluster_type: "CLUSTER_TYPE_CONTROL_PLANE" } })).data!;
    const [account] = await konnect.collect("/v2/cloud-gateways/provider-accounts");
    const net = async (name: string, region: string) =>
      (await konnect.api.POST("/v2/cloud-gateways/networks", { body: { name, cloud_gateway_provider_account_id: account!.id, region, availability_zones: ["az1", "az2"], cidr_block: "10.0.0.0/16" } })).data!.id;
    const networks = { "us-east-1": await net("use1", "us-east-1"), "eu-west-1": await net("euw1", "eu-west-1") };
    const role = "arn:aws:iam::123456789012:role/dcgw-secrets-reader";
    const options = await setup({ konnect, controlPlaneId: cp.id, cloudGateway: { version: "3.10", networks, baseRps: 200 }, vaultAssumeRoleArn: role });
    const res = await setupMultiRegion(options);
    expect(res.changes.find((c) => c.kind === "konnect.cloud-gateway-configuration")!.action).toBe("create");
    const [config] = [...sandbox.state.konnect.cloudGateways.configurations.values()];
    expect((config!.dataplane_group_config as Array<Record<string, unknown>>).map((g) => [g.region, g.environment])).toEqual([
      ["us-east-1", [{ name: "KONG_VAULT_AWS_REGION", value: "us-east-1" }, { name: "KONG_VAULT_AWS_ASSUME_ROLE_ARN", value: role }]],
      ["eu-west-1", [{ name: "KONG_VAULT_AWS_REGION", value: "eu-west-1" }, { name: "KONG_VAULT_AWS_ASSUME_ROLE_ARN", value: role }]],
    ]);
    expect(res.regions["eu-west-1"]!.environment).toEqual({ KONG_VAULT_AWS_REGION: "eu-west-1", KONG_VAULT_AWS_ASSUME_ROLE_ARN: role });
    sandbox.clearRequests();
    await setupMultiRegion(options);
    expect(sandbox.writes()).toEqual([]);
    const hybrid = (await konnect.api.POST("/v2/control-planes", { body: { name: "hybrid" } })).data!;
    await expect(setupMultiRegion({ ...options, controlPlaneId: hybrid.id })).rejects.toMatchObject({ field: "cloudGateway" });
  });

  it.each([
    [{ secondaryRegions: ["us-east-1"] }, "secondaryRegions[0]"],
    [{ secondaryRegions: ["eu-west-1", "eu-west-1"], mode: "latency" as const }, "secondaryRegions[1]"],
    [{ secondaryRegions: ["eu-west-1", "ap-southeast-2"] }, "secondaryRegions"],
    [{ endpoints: { "us-east-1": "a.example.net" } }, "endpoints.eu-west-1"],
    [{ domain: "not a domain" }, "domain"],
    [{ mode: "geo" as never }, "mode"],
    [{ endpoints: { "us-east-1": "a.example.net", "eu-west-1": { dnsName: "b.elb.amazonaws.com", aliasHostedZoneId: "Z32O12XQLNTSW2" } } }, "endpoints"],
    [{ healthCheck: { port: 8100, path: "status" } }, "healthCheck.path"],
    // self-hosted endpoints: Kong serves /status/ready only on its status listener, so port and path are required
    [{ healthCheck: {} }, "healthCheck.port"],
    [{ healthCheck: { port: 8100 } }, "healthCheck.path"],
    [{ healthCheck: { target: "edge" as never } }, "healthCheck.target"],
    // 10 tags per health check, 3 of them the SDK's (ownership, identity, Name)
    [{ tags: Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`T${i}`, "v"])) }, "tags"],
    [{ tags: { "konnect-aws:health-check": "x" } }, "tags.konnect-aws:health-check"],
    // Kong's AWS vault ignores KONG_VAULT_AWS_REGION outside its region list
    [{ secondaryRegions: ["eu-central-2"], endpoints: { "us-east-1": "a.example.net", "eu-central-2": "b.example.net" } }, "secondaryRegions[0]"],
  ])("bad input %# -> ConfigError naming %s, zero requests", async (input, field) => {
    const options = await setup();
    const error = await setupMultiRegion({ ...options, ...input } as SetupMultiRegionOptions).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe(field);
    expect(sandbox.requests).toEqual([]);
  });

  it("refuses a domain outside the given hosted zone, before any write", async () => {
    const other = await r53.send(new CreateHostedZoneCommand({ Name: "other.org", CallerReference: "zone-2" }));
    const options = await setup();
    await expect(setupMultiRegion({ ...options, hostedZoneId: other.HostedZone!.Id!.replace("/hostedzone/", "") })).rejects.toMatchObject({ field: "domain" });
    expect(sandbox.writes()).toEqual([]);
    void createKonnectClient;
  });
});

describe("batchChanges", () => {
  it("keeps each batch within 100 changes, counting an UPSERT twice", () => {
    const upserts = Array.from({ length: 120 }, () => ({ Action: "UPSERT" as const, ResourceRecordSet: { Name: "x", Type: "A" as const } }));
    expect(batchChanges(upserts).map((b) => b.length)).toEqual([50, 50, 20]);
    const creates = Array.from({ length: 150 }, () => ({ Action: "CREATE" as const, ResourceRecordSet: { Name: "x", Type: "A" as const } }));
    expect(batchChanges(creates).map((b) => b.length)).toEqual([100, 50]);
  });
});

describe("setupMultiRegion in a plan where the secret is not created yet", () => {
  it("shows the replicas as pending in a dry run, and refuses for real", async () => {
    const options = await setup({ secretNames: ["not/yet"] });
    const plan = await setupMultiRegion({ ...options, dryRun: true });
    expect(plan.changes[0]).toMatchObject({ action: "update", kind: "aws.secret-replicas", key: "not/yet", pending: true });
    expect(sandbox.writes()).toEqual([]);
    await expect(setupMultiRegion(options)).rejects.toMatchObject({ field: "secretNames" });
    expect(sandbox.writes()).toEqual([]);
  });
});

describe("setupMultiRegion health checks (defects found against Route 53's rules)", () => {
  const checks = () => [...sandbox.state.route53.healthChecks.values()];
  const tagsOf = (id: string) => Object.fromEntries((sandbox.state.route53.tags.get(`healthcheck/${id}`) ?? []).map((t) => [t.Key, t.Value]));

  it("probes /___konnect/healthz over HTTPS on Dedicated Cloud Gateway endpoints, without port or path options", async () => {
    const { healthCheck: _h, ...options } = await setup();
    await setupMultiRegion({ ...options, endpoints: { "us-east-1": "abc.aws-us-east-1.edge.gateways.konggateway.com", "eu-west-1": "abc.aws-eu-west-1.edge.gateways.konggateway.com" } });
    expect(checks().map((h) => [h.config.Type, h.config.Port, h.config.ResourcePath])).toEqual([
      ["HTTPS", 443, "/___konnect/healthz"],
      ["HTTPS", 443, "/___konnect/healthz"],
    ]);
  });

  it("uses caller references within Route 53's 64 characters for long domains, and never reuses one", async () => {
    const domain = "a-rather-long-subdomain-for-the-public-api.eu.example.com";
    const options = await setup({ domain });
    const first = await setupMultiRegion(options);
    expect(checks().every((h) => h.callerReference.length <= 64)).toBe(true);
    // the check of one region is deleted by hand (records first): the next run creates a new one with a new reference
    const id = first.regions["eu-west-1"]!.healthCheckId!;
    const zone = sandbox.state.route53.hostedZones.get(zoneId())!;
    zone.records = zone.records.filter((r) => r.HealthCheckId !== id);
    const used = sandbox.state.route53.healthChecks.get(id)!.callerReference;
    sandbox.state.route53.healthChecks.delete(id);
    const second = await setupMultiRegion(options);
    const replacement = sandbox.state.route53.healthChecks.get(second.regions["eu-west-1"]!.healthCheckId!)!;
    expect(replacement.callerReference).not.toBe(used);
    expect(checks()).toHaveLength(2);
  });

  it("finds a check whose tagging failed after its creation and tags it, instead of creating another", async () => {
    const options = await setup();
    const first = await setupMultiRegion(options);
    const id = first.regions["us-east-1"]!.healthCheckId!;
    sandbox.state.route53.tags.delete(`healthcheck/${id}`); // as after a crash between CreateHealthCheck and ChangeTagsForResource
    sandbox.clearRequests();
    const again = await setupMultiRegion(options);
    expect(again.regions["us-east-1"]!.healthCheckId).toBe(id);
    expect(writeOps(sandbox, "route53")).toEqual(["ChangeTagsForResource"]);
    expect(tagsOf(id)).toMatchObject({ "konnect-aws:managed": "true", "konnect-aws:health-check": "us-east-1/api.example.com.", CostCenter: "cc-1234" });
  });

  it("converges tags: a changed or removed tag is drift, and is written", async () => {
    const options = await setup();
    const first = await setupMultiRegion(options);
    sandbox.clearRequests();
    const plan = await setupMultiRegion({ ...options, tags: { Environment: "staging" }, dryRun: true });
    const hc = plan.changes.filter((c) => c.kind === "aws.route53-health-check");
    expect(hc.map((c) => c.action)).toEqual(["update", "update"]);
    expect(hc[0]!.diff).toEqual([
      { path: "tags.Environment", before: "prod", after: "staging" },
      { path: "tags.CostCenter", before: "cc-1234" },
    ]);
    await setupMultiRegion({ ...options, tags: { Environment: "staging" } });
    expect(tagsOf(first.regions["eu-west-1"]!.healthCheckId!)).toEqual({ Name: "api.example.com eu-west-1", Environment: "staging", "konnect-aws:managed": "true", "konnect-aws:health-check": "eu-west-1/api.example.com." });
    sandbox.clearRequests();
    await setupMultiRegion({ ...options, tags: { Environment: "staging" } });
    expect(sandbox.writes()).toEqual([]);
  });

  it("never deletes a check without the ownership tag, even one whose caller reference looks like ours", async () => {
    const options = await setup();
    await setupMultiRegion(options);
    // a check someone made by hand, with a caller reference in the old konnect-aws style, no tags
    sandbox.state.route53.healthChecks.set("hand-made", { id: "hand-made", callerReference: "konnect-aws/api.example.com./us-east-1/0123456789ab", config: { Type: "HTTP", FullyQualifiedDomainName: "old.example.net", Port: 80, ResourcePath: "/", RequestInterval: 30, FailureThreshold: 3 }, version: 1, healthy: true });
    sandbox.clearRequests();
    await setupMultiRegion(options);
    expect(sandbox.writes()).toEqual([]);
    expect(sandbox.state.route53.healthChecks.has("hand-made")).toBe(true);
    // with adopt it is taken as ours, and removed as a stale check of this domain
    const adopted = await setupMultiRegion({ ...options, adopt: true });
    expect(adopted.changes.filter((c) => c.action === "delete").map((c) => c.id)).toEqual(["hand-made"]);
    expect(sandbox.state.route53.healthChecks.has("hand-made")).toBe(false);
  });

  it("replaces a check whose interval changes (Route 53 cannot update it) and deletes the old one once the records moved", async () => {
    const options = await setup();
    const first = await setupMultiRegion(options);
    const old = [first.regions["us-east-1"]!.healthCheckId!, first.regions["eu-west-1"]!.healthCheckId!];
    sandbox.clearRequests();
    const events: string[] = [];
    const lines: string[] = [];
    const logger = { debug: () => undefined, info: (m: string) => lines.push(m), warn: () => undefined, error: () => undefined };
    const res = await setupMultiRegion({ ...options, healthCheck: { ...options.healthCheck, intervalSeconds: 10 }, logger, onEvent: (e) => events.push(`${e.type} ${e.action} ${e.kind}`) });
    expect(res.changes.filter((c) => c.action !== "noop").map((c) => [c.action, c.kind])).toEqual([
      ["create", "aws.route53-health-check"],
      ["create", "aws.route53-health-check"],
      ["update", "aws.route53-records"],
      ["delete", "aws.route53-health-check"],
      ["delete", "aws.route53-health-check"],
    ]);
    expect(res.changes.filter((c) => c.action === "delete").map((c) => c.id).sort()).toEqual([...old].sort());
    expect(checks().map((h) => h.config.RequestInterval)).toEqual([10, 10]);
    // the old checks go after the records stopped using them
    const ops = writeOps(sandbox, "route53");
    expect(ops.lastIndexOf("ChangeResourceRecordSets")).toBeLessThan(ops.indexOf("DeleteHealthCheck"));
    // events and log lines name the deletions as such
    expect(events.filter((e) => e.startsWith("planned delete"))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith("delete aws.route53-health-check"))).toHaveLength(2);
    sandbox.clearRequests();
    await setupMultiRegion({ ...options, healthCheck: { ...options.healthCheck, intervalSeconds: 10 } });
    expect(sandbox.writes()).toEqual([]);
  });

  it("grants kms:Decrypt on the primary's customer-managed key, resolved to an ARN (aliases by kms:ResourceAliases)", async () => {
    const options = await setup({ secretNames: ["payments/cmk", "payments/alias"], replicaKmsKeyIds: { "eu-west-1": "mrk-0123456789abcdef0123456789abcdef" } });
    const sm = secretsManager("us-east-1");
    await sm.send(new CreateSecretCommand({ Name: "payments/cmk", SecretString: "x", KmsKeyId: "1234abcd-12ab-34cd-56ef-1234567890ab", Tags: [{ Key: "konnect-aws:managed", Value: "true" }] }));
    await sm.send(new CreateSecretCommand({ Name: "payments/alias", SecretString: "x", KmsKeyId: "alias/payments", Tags: [{ Key: "konnect-aws:managed", Value: "true" }] }));
    const res = await setupMultiRegion(options);
    const primary = res.regions["us-east-1"]!.iamPolicy!.Statement;
    expect(primary.find((st) => st.Sid === "DecryptKongSecrets")).toMatchObject({ Action: "kms:Decrypt", Resource: ["arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"] });
    expect(primary.find((st) => st.Sid === "DecryptKongSecretsByAlias1")).toMatchObject({
      Resource: "arn:aws:kms:us-east-1:123456789012:key/*",
      Condition: { StringEquals: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" }, "ForAnyValue:StringEquals": { "kms:ResourceAliases": "alias/payments" } },
    });
    const secondary = res.regions["eu-west-1"]!.iamPolicy!.Statement;
    expect(secondary.find((st) => st.Sid === "DecryptKongSecrets")).toMatchObject({ Resource: ["arn:aws:kms:eu-west-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef"] });
  });
});

describe("setupMultiRegion failures list everything written before them", () => {
  it("an INSYNC timeout reports the records as written, with the replicas and health checks", async () => {
    const options = await setup();
    sandbox.clock.autoAdvance = false; // the change stays PENDING past the timeout
    const error = await setupMultiRegion({ ...options, wait: { timeoutMs: 1, intervalMs: 1 } }).catch((e: unknown) => e);
    sandbox.clock.autoAdvance = true;
    expect(error).toBeInstanceOf(ReconcileError);
    const e = error as ReconcileError;
    expect(e.changes.map((c) => c.kind).sort()).toEqual(["aws.route53-health-check", "aws.route53-health-check", "aws.route53-records", "aws.secret-replicas"]);
    expect(e.message).toMatch(/^4 of 4 writes done before a failure/);
    // a re-run resumes: nothing left to write
    sandbox.clearRequests();
    await setupMultiRegion(options);
    expect(sandbox.writes()).toEqual([]);
  });

  it("without secrets, returns no region policy: nothing to grant, and IAM refuses a policy with no statement", async () => {
    const options = await setup({ secretNames: [] });
    const res = await setupMultiRegion(options);
    for (const region of ["us-east-1", "eu-west-1"]) expect(res.regions[region]!.iamPolicy).toBeUndefined();
  });

  it("a failure right after a health check was created (its tagging fails) reports that check", async () => {
    const options = await setup({ secretNames: [] });
    sandbox.faults.set({ failAfterWrites: 1, services: ["route53"] });
    const error = await setupMultiRegion({ ...options, concurrency: 1 }).catch((e: unknown) => e);
    sandbox.faults.clear();
    expect(error).toBeInstanceOf(ReconcileError);
    const created = (error as ReconcileError).changes;
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ action: "create", kind: "aws.route53-health-check", id: expect.any(String) });
    expect(sandbox.state.route53.healthChecks.has(created[0]!.id!)).toBe(true);
    // the re-run takes the untagged check back instead of creating a second one
    await setupMultiRegion(options);
    expect(sandbox.state.route53.healthChecks.size).toBe(2);
  });
});
