import { describe, expect, it } from "vitest";
import { ConfigError, vaultReference } from "../../src/index.js";
import { kongParseReference } from "./kong-reference-parser.js";

describe("the Kong parser used by these tests agrees with Kong's documented cases (konnect-api-notes §11)", () => {
  it.each([
    ["{vault://aws-sm/my-secret/token}", "my-secret", "token"],
    ["{vault://aws-sm/my-secret}", "my-secret", undefined],
    ["{vault://aws-sm/prod/app/db/password}", "prod/app/db", "password"],
    ["{vault://aws-sm/prod/app/token/}", "prod/app/token", undefined],
    ["{vault://aws-sm/prod%2Fapp%2Ftoken}", "prod/app/token", undefined],
    ["{vault://aws-sm/%2Fsecret/key}", "/secret", "key"],
    ["{vault://aws-sm/secret/path/%2Faaa/key}", "secret/path//aaa", "key"],
    ["{vault://aws-sm/a//b/c}", "a/b", "c"],
    ["{vault://aws-sm/svc+x/k}", "svc x", "k"],
    ["{vault://aws-sm/svc%252Bx/k}", "svc+x", "k"],
    ["{vault://aws-sm/a;b/k}", "a", undefined],
  ])("%s -> %s / %s", (reference, resource, key) => {
    const parsed = kongParseReference(reference);
    expect(parsed.resource).toBe(resource);
    expect(parsed.key).toBe(key);
  });

  it("reads the version and the query", () => {
    expect(kongParseReference("{vault://aws-sm/s/k?region=eu-west-1#2}")).toEqual({ host: "aws-sm", resource: "s", key: "k", version: 2, query: "region=eu-west-1" });
  });
});

describe("vaultReference", () => {
  it("builds the plain forms Kong's docs show", () => {
    expect(vaultReference({ prefix: "aws-sm", name: "my-secret" })).toBe("{vault://aws-sm/my-secret}");
    expect(vaultReference({ prefix: "aws-sm", name: "my-secret", key: "token" })).toBe("{vault://aws-sm/my-secret/token}");
    expect(vaultReference({ prefix: "aws-sm", name: "s", key: "k", version: 2 })).toBe("{vault://aws-sm/s/k#2}");
  });

  it("encodes slashes in names so the whole name stays the resource", () => {
    expect(vaultReference({ prefix: "aws-sm", name: "prod/app/db", key: "password" })).toBe("{vault://aws-sm/prod%252Fapp%252Fdb/password}");
  });

  const awkward = ["prod/app/db", "svc+x", "100%", "a b", "x;y", "q?r", "h#1", "/lead", "trail/", "a//b", "ünï", "key=v@x.y", "%2F"];
  it.each(awkward)("round-trips the name %j through Kong's parser (with and without a key, on every version)", (name) => {
    for (const key of [undefined, "pass word", "k/1", "a+b", "%"]) {
      for (const version of [undefined, 1, 2]) {
        const parsed = kongParseReference(vaultReference({ prefix: "aws-sm-us-east-1", name, ...(key ? { key } : {}), ...(version ? { version } : {}) }));
        expect(parsed).toEqual({ host: "aws-sm-us-east-1", resource: name, ...(key ? { key } : {}), ...(version ? { version } : {}) });
      }
    }
  });

  it.each([
    [{ prefix: "AWS", name: "x" }, "prefix"],
    [{ prefix: "aws_sm", name: "x" }, "prefix"],
    [{ prefix: "aws-", name: "x" }, "prefix"],
    [{ prefix: "aws-sm", name: "" }, "name"],
    [{ prefix: "aws-sm", name: "x", key: "" }, "key"],
    [{ prefix: "aws-sm", name: "x", version: 0 }, "version"],
  ])("rejects %j naming %s", (parts, field) => {
    let error: unknown;
    try {
      vaultReference(parts);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe(field);
  });
});
