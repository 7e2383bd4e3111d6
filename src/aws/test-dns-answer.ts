import type { Route53Client } from "@aws-sdk/client-route-53";
import { loadRoute53 } from "./load-sdk.js";
import { awsStep } from "./secrets-manager.js";

/** What Route 53 answers for a name (TestDNSAnswer from one of its name servers). @internal */
export async function testDnsAnswer(client: Route53Client, zoneId: string, name: string, type: "A" | "CNAME", signal: AbortSignal | undefined): Promise<string[]> {
  const r53 = await loadRoute53();
  const out = await awsStep(`TestDNSAnswer ${name}`, () => client.send(new r53.TestDNSAnswerCommand({ HostedZoneId: zoneId, RecordName: name, RecordType: type }), { abortSignal: signal }));
  return out.RecordData ?? [];
}
