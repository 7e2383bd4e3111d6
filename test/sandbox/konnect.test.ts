import { beforeEach, describe, expect, it } from "vitest";
import { createKonnectClient, KonnectBadRequestError, KonnectConflictError, KonnectNotFoundError, KonnectUnauthorizedError } from "../../src/index.js";
import { createSandbox } from "../../src/testing/index.js";
import { server } from "../setup.js";

const sandbox = createSandbox();
const konnect = createKonnectClient({ token: sandbox.token, env: {}, retry: { baseDelayMs: 1 } });

beforeEach(() => {
  sandbox.reset();
  server.use(...sandbox.handlers);
});

async function newControlPlane(name = "prod") {
  const { data } = await konnect.api.POST("/v2/control-planes", { body: { name, labels: { env: "prod" } } });
  return data!;
}

describe("Konnect fake: control planes", () => {
  it("creates with server-filled defaults, RFC 3339 timestamps and uuid ids", async () => {
    const cp = await newControlPlane();
    expect(cp.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(cp.config.cluster_type).toBe("CLUSTER_TYPE_CONTROL_PLANE");
    expect(cp.config.control_plane_endpoint).toMatch(/^https:\/\/[0-9a-f]{10}\.us\.cp0\.konghq\.com$/); // 10 hex digits, as Kong's examples
    expect(new Date(cp.created_at).toISOString()).toBe(cp.created_at);
    expect(sandbox.requests.at(-1)).toMatchObject({ service: "konnect", operation: "POST /v2/control-planes", status: 201, write: true });
  });

  it("rejects a duplicate name with 409 problem+json", async () => {
    await newControlPlane();
    const error = await konnect.api.POST("/v2/control-planes", { body: { name: "prod" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KonnectConflictError);
    expect((error as KonnectConflictError).detail).toBe("Control Plane with provided name already exists.");
  });

  it("rejects bodies that break the spec or the label rules with 400 and invalid_parameters", async () => {
    const bad = await konnect.api.POST("/v2/control-planes", { body: { name: "x", cluster_type: "CLUSTER_TYPE_HYBRID" as never } }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(KonnectBadRequestError);
    const fields = (bad as KonnectBadRequestError).invalidParameters.map((p) => p.field).sort();
    expect(fields).toEqual(["cluster_type", "name"]);
    const label = await konnect.api.POST("/v2/control-planes", { body: { name: "prod", labels: { "konnect-owner": "me" } } }).catch((e: unknown) => e);
    expect((label as KonnectBadRequestError).invalidParameters[0]?.field).toBe("labels.konnect-owner");
  });

  it("filters by name and pages platform lists", async () => {
    for (const n of ["a-1", "a-2", "b-1"]) await newControlPlane(n);
    const { data } = await konnect.api.GET("/v2/control-planes", { params: { query: { filter: { name: { contains: "a-" } }, "page[size]": 1, "page[number]": 2 } } });
    expect(data!.meta.page).toEqual({ number: 2, size: 1, total: 2 });
    expect(data!.data.map((c) => c.name)).toEqual(["a-2"]);
    expect((await konnect.collect("/v2/control-planes")).map((c) => c.name)).toEqual(["a-1", "a-2", "b-1"]);
  });

  it("keeps a control plane in its region only", async () => {
    const cp = await newControlPlane();
    const eu = createKonnectClient({ token: sandbox.token, env: {}, region: "eu" });
    await expect(eu.api.GET("/v2/control-planes/{controlPlaneId}", { params: { path: { controlPlaneId: cp.id } } })).rejects.toBeInstanceOf(KonnectNotFoundError);
  });

  it("refuses a missing or malformed token with 401", async () => {
    const noAuth = await fetch("https://us.api.konghq.com/v2/control-planes");
    expect(noAuth.status).toBe(401);
    expect(await noAuth.json()).toMatchObject({ status: 401, title: "Unauthorized" });
    const cp = await newControlPlane();
    const core = await fetch(`https://us.api.konghq.com/v2/control-planes/${cp.id}/core-entities/vaults`, { headers: { Authorization: "Bearer nope" } });
    expect(core.status).toBe(401);
    expect(await core.json()).toEqual({ message: "Unauthorized", status: 401 });
  });
});

describe("Konnect fake: core entities", () => {
  it("fills server defaults and rejects a plugin config field of the wrong type with a koko 400", async () => {
    const cp = await newControlPlane();
    const path = { controlPlaneId: cp.id };
    const { data: vault } = await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/vaults", {
      params: { path },
      body: { name: "aws", prefix: "aws-sm-us-east-1", config: { region: "us-east-1" } },
    });
    expect(vault!.config).toEqual({ region: "us-east-1", role_session_name: "KongVault" });
    expect(typeof vault!.created_at).toBe("number");

    const error = await konnect.api
      .POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", {
        params: { path },
        body: { name: "rate-limiting-advanced", config: { limit: [10], window_size: [60], strategy: "redis", redis: { host: "r", port: "6379" } } },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KonnectBadRequestError);
    // Kong's message (kong/db/schema/init.lua validation_errors.INTEGER), as koko passes it on
    expect((error as KonnectBadRequestError).invalidParameters).toEqual([{ field: "config.redis.port", rule: "ERROR_TYPE_FIELD", reason: "expected an integer" }]);

    const { data: plugin } = await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", {
      params: { path },
      body: { name: "rate-limiting-advanced", config: { limit: [10], window_size: [60] } },
    });
    expect(plugin).toMatchObject({ enabled: true, protocols: ["grpc", "grpcs", "http", "https"], service: null, route: null, consumer: null });
    expect(plugin!.config).toMatchObject({ window_type: "sliding", strategy: "local", error_code: 429 });
    expect(String((plugin!.config as { namespace?: string }).namespace)).toHaveLength(32);
  });

  it("enforces uniqueness with koko's 400 data constraint error (vault prefix, plugin per scope, consumer username)", async () => {
    const cp = await newControlPlane();
    const params = { path: { controlPlaneId: cp.id } };
    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/vaults", { params, body: { name: "aws", prefix: "aws-sm" } });
    const vault = await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/vaults", { params, body: { name: "env", prefix: "aws-sm" } }).catch((e: unknown) => e);
    expect(vault).toMatchObject({ status: 400, conflict: true });
    expect((vault as Error).message).toContain("prefix (type: unique) constraint failed for value 'aws-sm'");

    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", { params, body: { name: "jwt" } });
    const plugin = await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", { params, body: { name: "jwt" } }).catch((e: unknown) => e);
    expect(plugin).toMatchObject({ status: 400, conflict: true });
    expect((plugin as Error).message).toContain("unique-plugin-per-entity");

    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/consumers", { params, body: { username: "cognito" } });
    const consumer = await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/consumers", { params, body: { username: "cognito" } }).catch((e: unknown) => e);
    expect(consumer).toMatchObject({ status: 400, conflict: true });
  });

  it("PUT creates or fully replaces, DELETE answers 204 even when missing, GET by prefix works", async () => {
    const cp = await newControlPlane();
    const id = "0f0e0d0c-0b0a-4908-8706-050403020100";
    const path = { controlPlaneId: cp.id, VaultId: id };
    await konnect.api.PUT("/v2/control-planes/{controlPlaneId}/core-entities/vaults/{VaultId}", { params: { path }, body: { name: "aws", prefix: "aws-sm", description: "one", tags: ["a"] } });
    const { data } = await konnect.api.PUT("/v2/control-planes/{controlPlaneId}/core-entities/vaults/{VaultId}", { params: { path }, body: { name: "aws", prefix: "aws-sm" } });
    expect(data).toMatchObject({ id, description: null, tags: null });
    const byPrefix = await konnect.api.GET("/v2/control-planes/{controlPlaneId}/core-entities/vaults/{VaultId}", { params: { path: { controlPlaneId: cp.id, VaultId: "aws-sm" } } });
    expect(byPrefix.data!.id).toBe(id);
    const del = await konnect.api.DELETE("/v2/control-planes/{controlPlaneId}/core-entities/vaults/{VaultId}", { params: { path } });
    expect(del.response.status).toBe(204);
    const again = await konnect.api.DELETE("/v2/control-planes/{controlPlaneId}/core-entities/vaults/{VaultId}", { params: { path } });
    expect(again.response.status).toBe(204);
  });

  it("pages core entities by offset and filters by tags", async () => {
    const cp = await newControlPlane();
    const record = sandbox.state.konnect.regions.us!.get(cp.id)!;
    for (let i = 0; i < 2500; i++) {
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
      record.entities.consumers.set(id, { id, username: `u${i}`, custom_id: null, tags: i % 2 ? ["odd"] : ["even"], created_at: 1, updated_at: 1 });
    }
    sandbox.clearRequests();
    const odd = await konnect.collect("/v2/control-planes/{controlPlaneId}/core-entities/consumers", { params: { path: { controlPlaneId: cp.id }, query: { tags: "odd" } } });
    expect(odd).toHaveLength(1250);
    expect(sandbox.requests).toHaveLength(2); // 1000 + 250
    const all = await konnect.collect("/v2/control-planes/{controlPlaneId}/core-entities/consumers", { params: { path: { controlPlaneId: cp.id } } });
    expect(all).toHaveLength(2500);
    expect(sandbox.requests).toHaveLength(5);
  });

  it("nests plugins under a service and cascades their delete", async () => {
    const cp = await newControlPlane();
    const p = { controlPlaneId: cp.id };
    const { data: svc } = await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/services", { params: { path: p }, body: { name: "orders", protocol: "https", host: "orders.internal", port: 8443, path: "/v1" } });
    expect(svc).toMatchObject({ protocol: "https", host: "orders.internal", port: 8443, path: "/v1" });
    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/services/{ServiceId}/plugins", { params: { path: { ...p, ServiceId: "orders" } }, body: { name: "jwt" } });
    const scoped = await konnect.collect("/v2/control-planes/{controlPlaneId}/core-entities/services/{ServiceId}/plugins", { params: { path: { ...p, ServiceId: svc!.id! } } });
    expect(scoped.map((x) => [x.name, x.service?.id])).toEqual([["jwt", svc!.id]]);
    await konnect.api.DELETE("/v2/control-planes/{controlPlaneId}/core-entities/services/{ServiceId}", { params: { path: { ...p, ServiceId: svc!.id! } } });
    expect(sandbox.state.konnect.regions.us!.get(cp.id)!.entities.plugins.size).toBe(0);
  });
});

describe("Konnect fake: cloud gateways and identity", () => {
  it("moves a network from initializing to ready on the sandbox clock", async () => {
    sandbox.clock.autoAdvance = false;
    const [account] = await konnect.collect("/v2/cloud-gateways/provider-accounts");
    const { data: net } = await konnect.api.POST("/v2/cloud-gateways/networks", {
      body: { name: "net", cloud_gateway_provider_account_id: account!.id, region: "us-east-2", availability_zones: ["use2-az1", "use2-az2"], cidr_block: "10.0.0.0/16" },
    });
    expect(net!.state).toBe("initializing");
    sandbox.clock.advance(29 * 60_000);
    const early = await konnect.api.GET("/v2/cloud-gateways/networks/{networkId}", { params: { path: { networkId: net!.id } } });
    expect(early.data!.state).toBe("initializing");
    sandbox.clock.advance(60_000);
    const later = await konnect.api.GET("/v2/cloud-gateways/networks/{networkId}", { params: { path: { networkId: net!.id } } });
    expect(later.data!.state).toBe("ready");
    expect(sandbox.requests.filter((r) => r.operation.startsWith("GET /v2/cloud-gateways")).every((r) => r.url.startsWith("https://global.api.konghq.com/"))).toBe(true);
  });

  it("moves a polled network to ready by itself: the second read sees it ready, no clock handling", async () => {
    const [account] = await konnect.collect("/v2/cloud-gateways/provider-accounts");
    const { data: net } = await konnect.api.POST("/v2/cloud-gateways/networks", {
      body: { name: "net", cloud_gateway_provider_account_id: account!.id, region: "us-east-2", availability_zones: ["use2-az1", "use2-az2"], cidr_block: "10.0.0.0/16" },
    });
    const get = async () => (await konnect.api.GET("/v2/cloud-gateways/networks/{networkId}", { params: { path: { networkId: net!.id } } })).data!.state;
    const start = sandbox.clock.now();
    expect([await get(), await get(), await get()]).toEqual(["initializing", "ready", "ready"]);
    // virtual time moved by the provisioning time (30 minutes), not more
    expect(sandbox.clock.now() - start).toBe(30 * 60_000);
  });

  it("answers an identical configuration PUT with 409, as Konnect does", async () => {
    const cp = await newControlPlane();
    const body = { control_plane_id: cp.id, control_plane_geo: "us" as const, kind: "serverless.v1" as const, dataplane_groups: [{ provider: "aws" as const, region: "us-east-2" }] };
    const first = await konnect.api.PUT("/v2/cloud-gateways/configurations", { body });
    expect(first.response.status).toBe(200);
    const second = await konnect.api.PUT("/v2/cloud-gateways/configurations", { body }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(KonnectConflictError);
    expect((second as KonnectConflictError).detail).toContain("identical");
  });

  it("answers organizations/me for any token and refuses users/me to system accounts", async () => {
    const org = await konnect.checkToken();
    expect(org.name).toBe("Sandbox Org");
    const spat = createKonnectClient({ token: "spat_12345678901234567890123456789012345678901234567890", env: {} });
    await expect(spat.api.GET("/v3/users/me")).rejects.toBeInstanceOf(KonnectUnauthorizedError);
    await expect(spat.checkToken()).resolves.toMatchObject({ name: "Sandbox Org" });
  });
});
