import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidRequestException,
  ListSecretsCommand,
  PutSecretValueCommand,
  ReplicateSecretToRegionsCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  RestoreSecretCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
  InvalidParameterException,
} from "@aws-sdk/client-secrets-manager";
import { beforeEach, describe, expect, it } from "vitest";
import { createSandbox } from "../../src/testing/index.js";
import { server } from "../setup.js";
import { secretsManager } from "./aws-clients.js";

const sandbox = createSandbox();
const sm = secretsManager();

beforeEach(() => {
  sandbox.reset();
  server.use(...sandbox.handlers);
});

describe("Secrets Manager fake, through @aws-sdk/client-secrets-manager", () => {
  it("creates, describes and reads a secret; a second create is ResourceExistsException", async () => {
    const created = await sm.send(new CreateSecretCommand({ Name: "prod/db", SecretString: '{"password":"s3cret"}', Tags: [{ Key: "ManagedBy", Value: "konnect-aws" }], KmsKeyId: "alias/app" }));
    expect(created.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:prod\/db-[A-Za-z0-9]{6}$/);
    const described = await sm.send(new DescribeSecretCommand({ SecretId: "prod/db" }));
    expect(described).toMatchObject({ Name: "prod/db", KmsKeyId: "alias/app", Tags: [{ Key: "ManagedBy", Value: "konnect-aws" }] });
    expect(described.CreatedDate).toBeInstanceOf(Date);
    expect(Object.values(described.VersionIdsToStages!)).toEqual([["AWSCURRENT"]]);
    const value = await sm.send(new GetSecretValueCommand({ SecretId: created.ARN }));
    expect(value.SecretString).toBe('{"password":"s3cret"}');
    await expect(sm.send(new CreateSecretCommand({ Name: "prod/db", SecretString: "x" }))).rejects.toBeInstanceOf(ResourceExistsException);
    expect(sandbox.writes("secretsmanager").map((r) => r.operation)).toEqual(["CreateSecret", "CreateSecret"]);
    expect(sandbox.requests.map((r) => r.operation)).toEqual(["CreateSecret", "DescribeSecret", "GetSecretValue", "CreateSecret"]);
  });

  it("returns up to 20 values in one BatchGetSecretValue, with per-secret errors", async () => {
    await sm.send(new CreateSecretCommand({ Name: "b1", SecretString: "one" }));
    await sm.send(new CreateSecretCommand({ Name: "b2" }));
    const out = await sm.send(new BatchGetSecretValueCommand({ SecretIdList: ["b1", "b2", "missing"] }));
    expect(out.SecretValues!.map((v) => [v.Name, v.SecretString])).toEqual([["b1", "one"]]);
    expect(out.Errors!.map((e) => [e.SecretId, e.ErrorCode])).toEqual([
      ["b2", "ResourceNotFoundException"],
      ["missing", "ResourceNotFoundException"],
    ]);
    // SecretIdListType has @length(max: 20) in the model: the framework refuses before the operation runs
    await expect(sm.send(new BatchGetSecretValueCommand({ SecretIdList: Array.from({ length: 21 }, (_, i) => `x${i}`) }))).rejects.toMatchObject({
      name: "ValidationException",
      message: `1 validation error detected: Value '[${Array.from({ length: 21 }, (_, i) => `x${i}`).join(", ")}]' at 'secretIdList' failed to satisfy constraint: Member must have length less than or equal to 20`,
    });
  });

  it("answers ResourceNotFoundException for a missing secret", async () => {
    const error = await sm.send(new DescribeSecretCommand({ SecretId: "nope" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as ResourceNotFoundException).message).toBe("Secrets Manager can't find the specified secret.");
    expect((error as ResourceNotFoundException).$metadata.httpStatusCode).toBe(400);
  });

  it("rotates stages on PutSecretValue and honours ClientRequestToken idempotency", async () => {
    await sm.send(new CreateSecretCommand({ Name: "token", SecretString: "v1" }));
    const token = "00000000-0000-4000-8000-000000000001";
    const put = await sm.send(new PutSecretValueCommand({ SecretId: "token", SecretString: "v2", ClientRequestToken: token }));
    const again = await sm.send(new PutSecretValueCommand({ SecretId: "token", SecretString: "v2", ClientRequestToken: token }));
    expect(again.VersionId).toBe(put.VersionId);
    await expect(sm.send(new PutSecretValueCommand({ SecretId: "token", SecretString: "v3", ClientRequestToken: token }))).rejects.toBeInstanceOf(ResourceExistsException);
    expect((await sm.send(new GetSecretValueCommand({ SecretId: "token" }))).SecretString).toBe("v2");
    expect((await sm.send(new GetSecretValueCommand({ SecretId: "token", VersionStage: "AWSPREVIOUS" }))).SecretString).toBe("v1");
  });

  it("updates description and value, tags and untags", async () => {
    await sm.send(new CreateSecretCommand({ Name: "app", SecretString: "a", Tags: [{ Key: "Env", Value: "dev" }] }));
    await sm.send(new UpdateSecretCommand({ SecretId: "app", Description: "the app", SecretString: "b" }));
    await sm.send(new TagResourceCommand({ SecretId: "app", Tags: [{ Key: "Env", Value: "prod" }, { Key: "Owner", Value: "team" }] }));
    await sm.send(new UntagResourceCommand({ SecretId: "app", TagKeys: ["Owner"] }));
    const d = await sm.send(new DescribeSecretCommand({ SecretId: "app" }));
    expect(d.Description).toBe("the app");
    expect(d.Tags).toEqual([{ Key: "Env", Value: "prod" }]);
    expect((await sm.send(new GetSecretValueCommand({ SecretId: "app" }))).SecretString).toBe("b");
  });

  it("lists with name and tag filters, paging with NextToken", async () => {
    for (const n of ["a/1", "a/2", "a/3", "b/1"]) await sm.send(new CreateSecretCommand({ Name: n, SecretString: "x", Tags: n === "a/2" ? [{ Key: "ManagedBy", Value: "konnect-aws" }] : [] }));
    sandbox.clock.advance(60_000); // ListSecrets lags behind writes (listSecretsLagMs)
    const first = await sm.send(new ListSecretsCommand({ Filters: [{ Key: "name", Values: ["a/"] }], MaxResults: 2 }));
    expect(first.SecretList!.map((s) => s.Name)).toEqual(["a/1", "a/2"]);
    const second = await sm.send(new ListSecretsCommand({ Filters: [{ Key: "name", Values: ["a/"] }], MaxResults: 2, NextToken: first.NextToken }));
    expect(second.SecretList!.map((s) => s.Name)).toEqual(["a/3"]);
    expect(second.NextToken).toBeUndefined();
    const tagged = await sm.send(new ListSecretsCommand({ Filters: [{ Key: "tag-key", Values: ["ManagedBy"] }, { Key: "tag-value", Values: ["konnect-aws"] }] }));
    expect(tagged.SecretList!.map((s) => s.Name)).toEqual(["a/2"]);
    await expect(sm.send(new ListSecretsCommand({ Filters: [{ Key: "bogus" as never, Values: ["x"] }] }))).rejects.toMatchObject({
      name: "ValidationException",
      message: expect.stringMatching(/^1 validation error detected: Value 'bogus' at 'filters\.1\.member\.key' failed to satisfy constraint: Member must satisfy enum value set: \[description, name, tag-key, tag-value, primary-region, owning-service, all\]$/),
    });
  });

  it("replicates to other regions; replicas follow the primary and refuse writes", async () => {
    await sm.send(new CreateSecretCommand({ Name: "shared", SecretString: "one" }));
    const rep = await sm.send(new ReplicateSecretToRegionsCommand({ SecretId: "shared", AddReplicaRegions: [{ Region: "eu-west-1", KmsKeyId: "alias/eu" }] }));
    expect(rep.ReplicationStatus).toEqual([{ Region: "eu-west-1", KmsKeyId: "alias/eu", Status: "InSync", StatusMessage: "Replication succeeded" }]);
    await sm.send(new PutSecretValueCommand({ SecretId: "shared", SecretString: "two" }));
    const eu = secretsManager("eu-west-1");
    const replica = await eu.send(new DescribeSecretCommand({ SecretId: "shared" }));
    expect(replica).toMatchObject({ PrimaryRegion: "us-east-1", KmsKeyId: "alias/eu" });
    expect(replica.ARN).toMatch(/^arn:aws:secretsmanager:eu-west-1:/);
    expect((await eu.send(new GetSecretValueCommand({ SecretId: "shared" }))).SecretString).toBe("two");
    await expect(eu.send(new PutSecretValueCommand({ SecretId: "shared", SecretString: "three" }))).rejects.toBeInstanceOf(InvalidRequestException);
    expect((await sm.send(new DescribeSecretCommand({ SecretId: "shared" }))).ReplicationStatus?.[0]?.Region).toBe("eu-west-1");
  });

  it("removes a region from replication, leaving a standalone secret there", async () => {
    const { RemoveRegionsFromReplicationCommand } = await import("@aws-sdk/client-secrets-manager");
    await sm.send(new CreateSecretCommand({ Name: "rep", SecretString: "v", AddReplicaRegions: [{ Region: "eu-west-1" }] }));
    const out = await sm.send(new RemoveRegionsFromReplicationCommand({ SecretId: "rep", RemoveReplicaRegions: ["eu-west-1"] }));
    expect(out.ReplicationStatus).toEqual([]);
    const eu = await secretsManager("eu-west-1").send(new DescribeSecretCommand({ SecretId: "rep" }));
    expect(eu.PrimaryRegion).toBeUndefined();
    await secretsManager("eu-west-1").send(new PutSecretValueCommand({ SecretId: "rep", SecretString: "now writable" }));
  });

  it("deletes with a recovery window, blocks reuse of the name, restores, and force-deletes", async () => {
    await sm.send(new CreateSecretCommand({ Name: "old", SecretString: "x" }));
    await expect(sm.send(new DeleteSecretCommand({ SecretId: "old", RecoveryWindowInDays: 3 }))).rejects.toBeInstanceOf(InvalidParameterException);
    const del = await sm.send(new DeleteSecretCommand({ SecretId: "old", RecoveryWindowInDays: 7 }));
    expect(del.DeletionDate!.getTime() - sandbox.clock.now()).toBe(7 * 86_400_000);
    await expect(sm.send(new GetSecretValueCommand({ SecretId: "old" }))).rejects.toBeInstanceOf(InvalidRequestException);
    await expect(sm.send(new CreateSecretCommand({ Name: "old", SecretString: "y" }))).rejects.toBeInstanceOf(InvalidRequestException);
    expect((await sm.send(new ListSecretsCommand({}))).SecretList).toEqual([]);
    await sm.send(new RestoreSecretCommand({ SecretId: "old" }));
    expect((await sm.send(new GetSecretValueCommand({ SecretId: "old" }))).SecretString).toBe("x");
    await sm.send(new DeleteSecretCommand({ SecretId: "old", ForceDeleteWithoutRecovery: true }));
    await expect(sm.send(new DescribeSecretCommand({ SecretId: "old" }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
