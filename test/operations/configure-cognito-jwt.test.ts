import { describe, expect, it } from "vitest";
import { ConfigError, configureCognitoJwt, ensureControlPlane, type ConfigureCognitoJwtOptions } from "../../src/index.js";
import { kongSchemaErrors, referenceDir } from "../reference-dir.js";
import { useSandbox, writeOps } from "../use-sandbox.js";
import { kongJwtAccepts } from "./jwt-verify.js";

const { sandbox, konnect } = useSandbox();
const POOL = "us-east-1_AbCdEf123";

async function setup(extra: Partial<ConfigureCognitoJwtOptions> = {}): Promise<ConfigureCognitoJwtOptions> {
  const { controlPlane } = await ensureControlPlane({ konnect, name: "cognito-prod" });
  sandbox.clearRequests();
  return { konnect, controlPlaneId: controlPlane.id!, userPoolId: POOL, ...extra };
}
const entities = (cpId: string) => sandbox.state.konnect.regions.us!.get(cpId)!.entities;

describe("configureCognitoJwt: openid-connect", () => {
  it("validates bearer access tokens against the pool, with client_id as audience and token_use checked", async () => {
    const options = await setup({ clientIds: ["3n4b5urk1ft4fl3mg5e62d9ado"], requiredScopes: ["orders/read", "orders/write"] });
    const res = await configureCognitoJwt(options);
    expect(res.issuer).toBe("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123");
    const [plugin] = [...entities(options.controlPlaneId).plugins.values()];
    expect(plugin).toMatchObject({ name: "openid-connect", service: null, route: null });
    expect(plugin!.config).toMatchObject({
      issuer: res.issuer,
      auth_methods: ["bearer"],
      audience_claim: ["client_id"],
      audience_required: ["3n4b5urk1ft4fl3mg5e62d9ado"],
      scopes_claim: ["scope"],
      scopes_required: ["orders/read orders/write"],
      roles_claim: ["token_use"],
      roles_required: ["access"],
    });
    if (referenceDir) expect(kongSchemaErrors("OpenidConnect.json", plugin!)).toEqual([]);
    sandbox.clearRequests();
    const again = await configureCognitoJwt(options);
    expect(again.changes.filter((c) => c.action !== "noop")).toEqual([]);
    expect(sandbox.writes()).toEqual([]);
  });

  it("uses aud for ID tokens, and applies to a route given by name", async () => {
    const options = await setup({ tokenType: "id", clientIds: ["abc123"] });
    const { data: route } = await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/routes", { params: { path: { controlPlaneId: options.controlPlaneId } }, body: { name: "orders", paths: ["/orders"] } });
    await configureCognitoJwt({ ...options, scope: { route: "orders" } });
    const [plugin] = [...entities(options.controlPlaneId).plugins.values()];
    expect(plugin!.route).toEqual({ id: route!.id });
    expect(plugin!.config).toMatchObject({ audience_claim: ["aud"], roles_required: ["id"] });
  });
});

describe("configureCognitoJwt: jwt (open-source plugin)", () => {
  it("keeps one RS256 credential per JWKS key, whose PEM verifies the pool's real tokens", async () => {
    const options = await setup({ mode: "jwt" });
    const res = await configureCognitoJwt(options);
    const pool = sandbox.cognito.pool(POOL);
    expect(res.changes.map((c) => [c.action, c.kind])).toEqual([
      ["create", "konnect.consumer"],
      ["create", "konnect.jwt-credential"],
      ["create", "konnect.jwt-credential"],
      ["create", "konnect.plugin"],
    ]);
    const creds = [...entities(options.controlPlaneId).jwts.values()];
    expect(creds.map((c) => c.key).sort()).toEqual(pool.keys.map((k) => k.kid).sort());
    expect(res.credentials!.map((c) => c.key).sort()).toEqual(pool.keys.map((k) => k.kid).sort());
    const [plugin] = [...entities(options.controlPlaneId).plugins.values()];
    expect(plugin!.config).toMatchObject({ key_claim_name: "kid", claims_to_verify: ["exp"] });
    if (referenceDir) expect(kongSchemaErrors("Jwt.json", plugin!)).toEqual([]);

    const now = Math.floor(sandbox.clock.now() / 1000);
    const token = sandbox.cognito.signToken(POOL, { tokenUse: "access", clientId: "abc" });
    expect(kongJwtAccepts(token, creds as never, "kid", now)).toBe(true);
    const forged = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(kongJwtAccepts(forged, creds as never, "kid", now)).toBe(false);

    sandbox.clearRequests();
    await configureCognitoJwt(options);
    expect(sandbox.writes()).toEqual([]);
  });

  it("after a key rotation, adds one credential and deletes one, nothing else", async () => {
    const options = await setup({ mode: "jwt" });
    await configureCognitoJwt(options);
    const before = sandbox.cognito.signToken(POOL, { tokenUse: "id", clientId: "abc" });
    const { removedKid, addedKid } = sandbox.cognito.rotateKey(POOL, 0);
    sandbox.clearRequests();
    const res = await configureCognitoJwt(options);
    expect(res.changes.filter((c) => c.action !== "noop").map((c) => [c.action, c.kind, c.key])).toEqual([
      ["create", "konnect.jwt-credential", addedKid],
      ["delete", "konnect.jwt-credential", removedKid],
    ]);
    expect(writeOps(sandbox).sort()).toEqual([
      "DELETE /v2/control-planes/{controlPlaneId}/core-entities/consumers/{ConsumerIdForNestedEntities}/jwt/{JWTId}",
      "PUT /v2/control-planes/{controlPlaneId}/core-entities/consumers/{ConsumerIdForNestedEntities}/jwt/{JWTId}",
    ]);
    const creds = [...entities(options.controlPlaneId).jwts.values()];
    const now = Math.floor(sandbox.clock.now() / 1000);
    expect(kongJwtAccepts(before, creds as never, "kid", now)).toBe(false); // signed with the retired key
    expect(kongJwtAccepts(sandbox.cognito.signToken(POOL, { tokenUse: "id", clientId: "abc" }), creds as never, "kid", now)).toBe(true);
  });

  it("deletes only its own stale credentials: one added by hand to the consumer stays", async () => {
    const options = await setup({ mode: "jwt" });
    const { consumer } = await configureCognitoJwt(options);
    const nested = { params: { path: { controlPlaneId: options.controlPlaneId, ConsumerIdForNestedEntities: consumer!.id! } } };
    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/consumers/{ConsumerIdForNestedEntities}/jwt", { ...nested, body: { key: "their-key" } });
    const { removedKid } = sandbox.cognito.rotateKey(POOL, 0);
    const res = await configureCognitoJwt(options);
    expect(res.changes.filter((c) => c.action === "delete").map((c) => c.key)).toEqual([removedKid]);
    expect([...entities(options.controlPlaneId).jwts.values()].map((c) => c.key)).toContain("their-key");
  });
});

describe("configureCognitoJwt: bad input", () => {
  it.each([
    [{ userPoolId: "not-a-pool" }, "userPoolId"],
    [{ userPoolId: "us-east-1_Abc", region: "eu-west-1" }, "region"],
    [{ mode: "jwt" as const, requiredScopes: ["a"] }, "requiredScopes"],
    // jwt mode accepts ID and access tokens of every app client: options it cannot honour are refused
    [{ mode: "jwt" as const, clientIds: ["abc123"] }, "clientIds"],
    [{ mode: "jwt" as const, tokenType: "access" as const }, "tokenType"],
    [{ mode: "jwt" as const, tokenType: "id" as const }, "tokenType"],
    // Cognito sets no nbf: verifying it would reject every token
    [{ mode: "jwt" as const, verifyNbf: true }, "verifyNbf"],
    [{ verifyNbf: "yes" as never }, "verifyNbf"],
    [{ tokenType: "refresh" as never }, "tokenType"],
    [{ requiredScopes: ["two words"] }, "requiredScopes[0]"],
    [{ scope: { consumer: "x" } as never }, "scope.consumer"],
    [{ clientIds: ["bad id!"] }, "clientIds[0]"],
  ])("%j -> ConfigError naming %s, zero requests", async (input, field) => {
    const options = await setup();
    const error = await configureCognitoJwt({ ...options, ...input }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe(field);
    expect(sandbox.requests).toEqual([]);
  });
});

describe("configureCognitoJwt: fetching the pool's keys", () => {
  const flaky = (failures: Array<number | "drop">) => {
    let n = 0;
    const fetchImpl: typeof fetch = async (input, init) => {
      const f = failures[n++];
      if (f === "drop") throw new TypeError("fetch failed", { cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) });
      if (typeof f === "number") return new Response("{}", { status: f });
      return fetch(input, init);
    };
    return { fetchImpl, calls: () => n };
  };

  it("retries a 429, a 5xx or a dropped connection, then succeeds", async () => {
    const options = await setup({ mode: "jwt" });
    const { fetchImpl, calls } = flaky([503, "drop"]);
    const res = await configureCognitoJwt({ ...options, fetch: fetchImpl });
    expect(res.credentials!.length).toBeGreaterThan(0);
    expect(calls()).toBe(3);
  });

  it("says 'does not exist' only on 400/404, and reports lasting transient failures as such", async () => {
    const { fetchJwks } = await import("../../src/operations/cognito.js");
    const url = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123/.well-known/jwks.json";
    await expect(fetchJwks(url, flaky([404]).fetchImpl, undefined, [1, 1])).rejects.toMatchObject({ name: "ConfigError", field: "userPoolId", message: expect.stringContaining("does not exist") });
    const lasting = await fetchJwks(url, flaky([429, 500, 502]).fetchImpl, undefined, [1, 1]).catch((e: unknown) => e);
    expect(lasting).toMatchObject({ name: "AwsStepError" });
    expect(String((lasting as Error).message)).not.toContain("does not exist");
  });
});
