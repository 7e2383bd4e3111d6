// The Route 53 fake checks every request against the official model (generated/aws-constraints) and
// answers a violation as Route 53 does: InvalidInput, 400, with AWS's validation message.
import { ChangeResourceRecordSetsCommand, ChangeTagsForResourceCommand, CreateHealthCheckCommand, CreateHostedZoneCommand, GetHostedZoneCommand, InvalidInput, ListResourceRecordSetsCommand, type HealthCheckConfig } from "@aws-sdk/client-route-53";
import { describe, expect, it } from "vitest";
import { useSandbox } from "../use-sandbox.js";
import { route53 } from "./aws-clients.js";

const { sandbox } = useSandbox();
const r53 = route53();
const fail = (p: Promise<unknown>) => p.then(() => expect.unreachable("the fake accepted an invalid request"), (e: unknown) => e as InvalidInput);

describe("Route 53 fake validates input against the AWS model", () => {
  it("refuses a 65-character CallerReference (HealthCheckNonce: length 1..64) and writes nothing", async () => {
    const ref = "r".repeat(65);
    const error = await fail(r53.send(new CreateHealthCheckCommand({ CallerReference: ref, HealthCheckConfig: { Type: "HTTPS", FullyQualifiedDomainName: "api.example.com" } })));
    expect(error).toBeInstanceOf(InvalidInput);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe(`1 validation error detected: Value '${ref}' at 'callerReference' failed to satisfy constraint: Member must have length less than or equal to 64`);
    expect(sandbox.state.route53.healthChecks.size).toBe(0);
    expect(sandbox.requests.map((r) => [r.operation, r.status])).toEqual([["CreateHealthCheck", 400]]);
  });

  it("reports every range violation at once, with nested member paths, and missing members as null", async () => {
    const config = { Type: "HTTPS", RequestInterval: 5, Port: 0 } as HealthCheckConfig;
    const error = await fail(r53.send(new CreateHealthCheckCommand({ CallerReference: "ok", HealthCheckConfig: config })));
    expect(error.message).toBe(
      "2 validation errors detected: " +
        "Value '0' at 'healthCheckConfig.port' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
        "Value '5' at 'healthCheckConfig.requestInterval' failed to satisfy constraint: Member must have value greater than or equal to 10",
    );
    const missing = await fail(r53.send(new CreateHostedZoneCommand({ Name: "example.com" } as never)));
    expect(missing.message).toBe("1 validation error detected: Value null at 'callerReference' failed to satisfy constraint: Member must not be null");
  });

  it("answers body enums and list sizes with the XML schema's first error, as Route 53 does", async () => {
    const type = await fail(r53.send(new CreateHealthCheckCommand({ CallerReference: "ok", HealthCheckConfig: { Type: "PING", RequestInterval: 5 } as unknown as HealthCheckConfig })));
    expect(type).toBeInstanceOf(InvalidInput);
    expect(type.message).toBe(
      "Invalid XML ; cvc-enumeration-valid: Value 'PING' is not facet-valid with respect to enumeration '[HTTP, HTTPS, HTTP_STR_MATCH, HTTPS_STR_MATCH, TCP, CALCULATED, CLOUDWATCH_METRIC, RECOVERY_CONTROL]'. It must be a value from the enumeration.",
    );
    const zone = (await r53.send(new CreateHostedZoneCommand({ Name: "example.net", CallerReference: "n" }))).HostedZone!.Id!;
    const empty = await fail(r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zone, ChangeBatch: { Changes: [] } })));
    expect(empty.message).toBe(`Invalid XML ; cvc-complex-type.2.4.b: The content of element 'Changes' is not complete. One of '{"https://route53.amazonaws.com/doc/2013-04-01/":Change}' is expected.`);
    const tags = Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    const many = await fail(r53.send(new ChangeTagsForResourceCommand({ ResourceType: "hostedzone", ResourceId: zone.replace("/hostedzone/", ""), AddTags: tags })));
    expect(many.message).toBe("Invalid XML ; cvc-complex-type.2.4.f: 'Tag' can occur a maximum of '10' times in the current sequence. This limit was exceeded. No child element is expected at this point.");
  });

  it("names list items as AWS does (changes.1.member) and lowers only the first letter (tTL)", async () => {
    const zone = (await r53.send(new CreateHostedZoneCommand({ Name: "example.com", CallerReference: "z" }))).HostedZone!.Id!;
    const error = await fail(
      r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zone, ChangeBatch: { Changes: [{ Action: "UPSERT", ResourceRecordSet: { Name: "a.example.com", Type: "A", TTL: -1, ResourceRecords: [{ Value: "192.0.2.1" }] } }] } })),
    );
    expect(error.message).toBe("1 validation error detected: Value '-1' at 'changeBatch.changes.1.member.resourceRecordSet.tTL' failed to satisfy constraint: Member must have value greater than or equal to 0");
  });

  it("checks URI labels and query parameters too", async () => {
    const id = "Z".repeat(33);
    const error = await fail(r53.send(new GetHostedZoneCommand({ Id: id })));
    expect(error.message).toBe(`1 validation error detected: Value '${id}' at 'id' failed to satisfy constraint: Member must have length less than or equal to 32`);
    const zone = (await r53.send(new CreateHostedZoneCommand({ Name: "example.org", CallerReference: "q" }))).HostedZone!.Id!;
    const type = await fail(r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone, StartRecordName: "example.org", StartRecordType: "BOGUS" as never })));
    expect(type.message).toMatch(/^1 validation error detected: Value 'BOGUS' at 'startRecordType' failed to satisfy constraint: Member must satisfy enum value set: \[SOA, A, TXT, /);
  });
});
