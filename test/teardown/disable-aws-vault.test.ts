import { CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "vitest";
import { disableAwsVault, enableAwsVault, ensureControlPlane, secret, type DisableAwsVaultOptions } from "../../src/index.js";
import { useSandbox, writeOps } from "../use-sandbox.js";

const { sandbox, konnect, secretsManager } = useSandbox();
const sm = secretsManager("us-east-1");

async function setup(extra: Partial<DisableAwsVaultOptions> = {}): Promise<DisableAwsVaultOptions> {
  const { controlPlane } = await ensureControlPlane({ konnect, name: "vault-teardown" });
  sandbox.clearRequests();
  return { konnect, controlPlaneId: controlPlane.id!, region: "us-east-1", secrets: { "app/redis": secret("r-1"), "app/db": { password: "p-1" } }, secretsManager: sm, ...extra };
}

/** The state a vault operation can touch: the control plane's vaults and plugins, and the secrets. */
const state = (cpId: string) =>
  JSON.stringify({
    vaults: [...sandbox.state.konnect.regions.us!.get(cpId)!.entities.vaults.values()],
    plugins: [...sandbox.state.konnect.regions.us!.get(cpId)!.entities.plugins.values()],
    secrets: [...(sandbox.state.secretsManager.regions["us-east-1"]?.values() ?? [])],
  });

describe("disableAwsVault", () => {
  it("removes exactly what enableAwsVault created: apply then teardown gives back the starting state", async () => {
    const options = await setup({ forceDeleteWithoutRecovery: true });
    const before = state(options.controlPlaneId!);
    await enableAwsVault(options);
    const res = await disableAwsVault(options);
    expect(res.changes.map((c) => [c.action, c.kind, c.key])).toEqual([
      ["delete", "aws.secret", "app/db"],
      ["delete", "aws.secret", "app/redis"],
      ["delete", "konnect.vault", "aws-sm-us-east-1"],
    ]);
    expect(res.kept).toEqual([]);
    expect(state(options.controlPlaneId!)).toBe(before);
    // twice: nothing left to do
    sandbox.clearRequests();
    const again = await disableAwsVault(options);
    expect(again.changes).toEqual([]);
    expect(sandbox.writes()).toEqual([]);
  });

  it("deletes secrets with a 30-day recovery window by default, never forced", async () => {
    const options = await setup();
    await enableAwsVault(options);
    sandbox.clearRequests();
    await disableAwsVault(options);
    const s = sandbox.state.secretsManager.regions["us-east-1"]!.get("app/redis")!;
    expect(s.deletedAt).toBeDefined();
    expect(writeOps(sandbox, "secretsmanager")).toEqual(["DeleteSecret", "DeleteSecret"]);
    // a second teardown leaves secrets already scheduled for deletion alone
    sandbox.clearRequests();
    await disableAwsVault(options);
    expect(sandbox.writes()).toEqual([]);
    // and enableAwsVault restores them
    const back = await enableAwsVault(options);
    expect(back.changes.filter((c) => c.kind === "aws.secret").map((c) => c.diff[0])).toEqual([
      { path: "deleted", before: true, after: false },
      { path: "deleted", before: true, after: false },
    ]);
  });

  it("a dry run writes nothing and lists what it would delete", async () => {
    const options = await setup();
    await enableAwsVault(options);
    sandbox.clearRequests();
    const plan = await disableAwsVault({ ...options, dryRun: true });
    expect(plan.changes.map((c) => c.action)).toEqual(["delete", "delete", "delete"]);
    expect(sandbox.writes()).toEqual([]);
  });

  it("leaves hand-made objects of the same names alone, listing them as kept", async () => {
    const options = await setup();
    await sm.send(new CreateSecretCommand({ Name: "app/redis", SecretString: "theirs" }));
    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/vaults", { params: { path: { controlPlaneId: options.controlPlaneId! } }, body: { name: "aws", prefix: "aws-sm-us-east-1", config: { region: "us-east-1" } } });
    sandbox.clearRequests();
    const res = await disableAwsVault(options);
    expect(sandbox.writes()).toEqual([]);
    expect(res.kept.map((k) => [k.kind, k.key])).toEqual([
      ["aws.secret", "app/redis"],
      ["konnect.vault", "aws-sm-us-east-1"],
    ]);
    expect(res.kept[0]!.reason).toContain("konnect-aws did not create it");
  });

  it("keeps the vault and a secret while a remaining plugin references them, and removes them once it is gone", async () => {
    const options = await setup({ forceDeleteWithoutRecovery: true });
    const { references } = await enableAwsVault(options);
    const { data: plugin } = await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", {
      params: { path: { controlPlaneId: options.controlPlaneId! } },
      body: { name: "rate-limiting", config: { minute: 10, policy: "redis", redis: { host: "r.example.com", password: references["app/redis"] as string } } },
    });
    const res = await disableAwsVault(options);
    expect(res.changes.map((c) => `${c.kind} ${c.key}`)).toEqual(["aws.secret app/db"]);
    expect(res.kept.map((k) => `${k.kind} ${k.key}`)).toEqual(["aws.secret app/redis", "konnect.vault aws-sm-us-east-1"]);
    expect(res.kept[1]!.reason).toContain(`plugin rate-limiting ${plugin!.id}`);
    await konnect.api.DELETE("/v2/control-planes/{controlPlaneId}/core-entities/plugins/{PluginId}", { params: { path: { controlPlaneId: options.controlPlaneId!, PluginId: plugin!.id! } } });
    const rest = await disableAwsVault(options);
    expect(rest.changes.map((c) => `${c.kind} ${c.key}`)).toEqual(["aws.secret app/redis", "konnect.vault aws-sm-us-east-1"]);
    expect(rest.kept).toEqual([]);
  });

  it("refuses bad teardown options before any request", async () => {
    const options = await setup();
    for (const bad of [{ recoveryWindowInDays: 3 }, { recoveryWindowInDays: 7, forceDeleteWithoutRecovery: true }, { keepSecrets: "yes" as never }]) {
      await expect(disableAwsVault({ ...options, ...bad })).rejects.toMatchObject({ name: "ConfigError" });
    }
    expect(sandbox.requests).toEqual([]);
  });
});
