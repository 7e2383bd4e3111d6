import {
  ChangeResourceRecordSetsCommand,
  ChangeTagsForResourceCommand,
  CreateHealthCheckCommand,
  CreateHostedZoneCommand,
  DeleteHealthCheckCommand,
  GetChangeCommand,
  GetHealthCheckCommand,
  HealthCheckAlreadyExists,
  HealthCheckInUse,
  InvalidChangeBatch,
  ListHealthChecksCommand,
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  ListTagsForResourceCommand,
  NoSuchHostedZone,
  type HealthCheckConfig,
} from "@aws-sdk/client-route-53";
import { beforeEach, describe, expect, it } from "vitest";
import { createSandbox } from "../../src/testing/index.js";
import { server } from "../setup.js";
import { route53 } from "./aws-clients.js";

const sandbox = createSandbox();
const r53 = route53();

beforeEach(() => {
  sandbox.reset();
  server.use(...sandbox.handlers);
});

async function zone(name = "example.com") {
  const out = await r53.send(new CreateHostedZoneCommand({ Name: name, CallerReference: `ref-${name}` }));
  return out.HostedZone!.Id!.replace("/hostedzone/", "");
}

const A = (name: string, ip: string) => ({ Name: name, Type: "A" as const, TTL: 60, ResourceRecords: [{ Value: ip }] });

describe("Route 53 fake, through @aws-sdk/client-route-53", () => {
  it("creates a hosted zone with NS and SOA, finds it by name, refuses a reused caller reference", async () => {
    const out = await r53.send(new CreateHostedZoneCommand({ Name: "example.com", CallerReference: "r1" }));
    expect(out.HostedZone).toMatchObject({ Name: "example.com.", CallerReference: "r1", ResourceRecordSetCount: 2 });
    expect(out.DelegationSet!.NameServers).toHaveLength(4);
    expect(out.ChangeInfo!.Status).toBe("PENDING");
    await zone("other.org");
    const byName = await r53.send(new ListHostedZonesByNameCommand({ DNSName: "example.com" }));
    expect(byName.HostedZones!.map((z) => z.Name)).toEqual(["example.com.", "other.org."]);
    await expect(r53.send(new CreateHostedZoneCommand({ Name: "x.com", CallerReference: "r1" }))).rejects.toMatchObject({ name: "HostedZoneAlreadyExists" });
  });

  it("holds a change PENDING until the clock is moved when autoAdvance is off", async () => {
    const id = await zone();
    sandbox.clock.autoAdvance = false;
    const held = await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: id, ChangeBatch: { Changes: [{ Action: "CREATE", ResourceRecordSet: A("held.example.com", "10.0.0.9") }] } }));
    for (let i = 0; i < 3; i++) expect((await r53.send(new GetChangeCommand({ Id: held.ChangeInfo!.Id! }))).ChangeInfo!.Status).toBe("PENDING");
    sandbox.clock.advance(60_000);
    expect((await r53.send(new GetChangeCommand({ Id: held.ChangeInfo!.Id! }))).ChangeInfo!.Status).toBe("INSYNC");
  });

  it("applies CREATE, UPSERT and DELETE atomically and reports PENDING then INSYNC", async () => {
    const id = await zone();
    const created = await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: id, ChangeBatch: { Changes: [{ Action: "CREATE", ResourceRecordSet: A("api.example.com", "10.0.0.1") }] } }));
    const changeId = created.ChangeInfo!.Id!;
    // polling moves the sandbox clock (autoAdvance): PENDING on the first poll, INSYNC on the second
    expect((await r53.send(new GetChangeCommand({ Id: changeId }))).ChangeInfo!.Status).toBe("PENDING");
    expect((await r53.send(new GetChangeCommand({ Id: changeId }))).ChangeInfo!.Status).toBe("INSYNC");

    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: id, ChangeBatch: { Changes: [{ Action: "UPSERT", ResourceRecordSet: A("api.example.com", "10.0.0.2") }] } }));
    const list = await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: id }));
    expect(list.ResourceRecordSets!.find((r) => r.Name === "api.example.com.")).toEqual(A("api.example.com.", "10.0.0.2"));

    // one bad change sinks the whole batch
    const error = await r53
      .send(new ChangeResourceRecordSetsCommand({ HostedZoneId: id, ChangeBatch: { Changes: [{ Action: "CREATE", ResourceRecordSet: A("www.example.com", "10.0.0.3") }, { Action: "CREATE", ResourceRecordSet: A("api.example.com", "10.0.0.4") }] } }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidChangeBatch);
    expect((error as Error).message).toContain("Tried to create resource record set [name='api.example.com.', type='A'] but it already exists");
    expect((await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: id }))).ResourceRecordSets).toHaveLength(3);

    await expect(r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: id, ChangeBatch: { Changes: [{ Action: "DELETE", ResourceRecordSet: A("api.example.com", "10.9.9.9") }] } }))).rejects.toBeInstanceOf(InvalidChangeBatch);
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: id, ChangeBatch: { Changes: [{ Action: "DELETE", ResourceRecordSet: A("api.example.com", "10.0.0.2") }] } }));
    expect((await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: id }))).ResourceRecordSets!.map((r) => r.Type)).toEqual(["NS", "SOA"]);
  });

  it("stores failover and alias records, and refuses names outside the zone", async () => {
    const id = await zone();
    const hc = await r53.send(new CreateHealthCheckCommand({ CallerReference: "hc-1", HealthCheckConfig: { Type: "HTTPS", FullyQualifiedDomainName: "use1.example.com", ResourcePath: "/status", Port: 443 } }));
    await r53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: id,
        ChangeBatch: {
          Changes: [
            { Action: "CREATE", ResourceRecordSet: { Name: "gw.example.com", Type: "CNAME", SetIdentifier: "primary", Failover: "PRIMARY", TTL: 60, HealthCheckId: hc.HealthCheck!.Id, ResourceRecords: [{ Value: "use1.example.com" }] } },
            { Action: "CREATE", ResourceRecordSet: { Name: "alb.example.com", Type: "A", AliasTarget: { HostedZoneId: "Z35SXDOTRQ7X7K", DNSName: "my-alb-1.us-east-1.elb.amazonaws.com", EvaluateTargetHealth: true } } },
          ],
        },
      }),
    );
    const sets = (await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: id }))).ResourceRecordSets!;
    expect(sets.find((r) => r.Name === "gw.example.com.")).toMatchObject({ Failover: "PRIMARY", SetIdentifier: "primary", HealthCheckId: hc.HealthCheck!.Id });
    expect(sets.find((r) => r.Name === "alb.example.com.")!.AliasTarget).toEqual({ HostedZoneId: "Z35SXDOTRQ7X7K", DNSName: "my-alb-1.us-east-1.elb.amazonaws.com.", EvaluateTargetHealth: true });
    await expect(r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: id, ChangeBatch: { Changes: [{ Action: "CREATE", ResourceRecordSet: A("api.other.org", "1.1.1.1") }] } }))).rejects.toBeInstanceOf(InvalidChangeBatch);
    await expect(r53.send(new DeleteHealthCheckCommand({ HealthCheckId: hc.HealthCheck!.Id }))).rejects.toBeInstanceOf(HealthCheckInUse);
  });

  it("makes CreateHealthCheck idempotent by caller reference, and tags health checks", async () => {
    const config: HealthCheckConfig = { Type: "HTTPS", FullyQualifiedDomainName: "gw.example.com", ResourcePath: "/status", Port: 443, RequestInterval: 30, FailureThreshold: 3 };
    const a = await r53.send(new CreateHealthCheckCommand({ CallerReference: "hc-1", HealthCheckConfig: config }));
    const b = await r53.send(new CreateHealthCheckCommand({ CallerReference: "hc-1", HealthCheckConfig: config }));
    expect(b.HealthCheck!.Id).toBe(a.HealthCheck!.Id);
    await expect(r53.send(new CreateHealthCheckCommand({ CallerReference: "hc-1", HealthCheckConfig: { ...config, Port: 8443 } }))).rejects.toBeInstanceOf(HealthCheckAlreadyExists);
    const got = await r53.send(new GetHealthCheckCommand({ HealthCheckId: a.HealthCheck!.Id }));
    expect(got.HealthCheck!.HealthCheckConfig).toMatchObject({ Type: "HTTPS", Port: 443, RequestInterval: 30 });
    await r53.send(new ChangeTagsForResourceCommand({ ResourceType: "healthcheck", ResourceId: a.HealthCheck!.Id, AddTags: [{ Key: "ManagedBy", Value: "konnect-aws" }, { Key: "Name", Value: "gw" }] }));
    await r53.send(new ChangeTagsForResourceCommand({ ResourceType: "healthcheck", ResourceId: a.HealthCheck!.Id, RemoveTagKeys: ["Name"] }));
    const tags = await r53.send(new ListTagsForResourceCommand({ ResourceType: "healthcheck", ResourceId: a.HealthCheck!.Id }));
    expect(tags.ResourceTagSet!.Tags).toEqual([{ Key: "ManagedBy", Value: "konnect-aws" }]);
    expect((await r53.send(new ListHealthChecksCommand({}))).HealthChecks).toHaveLength(1);
    await r53.send(new DeleteHealthCheckCommand({ HealthCheckId: a.HealthCheck!.Id }));
    expect((await r53.send(new ListHealthChecksCommand({}))).HealthChecks ?? []).toHaveLength(0);
  });

  it("lists hosted zones, updates health checks by version and reports their status", async () => {
    await zone("example.com");
    const { ListHostedZonesCommand, UpdateHealthCheckCommand, GetHealthCheckStatusCommand, HealthCheckVersionMismatch } = await import("@aws-sdk/client-route-53");
    expect((await r53.send(new ListHostedZonesCommand({}))).HostedZones!.map((z) => z.Name)).toEqual(["example.com."]);
    const hc = await r53.send(new CreateHealthCheckCommand({ CallerReference: "hc-u", HealthCheckConfig: { Type: "HTTPS", FullyQualifiedDomainName: "gw.example.com", ResourcePath: "/a", Port: 443 } }));
    const id = hc.HealthCheck!.Id!;
    const updated = await r53.send(new UpdateHealthCheckCommand({ HealthCheckId: id, HealthCheckVersion: 1, ResourcePath: "/status/ready" }));
    expect(updated.HealthCheck).toMatchObject({ HealthCheckVersion: 2, HealthCheckConfig: { ResourcePath: "/status/ready" } });
    await expect(r53.send(new UpdateHealthCheckCommand({ HealthCheckId: id, HealthCheckVersion: 1, Port: 8443 }))).rejects.toBeInstanceOf(HealthCheckVersionMismatch);
    const healthy = await r53.send(new GetHealthCheckStatusCommand({ HealthCheckId: id }));
    expect(healthy.HealthCheckObservations![0]!.StatusReport!.Status).toMatch(/^Success/);
    sandbox.state.route53.healthChecks.get(id)!.healthy = false;
    const failing = await r53.send(new GetHealthCheckStatusCommand({ HealthCheckId: id }));
    expect(failing.HealthCheckObservations!.every((o) => o.StatusReport!.Status!.startsWith("Failure"))).toBe(true);
  });

  it("answers NoSuchHostedZone for an unknown zone", async () => {
    await expect(r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: "ZNOPE" }))).rejects.toBeInstanceOf(NoSuchHostedZone);
  });
});
