import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigError, createKonnectClient, enableAwsVault, ensureControlPlane, ReconcileError, secret, type EnableAwsVaultOptions } from "../../src/index.js";
import { kongParseReference } from "./kong-reference-parser.js";
import { useSandbox, writeOps } from "../use-sandbox.js";

const { sandbox, konnect, secretsManager } = useSandbox();
const sm = secretsManager("us-east-1");
const REDIS = "r3dis-CANARY-pa55";
const DB = { username: "app", password: "db-CANARY-pa55" };

async function setup(extra: Partial<EnableAwsVaultOptions> = {}) {
  const { controlPlane } = await ensureControlPlane({ konnect, name: "payments-prod" });
  const options: EnableAwsVaultOptions = {
    konnect,
    controlPlaneId: controlPlane.id!,
    region: "us-east-1",
    secrets: { "payments/redis": secret(REDIS), "payments/db": DB },
    tags: { Environment: "prod", CostCenter: "cc-1234" },
    secretsManager: sm,
    ttl: 300,
    ...extra,
  };
  sandbox.clearRequests();
  return options;
}

const konnectWrites = () => sandbox.writes("konnect");
const awsWrites = () => writeOps(sandbox, "secretsmanager");

afterEach(() => vi.unstubAllEnvs());

describe("enableAwsVault", () => {
  it("creates the aws vault and the secrets, and returns references Kong resolves to them", async () => {
    const options = await setup();
    const res = await enableAwsVault(options);
    expect(res.changes.map((c) => [c.action, c.kind, c.key])).toEqual([
      ["create", "konnect.vault", "aws-sm-us-east-1"],
      ["create", "aws.secret", "payments/redis"],
      ["create", "aws.secret", "payments/db"],
    ]);
    const record = sandbox.state.konnect.regions.us!.get(options.controlPlaneId!)!;
    const [vault] = [...record.entities.vaults.values()];
    expect(vault).toMatchObject({ name: "aws", prefix: "aws-sm-us-east-1", config: { region: "us-east-1", ttl: 300, role_session_name: "KongVault" }, tags: ["managed-by-konnect-aws"] });
    expect(res.vault).toMatchObject({ id: vault!.id, name: "aws", prefix: "aws-sm-us-east-1" });

    expect(res.references["payments/redis"]).toBe("{vault://aws-sm-us-east-1/payments%252Fredis}");
    const db = res.references["payments/db"] as Record<string, string>;
    expect(kongParseReference(db.password!)).toEqual({ host: "aws-sm-us-east-1", resource: "payments/db", key: "password" });

    const stored = sandbox.state.secretsManager.regions["us-east-1"]!.get("payments/db")!;
    expect(JSON.parse(stored.versions[0]!.secretString!)).toEqual(DB);
    expect(stored.tags).toEqual([{ Key: "Environment", Value: "prod" }, { Key: "CostCenter", Value: "cc-1234" }, { Key: "konnect-aws:managed", Value: "true" }]);
    expect(res.secrets["payments/db"]!.arn).toBe(stored.arn);

    expect(res.iamPolicy!.Statement).toEqual([{ Sid: "ReadKongSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: [stored.arn, res.secrets["payments/redis"]!.arn].sort() }]);
    expect(konnectWrites().map((r) => r.operation)).toEqual(["PUT /v2/control-planes/{controlPlaneId}/core-entities/vaults/{VaultId}"]);
    expect(awsWrites()).toEqual(["CreateSecret", "CreateSecret"]);
  });

  it("with no secret to manage, returns no policy: nothing to grant, and IAM refuses a policy with no statement", async () => {
    const options = await setup();
    const res = await enableAwsVault({ ...options, secrets: {} });
    expect(res.iamPolicy).toBeUndefined();
    expect(res.changes.map((c) => c.kind)).toEqual(["konnect.vault"]);
  });

  it("makes zero writes when applied again", async () => {
    const options = await setup();
    await enableAwsVault(options);
    sandbox.clearRequests();
    const again = await enableAwsVault(options);
    expect(again.changes.every((c) => c.action === "noop")).toBe(true);
    expect(sandbox.writes()).toEqual([]);
    // one vault list, one ListSecrets (10 names a call) and one BatchGetSecretValue (20 a call); right after
    // the first run ListSecrets does not show the new secrets yet, so each is confirmed with DescribeSecret
    expect(sandbox.requests.map((r) => r.operation).sort()).toEqual(["BatchGetSecretValue", "DescribeSecret", "DescribeSecret", "GET /v2/control-planes/{controlPlaneId}/core-entities/vaults", "ListSecrets"]);
    // once the listing has caught up (listSecretsLagMs of sandbox time), the lists alone answer
    sandbox.clock.advance(60_000);
    sandbox.clearRequests();
    await enableAwsVault(options);
    expect(sandbox.writes()).toEqual([]);
    expect(sandbox.requests.map((r) => r.operation).sort()).toEqual(["BatchGetSecretValue", "GET /v2/control-planes/{controlPlaneId}/core-entities/vaults", "ListSecrets"]);
  });

  it("changing one option updates exactly that object", async () => {
    const options = await setup();
    await enableAwsVault(options);
    sandbox.clearRequests();
    const ttl = await enableAwsVault({ ...options, ttl: 600 });
    expect(ttl.changes.filter((c) => c.action !== "noop")).toMatchObject([{ action: "update", kind: "konnect.vault", diff: [{ path: "config.ttl", before: 300, after: 600 }] }]);
    expect(sandbox.writes().map((r) => r.operation)).toEqual(["PUT /v2/control-planes/{controlPlaneId}/core-entities/vaults/{VaultId}"]);

    sandbox.clearRequests();
    const rotated = await enableAwsVault({ ...options, ttl: 600, secrets: { ...options.secrets, "payments/redis": secret("new-CANARY-value") } });
    expect(rotated.changes.filter((c) => c.action !== "noop")).toEqual([
      { action: "update", kind: "aws.secret", key: "payments/redis", id: rotated.secrets["payments/redis"]!.arn, diff: [{ path: "value", before: "[REDACTED]", after: "[REDACTED]" }] },
    ]);
    expect(sandbox.writes().map((r) => r.operation)).toEqual(["PutSecretValue"]);
  });

  it("reads 25 secrets in 3 ListSecrets and 2 BatchGetSecretValue calls, and restores one scheduled for deletion", async () => {
    const many = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`bulk/s${String(i).padStart(2, "0")}`, `v${i}`]));
    const options = await setup({ secrets: many });
    await enableAwsVault(options);
    const { DeleteSecretCommand } = await import("@aws-sdk/client-secrets-manager");
    await sm.send(new DeleteSecretCommand({ SecretId: "bulk/s07", RecoveryWindowInDays: 7 }));
    sandbox.clock.advance(60_000); // the listing has caught up
    sandbox.clearRequests();
    const res = await enableAwsVault(options);
    const counts = sandbox.requests.reduce<Record<string, number>>((m, r) => ({ ...m, [r.operation]: (m[r.operation] ?? 0) + 1 }), {});
    // a secret scheduled for deletion cannot be read, so its value is written again after the restore
    expect(counts).toEqual({ "GET /v2/control-planes/{controlPlaneId}/core-entities/vaults": 1, ListSecrets: 3, BatchGetSecretValue: 2, RestoreSecret: 1, PutSecretValue: 1 });
    expect(res.changes.filter((c) => c.action !== "noop")).toMatchObject([{ key: "bulk/s07", diff: [{ path: "deleted", before: true, after: false }, { path: "value" }] }]);
  });

  it("does not rewrite a JSON secret whose keys merely come in another order", async () => {
    const options = await setup();
    await enableAwsVault(options);
    sandbox.clearRequests();
    await enableAwsVault({ ...options, secrets: { "payments/redis": secret(REDIS), "payments/db": { password: DB.password, username: DB.username } } });
    expect(sandbox.writes()).toEqual([]);
  });

  it("dry run writes nothing and returns exactly the changes the real run makes", async () => {
    const options = await setup();
    const plan = await enableAwsVault({ ...options, dryRun: true });
    expect(sandbox.writes()).toEqual([]);
    expect(plan.vault.id).toBeUndefined();
    expect(plan.changes.every((c) => c.pending)).toBe(true);
    expect(plan.iamPolicy!.Statement[0]!.Resource).toContain("arn:aws:secretsmanager:us-east-1:*:secret:payments/db-??????");
    const real = await enableAwsVault(options);
    const strip = (c: (typeof real.changes)[number]) => ({ action: c.action, kind: c.kind, key: c.key, diff: c.diff });
    expect(real.changes.map(strip)).toEqual(plan.changes.map(strip));
    expect(real.changes.some((c) => c.pending)).toBe(false);
  });

  it("never lets a secret value out: results, changes, plans, events, errors and the request log", async () => {
    const events: unknown[] = [];
    const lines: string[] = [];
    const logger = { debug: (m: string) => lines.push(m), info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) };
    const options = await setup({ onEvent: (e) => events.push(e), logger });
    const results = [await enableAwsVault({ ...options, dryRun: true }), await enableAwsVault(options)];
    sandbox.faults.set({ failAfterWrites: 0 });
    const error = await enableAwsVault({ ...options, secrets: { "payments/redis": secret("other-CANARY") } }).catch((e: unknown) => e);
    sandbox.faults.clear();
    expect(error).toBeInstanceOf(ReconcileError);
    expect(lines.some((l) => l.startsWith("create aws.secret payments/redis"))).toBe(true);
    expect(lines.some((l) => l.startsWith("failed to update aws.secret payments/redis"))).toBe(true);
    const everything = [JSON.stringify(results), inspect(results, { depth: 20 }), JSON.stringify(events), lines.join("\n"), inspect(error, { depth: 20 }), JSON.stringify(sandbox.requests), inspect(secret(REDIS))].join("\n");
    expect(everything).not.toContain("CANARY");
  });

  it("creates its Secrets Manager client for the region from the default credential chain", async () => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIASANDBOX000000000");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "sandbox");
    const { secretsManager: _injected, ...options } = await setup({ region: "eu-west-1" });
    await enableAwsVault(options);
    expect(sandbox.requests.filter((r) => r.service === "secretsmanager").every((r) => r.url.startsWith("https://secretsmanager.eu-west-1.amazonaws.com"))).toBe(true);
    expect(sandbox.state.secretsManager.regions["eu-west-1"]!.has("payments/redis")).toBe(true);
  });

  it("leaves unmarked secrets and vaults alone unless adopt is set", async () => {
    const options = await setup();
    await sm.send(new (await import("@aws-sdk/client-secrets-manager")).CreateSecretCommand({ Name: "payments/redis", SecretString: "legacy" }));
    sandbox.clearRequests();
    await expect(enableAwsVault(options)).rejects.toMatchObject({ name: "ConfigError", field: 'secrets["payments/redis"]' });
    expect(sandbox.writes()).toEqual([]);
    const adopted = await enableAwsVault({ ...options, adopt: true });
    expect(adopted.changes.find((c) => c.key === "payments/redis")).toMatchObject({ action: "update", adopted: true });
    expect(writeOps(sandbox, "secretsmanager").sort()).toEqual(["CreateSecret", "PutSecretValue", "TagResource"]);
  });

  it("adds KMS decrypt and a cross-account trust policy when asked", async () => {
    const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const options = await setup({ kmsKeyId: key, assumeRoleArn: "arn:aws:iam::123456789012:role/kong-dp-secrets", trustPolicy: { trustedPrincipal: "111122223333", externalId: "kong-dp-ext" } });
    const res = await enableAwsVault(options);
    expect(res.iamPolicy!.Statement[1]).toEqual({ Sid: "DecryptKongSecrets", Effect: "Allow", Action: "kms:Decrypt", Resource: [key], Condition: { StringEquals: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" } } });
    expect(res.trustPolicy).toEqual({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "kong-dp-ext" } } }] });
    expect(res.vault.config).toMatchObject({ assume_role_arn: "arn:aws:iam::123456789012:role/kong-dp-secrets" });
    expect(sandbox.state.secretsManager.regions["us-east-1"]!.get("payments/db")!.kmsKeyId).toBe(key);
  });

  it.each([
    [{ region: "mars-east-1" }, "region"],
    [{ prefix: "AWS_SM" }, "prefix"],
    [{ prefix: "aws" }, "prefix"],
    [{ assumeRoleArn: "arn:aws:iam::12345:role/x" }, "assumeRoleArn"],
    [{ secrets: { "": "x" } }, 'secrets[""]'],
    [{ secrets: { "ok/name": { nested: { a: 1 } } as never } }, 'secrets["ok/name"].nested'],
    [{ ttl: -1 }, "ttl"],
    [{ tags: { "aws:reserved": "x" } }, "tags.aws:reserved"],
    [{ controlPlaneId: "not-a-uuid" }, "controlPlaneId"],
  ])("bad input %# -> ConfigError naming %s, with zero requests", async (input, field) => {
    const options = await setup();
    const error = await enableAwsVault({ ...options, ...input }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe(field);
    expect(sandbox.requests).toEqual([]);
  });

  it("a token that is not a Konnect token fails before any request", () => {
    expect(() => createKonnectClient({ token: "ghp_0123456789abcdefghijklmnopqrstuvwxyz", env: {} })).toThrow(ConfigError);
    expect(sandbox.requests).toEqual([]);
  });
});

describe("enableAwsVault under a control plane the same dry run would create", () => {
  it("plans the vault as a pending create, with no write", async () => {
    const cp = await ensureControlPlane({ konnect, name: "not-yet", dryRun: true });
    const plan = await enableAwsVault({ konnect, controlPlaneId: cp.controlPlane.id, region: "us-east-1", secretsManager: sm, secrets: { s1: "v" }, dryRun: true });
    expect(plan.changes.map((c) => [c.action, c.kind, c.pending])).toEqual([
      ["create", "konnect.vault", true],
      ["create", "aws.secret", true],
    ]);
    expect(sandbox.writes()).toEqual([]);
    await expect(enableAwsVault({ konnect, controlPlaneId: undefined, region: "us-east-1" })).rejects.toMatchObject({ field: "controlPlaneId" });
  });
});

describe("enableAwsVault against Secrets Manager's eventual consistency", () => {
  it("re-applied right after the first run (ListSecrets lagging), confirms the secrets and writes nothing", async () => {
    const options = await setup();
    await enableAwsVault(options);
    // no clock movement: the sandbox's ListSecrets still shows the state from before the first run
    sandbox.clearRequests();
    const again = await enableAwsVault(options);
    expect(again.changes.filter((c) => c.action !== "noop")).toEqual([]);
    expect(sandbox.writes()).toEqual([]);
  });

  it("treats ResourceExistsException on create as 'exists': reads the secret again and converges", async () => {
    const options = await setup({ secrets: { "payments/redis": secret(REDIS) } });
    // another run creates the secret between our reads and our write
    let raced = false;
    const racing = new Proxy(sm, {
      get(target, prop, receiver) {
        if (prop !== "send") return Reflect.get(target, prop, receiver);
        return async (command: { constructor: { name: string }; input: Record<string, unknown> }, ...rest: unknown[]) => {
          if (command.constructor.name === "CreateSecretCommand" && !raced) {
            raced = true;
            await target.send(new (command.constructor as new (i: unknown) => never)({ ...command.input, SecretString: "older-value" }));
          }
          return (target.send as (...a: unknown[]) => Promise<unknown>)(command, ...rest);
        };
      },
    });
    const res = await enableAwsVault({ ...options, secretsManager: racing });
    expect(res.changes.find((c) => c.kind === "aws.secret")).toMatchObject({ action: "create", id: expect.stringMatching(/^arn:aws:secretsmanager:us-east-1:/) });
    // the value converged to ours: the loser wrote a new version instead of failing
    const stored = sandbox.state.secretsManager.regions["us-east-1"]!.get("payments/redis")!;
    expect(stored.versions.find((v) => v.stages.includes("AWSCURRENT"))!.secretString).toBe(REDIS);
    expect(awsWrites()).toEqual(["CreateSecret", "CreateSecret", "PutSecretValue"]);
  });
});
