import type { EC2Client, Route, RouteTable } from "@aws-sdk/client-ec2";
import { loadEc2 } from "../../aws/load-sdk.js";
import { AwsStepError } from "../../errors/aws-step-error.js";
import type { Observation, Resource } from "../../reconcile/resource.js";

/** What {@link vpcRouteResource} manages. @internal */
export interface VpcRouteDesired {
  ec2: () => Promise<EC2Client>;
  routeTableId: string;
  /** The cloud-gateway network's CIDR block (the destination). */
  destinationCidrBlock: () => string | undefined;
  transitGatewayId: string;
  /**
   * The table as the operation already read it, or is reading it, before planning (the apply's check of
   * the route tables, `checkRouteTableAttachments`, reads every table with its routes; a teardown starts
   * {@link readRouteTable} with its other reads): observe takes it instead of reading the table again,
   * and a failed read fails the observe, as its own read would. Undefined: observe reads it.
   */
  table?: RouteTable | Promise<RouteTable | undefined> | undefined;
  dependsOn: Resource[];
  signal: AbortSignal | undefined;
}

const step = async <T>(what: string, run: () => Promise<T>) => run().catch((e: unknown) => Promise.reject(new AwsStepError(what, e)));

/** One route table with its routes (DescribeRouteTables of its id): what a route's observe reads. @internal */
export async function readRouteTable(ec2: () => Promise<EC2Client>, routeTableId: string, signal: AbortSignal | undefined): Promise<RouteTable | undefined> {
  const m = await loadEc2();
  const client = await ec2();
  const { RouteTables = [] } = await step(`DescribeRouteTables ${routeTableId}`, () => client.send(new m.DescribeRouteTablesCommand({ RouteTableIds: [routeTableId] }), { abortSignal: signal }));
  return RouteTables[0];
}

/**
 * A route in a VPC route table sending the cloud-gateway network's CIDR through the transit gateway
 * (kind `aws.vpc-route`, key `<routeTableId> <cidr>`), added only if missing. Routes carry no tags: the
 * route to that CIDR through that transit gateway is the mark; a route to the CIDR through anything else
 * is a conflict refused before any write.
 * @internal
 */
export function vpcRouteResource(d: VpcRouteDesired): Resource<Route> {
  const cidr = () => d.destinationCidrBlock() ?? "(network CIDR)";
  return {
    kind: "aws.vpc-route",
    key: `${d.routeTableId} ${cidr()}`,
    dependsOn: d.dependsOn,
    mark: "a route through the transit gateway",
    field: "routeTableIds",
    async observe(): Promise<Observation<Route>> {
      const table = await (d.table ?? readRouteTable(d.ec2, d.routeTableId, d.signal));
      const route = (table?.Routes ?? []).find((r) => r.DestinationCidrBlock === d.destinationCidrBlock());
      if (!route) return { exists: false, owned: false, diff: [{ path: "DestinationCidrBlock", after: cidr() }, { path: "TransitGatewayId", after: d.transitGatewayId }] };
      const o: Observation<Route> = { exists: true, id: `${d.routeTableId} ${cidr()}`, owned: route.TransitGatewayId === d.transitGatewayId, actual: route, diff: [] };
      if (route.TransitGatewayId !== d.transitGatewayId) {
        o.conflict = { field: "routeTableIds", problem: `route table ${d.routeTableId} already routes ${cidr()} to ${route.TransitGatewayId ?? route.GatewayId ?? route.NatGatewayId ?? "another target"}`, fix: `remove that route, or leave ${d.routeTableId} out of routeTableIds` };
      }
      return o;
    },
    async create() {
      const m = await loadEc2();
      const client = await d.ec2();
      await step(`CreateRoute ${d.routeTableId}`, () => client.send(new m.CreateRouteCommand({ RouteTableId: d.routeTableId, DestinationCidrBlock: cidr(), TransitGatewayId: d.transitGatewayId }), { abortSignal: d.signal }));
      return `${d.routeTableId} ${cidr()}`;
    },
    // never called: a route is either through the transit gateway (nothing to do) or a conflict
    update: async () => undefined,
    async delete() {
      const m = await loadEc2();
      const client = await d.ec2();
      await step(`DeleteRoute ${d.routeTableId}`, () => client.send(new m.DeleteRouteCommand({ RouteTableId: d.routeTableId, DestinationCidrBlock: cidr() }), { abortSignal: d.signal }));
    },
  };
}
