import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, deploy, destroy, ensureControlPlane, loadConfig, plan, type DeployOptions } from "../../src/index.js";
import { chainClients, differences, snapshot } from "../scenario/full-chain.js";
import { useSandbox } from "../use-sandbox.js";
import { GUIDE_ENV, WITHOUT_UNWIRED, filled, fixture, seedGuide } from "./guide.js";

const { sandbox, konnect } = useSandbox();
const clients = chainClients();
const options: DeployOptions = { konnect, aws: { secretsManager: clients.sm, route53: clients.route53, elastiCache: clients.elastiCache, lambda: clients.lambda }, wait: { intervalMs: 2 } };
const brief = (cs: Array<{ step: string; action: string; kind: string; key: string }>) => cs.map((c) => `${c.step} ${c.action} ${c.kind} ${c.key}`);

describe("deploy the guide's complete example", () => {
  it("plan equals deploy's dry run, deploy converges, a re-deploy writes nothing, destroy gives back the starting state", { timeout: 60_000 }, async () => {
    seedGuide(sandbox);
    const before = snapshot(sandbox);
    const config = await loadConfig(await filled("complete-aws-deployment.tfvars", WITHOUT_UNWIRED), { env: GUIDE_ENV });
    sandbox.clearRequests();
    const planned = await plan(config, options);
    expect(sandbox.writes()).toEqual([]);
    const dry = await deploy(config, { ...options, dryRun: true });
    expect(dry).toEqual(planned);
    expect(planned.summary.create).toBeGreaterThan(5);

    const applied = await deploy(config, options);
    expect(brief(applied.changes)).toEqual(brief(planned.changes));
    expect(applied.summary).toEqual(planned.summary);
    // secrets never appear in plans or results
    for (const out of [planned, applied]) for (const v of Object.values(GUIDE_ENV)) expect(JSON.stringify(out)).not.toContain(v);

    sandbox.clearRequests();
    const again = await deploy(config, options);
    expect(sandbox.writes()).toEqual([]);
    expect(again.summary).toMatchObject({ create: 0, update: 0, delete: 0 });

    const preview = await destroy(config, { ...options, dryRun: true, forceDeleteWithoutRecovery: true });
    expect(sandbox.writes()).toEqual([]);
    const destroyed = await destroy(config, { ...options, forceDeleteWithoutRecovery: true });
    // the same deletes (their order within a step follows the writes)
    expect(brief(destroyed.changes).sort()).toEqual(brief(preview.changes).sort());
    expect(preview.kept).toEqual([]);
    expect(destroyed.kept).toEqual([]);
    expect(differences(before, snapshot(sandbox))).toEqual([]);
    sandbox.clearRequests();
    const twice = await destroy(config, { ...options, forceDeleteWithoutRecovery: true });
    expect(twice.changes).toEqual([]);
    expect(sandbox.writes()).toEqual([]);
  });
});

describe("the guide's deployments that need operations this build lacks", () => {
  it("fail loudly, naming every key, before any request", async () => {
    seedGuide(sandbox);
    const config = await loadConfig(await filled("complete-aws-deployment.tfvars", {
        aws_hosted_zone_id: "Z0000000000000000001",
        // ACM certificates are for your own load balancer (a Dedicated Cloud Gateway domain gets Konnect's)
        aws_custom_domain_target: "load-balancer",
        aws_load_balancer_arn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/kong/0123456789abcdef",
        aws_load_balancer_listener_arn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/kong/0123456789abcdef/0123456789abcdef",
        aws_multi_region_domain: "global.example.com",
      }), { env: GUIDE_ENV });
    sandbox.clearRequests();
    for (const run of [() => plan(config, options), () => deploy(config, options), () => destroy(config, options)]) {
      const error = await run().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).field).toBe("enable_aws_custom_domain, enable_aws_transit_gateway, enable_aws_cloudwatch, enable_aws_datadog");
      expect((error as ConfigError).problem).toContain("setupCustomDomain");
      expect((error as ConfigError).problem).toContain("enableObservability (enable_aws_cloudwatch, enable_aws_datadog)");
    }
    expect(sandbox.requests.length).toBe(0);
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
