// The guide's "AWS Transit Gateway" (enable_aws_transit_gateway, aws_transit_gateway_id, aws_ram_share_arn,
// aws_vpc_cidrs): Dedicated Cloud Gateways reach private upstreams in your VPCs through your transit
// gateway, without internet exposure. The guide's Terraform posted a schema that does not exist; the real
// sequence spans two accounts and most of an hour: a cloud-gateway network (30 to 40 minutes), a RAM share
// of the transit gateway with Kong's account, the attachment, its acceptance in your account, and routes
// back to the network. Run it again after an interruption: it resumes where it stopped. With `teardown`,
// the same options remove the routes, the attachment, the share and (deleteNetwork) the network.
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { RAMClient } from "@aws-sdk/client-ram";
import { connectTransitGateway, disconnectTransitGateway, type CloudGatewayWaitOptions, type ConnectTransitGatewayOptions, type KonnectClient } from "konnect-aws";
import { printChanges, printTeardown } from "./print-changes.js";

export interface TransitGatewayExampleOptions {
  konnect: KonnectClient;
  /** The transit gateway in your account (`aws_transit_gateway_id`). */
  transitGatewayId: string;
  /** Your VPC ranges the gateways reach (`aws_vpc_cidrs`). */
  vpcCidrs: string[];
  /** An existing share (`aws_ram_share_arn`); by default one is created. */
  ramShareArn?: string;
  /** VPC route tables that route the network's CIDR back through the transit gateway. */
  routeTableIds?: string[];
  /** A Dedicated Cloud Gateways region (availability.json). @default "us-east-2" */
  region?: string;
  /** AZ ids (not names) of the network in that region. @default ["use2-az1", "use2-az2"] */
  availabilityZones?: string[];
  ec2?: EC2Client;
  ram?: RAMClient;
  wait?: CloudGatewayWaitOptions;
  dryRun?: boolean;
  /** Remove what the example creates instead, network included. */
  teardown?: boolean;
}

export async function transitGateway(o: TransitGatewayExampleOptions) {
  const region = o.region ?? "us-east-2";
  const options: ConnectTransitGatewayOptions = {
    konnect: o.konnect,
    // AZ ids, not names; the CIDR stays clear of your VPCs and of the region's reserved blocks
    network: { name: "konnect-aws-demo-net", region, availabilityZones: o.availabilityZones ?? ["use2-az1", "use2-az2"], cidrBlock: "192.168.0.0/16" },
    transitGatewayId: o.transitGatewayId,
    vpcCidrs: o.vpcCidrs,
    ...(o.ramShareArn ? { ramShareArn: o.ramShareArn } : {}),
    ...(o.routeTableIds ? { routeTableIds: o.routeTableIds } : {}),
    tags: { Environment: "dev", Project: "konnect-aws-demo" },
    ...(o.ec2 ? { ec2: o.ec2 } : {}),
    ...(o.ram ? { ram: o.ram } : {}),
    ...(o.wait ? { wait: o.wait } : {}),
    dryRun: o.dryRun,
    onEvent: (e) => {
      if (e.type === "waiting") console.log(`  ... ${e.key}: ${e.message}`);
    },
  };
  if (o.teardown) {
    const removed = await disconnectTransitGateway({ ...options, deleteNetwork: true });
    printTeardown("transit gateway", removed);
    return removed;
  }
  const result = await connectTransitGateway(options);
  printChanges("transit gateway", result.changes);
  console.log(`  network ${result.network.id ?? "(after apply)"} ${result.network.cidrBlock}: ${result.network.state ?? "to be created"}`);
  console.log(`  attachment ${result.attachment.attachmentId ?? "(after apply)"}: ${result.attachment.state ?? "to be created"}; share ${result.ramShareArn ?? "(after apply)"}`);
  return result;
}
