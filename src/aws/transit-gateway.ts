import type { EC2Client, TransitGateway } from "@aws-sdk/client-ec2";
import { AwsStepError } from "../errors/aws-step-error.js";
import { ConfigError } from "../errors/config-error.js";
import { loadEc2 } from "./load-sdk.js";

/**
 * The transit gateway (ARN, owner, `Options.AutoAcceptSharedAttachments`), read in the client's region;
 * a {@link ConfigError} naming `transitGatewayId` when EC2 does not know it there.
 * @internal
 */
export async function describeTransitGateway(client: EC2Client, id: string, region: string, signal: AbortSignal | undefined): Promise<TransitGateway> {
  const m = await loadEc2();
  const out = await client.send(new m.DescribeTransitGatewaysCommand({ TransitGatewayIds: [id] }), { abortSignal: signal }).catch((e: unknown) => {
    if ((e as { name?: string }).name === "InvalidTransitGatewayID.NotFound") {
      throw new ConfigError({ field: "transitGatewayId", problem: `no transit gateway ${id} in ${region} (the network's region) for the ec2 client's account`, fix: "give a transit gateway of the network's region, and an ec2 client of its owner's account" });
    }
    throw new AwsStepError(`DescribeTransitGateways ${id}`, e);
  });
  const tgw = out.TransitGateways?.[0];
  if (!tgw) throw new ConfigError({ field: "transitGatewayId", problem: `no transit gateway ${id} in ${region}`, fix: "give a transit gateway of the network's region" });
  return tgw;
}
