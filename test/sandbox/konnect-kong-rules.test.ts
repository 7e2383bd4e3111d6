// The Konnect fake applies Kong's own rules where the spec subset cannot: the service `url` shorthand
// (Kong kong/db/schema/entities/services.lua) and each plugin's Kong 3.14 schema (unknown fields at any
// depth, scopes, shorthands, the plugin catalogue), through the real typed client.
import { describe, expect, it } from "vitest";
import { KonnectBadRequestError } from "../../src/index.js";
import { useSandbox } from "../use-sandbox.js";

const { sandbox, konnect } = useSandbox();

async function newControlPlaneId(): Promise<string> {
  const { data } = await konnect.api.POST("/v2/control-planes", { body: { name: "kong-rules" } });
  return data!.id;
}

/** The 400's details as `field: message` (koko: one ERROR_TYPE_FIELD detail per field; "entity" for field-less ones). */
async function rejected(call: Promise<unknown>): Promise<string[]> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KonnectBadRequestError);
  return (error as KonnectBadRequestError).invalidParameters.map((p) => `${p.field || "entity"}: ${p.reason}`);
}

// The official Service schema lists `host` as required although `url` replaces it, so the generated
// body type needs a cast for `{ name, url }`.
const svc = (body: Record<string, unknown>) => body as never;

describe("Konnect fake: the service url shorthand (Kong services.lua shorthand_fields)", () => {
  it("accepts { name, url } end to end: expanded into protocol, host, port and path, url not stored", async () => {
    const controlPlaneId = await newControlPlaneId();
    const path = { controlPlaneId };
    const { data, response } = await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/services", { params: { path }, body: svc({ name: "orders", url: "https://orders.internal:8443/v1" }) });
    expect(response.status).toBe(201);
    expect(data).toMatchObject({ name: "orders", protocol: "https", host: "orders.internal", port: 8443, path: "/v1", retries: 5 });
    expect(data).not.toHaveProperty("url");
    const { data: read } = await konnect.api.GET("/v2/control-planes/{controlPlaneId}/core-entities/services/{ServiceId}", { params: { path: { controlPlaneId, ServiceId: "orders" } } });
    expect(read).toEqual(data);
  });

  it.each([
    ["http://orders.internal", { protocol: "http", host: "orders.internal", port: 80, path: null }],
    ["https://orders.internal", { protocol: "https", host: "orders.internal", port: 443, path: null }],
    ["http://orders.internal/", { protocol: "http", host: "orders.internal", port: 80, path: "/" }],
    ["http://orders.internal:8080/a/b?x=1#frag", { protocol: "http", host: "orders.internal", port: 8080, path: "/a/b" }],
    // the scheme is kept as written; the port alone says https only when there is no scheme
    ["http://orders.internal:443", { protocol: "http", host: "orders.internal", port: 443, path: null }],
    ["//orders.internal:443/v1", { protocol: "https", host: "orders.internal", port: 443, path: "/v1" }],
    // Kong's default port is 80 for every protocol but https
    ["grpcs://orders.internal", { protocol: "grpcs", host: "orders.internal", port: 80, path: null }],
    ["http://user:pw@[::1]:9000/x", { protocol: "http", host: "::1", port: 9000, path: "/x" }],
  ])("expands %s", async (url, expected) => {
    const controlPlaneId = await newControlPlaneId();
    const { data } = await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/services", { params: { path: { controlPlaneId } }, body: svc({ name: "s", url }) });
    expect(data).toMatchObject(expected);
  });

  it("lets url override host, protocol, port and path sent beside it (PUT as well as POST)", async () => {
    const controlPlaneId = await newControlPlaneId();
    const id = "6d1b6c1e-2f1a-4c55-9d4e-0a1b2c3d4e5f";
    const { data } = await konnect.api.PUT("/v2/control-planes/{controlPlaneId}/core-entities/services/{ServiceId}", {
      params: { path: { controlPlaneId, ServiceId: id } },
      body: svc({ name: "mixed", url: "http://a.internal", host: "b.internal", protocol: "https", port: 9443, path: "/kept?" }),
    });
    expect(data).toMatchObject({ id, protocol: "http", host: "a.internal", port: 80, path: null });
  });

  it("rejects an invalid url with Kong's messages in koko's 400", async () => {
    const controlPlaneId = await newControlPlaneId();
    const post = (body: Record<string, unknown>) => rejected(konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/services", { params: { path: { controlPlaneId } }, body: svc(body) }));
    // no scheme, no `//`: all of it is a path, and there is no host
    expect(await post({ url: "orders.internal" })).toEqual(["host: required field missing", "path: should start with: /"]);
    expect(await post({ url: "ftp://files.internal" })).toEqual(["protocol: expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp, ws, wss"]);
    expect(await post({ url: "http://orders.internal:http/" })).toEqual(["port: expected an integer"]);
    expect(await post({ url: "http://orders.internal//v1" })).toEqual(["path: must not have empty segments"]);
    expect(await post({ url: "grpc://orders.internal/v1" })).toEqual(["path: value must be null", "entity: failed conditional validation given value of field 'protocol'"]);
    expect(await post({ url: 42 })).toEqual(["url: expected a string"]);
    expect(await post({ url: "" })).toEqual(["url: length must be at least 1"]);
    expect(sandbox.state.konnect.regions.us!.get(controlPlaneId)!.entities.services.size).toBe(0);
  });
});

describe("Konnect fake: plugins checked against Kong's 3.14 schemas", () => {
  it("rejects an unknown config field at the top and at any depth, naming it", async () => {
    const controlPlaneId = await newControlPlaneId();
    const post = (body: Record<string, unknown>) => rejected(konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", { params: { path: { controlPlaneId } }, body: body as never }));
    expect(await post({ name: "jwt", config: { key_claim_nam: "iss" } })).toEqual(["config.key_claim_nam: unknown field"]);
    expect(await post({ name: "rate-limiting-advanced", config: { limit: [5], window_size: [60], strategy: "redis", redis: { host: "r.internal", hots: "typo" } } })).toEqual([
      "config.redis.hots: unknown field",
    ]);
    expect(await post({ name: "statsd", config: { metrics: [{ name: "request_count", stat_type: "counter" }, { name: "latency", stat_type: "timer", sample_rat: 1 }] } })).toEqual([
      "config.metrics[1].sample_rat: unknown field",
    ]);
    // a plugin our spec subset does not type at all is checked too
    expect(await post({ name: "prometheus", config: { per_consumr: true } })).toEqual(["config.per_consumr: unknown field"]);
    expect(sandbox.state.konnect.regions.us!.get(controlPlaneId)!.entities.plugins.size).toBe(0);
  });

  it("sends koko's body: code 3, validation error, one ERROR_TYPE_FIELD detail per field", async () => {
    const controlPlaneId = await newControlPlaneId();
    const res = await fetch(`https://us.api.konghq.com/v2/control-planes/${controlPlaneId}/core-entities/plugins`, {
      method: "POST",
      headers: { Authorization: `Bearer ${sandbox.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "jwt", config: { foo: 1 } }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 3,
      message: "validation error",
      details: [{ "@type": "type.googleapis.com/kong.admin.model.v1.ErrorDetail", type: "ERROR_TYPE_FIELD", field: "config.foo", messages: ["unknown field"] }],
    });
  });

  it("accepts every field Kong knows, also those the spec subset does not type", async () => {
    const controlPlaneId = await newControlPlaneId();
    const params = { path: { controlPlaneId } };
    const { data: jwt } = await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", { params, body: { name: "jwt", config: { realm: "orders", key_claim_name: "iss" } } });
    expect(jwt!.config).toMatchObject({ realm: "orders", key_claim_name: "iss" });
    const { data: rla } = await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", {
      params,
      body: { name: "rate-limiting-advanced", config: { limit: [5], window_size: [60], retry_after_jitter_max: 2, throttling: { enabled: true, queue_limit: 10 } } },
    });
    expect(rla!.config).toMatchObject({ retry_after_jitter_max: 2, throttling: { enabled: true, queue_limit: 10 } });
    const { data: otel } = await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", { params, body: { name: "opentelemetry", config: { traces_endpoint: "http://otel:4318/v1/traces", headers: { "x-api-key": "{vault://aws-sm/otel/key}" } } } });
    expect(otel!.config).toMatchObject({ headers: { "x-api-key": "{vault://aws-sm/otel/key}" } });
  });

  it("checks types with Kong's messages, and scopes the plugin's schema forbids", async () => {
    const controlPlaneId = await newControlPlaneId();
    const { data: consumer } = await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/consumers", { params: { path: { controlPlaneId } }, body: { username: "app" } });
    const post = (body: Record<string, unknown>) => rejected(konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", { params: { path: { controlPlaneId } }, body: body as never }));
    expect(await post({ name: "prometheus", config: { per_consumer: "yes", status_code_metrics: true } })).toEqual(["config.per_consumer: expected a boolean"]);
    expect(await post({ name: "jwt", config: { claims_to_verify: ["exp", "iat"] } })).toEqual(["config.claims_to_verify[1]: expected one of: exp, nbf"]);
    expect(await post({ name: "oauth2-introspection", config: { introspection_url: "https://idp/introspect" } })).toEqual(["config.authorization_value: required field missing"]);
    // jwt is `typedefs.no_consumer` in Kong: a consumer-scoped jwt plugin makes no sense
    expect(await post({ name: "jwt", consumer: { id: consumer!.id } })).toEqual(["consumer: value must be null"]);
    expect(await post({ name: "jwt", protocols: ["http", "tcp"] })).toEqual(["protocols[1]: expected one of: grpc, grpcs, http, https"]);
  });

  it("rejects an unknown top-level field and an unknown plugin name; keeps accepting plugins whose schema we do not carry", async () => {
    const controlPlaneId = await newControlPlaneId();
    const params = { path: { controlPlaneId } };
    const post = (body: Record<string, unknown>) => rejected(konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", { params, body: body as never }));
    expect(await post({ name: "jwt", confg: {} })).toEqual(["confg: unknown field"]);
    // Kong says "plugin 'no-such-plugin' not enabled; ..."; koko (Konnect) rewrites it (lua_validator.go)
    expect(await post({ name: "no-such-plugin" })).toEqual(["name: plugin(no-such-plugin) does not exist"]);
    expect(await post({ name: "oauth2", config: {} })).toEqual(["name: plugin(oauth2) does not exist"]);
    const { data: cors } = await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", { params, body: { name: "cors", config: { origins: ["*"], anything: 1 } } });
    expect(cors!.config).toEqual({ origins: ["*"], anything: 1 });
  });

  it("accepts Kong's deprecated shorthand fields and moves them to their replacement", async () => {
    const controlPlaneId = await newControlPlaneId();
    const params = { path: { controlPlaneId } };
    const { data: rl } = await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", { params, body: { name: "rate-limiting", config: { minute: 5, policy: "redis", redis_host: "r.internal", redis_port: 6380 } } });
    expect(rl!.config).toMatchObject({ redis: { host: "r.internal", port: 6380 } });
    expect(rl!.config).not.toHaveProperty("redis_host");
    const { data: rla } = await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", {
      params,
      body: { name: "rate-limiting-advanced", config: { limit: [5], window_size: [60], strategy: "redis", redis: { timeout: 500, sentinel_addresses: ["s1:26379"] } } },
    });
    expect((rla!.config as { redis: unknown }).redis).toMatchObject({ connect_timeout: 500, send_timeout: 500, read_timeout: 500, sentinel_nodes: [{ host: "s1", port: 26379 }] });
    const mismatch = await rejected(
      konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", { params, body: { name: "rate-limiting", config: { minute: 5, redis_host: "a.internal", redis: { host: "b.internal" } } } as never }),
    );
    expect(mismatch).toEqual(["config.redis_host: both deprecated and new field are used but their values mismatch: redis_host = a.internal vs redis.host = b.internal"]);
  });
});
