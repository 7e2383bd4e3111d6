// ListSecrets is eventually consistent ("ListSecrets might not reflect changes from the last five
// minutes", Secrets Manager API reference): the fake lists each secret as it was `listSecretsLagMs` ago on
// the sandbox clock, while DescribeSecret, GetSecretValue and BatchGetSecretValue by ids are immediate.
import { BatchGetSecretValueCommand, CreateSecretCommand, DeleteSecretCommand, DescribeSecretCommand, ListSecretsCommand, TagResourceCommand } from "@aws-sdk/client-secrets-manager";
import { beforeEach, describe, expect, it } from "vitest";
import { createSandbox, type SandboxOptions } from "../../src/testing/index.js";
import { server } from "../setup.js";
import { secretsManager } from "./aws-clients.js";

const sm = secretsManager();
const names = async (filters?: Array<{ Key: "name" | "tag-key"; Values: string[] }>, includeDeleted = false) =>
  ((await sm.send(new ListSecretsCommand({ ...(filters ? { Filters: filters } : {}), IncludePlannedDeletion: includeDeleted }))).SecretList ?? []).map((s) => s.Name);

function sandboxWith(options: SandboxOptions = {}) {
  const sandbox = createSandbox(options);
  beforeEach(() => {
    sandbox.reset();
    server.use(...sandbox.handlers);
  });
  return sandbox;
}

describe("ListSecrets lag (default 60 s of sandbox time)", () => {
  const sandbox = sandboxWith();

  it("does not list a secret created now; lists it once the lag has passed; DescribeSecret sees it at once", async () => {
    await sm.send(new CreateSecretCommand({ Name: "app/new", SecretString: "v" }));
    expect(await names()).toEqual([]);
    expect((await sm.send(new DescribeSecretCommand({ SecretId: "app/new" }))).Name).toBe("app/new");
    expect((await sm.send(new BatchGetSecretValueCommand({ SecretIdList: ["app/new"] }))).SecretValues!.map((v) => v.SecretString)).toEqual(["v"]);
    // BatchGetSecretValue with Filters lists, so it lags too
    expect((await sm.send(new BatchGetSecretValueCommand({ Filters: [{ Key: "name", Values: ["app/"] }] }))).SecretValues).toEqual([]);
    sandbox.clock.advance(59_999);
    expect(await names()).toEqual([]);
    sandbox.clock.advance(1);
    expect(await names()).toEqual(["app/new"]);
    expect((await sm.send(new BatchGetSecretValueCommand({ Filters: [{ Key: "name", Values: ["app/"] }] }))).SecretValues!.map((v) => v.Name)).toEqual(["app/new"]);
  });

  it("shows tag changes and deletions only after the lag", async () => {
    await sm.send(new CreateSecretCommand({ Name: "a", SecretString: "v" }));
    await sm.send(new CreateSecretCommand({ Name: "b", SecretString: "v" }));
    sandbox.clock.advance(60_000);
    await sm.send(new TagResourceCommand({ SecretId: "a", Tags: [{ Key: "ManagedBy", Value: "konnect-aws" }] }));
    await sm.send(new DeleteSecretCommand({ SecretId: "b", ForceDeleteWithoutRecovery: true }));
    expect(await names([{ Key: "tag-key", Values: ["ManagedBy"] }])).toEqual([]);
    expect(await names()).toEqual(["a", "b"]);
    expect((await sm.send(new DescribeSecretCommand({ SecretId: "a" }))).Tags).toEqual([{ Key: "ManagedBy", Value: "konnect-aws" }]);
    sandbox.clock.advance(60_000);
    expect(await names([{ Key: "tag-key", Values: ["ManagedBy"] }])).toEqual(["a"]);
    expect(await names()).toEqual(["a"]);
  });

  it("shows a scheduled deletion late: still listed, then listed only with IncludePlannedDeletion", async () => {
    await sm.send(new CreateSecretCommand({ Name: "old", SecretString: "v" }));
    sandbox.clock.advance(60_000);
    await sm.send(new DeleteSecretCommand({ SecretId: "old", RecoveryWindowInDays: 7 }));
    expect(await names()).toEqual(["old"]);
    sandbox.clock.advance(60_000);
    expect(await names()).toEqual([]);
    expect(await names(undefined, true)).toEqual(["old"]);
  });

  it("lists secrets seeded straight into the state at once (they are as old as you like)", async () => {
    await sm.send(new CreateSecretCommand({ Name: "template", SecretString: "v" }));
    const record = structuredClone(sandbox.state.secretsManager.regions["us-east-1"]!.get("template")!);
    sandbox.state.secretsManager.regions["us-east-1"]!.set("seeded", { ...record, name: "seeded", arn: record.arn.replace("template", "seeded") });
    expect(await names()).toEqual(["seeded"]);
  });
});

describe("ListSecrets lag, configured", () => {
  const sandbox = sandboxWith({ listSecretsLagMs: 0 });

  it("listSecretsLagMs: 0 lists every write at once", async () => {
    await sm.send(new CreateSecretCommand({ Name: "now", SecretString: "v" }));
    expect(await names()).toEqual(["now"]);
    expect(sandbox.clock.now()).toBe(Date.UTC(2026, 0, 1));
  });
});
