// The EC2 and RAM fakes answer the real AWS SDK v3 clients in their wire protocols (ec2Query with XML
// answers; restJson1), and the Konnect fake's attachments move through pending-acceptance to ready.
import { AcceptTransitGatewayVpcAttachmentCommand, CreateRouteCommand, DescribeRouteTablesCommand, DescribeTransitGatewaysCommand, DescribeTransitGatewayVpcAttachmentsCommand } from "@aws-sdk/client-ec2";
import { CreateResourceShareCommand, GetResourceShareAssociationsCommand, GetResourceSharesCommand } from "@aws-sdk/client-ram";
import { describe, expect, it } from "vitest";
import { useSandbox } from "../use-sandbox.js";
import { ec2, ram } from "./clients.js";

const { sandbox, konnect } = useSandbox();

describe("EC2 fake (ec2Query)", () => {
  it("describes transit gateways with their auto-accept option, and refuses an unknown id as EC2 does", async () => {
    const id = sandbox.seedTransitGateway({ autoAccept: true });
    const out = await ec2().send(new DescribeTransitGatewaysCommand({ TransitGatewayIds: [id] }));
    expect(out.TransitGateways).toMatchObject([{ TransitGatewayId: id, OwnerId: "123456789012", State: "available", Options: { AutoAcceptSharedAttachments: "enable" } }]);
    expect(out.TransitGateways![0]!.TransitGatewayArn).toBe(`arn:aws:ec2:us-east-2:123456789012:transit-gateway/${id}`);
    const missing = await ec2().send(new DescribeTransitGatewaysCommand({ TransitGatewayIds: ["tgw-0000000000000000f"] })).catch((e: unknown) => e);
    expect(missing).toMatchObject({ name: "InvalidTransitGatewayID.NotFound", $metadata: { httpStatusCode: 400 } });
  });

  it("refuses a route through a transit gateway the table's VPC is not attached to (available), as EC2 does", async () => {
    const tgw = sandbox.seedTransitGateway();
    const rtb = sandbox.seedRouteTable({ vpcCidr: "10.1.0.0/16" });
    const vpcId = sandbox.state.ec2.routeTables.get(rtb)!.vpcId;
    const route = () => ec2().send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: "192.168.0.0/16", TransitGatewayId: tgw })).catch((e: unknown) => e);
    expect(await route()).toMatchObject({ name: "InvalidTransitGatewayID.NotFound", $metadata: { httpStatusCode: 400 } });
    // another VPC's attachment, or one of this VPC still pending, does not count
    sandbox.seedVpcAttachment({ transitGatewayId: tgw, vpcId: "vpc-0123456789abcdef0" });
    const pending = sandbox.seedVpcAttachment({ transitGatewayId: tgw, vpcId, state: "pending" });
    expect(await route()).toMatchObject({ name: "InvalidTransitGatewayID.NotFound" });
    sandbox.state.ec2.attachments.get(pending)!.state = "available";
    expect(await route()).toMatchObject({ $metadata: { httpStatusCode: 200 } });
    expect(sandbox.state.ec2.routeTables.get(rtb)!.routes).toContainEqual(expect.objectContaining({ destinationCidrBlock: "192.168.0.0/16", transitGatewayId: tgw }));
  });

  it("adds a route through a transit gateway once; a second CreateRoute is RouteAlreadyExists", async () => {
    const tgw = sandbox.seedTransitGateway();
    const rtb = sandbox.seedRouteTable({ vpcCidr: "10.1.0.0/16" });
    sandbox.seedVpcAttachment({ transitGatewayId: tgw, vpcId: sandbox.state.ec2.routeTables.get(rtb)!.vpcId });
    await ec2().send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: "192.168.0.0/16", TransitGatewayId: tgw }));
    const again = await ec2().send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: "192.168.0.0/16", TransitGatewayId: tgw })).catch((e: unknown) => e);
    expect(again).toMatchObject({ name: "RouteAlreadyExists" });
    const out = await ec2().send(new DescribeRouteTablesCommand({ RouteTableIds: [rtb] }));
    expect(out.RouteTables![0]!.Routes).toEqual([
      expect.objectContaining({ DestinationCidrBlock: "10.1.0.0/16", GatewayId: "local", State: "active" }),
      expect.objectContaining({ DestinationCidrBlock: "192.168.0.0/16", TransitGatewayId: tgw, State: "active", Origin: "CreateRoute" }),
    ]);
  });
});

describe("EC2 fake: input checked against the EC2 model (generated/aws-constraints/ec2.ts)", () => {
  it("answers MissingParameter for a missing required member and InvalidParameterValue for a value out of range", async () => {
    const missing = await ec2().send(new CreateRouteCommand({ DestinationCidrBlock: "192.168.0.0/16" } as never)).catch((e: unknown) => e);
    expect(missing).toMatchObject({ name: "MissingParameter", message: "The request must contain the parameter RouteTableId" });
    // DescribeRouteTablesMaxResults: range 5..100 in the model
    const range = await ec2().send(new DescribeRouteTablesCommand({ MaxResults: 101 })).catch((e: unknown) => e);
    expect(range).toMatchObject({ name: "InvalidParameterValue", $metadata: { httpStatusCode: 400 } });
    expect(sandbox.writes("ec2").map((w) => w.status)).toEqual([400]);
  });
});

describe("RAM fake (restJson1)", () => {
  it("creates a tagged share of a transit gateway with an external account and lists its associations", async () => {
    const tgw = sandbox.seedTransitGateway();
    const tgwArn = `arn:aws:ec2:us-east-2:123456789012:transit-gateway/${tgw}`;
    const { resourceShare } = await ram().send(new CreateResourceShareCommand({ name: "share", resourceArns: [tgwArn], principals: ["210987654321"], allowExternalPrincipals: true, tags: [{ key: "konnect-aws:managed", value: "true" }] }));
    expect(resourceShare).toMatchObject({ status: "ACTIVE", owningAccountId: "123456789012", allowExternalPrincipals: true });
    const found = await ram().send(new GetResourceSharesCommand({ resourceOwner: "SELF", tagFilters: [{ tagKey: "konnect-aws:managed", tagValues: ["true"] }] }));
    expect(found.resourceShares!.map((s) => s.resourceShareArn)).toEqual([resourceShare!.resourceShareArn]);
    const principals = await ram().send(new GetResourceShareAssociationsCommand({ associationType: "PRINCIPAL", resourceShareArns: [resourceShare!.resourceShareArn!] }));
    expect(principals.resourceShareAssociations).toMatchObject([{ associatedEntity: "210987654321", status: "ASSOCIATED", external: true }]);
    const resources = await ram().send(new GetResourceShareAssociationsCommand({ associationType: "RESOURCE", resourceShareArns: [resourceShare!.resourceShareArn!] }));
    expect(resources.resourceShareAssociations).toMatchObject([{ associatedEntity: tgwArn }]);
  });

  it("refuses input the official model refuses (maxResults above 500)", async () => {
    const e = await ram().send(new GetResourceSharesCommand({ resourceOwner: "SELF", maxResults: 501 })).catch((x: unknown) => x);
    expect(e).toMatchObject({ name: "InvalidParameterException", $metadata: { httpStatusCode: 400 } });
  });
});

describe("Konnect fake: transit-gateway attachments", () => {
  it("goes to error, with state_metadata, when the share does not give the transit gateway to Kong's account", async () => {
    const tgw = sandbox.seedTransitGateway();
    const [account] = await konnect.collect("/v2/cloud-gateways/provider-accounts");
    const { data: net } = await konnect.api.POST("/v2/cloud-gateways/networks", { body: { name: "net", cloud_gateway_provider_account_id: account!.id, region: "us-east-2", availability_zones: ["use2-az1"], cidr_block: "10.0.0.0/16" } });
    const { resourceShare } = await ram().send(new CreateResourceShareCommand({ name: "share", resourceArns: [`arn:aws:ec2:us-east-2:123456789012:transit-gateway/${tgw}`], principals: ["111122223333"] }));
    const path = { networkId: net!.id };
    const { data: att } = await konnect.api.POST("/v2/cloud-gateways/networks/{networkId}/transit-gateways", {
      params: { path },
      body: { name: "att", cidr_blocks: ["192.168.0.0/16"], transit_gateway_attachment_config: { kind: "aws-transit-gateway-attachment", transit_gateway_id: tgw, ram_share_arn: resourceShare!.resourceShareArn! } },
    });
    const get = async () => (await konnect.api.GET("/v2/cloud-gateways/networks/{networkId}/transit-gateways/{transitGatewayId}", { params: { path: { ...path, transitGatewayId: att!.id } } })).data!;
    await get();
    expect(await get()).toMatchObject({ state: "error", state_metadata: { reported_status: "failed", reason: expect.stringContaining("is not shared with Kong's account 210987654321") } });
  });

  it("checks the share, waits in pending-acceptance until the owner accepts in EC2, then is ready", async () => {
    const tgw = sandbox.seedTransitGateway({ autoAccept: false });
    const [account] = await konnect.collect("/v2/cloud-gateways/provider-accounts");
    const { data: net } = await konnect.api.POST("/v2/cloud-gateways/networks", { body: { name: "net", cloud_gateway_provider_account_id: account!.id, region: "us-east-2", availability_zones: ["use2-az1", "use2-az2"], cidr_block: "10.0.0.0/16" } });
    const { resourceShare } = await ram().send(new CreateResourceShareCommand({ name: "share", resourceArns: [`arn:aws:ec2:us-east-2:123456789012:transit-gateway/${tgw}`], principals: [account!.provider_account_id!], allowExternalPrincipals: true }));
    const path = { networkId: net!.id };
    const { data: att } = await konnect.api.POST("/v2/cloud-gateways/networks/{networkId}/transit-gateways", {
      params: { path },
      body: { name: "att", cidr_blocks: ["192.168.0.0/16"], transit_gateway_attachment_config: { kind: "aws-transit-gateway-attachment", transit_gateway_id: tgw, ram_share_arn: resourceShare!.resourceShareArn! } },
    });
    const get = async () => (await konnect.api.GET("/v2/cloud-gateways/networks/{networkId}/transit-gateways/{transitGatewayId}", { params: { path: { ...path, transitGatewayId: att!.id } } })).data!;
    expect([(await get()).state, (await get()).state]).toEqual(["initializing", "pending-acceptance"]);
    const attachmentId = ((await get()).transit_gateway_attachment_config as { attachment_id: string }).attachment_id;
    const pending = await ec2().send(new DescribeTransitGatewayVpcAttachmentsCommand({ TransitGatewayAttachmentIds: [attachmentId] }));
    expect(pending.TransitGatewayVpcAttachments).toMatchObject([{ State: "pendingAcceptance", VpcOwnerId: "210987654321", TransitGatewayId: tgw }]);
    await ec2().send(new AcceptTransitGatewayVpcAttachmentCommand({ TransitGatewayAttachmentId: attachmentId }));
    expect((await get()).state).toBe("ready");
  });
});
