import type { EC2Client, RouteTable } from "@aws-sdk/client-ec2";
import { AwsStepError } from "../errors/aws-step-error.js";
import { ConfigError } from "../errors/config-error.js";
import { loadEc2 } from "./load-sdk.js";

/** What {@link checkRouteTableAttachments} checks. @internal */
export interface CheckRouteTableAttachmentsOptions {
  ec2: EC2Client;
  routeTableIds: string[];
  transitGatewayId: string;
  /** The destination the routes add (the network's CIDR): tables that already route it are not checked. */
  destinationCidrBlock: string;
  region: string;
  signal: AbortSignal | undefined;
}

/**
 * Refuses, before any write, a route table whose VPC has no `available` VPC attachment to the transit
 * gateway: EC2's CreateRoute with `TransitGatewayId` answers InvalidTransitGatewayID.NotFound for such a
 * table, which the operation would otherwise learn only after creating the network, the share and the
 * attachment. Reads each table's `VpcId` (DescribeRouteTables), then the attachments with the filters
 * `vpc-id`, `transit-gateway-id` and `state` = `available` (DescribeTransitGatewayVpcAttachments, filter
 * names from the EC2 API reference of that action). A table that already routes the destination (through
 * the transit gateway, or a conflict the route resource reports) needs no CreateRoute and is skipped.
 * Returns the tables read, by id, with their routes: the route resources observe them from there
 * instead of reading each table again.
 * @internal
 */
export async function checkRouteTableAttachments(o: CheckRouteTableAttachmentsOptions): Promise<Map<string, RouteTable>> {
  if (!o.routeTableIds.length) return new Map();
  const m = await loadEc2();
  const { RouteTables = [] } = await o.ec2.send(new m.DescribeRouteTablesCommand({ RouteTableIds: o.routeTableIds }), { abortSignal: o.signal }).catch((e: unknown) => {
    if ((e as { name?: string }).name === "InvalidRouteTableID.NotFound") {
      const message = String((e as { message?: string }).message ?? "");
      const i = Math.max(0, o.routeTableIds.findIndex((id) => message.includes(id)));
      throw new ConfigError({ field: `routeTableIds[${i}]`, problem: `no route table ${o.routeTableIds[i]} in ${o.region} (the network's region) for the ec2 client's account`, fix: "give route tables of VPCs in the network's region, with an ec2 client of their account" });
    }
    throw new AwsStepError(`DescribeRouteTables ${o.routeTableIds.join(" ")}`, e);
  });
  const tables = new Map(RouteTables.map((t) => [t.RouteTableId!, t]));
  const needed = o.routeTableIds
    .map((id, i) => ({ id, i, table: tables.get(id) }))
    .filter((x) => x.table?.VpcId && !(x.table.Routes ?? []).some((r) => r.DestinationCidrBlock === o.destinationCidrBlock));
  if (!needed.length) return tables;
  const vpcIds = [...new Set(needed.map((x) => x.table!.VpcId!))];
  const attached = new Set<string>();
  let NextToken: string | undefined;
  do {
    const out = await o.ec2
      .send(
        new m.DescribeTransitGatewayVpcAttachmentsCommand({
          Filters: [
            { Name: "vpc-id", Values: vpcIds },
            { Name: "transit-gateway-id", Values: [o.transitGatewayId] },
            { Name: "state", Values: ["available"] },
          ],
          ...(NextToken ? { NextToken } : {}),
        }),
        { abortSignal: o.signal },
      )
      .catch((e: unknown) => Promise.reject(new AwsStepError(`DescribeTransitGatewayVpcAttachments ${o.transitGatewayId}`, e)));
    for (const a of out.TransitGatewayVpcAttachments ?? []) if (a.VpcId) attached.add(a.VpcId);
    NextToken = out.NextToken;
  } while (NextToken);
  for (const x of needed) {
    const vpc = x.table!.VpcId!;
    if (!attached.has(vpc)) {
      throw new ConfigError({
        field: `routeTableIds[${x.i}]`,
        problem: `route table ${x.id} belongs to VPC ${vpc}, which has no available attachment to the transit gateway ${o.transitGatewayId}, so EC2 would refuse the route through it`,
        fix: `attach VPC ${vpc} to the transit gateway ${o.transitGatewayId} first (CreateTransitGatewayVpcAttachment, and wait until it is available), or leave ${x.id} out of routeTableIds`,
      });
    }
  }
  return tables;
}
