import { ChangeResourceRecordSetsCommand, GetHostedZoneCommand, ListHostedZonesByNameCommand, ListResourceRecordSetsCommand } from "@aws-sdk/client-route-53";
import { createPublicKey, createVerify, type JsonWebKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useSandbox } from "../use-sandbox.js";
import { route53 } from "./aws-clients.js";

const { sandbox } = useSandbox();

describe("seedHostedZone", () => {
  it("adds a public zone with NS and SOA that the Route 53 API serves and changes, without logging a request", async () => {
    const zoneId = sandbox.seedHostedZone({ name: "Example.COM" });
    expect(zoneId).toMatch(/^Z[A-Z0-9]{13}$/);
    expect(sandbox.requests).toEqual([]);

    const r53 = route53();
    const zone = await r53.send(new GetHostedZoneCommand({ Id: zoneId }));
    expect(zone.HostedZone).toMatchObject({ Id: `/hostedzone/${zoneId}`, Name: "example.com.", Config: { PrivateZone: false }, ResourceRecordSetCount: 2 });
    expect(zone.DelegationSet?.NameServers).toHaveLength(4);
    const records = await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }));
    expect(records.ResourceRecordSets?.map((r) => [r.Name, r.Type])).toEqual([
      ["example.com.", "NS"],
      ["example.com.", "SOA"],
    ]);
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [{ Action: "CREATE", ResourceRecordSet: { Name: "api.example.com", Type: "A", TTL: 60, ResourceRecords: [{ Value: "192.0.2.1" }] } }] } }));
    expect(sandbox.state.route53.hostedZones.get(zoneId)!.records.map((r) => r.Name)).toContain("api.example.com.");
    const byName = await r53.send(new ListHostedZonesByNameCommand({ DNSName: "example.com" }));
    expect(byName.HostedZones?.[0]?.Id).toBe(`/hostedzone/${zoneId}`);
  });

  it("makes a private zone when asked, and the same zone CreateHostedZone would", async () => {
    const zoneId = sandbox.seedHostedZone({ name: "internal.example.", private: true, comment: "vpc only" });
    const zone = await route53().send(new GetHostedZoneCommand({ Id: zoneId }));
    expect(zone.HostedZone?.Config).toEqual({ PrivateZone: true, Comment: "vpc only" });
    expect(sandbox.state.route53.hostedZones.get(zoneId)!.records.find((r) => r.Type === "SOA")?.ResourceRecords?.[0]?.Value).toMatch(/awsdns-hostmaster\.amazon\.com\. 1 7200 900 1209600 86400$/);
  });
});

describe("seedUserPool", () => {
  const fetchJson = async <T>(url: string) => (await (await fetch(url)).json()) as T;

  it("adds a pool with an app client by default, whose tokens verify against the served JWKS", async () => {
    const pool = sandbox.seedUserPool();
    expect(pool.poolId).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
    expect(pool.region).toBe("us-east-1");
    expect(pool.clients).toEqual([expect.stringMatching(/^[a-z0-9]{26}$/)]);

    const issuer = `https://cognito-idp.us-east-1.amazonaws.com/${pool.poolId}`;
    const discovery = await fetchJson<{ issuer: string; jwks_uri: string }>(`${issuer}/.well-known/openid-configuration`);
    expect(discovery.issuer).toBe(issuer);
    const { keys } = await fetchJson<{ keys: Array<JsonWebKey & { kid: string }> }>(discovery.jwks_uri);
    const token = sandbox.cognito.signToken(pool.poolId, { tokenUse: "access", clientId: pool.clients[0]! });
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const jwk = keys.find((k) => k.kid === (JSON.parse(Buffer.from(header, "base64url").toString()) as { kid: string }).kid)!;
    const verified = createVerify("RSA-SHA256").update(`${header}.${payload}`).verify(createPublicKey({ key: jwk, format: "jwk" }), Buffer.from(signature, "base64url"));
    expect(verified).toBe(true);
    expect(JSON.parse(Buffer.from(payload, "base64url").toString())).toMatchObject({ iss: issuer, client_id: pool.clients[0] });
  });

  it("takes an id, a region and clients; seeding an existing pool keeps its keys and adds clients", async () => {
    const jwks = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc123/.well-known/jwks.json";
    const before = await fetchJson<{ keys: Array<{ kid: string }> }>(jwks); // the fake creates the pool on first use
    const pool = sandbox.seedUserPool({ id: "eu-west-1_Abc123", region: "eu-west-1", clients: ["client1", "client2"] });
    expect(pool).toMatchObject({ poolId: "eu-west-1_Abc123", region: "eu-west-1", clients: ["client1", "client2"] });
    expect(sandbox.seedUserPool({ id: "eu-west-1_Abc123", clients: ["client2", "client3"] }).clients).toEqual(["client1", "client2", "client3"]);
    expect((await fetchJson<{ keys: Array<{ kid: string }> }>(jwks)).keys.map((k) => k.kid)).toEqual(before.keys.map((k) => k.kid));
    expect(sandbox.state.cognito.pools.get("eu-west-1_Abc123")).toBe(pool);
    expect(sandbox.seedUserPool({ region: "ap-southeast-2", clients: [] }).poolId).toMatch(/^ap-southeast-2_[A-Za-z0-9]{9}$/);
  });

  it("refuses an id in another region, a malformed id and a malformed client id", () => {
    expect(() => sandbox.seedUserPool({ id: "eu-west-1_Abc123", region: "us-east-1" })).toThrow(/eu-west-1/);
    expect(() => sandbox.seedUserPool({ id: "not-a-pool" })).toThrow(/not a user pool id/);
    expect(() => sandbox.seedUserPool({ clients: ["bad id!"] })).toThrow(/not a Cognito app client id/);
    expect(sandbox.state.cognito.pools.size).toBe(0);
  });
});
