// Route 53 limits the model does not carry, from the API reference: caller references are never reused
// (even after a delete), and a resource has at most 10 tags.
import { ChangeTagsForResourceCommand, CreateHealthCheckCommand, CreateHostedZoneCommand, DeleteHealthCheckCommand, HealthCheckAlreadyExists, HostedZoneAlreadyExists, InvalidInput } from "@aws-sdk/client-route-53";
import { describe, expect, it } from "vitest";
import { useSandbox } from "../use-sandbox.js";
import { route53 } from "./aws-clients.js";

const { sandbox } = useSandbox();
const r53 = route53();
const config = { Type: "HTTPS" as const, FullyQualifiedDomainName: "api.example.com", ResourcePath: "/health" };

describe("Route 53 fake: documented limits", () => {
  it("refuses a CreateHealthCheck caller reference of a deleted health check, whatever the settings", async () => {
    const first = await r53.send(new CreateHealthCheckCommand({ CallerReference: "hc-1", HealthCheckConfig: config }));
    // a retry with the same settings while the check exists returns it
    const retry = await r53.send(new CreateHealthCheckCommand({ CallerReference: "hc-1", HealthCheckConfig: config }));
    expect(retry.HealthCheck!.Id).toBe(first.HealthCheck!.Id);
    await r53.send(new DeleteHealthCheckCommand({ HealthCheckId: first.HealthCheck!.Id! }));
    for (const settings of [config, { ...config, ResourcePath: "/ready" }]) {
      const error = (await r53.send(new CreateHealthCheckCommand({ CallerReference: "hc-1", HealthCheckConfig: settings })).catch((e: unknown) => e)) as HealthCheckAlreadyExists;
      expect(error).toBeInstanceOf(HealthCheckAlreadyExists);
      expect(error.$metadata.httpStatusCode).toBe(409);
    }
    expect(sandbox.state.route53.healthChecks.size).toBe(0);
    // a new caller reference with the same settings creates a new check
    await r53.send(new CreateHealthCheckCommand({ CallerReference: "hc-2", HealthCheckConfig: config }));
    expect(sandbox.state.route53.healthChecks.size).toBe(1);
  });

  it("refuses a CreateHostedZone caller reference used before, even once the zone is gone", async () => {
    const zone = await r53.send(new CreateHostedZoneCommand({ Name: "example.com", CallerReference: "zone-1" }));
    sandbox.state.route53.hostedZones.delete(zone.HostedZone!.Id!.replace("/hostedzone/", ""));
    const error = (await r53.send(new CreateHostedZoneCommand({ Name: "example.org", CallerReference: "zone-1" })).catch((e: unknown) => e)) as HostedZoneAlreadyExists;
    expect(error).toBeInstanceOf(HostedZoneAlreadyExists);
    expect(error.$metadata.httpStatusCode).toBe(409);
  });

  it("keeps at most 10 tags on a resource", async () => {
    const id = (await r53.send(new CreateHealthCheckCommand({ CallerReference: "tags", HealthCheckConfig: config }))).HealthCheck!.Id!;
    const tags = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ Key: `k${from + i}`, Value: "v" }));
    await r53.send(new ChangeTagsForResourceCommand({ ResourceType: "healthcheck", ResourceId: id, AddTags: tags(0, 8) }));
    await expect(r53.send(new ChangeTagsForResourceCommand({ ResourceType: "healthcheck", ResourceId: id, AddTags: tags(8, 3) }))).rejects.toBeInstanceOf(InvalidInput);
    // replacing one while adding another stays within 10
    await r53.send(new ChangeTagsForResourceCommand({ ResourceType: "healthcheck", ResourceId: id, AddTags: tags(8, 3), RemoveTagKeys: ["k0"] }));
    expect(sandbox.state.route53.tags.get(`healthcheck/${id}`)).toHaveLength(10);
  });
});
