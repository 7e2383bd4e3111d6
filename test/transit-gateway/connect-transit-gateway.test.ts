import { beforeEach, describe, expect, it } from "vitest";
import { CloudGatewayStateError, ConfigError, ReconcileError, connectTransitGateway, disconnectTransitGateway, type ConnectTransitGatewayOptions, type OperationEvent } from "../../src/index.js";
import { server } from "../setup.js";
import { useSandbox } from "../use-sandbox.js";
import { ec2, ram } from "./clients.js";
import { officialBodyErrors, officialSpecPresent } from "./official-spec.js";

const { sandbox, konnect } = useSandbox();
const instant = { sleep: async () => {} };

let tgw: string;
let rtb: string;
beforeEach(() => {
  tgw = sandbox.seedTransitGateway({ region: "us-east-2", autoAccept: false });
  rtb = sandbox.seedRouteTable({ region: "us-east-2", vpcCidr: "10.0.0.0/16" });
  sandbox.seedVpcAttachment({ transitGatewayId: tgw, vpcId: sandbox.state.ec2.routeTables.get(rtb)!.vpcId });
});

const options = (over: Partial<ConnectTransitGatewayOptions> = {}): ConnectTransitGatewayOptions => ({
  konnect,
  network: { name: "prod-net", region: "us-east-2", availabilityZones: ["use2-az1", "use2-az2"], cidrBlock: "192.168.0.0/16" },
  transitGatewayId: tgw,
  vpcCidrs: ["10.0.0.0/16"],
  routeTableIds: [rtb],
  ec2: ec2(),
  ram: ram(),
  wait: instant,
  ...over,
});

const writes = () => sandbox.writes().map((r) => r.operation);
const cg = () => sandbox.state.konnect.cloudGateways;

describe("connectTransitGateway", () => {
  it("from nothing: creates the network, the share and the attachment, accepts it, routes, and reaches ready", async () => {
    const events: OperationEvent[] = [];
    const result = await connectTransitGateway(options({ onEvent: (e) => events.push(e) }));
    expect(writes()).toEqual([
      "POST /v2/cloud-gateways/networks",
      "CreateResourceShare",
      "POST /v2/cloud-gateways/networks/{networkId}/transit-gateways",
      "AcceptTransitGatewayVpcAttachment",
      "CreateRoute",
    ]);
    expect(result.network).toEqual({ id: expect.any(String), state: "ready", cidrBlock: "192.168.0.0/16" });
    expect(result.attachment).toEqual({ id: expect.any(String), state: "ready", attachmentId: expect.stringMatching(/^tgw-attach-[0-9a-f]{17}$/) });
    expect(result.ramShareArn).toMatch(/^arn:aws:ram:us-east-2:123456789012:resource-share\//);
    expect(result.changes.map((c) => [c.action, c.kind])).toEqual([
      ["create", "konnect.cloud-gateway-network"],
      ["create", "aws.ram-resource-share"],
      ["create", "konnect.transit-gateway-attachment"],
      ["create", "aws.vpc-route"],
    ]);
    // the share: the transit gateway, with Kong's account, tagged as ours
    const [share] = sandbox.state.ram.shares.values();
    expect(share).toMatchObject({ resourceArns: [`arn:aws:ec2:us-east-2:123456789012:transit-gateway/${tgw}`], principals: ["210987654321"], allowExternalPrincipals: true, tags: [{ key: "konnect-aws:managed", value: "true" }] });
    expect(sandbox.state.ec2.routeTables.get(rtb)!.routes).toContainEqual(expect.objectContaining({ destinationCidrBlock: "192.168.0.0/16", transitGatewayId: tgw }));
    // progress: state and elapsed time while the network and the attachment provision
    const waiting = events.filter((e) => e.type === "waiting").map((e) => `${e.kind} ${e.message}`);
    expect(waiting).toContain("konnect.cloud-gateway-network network initializing, 0s elapsed");
    expect(waiting.some((w) => w.startsWith("konnect.transit-gateway-attachment transit-gateway initializing"))).toBe(true);
  });

  it("a second apply makes zero writes, and a dry run shows the changes an apply makes", async () => {
    const planned = await connectTransitGateway(options({ dryRun: true }));
    expect(sandbox.writes()).toHaveLength(0);
    const applied = await connectTransitGateway(options());
    expect(planned.changes.map((c) => [c.action, c.kind, c.key])).toEqual(applied.changes.map((c) => [c.action, c.kind, c.key]));
    sandbox.clearRequests();
    const again = await connectTransitGateway(options());
    expect(sandbox.writes()).toEqual([]);
    expect(again.changes.every((c) => c.action === "noop")).toBe(true);
    expect(again.attachment).toEqual(applied.attachment);
  });

  it("resumes a run that failed after creating the network, without a second network, share or attachment", async () => {
    sandbox.faults.set({ failAfterWrites: 1 });
    await expect(connectTransitGateway(options({ concurrency: 1 }))).rejects.toThrow();
    expect(cg().networks.size).toBe(1);
    sandbox.faults.clear();
    const result = await connectTransitGateway(options());
    expect(result.attachment.state).toBe("ready");
    expect([cg().networks.size, sandbox.state.ram.shares.size, cg().transitGateways.size]).toEqual([1, 1, 1]);
    expect(sandbox.writes().filter((w) => w.operation === "POST /v2/cloud-gateways/networks" && w.status === 201)).toHaveLength(1);
  });

  it("resumes after Ctrl-C (signal) during the wait for the attachment, accepting it on the next run", async () => {
    const controller = new AbortController();
    const onEvent = (e: OperationEvent) => {
      if (e.type === "waiting" && e.kind === "konnect.transit-gateway-attachment") controller.abort(new Error("interrupted"));
    };
    await expect(connectTransitGateway(options({ signal: controller.signal, onEvent }))).rejects.toThrow("interrupted");
    expect(cg().transitGateways.size).toBe(1);
    sandbox.clearRequests();
    const result = await connectTransitGateway(options());
    expect(result.attachment.state).toBe("ready");
    expect(writes()).toEqual(["AcceptTransitGatewayVpcAttachment", "CreateRoute"]);
    expect(result.changes.find((c) => c.kind === "konnect.transit-gateway-attachment")).toMatchObject({ action: "update", diff: [{ path: "state", after: "ready" }] });
    expect([cg().networks.size, sandbox.state.ram.shares.size, cg().transitGateways.size]).toEqual([1, 1, 1]);
  });

  it("refuses a network CIDR overlapping a VPC CIDR before any request, naming both ranges", async () => {
    const e = await connectTransitGateway(options({ vpcCidrs: ["192.168.128.0/17"] })).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConfigError);
    expect(e).toMatchObject({ field: "network.cidrBlock", message: expect.stringContaining("192.168.0.0/16 overlaps vpcCidrs[0] 192.168.128.0/17") });
    expect(sandbox.requests).toHaveLength(0);
  });

  it("refuses a network CIDR in a reserved block, or VPC CIDRs another attachment routes, before any write", async () => {
    const reserved = await connectTransitGateway(options({ network: { name: "n2", region: "us-east-2", availabilityZones: ["use2-az1"], cidrBlock: "10.100.0.0/20" }, vpcCidrs: ["172.16.0.0/16"] })).catch((x: unknown) => x);
    expect(reserved).toMatchObject({ field: "network.cidrBlock", message: expect.stringContaining("overlaps the reserved block 10.100.0.0/16") });
    await connectTransitGateway(options());
    const other = sandbox.seedTransitGateway({ region: "us-east-2", autoAccept: true });
    sandbox.clearRequests();
    const clash = await connectTransitGateway(options({ transitGatewayId: other, vpcCidrs: ["10.0.4.0/24"], routeTableIds: [] })).catch((x: unknown) => x);
    expect(clash).toMatchObject({ field: "vpcCidrs[0]", message: expect.stringContaining(`10.0.4.0/24 overlaps 10.0.0.0/16 of attachment konnect-aws-${tgw}`) });
    expect(sandbox.writes()).toHaveLength(0);
  });

  it("refuses a route table whose VPC is not attached to the transit gateway, before any write, naming the VPC", async () => {
    const lone = sandbox.seedRouteTable({ region: "us-east-2", vpcCidr: "10.1.0.0/16" });
    const vpc = sandbox.state.ec2.routeTables.get(lone)!.vpcId;
    const e = await connectTransitGateway(options({ vpcCidrs: ["10.0.0.0/16", "10.1.0.0/16"], routeTableIds: [rtb, lone] })).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConfigError);
    expect(e).toMatchObject({ field: "routeTableIds[1]", message: expect.stringContaining(`route table ${lone} belongs to VPC ${vpc}, which has no available attachment to the transit gateway ${tgw}`) });
    expect((e as Error).message).toContain(`attach VPC ${vpc} to the transit gateway ${tgw} first`);
    expect(sandbox.writes()).toEqual([]);
    expect(sandbox.requests.map((r) => r.operation)).toEqual(expect.arrayContaining(["DescribeRouteTables", "DescribeTransitGatewayVpcAttachments"]));
    // once attached, the same call goes through and routes both tables
    sandbox.seedVpcAttachment({ transitGatewayId: tgw, vpcId: vpc });
    await connectTransitGateway(options({ vpcCidrs: ["10.0.0.0/16", "10.1.0.0/16"], routeTableIds: [rtb, lone] }));
    expect(writes().filter((w) => w === "CreateRoute")).toHaveLength(2);
  });

  it("refuses a route table that already routes the network's CIDR elsewhere, before any write (observed from the check's read of the table)", async () => {
    sandbox.state.ec2.routeTables.get(rtb)!.routes.push({ destinationCidrBlock: "192.168.0.0/16", gatewayId: "igw-0123456789abcdef0", state: "active", origin: "CreateRoute" });
    sandbox.clearRequests();
    const refused = await connectTransitGateway(options()).catch((x: unknown) => x);
    expect(refused).toBeInstanceOf(ConfigError);
    expect(refused).toMatchObject({ field: "routeTableIds", message: expect.stringContaining(`route table ${rtb} already routes 192.168.0.0/16 to igw-0123456789abcdef0`) });
    expect(sandbox.writes()).toEqual([]);
    // the table was read once, by the check, and the route resource observed that read
    expect(sandbox.requests.filter((r) => r.operation === "DescribeRouteTables")).toHaveLength(1);
  });

  it("names the share after the transit gateway and Kong's account: a run by { id } after one by { name } makes no second share", async () => {
    const first = await connectTransitGateway(options());
    const [share] = sandbox.state.ram.shares.values();
    expect(share!.name).toBe(`konnect-aws-${tgw}-210987654321`);
    sandbox.clearRequests();
    const again = await connectTransitGateway(options({ network: { id: first.network.id! } }));
    expect(sandbox.writes()).toEqual([]);
    expect(again.ramShareArn).toBe(first.ramShareArn);
    expect(sandbox.state.ram.shares.size).toBe(1);
  });

  it("finds a share an earlier version named after the network (by name or by id), instead of creating a second", async () => {
    const first = await connectTransitGateway(options());
    const [share] = sandbox.state.ram.shares.values();
    for (const legacy of [`konnect-aws-prod-net-${tgw}`, `konnect-aws-${first.network.id}-${tgw}`]) {
      share!.name = legacy;
      for (const network of [options().network, { id: first.network.id! }]) {
        sandbox.clearRequests();
        const again = await connectTransitGateway(options({ network }));
        expect(sandbox.writes(), `${legacy} ${JSON.stringify(network)}`).toEqual([]);
        expect(again.ramShareArn).toBe(first.ramShareArn);
      }
    }
    const { changes } = await disconnectTransitGateway(options({ network: { id: first.network.id! } }));
    expect(changes).toContainEqual(expect.objectContaining({ action: "delete", kind: "aws.ram-resource-share", key: `konnect-aws-${first.network.id}-${tgw}` }));
    expect(share!.status).toBe("DELETED");
  });

  it("changes vpcCidrs with exactly one PATCH", async () => {
    await connectTransitGateway(options());
    sandbox.clearRequests();
    const result = await connectTransitGateway(options({ vpcCidrs: ["10.0.0.0/16", "10.1.0.0/16"] }));
    expect(writes()).toEqual(["PATCH /v2/cloud-gateways/networks/{networkId}/transit-gateways/{transitGatewayId}"]);
    expect(result.changes.find((c) => c.action === "update")).toMatchObject({ kind: "konnect.transit-gateway-attachment", diff: [{ path: "cidr_blocks", before: ["10.0.0.0/16"], after: ["10.0.0.0/16", "10.1.0.0/16"] }] });
  });

  it("needs replace: true for a change Konnect cannot make in place (DNS config), and then replaces", async () => {
    await connectTransitGateway(options());
    sandbox.clearRequests();
    const dnsConfig = [{ remoteDnsServerIpAddresses: ["10.0.0.2"], domainProxyList: ["internal.example.com"] }];
    const refused = await connectTransitGateway(options({ dnsConfig })).catch((x: unknown) => x);
    expect(refused).toMatchObject({ field: "replace", message: expect.stringContaining("must be replaced (dns_config)") });
    expect(sandbox.writes()).toHaveLength(0);
    const result = await connectTransitGateway(options({ dnsConfig, replace: true }));
    expect(writes()).toEqual(["DELETE /v2/cloud-gateways/networks/{networkId}/transit-gateways/{transitGatewayId}", "POST /v2/cloud-gateways/networks/{networkId}/transit-gateways", "AcceptTransitGatewayVpcAttachment"]);
    expect(result.attachment.state).toBe("ready");
  });

  it("does not accept an attachment the transit gateway auto-accepts", async () => {
    const auto = sandbox.seedTransitGateway({ region: "us-east-2", autoAccept: true });
    const result = await connectTransitGateway(options({ transitGatewayId: auto, routeTableIds: [] }));
    expect(result.attachment.state).toBe("ready");
    expect(writes()).not.toContain("AcceptTransitGatewayVpcAttachment");
  });

  it("uses a given share after checking it shares the transit gateway with Kong's account", async () => {
    const { CreateResourceShareCommand } = await import("@aws-sdk/client-ram");
    const arn = `arn:aws:ec2:us-east-2:123456789012:transit-gateway/${tgw}`;
    const wrong = await ram().send(new CreateResourceShareCommand({ name: "mine", resourceArns: [arn], principals: ["111122223333"] }));
    sandbox.clearRequests();
    const refused = await connectTransitGateway(options({ ramShareArn: wrong.resourceShare!.resourceShareArn! })).catch((x: unknown) => x);
    expect(refused).toMatchObject({ field: "ramShareArn", message: expect.stringContaining("is not shared with Kong's AWS account 210987654321") });
    expect(sandbox.writes()).toHaveLength(0);
    const right = await ram().send(new CreateResourceShareCommand({ name: "mine-2", resourceArns: [arn], principals: ["210987654321"] }));
    sandbox.clearRequests();
    const result = await connectTransitGateway(options({ ramShareArn: right.resourceShare!.resourceShareArn! }));
    expect(result.ramShareArn).toBe(right.resourceShare!.resourceShareArn);
    expect(writes()).not.toContain("CreateResourceShare");
  });

  it("stops on a network in error, quoting Konnect's state_metadata", async () => {
    sandbox.failCloudGateway("prod-net", { state: "error", stateMetadata: { reported_status: "FAILED", reason: "subnet capacity exhausted in use2-az2" } });
    const failed = await connectTransitGateway(options()).catch((x: unknown) => x);
    // the engine reports the writes done before the failure (ReconcileError) and keeps the cause
    expect(failed).toBeInstanceOf(ReconcileError);
    const e = (failed as ReconcileError).cause;
    expect(e).toBeInstanceOf(CloudGatewayStateError);
    expect(e).toMatchObject({ object: "network", state: "error", stateMetadata: { reason: "subnet capacity exhausted in use2-az2" }, message: expect.stringContaining("is error: FAILED: subnet capacity exhausted in use2-az2") });
  });

  it("stops on an attachment in error; the next run refuses to replace it silently, and replace: true recovers", async () => {
    sandbox.failCloudGateway(`konnect-aws-${tgw}`, { state: "error", stateMetadata: { reported_status: "FAILED", reason: "attachment rejected" } });
    const failed = (await connectTransitGateway(options()).catch((x: unknown) => x)) as ReconcileError;
    expect(failed.cause).toMatchObject({ object: "transit-gateway", state: "error", message: expect.stringContaining("FAILED: attachment rejected") });
    const refused = await connectTransitGateway(options()).catch((x: unknown) => x);
    expect(refused).toMatchObject({ field: "replace", message: expect.stringContaining("state error (attachment rejected)") });
    const result = await connectTransitGateway(options({ replace: true }));
    expect(result.attachment.state).toBe("ready");
    expect(cg().transitGateways.size).toBe(1);
  });

  it("stops at once on an attachment pending a user action, and on an offline network, instead of waiting out the timeout", async () => {
    sandbox.failCloudGateway(`konnect-aws-${tgw}`, { state: "pending-user-action", stateMetadata: { reported_status: "PENDING", reason: "accept the route propagation in your VPC" } });
    const failed = (await connectTransitGateway(options({ wait: { ...instant, attachmentTimeoutMs: 24 * 3_600_000 } })).catch((x: unknown) => x)) as ReconcileError;
    expect(failed.cause).toBeInstanceOf(CloudGatewayStateError);
    expect(failed.cause).toMatchObject({ object: "transit-gateway", state: "pending-user-action", elapsedMs: expect.any(Number), message: expect.stringContaining("accept the route propagation in your VPC") });
    expect((failed.cause as CloudGatewayStateError).elapsedMs).toBeLessThan(3_600_000);

    // a network found offline is refused before any write
    sandbox.failCloudGateway("other-net", { state: "offline", stateMetadata: {} });
    const first = await connectTransitGateway(options({ network: { name: "other-net", region: "us-east-2", availabilityZones: ["use2-az1", "use2-az2"], cidrBlock: "172.20.0.0/16" } })).catch((x: unknown) => x);
    expect(first, String(first)).toBeInstanceOf(ReconcileError);
    expect((first as ReconcileError).cause).toMatchObject({ object: "network", state: "offline" });
    sandbox.clearRequests();
    const refused = await connectTransitGateway(options({ network: { name: "other-net", region: "us-east-2", availabilityZones: ["use2-az1", "use2-az2"], cidrBlock: "172.20.0.0/16" } })).catch((x: unknown) => x);
    expect(refused).toBeInstanceOf(ConfigError);
    expect(refused).toMatchObject({ field: "network", message: expect.stringContaining("is offline") });
    expect(sandbox.writes()).toEqual([]);
    // the reads started alongside the network's checks (the route tables', the share's) ended before the
    // refusal was reported: none outlives the operation
    expect(sandbox.requests.map((r) => r.operation)).toEqual(expect.arrayContaining(["DescribeTransitGatewayVpcAttachments", "GetResourceShareAssociations"]));
  });

  it("refuses a given share that does not exist or is deleted, before any write (its associations, read alongside, are dropped)", async () => {
    const { CreateResourceShareCommand, DeleteResourceShareCommand } = await import("@aws-sdk/client-ram");
    const arn = `arn:aws:ec2:us-east-2:123456789012:transit-gateway/${tgw}`;
    const gone = await ram().send(new CreateResourceShareCommand({ name: "gone", resourceArns: [arn], principals: ["210987654321"] }));
    await ram().send(new DeleteResourceShareCommand({ resourceShareArn: gone.resourceShare!.resourceShareArn! }));
    for (const ramShareArn of ["arn:aws:ram:us-east-2:123456789012:resource-share/00000000-0000-4000-8000-000000000000", gone.resourceShare!.resourceShareArn!]) {
      sandbox.clearRequests();
      const refused = await connectTransitGateway(options({ ramShareArn })).catch((x: unknown) => x);
      expect(refused, ramShareArn).toBeInstanceOf(ConfigError);
      expect(refused, ramShareArn).toMatchObject({ field: "ramShareArn", message: expect.stringContaining(`no active RAM share ${ramShareArn}`) });
      expect(sandbox.writes()).toEqual([]);
    }
  });

  it("refuses a given share that holds more than the transit gateway, before any write", async () => {
    const { CreateResourceShareCommand } = await import("@aws-sdk/client-ram");
    const arn = `arn:aws:ec2:us-east-2:123456789012:transit-gateway/${tgw}`;
    const other = `arn:aws:ec2:us-east-2:123456789012:transit-gateway/${sandbox.seedTransitGateway({ region: "us-east-2" })}`;
    const both = await ram().send(new CreateResourceShareCommand({ name: "both", resourceArns: [arn, other], principals: ["210987654321"] }));
    sandbox.clearRequests();
    const refused = await connectTransitGateway(options({ ramShareArn: both.resourceShare!.resourceShareArn! })).catch((x: unknown) => x);
    expect(refused).toBeInstanceOf(ConfigError);
    expect(refused).toMatchObject({ field: "ramShareArn", message: expect.stringContaining("shares 2 resources") });
    expect(sandbox.writes()).toEqual([]);
  });

  it("gives up at the timeout, and a later run resumes the same network", async () => {
    sandbox.clock.autoAdvance = false;
    const e = ((await connectTransitGateway(options({ wait: { ...instant, networkTimeoutMs: 60_000 } })).catch((x: unknown) => x)) as ReconcileError).cause;
    expect(e).toMatchObject({ object: "network", state: "initializing", message: expect.stringMatching(/still initializing after 1m0\ds/) });
    sandbox.clock.autoAdvance = true;
    await connectTransitGateway(options());
    expect(cg().networks.size).toBe(1);
  });

  it.skipIf(!officialSpecPresent)("sends Konnect bodies that validate against the official cloud-gateways.v2.yaml", async () => {
    const bodies: Array<{ method: string; path: string; body: unknown }> = [];
    const listen = ({ request }: { request: Request }) => {
      const url = new URL(request.url);
      if (url.hostname === "global.api.konghq.com" && request.method !== "GET" && request.method !== "DELETE") void request.clone().json().then((body: unknown) => bodies.push({ method: request.method, path: url.pathname, body }));
    };
    server.events.on("request:start", listen);
    try {
      await connectTransitGateway(options({ dnsConfig: [{ remoteDnsServerIpAddresses: ["10.0.0.2"], domainProxyList: ["corp.example.com"] }] }));
      await connectTransitGateway(options({ vpcCidrs: ["10.0.0.0/16", "10.2.0.0/16"], dnsConfig: [{ remoteDnsServerIpAddresses: ["10.0.0.2"], domainProxyList: ["corp.example.com"] }] }));
    } finally {
      server.events.removeListener("request:start", listen);
    }
    expect(bodies.map((b) => `${b.method} ${b.path.replace(/[0-9a-f-]{36}/g, "{id}")}`)).toEqual([
      "POST /v2/cloud-gateways/networks",
      "POST /v2/cloud-gateways/networks/{id}/transit-gateways",
      "PATCH /v2/cloud-gateways/networks/{id}/transit-gateways/{id}",
    ]);
    for (const b of bodies) expect(officialBodyErrors(b.method, b.path, b.body), `${b.method} ${b.path}`).toEqual([]);
  });
});

describe("disconnectTransitGateway", () => {
  it("deletes the route, the attachment and our share, keeps the network unless asked, and is idempotent", async () => {
    await connectTransitGateway(options());
    sandbox.clearRequests();
    const first = await disconnectTransitGateway(options());
    expect(first.changes.map((c) => [c.action, c.kind])).toEqual([
      ["delete", "aws.vpc-route"],
      ["delete", "konnect.transit-gateway-attachment"],
      ["delete", "aws.ram-resource-share"],
    ]);
    expect(first.kept).toEqual([expect.objectContaining({ kind: "konnect.cloud-gateway-network", key: "prod-net", reason: expect.stringContaining("deleteNetwork is not set") })]);
    expect(cg().transitGateways.size).toBe(0);
    expect([...sandbox.state.ram.shares.values()].map((s) => s.status)).toEqual(["DELETED"]);
    expect(sandbox.state.ec2.routeTables.get(rtb)!.routes).toHaveLength(1);
    sandbox.clearRequests();
    const second = await disconnectTransitGateway(options());
    expect(sandbox.writes()).toEqual([]);
    expect(second.changes).toEqual([]);
    const third = await disconnectTransitGateway(options({ deleteNetwork: true } as Partial<ConnectTransitGatewayOptions>));
    expect(third.changes.map((c) => [c.action, c.kind])).toEqual([["delete", "konnect.cloud-gateway-network"]]);
    expect(cg().networks.size).toBe(0);
  });

  it("removes our share and our routes when the network and the transit gateway are already gone", async () => {
    await connectTransitGateway(options());
    cg().networks.clear();
    cg().transitGateways.clear();
    sandbox.state.ec2.transitGateways.delete(tgw);
    sandbox.clearRequests();
    const { changes, kept } = await disconnectTransitGateway(options());
    expect(changes.map((c) => [c.action, c.kind])).toEqual([
      ["delete", "aws.vpc-route"],
      ["delete", "aws.ram-resource-share"],
    ]);
    expect(kept).toEqual([]);
    expect(writes().sort()).toEqual(["DeleteResourceShare", "DeleteRoute"]);
    expect([...sandbox.state.ram.shares.values()].map((s) => s.status)).toEqual(["DELETED"]);
    expect(sandbox.state.ec2.routeTables.get(rtb)!.routes).toHaveLength(1);
    sandbox.clearRequests();
    expect((await disconnectTransitGateway(options())).changes).toEqual([]);
    expect(sandbox.writes()).toEqual([]);
  });

  it("with a network given by id and gone, still removes our share, and lists the routes it cannot identify", async () => {
    const { network } = await connectTransitGateway(options());
    const byId = options({ network: { id: network.id! } });
    await disconnectTransitGateway(options());
    await connectTransitGateway(byId);
    cg().networks.clear();
    cg().transitGateways.clear();
    const { changes, kept } = await disconnectTransitGateway(byId);
    expect(changes.map((c) => [c.action, c.kind])).toEqual([["delete", "aws.ram-resource-share"]]);
    expect(kept).toEqual([expect.objectContaining({ kind: "aws.vpc-route", key: `${rtb} (network CIDR)`, reason: expect.stringContaining("its CIDR (the route's destination) is unknown") })]);
    expect(sandbox.state.ec2.routeTables.get(rtb)!.routes).toHaveLength(2);
    expect([...sandbox.state.ram.shares.values()].map((s) => s.status)).toEqual(["DELETED", "DELETED"]);
  });

  it("keeps the share while another network's attachment uses it, and deletes it with the last one", async () => {
    const a = await connectTransitGateway(options());
    const otherNetwork = { name: "eu-net", region: "us-east-2", availabilityZones: ["use2-az1"], cidrBlock: "172.16.0.0/16" };
    sandbox.clearRequests();
    const b = await connectTransitGateway(options({ network: otherNetwork, routeTableIds: [] }));
    expect(writes()).not.toContain("CreateResourceShare");
    expect(b.ramShareArn).toBe(a.ramShareArn);
    const first = await disconnectTransitGateway(options());
    expect(first.changes.map((c) => c.kind)).not.toContain("aws.ram-resource-share");
    expect(first.kept).toContainEqual({ kind: "aws.ram-resource-share", key: `konnect-aws-${tgw}-210987654321`, id: a.ramShareArn, reason: `still used by attachment konnect-aws-${tgw} of network eu-net` });
    expect([...sandbox.state.ram.shares.values()].map((s) => s.status)).toEqual(["ACTIVE"]);
    const second = await disconnectTransitGateway(options({ network: otherNetwork, routeTableIds: [] }));
    expect(second.changes).toContainEqual(expect.objectContaining({ action: "delete", kind: "aws.ram-resource-share" }));
    expect([...sandbox.state.ram.shares.values()].map((s) => s.status)).toEqual(["DELETED"]);
  });

  it("with deleteNetwork, keeps the network while a configuration or another attachment uses it (from the reads made before planning)", async () => {
    await connectTransitGateway(options());
    const [net] = cg().networks.values();
    net!.configuration_reference_count = 1;
    const used = await disconnectTransitGateway(options({ deleteNetwork: true } as Partial<ConnectTransitGatewayOptions>));
    expect(used.kept).toContainEqual(expect.objectContaining({ kind: "konnect.cloud-gateway-network", reason: "1 cloud-gateway configuration(s) use it" }));
    expect(cg().networks.size).toBe(1);
    net!.configuration_reference_count = 0;
    await connectTransitGateway(options());
    const tgw2 = sandbox.seedTransitGateway({ region: "us-east-2", autoAccept: true });
    await connectTransitGateway(options({ transitGatewayId: tgw2, vpcCidrs: ["10.1.0.0/16"], routeTableIds: [] }));
    sandbox.clearRequests();
    const other = await disconnectTransitGateway(options({ deleteNetwork: true } as Partial<ConnectTransitGatewayOptions>));
    expect(other.kept).toContainEqual(expect.objectContaining({ kind: "konnect.cloud-gateway-network", reason: `1 other attachment(s) use it: konnect-aws-${tgw2}` }));
    expect(other.changes.map((c) => c.kind)).toContain("konnect.transit-gateway-attachment");
    expect(cg().networks.size).toBe(1);
    // the network and its attachments were read once each, before planning
    expect(sandbox.requests.filter((r) => r.operation === "GET /v2/cloud-gateways/networks/{networkId}")).toHaveLength(0);
    expect(sandbox.requests.filter((r) => r.operation === "GET /v2/cloud-gateways/networks/{networkId}/transit-gateways")).toHaveLength(1);
  });

  it("keeps an attachment of the transit gateway that konnect-aws did not create (another name)", async () => {
    await connectTransitGateway(options());
    const [att] = cg().transitGateways.values();
    att!.name = "hand-made";
    const { changes, kept } = await disconnectTransitGateway(options());
    expect(changes.map((c) => c.kind)).not.toContain("konnect.transit-gateway-attachment");
    expect(kept).toContainEqual(expect.objectContaining({ kind: "konnect.transit-gateway-attachment", reason: expect.stringContaining("konnect-aws did not create it") }));
    expect(cg().transitGateways.size).toBe(1);
  });
});
