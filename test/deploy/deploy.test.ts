import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateLogGroupCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "vitest";
import { deploy, destroy, ensureControlPlane, loadConfig, plan, type DeployOptions } from "../../src/index.js";
import { differences, snapshot } from "../scenario/full-chain.js";
import { useSandbox } from "../use-sandbox.js";
import { GUIDE_ENV, filled, fixture, seedComplete, seedGuide } from "./guide.js";
import { deployAws, snapshotAll } from "./snapshot-all.js";

const { sandbox, konnect } = useSandbox();
const aws = deployAws();
const options: DeployOptions = { konnect, aws, wait: { intervalMs: 2 } };
// a new data-plane certificate's fingerprint (in its key) is known only after apply
const brief = (cs: Array<{ step: string; action: string; kind: string; key: string }>) => cs.map((c) => `${c.step} ${c.action} ${c.kind} ${c.kind === "konnect.dp-client-certificate" ? c.key.replace(/:.*/, ":<new>") : c.key}`);

describe("deploy the guide's complete example, every feature on", () => {
  it("plan equals deploy's dry run, deploy converges, a re-deploy writes nothing, destroy gives back the starting state", { timeout: 120_000 }, async () => {
    seedGuide(sandbox);
    const seeded = seedComplete(sandbox);
    // the user's own objects next to the deployment (besides the ALB, its certificate, the Transit Gateway
    // and the route table seeded above): part of the starting state, so they must survive the destroy
    await aws.secretsManager!("us-east-1").send(new CreateSecretCommand({ Name: "hand/secret", SecretString: "theirs" }));
    await aws.cloudWatchLogs!.send(new CreateLogGroupCommand({ logGroupName: "/aws/kong/hand-made" }));
    [...sandbox.state.route53.hostedZones.values()][0]!.records.push({ Name: "www.example.com.", Type: "CNAME", TTL: 60, ResourceRecords: [{ Value: "shop.example.net." }] });
    const before = snapshotAll(sandbox);
    const config = await loadConfig(await filled("complete-aws-deployment.tfvars", seeded), { env: GUIDE_ENV });
    sandbox.clearRequests();
    const planned = await plan(config, options);
    expect(sandbox.writes()).toEqual([]);
    const planRequests = sandbox.requests.length;
    const dry = await deploy(config, { ...options, dryRun: true });
    expect(dry).toEqual(planned);
    expect(planned.steps.map((s) => s.step)).toEqual(["control-plane", "vault", "elasticache-rate-limit", "multi-region", "data-planes", "custom-domain", "transit-gateway", "observability"]);
    for (const kind of ["aws.ecs-task-definition", "aws.log-group", "aws.metric-alarm", "aws.acm-certificate", "konnect.cloud-gateway-network", "konnect.transit-gateway-attachment", "aws.ram-resource-share"]) expect(planned.changes.map((c) => c.kind)).toContain(kind);

    sandbox.clearRequests();
    const applied = await deploy(config, options);
    const first = { requests: sandbox.requests.length, writes: sandbox.writes().length };
    expect(brief(applied.changes)).toEqual(brief(planned.changes));
    expect(applied.summary).toEqual(planned.summary);
    // the snapshot sees every service the deployment writes to (so "back to the start" below means something)
    const touched = new Set(differences(before, snapshotAll(sandbox)).map((d) => d.split(/[.:]/)[1]));
    for (const part of ["chain", "ecs", "logGroups", "alarms", "certificates", "listeners", "konnectCloud", "ec2", "ram"]) expect(touched).toContain(part);
    // one log group, created once (by observability), and the data planes' awslogs driver writes to it
    const logGroup = "/aws/kong/guide-complete";
    expect(applied.changes.filter((c) => c.kind === "aws.log-group").map((c) => [c.step, c.action, c.key])).toEqual([["observability", "create", expect.stringContaining(logGroup)]]);
    const dp = applied.steps.find((s) => s.step === "data-planes")!.outputs as { logGroup: string; taskDefinition: { definition: { containerDefinitions: Array<{ logConfiguration: { options: Record<string, string> } }> }; arn?: string }; iamPolicies: { task: unknown } };
    expect(dp.logGroup).toBe(logGroup);
    expect(dp.taskDefinition.definition.containerDefinitions[0]!.logConfiguration.options["awslogs-group"]).toBe(logGroup);
    expect(dp.taskDefinition.arn).toMatch(/^arn:aws:ecs:us-east-1:/);
    // the task role's policy is the vault's read policy
    expect(dp.iamPolicies.task).toEqual(applied.steps.find((s) => s.step === "vault")!.outputs.iamPolicy);
    for (const out of [planned, applied]) for (const v of Object.values(GUIDE_ENV)) expect(JSON.stringify(out)).not.toContain(v);

    sandbox.clearRequests();
    const again = await deploy(config, options);
    const second = { requests: sandbox.requests.length, writes: sandbox.writes().length };
    expect(sandbox.writes()).toEqual([]);
    expect(again.summary).toMatchObject({ create: 0, update: 0, delete: 0 });

    const preview = await destroy(config, { ...options, dryRun: true, forceDeleteWithoutRecovery: true });
    expect(sandbox.writes()).toEqual([]);
    sandbox.clearRequests();
    const destroyed = await destroy(config, { ...options, forceDeleteWithoutRecovery: true });
    const third = { requests: sandbox.requests.length, writes: sandbox.writes().length };
    expect(brief(destroyed.changes).sort()).toEqual(brief(preview.changes).sort());
    expect(destroyed.kept).toEqual(preview.kept);
    expect(destroyed.kept).toEqual([]);
    expect(differences(before, snapshotAll(sandbox))).toEqual([]);
    sandbox.clearRequests();
    const twice = await destroy(config, { ...options, forceDeleteWithoutRecovery: true });
    expect(twice.changes).toEqual([]);
    expect(sandbox.writes()).toEqual([]);
    // the figures of the report (requests and writes of each run against the sandbox)
    console.info(`complete example: plan ${planRequests} requests; deploy ${first.requests} requests / ${first.writes} writes; re-deploy ${second.requests} / ${second.writes}; destroy ${third.requests} / ${third.writes}`);
  });
});

describe("each of the guide's quick starts", () => {
  const cases = ["quick-start-1-basic.tfvars", "quick-start-2-multi-region.tfvars", "quick-start-3-elasticache.tfvars", "quick-start-4-lambda.tfvars", "quick-start-5-cognito.tfvars"];
  it.each(cases)("%s: plan, deploy, re-deploy with zero writes, destroy to the starting state", { timeout: 60_000 }, async (name) => {
    seedGuide(sandbox);
    const config = await loadConfig(await filled(name), { env: GUIDE_ENV });
    if (name.includes("lambda")) {
      // the route the function serves is the user's: it must exist before (a deploy cannot invent it)
      const { controlPlane } = await ensureControlPlane({ konnect, name: config.control_plane_name! });
      await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/routes", { params: { path: { controlPlaneId: controlPlane.id! } }, body: { name: "orders", paths: ["/orders"] } });
    }
    const before = snapshot(sandbox);
    sandbox.clearRequests();
    const planned = await plan(config, options);
    expect(sandbox.writes()).toEqual([]);
    expect(planned.summary.create + planned.summary.update).toBeGreaterThan(0);
    const applied = await deploy(config, options);
    expect(brief(applied.changes)).toEqual(brief(planned.changes));
    sandbox.clearRequests();
    await deploy(config, options);
    expect(sandbox.writes()).toEqual([]);
    const destroyed = await destroy(config, { ...options, forceDeleteWithoutRecovery: true });
    expect(differences(before, snapshot(sandbox))).toEqual([]);
    if (name.includes("lambda")) expect(destroyed.kept.map((k) => [k.step, k.kind])).toEqual([["control-plane", "konnect.control-plane"]]);
    else expect(destroyed.kept).toEqual([]);
  });
});

describe("plan of a deployment whose control plane does not exist yet", () => {
  it("plans the creates inside it, with what only the apply knows shown as pending", async () => {
    seedGuide(sandbox);
    const config = await loadConfig(await filled("quick-start-3-elasticache.tfvars"), { env: GUIDE_ENV });
    const planned = await plan(config, options);
    expect(planned.changes.every((c) => c.action === "create" || (c.action === "noop" && c.pending))).toBe(true);
    expect(planned.changes.filter((c) => c.action === "create").every((c) => c.pending && c.id === undefined)).toBe(true);
    expect(planned.steps.find((s) => s.step === "control-plane")!.outputs).toMatchObject({ controlPlane: { id: undefined } });
    expect(JSON.stringify(planned)).not.toContain("00000000-0000-4000-8000-000000000000");
    // the secret in the file is never shown, and the plan says where it came from
    expect(JSON.stringify(planned)).not.toContain("your-redis-password");
  });

  it("warns about secrets written in the configuration file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "konnect-aws-deploy-"));
    const path = join(dir, "terraform.tfvars");
    writeFileSync(path, `${readFileSync(fixture("quick-start-3-elasticache.tfvars"), "utf8")}\ncontrol_plane_name = "guide-redis"\naws_region = "us-east-1"\nenable_aws_vault = true\naws_rate_limits = [{ limit = 100, window = 60 }]\n`.replace("your-cluster.cache.amazonaws.com", "master.prod.abc123.use1.cache.amazonaws.com"));
    const config = await loadConfig(path, { env: {} });
    const warn: string[] = [];
    const planned = await plan(config, { ...options, logger: { debug() {}, info() {}, warn: (m: string) => warn.push(m), error() {} } });
    expect(planned.warnings).toEqual(["aws_elasticache_password is written in the configuration file: prefer aws_elasticache_password = var.aws_elasticache_password with the TF_VAR_aws_elasticache_password environment variable, so the file holds no secret"]);
    expect(warn).toEqual(planned.warnings);
  });
});

describe("the README's quick start", () => {
  it("plans what the README says, deploys, and destroys", { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "konnect-aws-readme-"));
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const hcl = /```hcl\n(# terraform\.tfvars\ncontrol_plane_name[\s\S]*?)```/.exec(readme)![1]!;
    writeFileSync(join(dir, "terraform.tfvars"), hcl);
    const config = await loadConfig(join(dir, "terraform.tfvars"), { env: { TF_VAR_elasticache_password: "redis-1" } });
    const preview = await plan(config, options);
    expect(preview.summary).toEqual({ create: 4, update: 0, delete: 0, noop: 1 });
    expect(preview.warnings).toEqual([expect.stringContaining("cost tag Owner is an AWS tag only") as string]);
    await deploy(config, options);
    sandbox.clearRequests();
    expect((await deploy(config, options)).summary).toMatchObject({ create: 0, update: 0, delete: 0 });
    expect(sandbox.writes()).toEqual([]);
    const { kept } = await destroy(config, { ...options, recoveryWindowInDays: 7 });
    expect(kept).toEqual([]);
  });
});

describe("a cloud-gateway custom domain", () => {
  it("makes the control plane a Dedicated Cloud Gateway one, registers the Konnect custom domain, and destroy removes both", { timeout: 60_000 }, async () => {
    seedGuide(sandbox);
    const before = snapshotAll(sandbox);
    const zoneId = [...sandbox.state.route53.hostedZones.keys()][0]!.replace(/^\/hostedzone\//, "");
    const config = await loadConfig({ control_plane_name: "guide-dcgw", aws_region: "us-east-1", enable_aws_custom_domain: true, aws_custom_domain: "api.example.com", aws_hosted_zone_id: zoneId }, { env: {} });
    const planned = await plan(config, options);
    expect(sandbox.writes()).toEqual([]);
    const applied = await deploy(config, options);
    expect(brief(applied.changes)).toEqual(brief(planned.changes));
    expect(brief(applied.changes)).toEqual(["control-plane create konnect.control-plane guide-dcgw", "custom-domain create aws.route53-domain-records api.example.com.", "custom-domain create konnect.custom-domain api.example.com"]);
    const [cp] = [...sandbox.state.konnect.regions.us!.values()];
    expect(cp!.controlPlane.config).toMatchObject({ cloud_gateway: true });
    sandbox.clearRequests();
    await deploy(config, options);
    expect(sandbox.writes()).toEqual([]);
    const destroyed = await destroy(config, options);
    expect(destroyed.kept).toEqual([]);
    expect(differences(before, snapshotAll(sandbox))).toEqual([]);
  });

  it("is refused with data planes on ECS, naming the key, before any request", async () => {
    const error = await loadConfig({ control_plane_name: "guide-x", aws_region: "us-east-1", enable_aws_custom_domain: true, aws_custom_domain: "api.example.com", aws_hosted_zone_id: "Z0000000000000000001", enable_aws_data_planes: true }, { env: {} }).catch((e: unknown) => e);
    expect(error).toMatchObject({ field: "enable_aws_data_planes" });
  });
});
