import type { EC2Client } from "@aws-sdk/client-ec2";
import type { RAMClient } from "@aws-sdk/client-ram";
import { loadEc2, loadRam } from "../aws/load-sdk.js";
import { checkAwsRegion } from "../aws/regions.js";
import { ConfigError } from "../errors/config-error.js";
import { describeTransitGateway } from "../aws/transit-gateway.js";
import { checkRouteTableAttachments } from "../aws/check-route-table-attachments.js";
import { findOurShare, findShareUsers, legacyShareNames, shareName } from "./transit-gateway-share.js";
import { findAwsProviderAccount, findNetwork, listAttachments, readAvailability } from "../resources/konnect/cloud-gateway-reads.js";
import { overlaps, parseCidr, contains, type Cidr } from "../internal/cidr.js";
import { check, checkArray, checkOptionalArray, checkOptionalBoolean, checkOptionalPlainObject, checkString, describeValue, isPlainObject, show } from "../internal/validate.js";
import type { Change } from "../reconcile/change.js";
import { DEFAULT_OWNERSHIP, type Ownership } from "../reconcile/ownership.js";
import { reconcileResources, type KeptResource } from "../reconcile/reconcile-resources.js";
import type { Resource } from "../reconcile/resource.js";
import { findResourceShare, ramResourceShareResource } from "../resources/aws/ram-resource-share.js";
import { readRouteTable, vpcRouteResource } from "../resources/aws/vpc-route.js";
import { cloudGatewayNetworkResource, networkKey, type CloudGatewayNetworkDesired, type NetworkSpec } from "../resources/konnect/cloud-gateway-network.js";
import { attachmentName, transitGatewayAttachmentResource, type Attachment, type DnsConfig } from "../resources/konnect/transit-gateway-attachment.js";
import { checkOperationOptions } from "./check-operation-options.js";
import type { CloudGatewayWaitOptions } from "./cloud-gateway-wait.js";
import { checkCostTags, definedTags, type CostAllocationTags } from "./cost-tags.js";
import type { OperationOptions } from "./operation-options.js";
import { drainOnFailure } from "../internal/settle-in-order.js";

/**
 * Options of {@link connectTransitGateway}.
 *
 * @example
 * ```ts
 * const options: ConnectTransitGatewayOptions = {
 *   konnect,
 *   network: { name: "prod-net", region: "us-east-2", availabilityZones: ["use2-az1", "use2-az2"], cidrBlock: "192.168.0.0/16" },
 *   transitGatewayId: "tgw-0123456789abcdef0",
 *   vpcCidrs: ["10.0.0.0/16"],
 * };
 * ```
 */
export interface ConnectTransitGatewayOptions extends OperationOptions {
  /**
   * The cloud-gateway network: an existing one by `id`, or one found by `name` and created when missing
   * (`region` is the AWS region, `availabilityZones` are AZ **ids** such as `use2-az1`, `cidrBlock` must
   * avoid your VPCs and the region's reserved blocks).
   */
  network: { id: string } | { name: string; region: string; availabilityZones: string[]; cidrBlock: string };
  /** The transit gateway, in the network's region, in the account of the `ec2` client. */
  transitGatewayId: string;
  /** Your VPC CIDRs the gateways reach through the transit gateway (the attachment's `cidr_blocks`). */
  vpcCidrs: string[];
  /** An existing RAM share of the transit gateway with Kong's account. @default one is created and tagged */
  ramShareArn?: string;
  /** VPC route tables that get a route for the network's CIDR through the transit gateway (when missing). */
  routeTableIds?: string[];
  /** Private DNS: remote resolvers and the domains the gateways resolve through them (Konnect `dns_config`). */
  dnsConfig?: Array<{ remoteDnsServerIpAddresses: string[]; domainProxyList: string[] }>;
  /** Confirms replacing the attachment (delete and create) for changes Konnect cannot make in place. @default false */
  replace?: boolean;
  /** Cost-allocation tags for the RAM share (with the ownership tag). */
  tags?: CostAllocationTags;
  /** Waiting for the network and the attachment. */
  wait?: CloudGatewayWaitOptions;
  /** EC2 client of the network's region. @default one from the default credential chain */
  ec2?: EC2Client;
  /** RAM client of the network's region. @default one from the default credential chain */
  ram?: RAMClient;
}

/**
 * Result of {@link connectTransitGateway}.
 *
 * @example
 * ```ts
 * const { network, attachment, ramShareArn } = await connectTransitGateway({ konnect, network: { id: "5f3c2c1e-8d0a-4b7e-9c6d-1a2b3c4d5e6f" }, transitGatewayId: "tgw-0123456789abcdef0", vpcCidrs: ["10.0.0.0/16"] });
 * console.log(network.state, attachment.state, attachment.attachmentId, ramShareArn);
 * ```
 */
export interface ConnectTransitGatewayResult {
  network: { id: string | undefined; state: string | undefined; cidrBlock: string };
  /** `id` is Konnect's; `attachmentId` is the AWS `tgw-attach-...` id. */
  attachment: { id: string | undefined; state: string | undefined; attachmentId: string | undefined };
  ramShareArn: string | undefined;
  changes: Change[];
}

const TGW_ID = /^tgw-[0-9a-f]{8,17}$/;
const RTB_ID = /^rtb-[0-9a-f]{8,17}$/;
const RAM_ARN = /^arn:aws[a-z-]*:ram:[a-z0-9-]+:\d{12}:resource-share\/[0-9a-f-]{36}$/;

function checkCidr(value: unknown, field: string): Cidr {
  checkString(value, field, { what: "an IPv4 CIDR block", example: "10.0.0.0/16", max: 18 });
  const c = parseCidr(value);
  check(c, field, `${show(value)} is not an IPv4 CIDR block with its network address`, 'give one such as "10.0.0.0/16" (host bits zero)');
  return c;
}

/** Checks the options before any request; returns the parsed CIDRs. @internal */
export function validateTransitGatewayOptions(o: ConnectTransitGatewayOptions): { vpc: Cidr[]; network: Cidr | undefined } {
  checkOperationOptions(o, "connectTransitGateway", 'network: { name: "prod-net", region: "us-east-2", availabilityZones: ["use2-az1"], cidrBlock: "192.168.0.0/16" }, transitGatewayId: "tgw-...", vpcCidrs: ["10.0.0.0/16"]');
  check(isPlainObject(o.network), "network", `expected { id } or { name, region, availabilityZones, cidrBlock }, got ${describeValue(o.network)}`, 'pass network: { id: "<network id>" } or network: { name, region, availabilityZones, cidrBlock }');
  let network: Cidr | undefined;
  if ("id" in o.network) {
    checkString(o.network.id, "network.id", { what: "a cloud-gateway network id", max: 64 });
  } else {
    const n = o.network;
    checkString(n.name, "network.name", { what: "a network name", max: 120 });
    checkAwsRegion(n.region, "network.region");
    checkArray(n.availabilityZones, "network.availabilityZones", '"use2-az1", "use2-az2"');
    check(n.availabilityZones.length > 0, "network.availabilityZones", "no availability zone given", 'give the AZ ids, such as ["use2-az1", "use2-az2"]');
    n.availabilityZones.forEach((z, i) => check(typeof z === "string" && /^[a-z]{2,}[0-9]+-az[0-9]+$/.test(z), `network.availabilityZones[${i}]`, `${show(z)} is not an availability-zone id`, 'Konnect takes AZ ids such as "use2-az1", not names such as "us-east-2a"'));
    network = checkCidr(n.cidrBlock, "network.cidrBlock");
  }
  checkString(o.transitGatewayId, "transitGatewayId", { what: "a transit gateway id", max: 21 });
  check(TGW_ID.test(o.transitGatewayId), "transitGatewayId", `${show(o.transitGatewayId)} is not a transit gateway id`, 'give it as "tgw-" and 8 or 17 hex digits');
  checkArray(o.vpcCidrs, "vpcCidrs", '"10.0.0.0/16"');
  check(o.vpcCidrs.length > 0, "vpcCidrs", "no VPC CIDR given", 'give the CIDRs of the VPCs to reach, such as ["10.0.0.0/16"]');
  const vpc = o.vpcCidrs.map((c, i) => checkCidr(c, `vpcCidrs[${i}]`));
  vpc.forEach((a, i) => vpc.slice(i + 1).forEach((b, j) => check(!overlaps(a, b), `vpcCidrs[${i + j + 1}]`, `${b.text} overlaps vpcCidrs[${i}] ${a.text}`, "list each VPC range once, without overlaps")));
  if (network) for (const [i, v] of vpc.entries()) check(!overlaps(network, v), "network.cidrBlock", `network CIDR ${network.text} overlaps vpcCidrs[${i}] ${v.text}`, "choose a network CIDR outside your VPC ranges");
  if (o.ramShareArn !== undefined) {
    checkString(o.ramShareArn, "ramShareArn", { what: "a RAM resource share ARN", max: 256 });
    check(RAM_ARN.test(o.ramShareArn), "ramShareArn", `${show(o.ramShareArn)} is not a RAM resource share ARN`, "give it as arn:aws:ram:<region>:<account>:resource-share/<uuid>");
  }
  checkOptionalArray(o.routeTableIds, "routeTableIds", '"rtb-0123456789abcdef0"');
  (o.routeTableIds ?? []).forEach((r, i) => check(typeof r === "string" && RTB_ID.test(r), `routeTableIds[${i}]`, `${show(r)} is not a route table id`, 'give it as "rtb-" and 8 or 17 hex digits'));
  checkOptionalArray(o.dnsConfig, "dnsConfig", '{ remoteDnsServerIpAddresses: ["10.0.0.2"], domainProxyList: ["internal.example.com"] }');
  (o.dnsConfig ?? []).forEach((d, i) => {
    check(isPlainObject(d) && Array.isArray(d.remoteDnsServerIpAddresses) && Array.isArray(d.domainProxyList), `dnsConfig[${i}]`, `expected { remoteDnsServerIpAddresses, domainProxyList }, got ${describeValue(d)}`, "give both lists");
  });
  checkOptionalBoolean(o.replace, "replace");
  checkCostTags(o.tags, "tags");
  checkOptionalPlainObject(o.wait, "wait", "networkTimeoutMs: 5400000");
  return { vpc, network };
}

/** Everything read before planning, shared by the apply and the teardown. @internal */
export interface TransitGatewayFacts {
  resources: Resource[];
  network: CloudGatewayNetworkDesired;
  attachmentOut: { attachment?: Attachment };
  shareOut: { arn?: string };
  cidrBlock: string;
  /** What a teardown cannot identify and so leaves in place, with the reason. */
  kept: KeptResource[];
}

/** The EC2 and RAM clients of the network's region (given, or made once from the default chain). */
function awsClients(o: ConnectTransitGatewayOptions, region: () => string | undefined) {
  let ec2: Promise<EC2Client> | undefined;
  let ram: Promise<RAMClient> | undefined;
  // a teardown of a network given by id that is gone knows no region: the default chain's then
  const config = () => (region() ? { region: region() } : {});
  return {
    ec2: () => (ec2 ??= o.ec2 ? Promise.resolve(o.ec2) : loadEc2().then((m) => new m.EC2Client(config()))),
    ram: () => (ram ??= o.ram ? Promise.resolve(o.ram) : loadRam().then((m) => new m.RAMClient(config()))),
  };
}

/**
 * Reads what the plan needs (provider account, availability, network, its attachments, the transit
 * gateway, the share), checks the CIDRs against the reserved blocks and the other attachments, and
 * declares the resources. Every read happens here, before any write.
 * @internal
 */
export async function declareTransitGatewayResources(o: ConnectTransitGatewayOptions & { deleteNetwork?: boolean }, parsed: { vpc: Cidr[]; network: Cidr | undefined }, mode: "apply" | "teardown"): Promise<TransitGatewayFacts> {
  // a refusal can come before reads started early were awaited: they end before the caller hears of it
  return drainOnFailure((inFlight) => readAndDeclare(o, parsed, mode, inFlight));
}

async function readAndDeclare(o: ConnectTransitGatewayOptions & { deleteNetwork?: boolean }, parsed: { vpc: Cidr[]; network: Cidr | undefined }, mode: "apply" | "teardown", inFlight: Array<Promise<unknown>>): Promise<TransitGatewayFacts> {
  // a read started before the refusals that precede its use: its rejection is held (never an unhandled
  // one) until it is awaited, and the run waits for it before reporting an earlier refusal
  const held = <T>(p: Promise<T>) => {
    p.catch(() => undefined);
    inFlight.push(p);
    return p;
  };
  const ownership: Ownership = { ...DEFAULT_OWNERSHIP, ...o.ownership };
  const spec: CloudGatewayNetworkDesired["spec"] = "id" in o.network ? { id: o.network.id } : ({ ...o.network } as NetworkSpec);

  // the provider account (Kong's AWS account: the share's principal) and the network
  const [account, found] = await Promise.all([held(findAwsProviderAccount(o.konnect, o.signal)), held(findNetwork(o.konnect, spec, o.signal))]);
  if (!account) throw new ConfigError({ field: "konnect", problem: "the Konnect organization has no AWS provider account for Dedicated Cloud Gateways", fix: "enable Dedicated Cloud Gateways on AWS in Konnect first" });
  if (!found && "id" in spec && mode === "apply") {
    throw new ConfigError({ field: "network.id", problem: `no cloud-gateway network ${spec.id}`, fix: "give the id of an existing network, or { name, region, availabilityZones, cidrBlock } to create one" });
  }
  // a teardown goes on without the network (or the transit gateway): our share and our routes can
  // outlive them, and are found on their own
  const region: string | undefined = found?.region ?? ("id" in spec ? undefined : spec.region);
  const knownCidr: string | undefined = found?.cidr_block ?? ("id" in spec ? undefined : spec.cidrBlock);
  const cidrBlock = knownCidr ?? "";
  const clients = awsClients(o, () => region);

  // Everything below needs only what the two reads above gave (the region, the network's CIDR, Kong's
  // account, the network's name and id): the route tables' check and the share's lookup start now,
  // alongside the transit gateway, the availability and the attachments, instead of one round trip after
  // the other. Each is awaited where it was awaited before, so the same refusal comes first (an earlier
  // refusal leaves their answers unused).

  // the routes: each route table's VPC must be attached to the transit gateway, or CreateRoute fails
  // after the network, the share and the attachment were written; the tables read (with their routes)
  // are what the route resources observe
  const routeTables = mode === "apply" ? held(clients.ec2().then((ec2) => checkRouteTableAttachments({ ec2, routeTableIds: o.routeTableIds ?? [], transitGatewayId: o.transitGatewayId, destinationCidrBlock: cidrBlock, region: region!, signal: o.signal }))) : undefined;
  // a teardown's routes (when the network's CIDR, their destination, is known) read their tables now,
  // each as its observe would; a failure reaches the caller from that observe, as before
  const teardownTables = new Map(mode === "teardown" && knownCidr !== undefined ? (o.routeTableIds ?? []).map((id) => [id, held(readRouteTable(clients.ec2, id, o.signal))] as const) : []);
  // the share: given (checked in an apply, never managed), or ours (found by name: under the stable
  // name, or a legacy one keyed on how the network was named; a teardown, which checks no conflict,
  // reads not what it shares with whom)
  const principal = account.provider_account_id;
  const givenShare =
    o.ramShareArn && mode === "apply"
      ? held(
          clients.ram().then((ram) =>
            findResourceShare(ram, { arn: o.ramShareArn! }, o.signal).catch((e: unknown) => {
              if ((e as { cause?: { name?: string } }).cause?.name === "UnknownResourceException") return undefined;
              throw e;
            }),
          ),
        )
      : undefined;
  const ourShare = o.ramShareArn ? undefined : held(clients.ram().then((ram) => findOurShare(ram, [shareName(o.transitGatewayId, principal), ...legacyShareNames(o.transitGatewayId, found, spec)], o.signal, mode === "apply")));

  const [availability, attachments, tgw] = await Promise.all([
    mode === "apply" ? held(readAvailability(o.konnect, o.signal)) : undefined,
    found ? held(listAttachments(o.konnect, found.id, o.signal)) : ([] as Attachment[]),
    held(
      clients.ec2().then((client) =>
        describeTransitGateway(client, o.transitGatewayId, region ?? "the ec2 client's region", o.signal).catch((e: unknown) => {
          // a deleted transit gateway leaves our share and routes (now blackholes) to remove
          if (mode === "teardown" && e instanceof ConfigError) return undefined;
          throw e;
        }),
      ),
    ),
  ]);

  if (mode === "apply" && found && ["offline", "terminating", "terminated"].includes(String(found.state))) {
    // NetworkState (cloud-gateways.v2.yaml): `offline` is "created but isn't provisioned" and never turns
    // ready by waiting; `terminating`/`terminated` are on their way out. Attaching to it would write the
    // share first and then wait out the whole timeout.
    throw new ConfigError({ field: "network", problem: `cloud-gateway network ${found.name} (${found.id}) is ${found.state}`, fix: found.state === "offline" ? "provision it first (a cloud-gateway configuration that uses it turns it initializing), or name another network" : "name another network, or give { name, region, availabilityZones, cidrBlock } to create one" });
  }
  if (mode === "apply") {
    const networkCidr = parseCidr(cidrBlock)!;
    // the overlap checks, before any write: reserved blocks, the region's allowed ranges, other attachments
    const r = availability?.providers.find((p) => p.provider === "aws")?.regions.find((x) => x.region === region);
    if (!found) {
      const s = spec as NetworkSpec;
      if (!r) throw new ConfigError({ field: "network.region", problem: `Dedicated Cloud Gateways are not available in ${region}`, fix: `choose one of ${(availability?.providers.find((p) => p.provider === "aws")?.regions ?? []).map((x) => x.region).join(", ")}` });
      for (const [i, z] of s.availabilityZones.entries()) {
        if (!r.availability_zones.includes(z)) throw new ConfigError({ field: `network.availabilityZones[${i}]`, problem: `${z} is not an availability zone of ${region} for Dedicated Cloud Gateways`, fix: `choose among ${r.availability_zones.join(", ")}` });
      }
      const allowed = r.cidr_blocks.map((c) => parseCidr(c)).filter((c): c is Cidr => c !== undefined);
      if (allowed.length && !allowed.some((a) => contains(a, networkCidr))) throw new ConfigError({ field: "network.cidrBlock", problem: `${cidrBlock} is outside the ranges Konnect allows in ${region} (${r.cidr_blocks.join(", ")})`, fix: "choose a network CIDR inside one of them" });
    }
    for (const reserved of r?.reserved_cidr_blocks ?? []) {
      const rc = parseCidr(reserved);
      if (rc && overlaps(rc, networkCidr)) throw new ConfigError({ field: "network.cidrBlock", problem: `network CIDR ${cidrBlock} overlaps the reserved block ${reserved} of ${region}`, fix: "choose a network CIDR outside the reserved blocks (availability.json reserved_cidr_blocks)" });
    }
    for (const [i, v] of parsed.vpc.entries()) {
      if (overlaps(networkCidr, v)) throw new ConfigError({ field: `vpcCidrs[${i}]`, problem: `${v.text} overlaps the network CIDR ${cidrBlock}`, fix: "the network and your VPCs must use separate ranges" });
      for (const a of attachments.filter((x) => x.name !== attachmentName(o.transitGatewayId))) {
        for (const c of a.cidr_blocks) {
          const other = parseCidr(c);
          if (other && overlaps(other, v)) throw new ConfigError({ field: `vpcCidrs[${i}]`, problem: `${v.text} overlaps ${c} of attachment ${a.name} on the same network`, fix: "each attachment of a network routes separate ranges" });
        }
      }
    }
  }

  // the route tables' check, started above (after the refusals that came before it)
  const tables = await routeTables;

  // the share: given (checked, never managed), or ours (found by name)
  // (a teardown of a deleted transit gateway never creates nor checks a share: the ARN is only named)
  const tgwArn = tgw ? (tgw.TransitGatewayArn ?? `arn:aws:ec2:${region}:${tgw.OwnerId}:transit-gateway/${o.transitGatewayId}`) : `transit-gateway/${o.transitGatewayId}`;
  const shareOut: { arn?: string } = {};
  let share: Resource | undefined;
  const keptShare: KeptResource[] = [];
  if (o.ramShareArn) {
    shareOut.arn = o.ramShareArn;
    if (mode === "apply") {
      const given = await givenShare;
      if (!given) throw new ConfigError({ field: "ramShareArn", problem: `no active RAM share ${o.ramShareArn} in ${region}`, fix: "give the ARN of an active share in the network's region, or leave ramShareArn out to have one created" });
      if (!given.resources.includes(tgwArn)) throw new ConfigError({ field: "ramShareArn", problem: `RAM share ${o.ramShareArn} does not contain the transit gateway ${tgwArn}`, fix: "add the transit gateway to the share, or leave ramShareArn out" });
      // Kong's transit-gateway guide: "Create a separate RAM share for each shared resource"
      // (kong-docs dedicated-cloud-gateways__transit-gateways.md): a share holding more would expose them to Kong's account too
      if (given.resources.length > 1) throw new ConfigError({ field: "ramShareArn", problem: `RAM share ${o.ramShareArn} shares ${given.resources.length} resources with Kong's account, not only the transit gateway`, fix: "use a share that holds only the transit gateway (Kong asks for one share per resource), or leave ramShareArn out to have one created" });
      if (!given.principals.includes(principal)) throw new ConfigError({ field: "ramShareArn", problem: `RAM share ${o.ramShareArn} is not shared with Kong's AWS account ${principal}`, fix: `add ${principal} as a principal (with external principals allowed), or leave ramShareArn out` });
    }
  } else {
    const ours = (await ourShare)!;
    const arn = ours.found?.share.resourceShareArn;
    // one share serves every network attaching the transit gateway: a teardown keeps it while in use
    const users = mode === "teardown" && arn ? await findShareUsers(o.konnect, arn, o.transitGatewayId, found, attachments, o.signal) : [];
    if (users.length) {
      shareOut.arn = arn;
      keptShare.push({ kind: "aws.ram-resource-share", key: ours.name, id: arn!, reason: `still used by ${users.join(", ")}` });
    } else {
      share = ramResourceShareResource({ ram: clients.ram, name: ours.name, transitGatewayArn: tgwArn, principal, ownership, tags: definedTags(o.tags), found: ours.found, out: shareOut, signal: o.signal });
    }
  }

  const network: CloudGatewayNetworkDesired = { konnect: o.konnect, spec, providerAccountId: account.id, found, attachments, mode, deleteNetwork: o.deleteNetwork ?? false, out: {}, wait: o.wait, signal: o.signal, onEvent: o.onEvent };
  const networkResource = cloudGatewayNetworkResource(network);
  const attachmentOut: { attachment?: Attachment } = {};
  const dnsConfig: DnsConfig[] | undefined = o.dnsConfig?.map((d) => ({ remote_dns_server_ip_addresses: d.remoteDnsServerIpAddresses, domain_proxy_list: d.domainProxyList }));
  const attachment = transitGatewayAttachmentResource({
    konnect: o.konnect,
    network,
    transitGatewayId: o.transitGatewayId,
    autoAccept: tgw?.Options?.AutoAcceptSharedAttachments === "enable",
    ec2: clients.ec2,
    ramShareArn: () => shareOut.arn,
    cidrBlocks: o.vpcCidrs,
    dnsConfig,
    found: attachments,
    replace: o.replace ?? false,
    dependsOn: share ? [networkResource, share] : [networkResource],
    out: attachmentOut,
    wait: o.wait,
    signal: o.signal,
    onEvent: o.onEvent,
  });
  // a route's mark is its destination (the network's CIDR) through the transit gateway: without the
  // network, a network given by id leaves no way to tell our routes from others through that gateway
  const kept: KeptResource[] = knownCidr === undefined ? (o.routeTableIds ?? []).map((routeTableId) => ({ kind: "aws.vpc-route", key: `${routeTableId} (network CIDR)`, reason: `the network ${networkKey(spec)} is gone and was given by id, so its CIDR (the route's destination) is unknown: delete the route through ${o.transitGatewayId} yourself, or run again with network: { name, region, availabilityZones, cidrBlock }` })) : [];
  const routes = knownCidr === undefined ? [] : (o.routeTableIds ?? []).map((routeTableId) => vpcRouteResource({ ec2: clients.ec2, routeTableId, destinationCidrBlock: () => cidrBlock, table: tables?.get(routeTableId) ?? teardownTables.get(routeTableId), transitGatewayId: o.transitGatewayId, dependsOn: [attachment], signal: o.signal }));
  const resources = [networkResource, ...(share ? [share] : []), attachment, ...routes];
  return { resources, network, attachmentOut, shareOut, cidrBlock, kept: [...keptShare, ...kept] };
}

/**
 * Private connectivity from Dedicated Cloud Gateways to your VPCs through an AWS Transit Gateway (the
 * guide's `enable_aws_transit_gateway`), across your account and Kong's, resumably:
 *
 * 1. **Network**: finds the cloud-gateway network (by id or name) or creates it, validated against
 *    `/v2/cloud-gateways/availability.json` (region, AZ ids, allowed and reserved CIDRs), and waits for
 *    `ready` (30 to 40 minutes on Konnect; `waiting` events carry state and elapsed time; `error` or
 *    `terminated` throws {@link CloudGatewayStateError} quoting `state_metadata`).
 * 2. **Overlaps**, before any write: the network CIDR against `vpcCidrs`, the reserved blocks, and the
 *    CIDRs of the network's other attachments; the error names both ranges.
 * 3. **RAM share**: `ramShareArn` when given (checked to share this transit gateway with Kong's account,
 *    the provider account's `provider_account_id`), else a share created and tagged with the ownership tag,
 *    named `konnect-aws-<transitGatewayId>-<Kong's account>` (one share serves every network attaching
 *    that transit gateway; a share named after the network by an earlier version is found and reused).
 * 4. **Attachment** `konnect-aws-<transitGatewayId>` on the network (`cidr_blocks` = `vpcCidrs`, optional
 *    DNS forwarding); when Konnect reports `pending-acceptance`, accepted in your account
 *    (`AcceptTransitGatewayVpcAttachment`) unless the transit gateway auto-accepts; then waits for `ready`.
 * 5. **Routes** (with `routeTableIds`): a route for the network's CIDR through the transit gateway in each
 *    table, only if missing. Each table's VPC must have an `available` VPC attachment to the transit
 *    gateway (EC2 refuses the route otherwise): checked before any write.
 *
 * A change of `vpcCidrs` is one PATCH of `cidr_blocks`; a different share or DNS configuration needs
 * `replace: true` (never a silent delete). An interrupted run (timeout, crash, `signal`) picks up, when
 * run again, at the state it finds: nothing is created twice. {@link disconnectTransitGateway} removes it.
 * Not implemented: transit-gateway route-table association and propagation (the transit gateway's
 * default route table applies).
 *
 * @example
 * ```ts
 * import { connectTransitGateway } from "konnect-aws";
 * const { network, attachment, ramShareArn } = await connectTransitGateway({
 *   konnect,
 *   network: { name: "prod-net", region: "us-east-2", availabilityZones: ["use2-az1", "use2-az2"], cidrBlock: "192.168.0.0/16" },
 *   transitGatewayId: "tgw-0123456789abcdef0",
 *   vpcCidrs: ["10.0.0.0/16"],
 *   routeTableIds: ["rtb-0123456789abcdef0"],
 *   onEvent: (e) => e.type === "waiting" && console.log(e.key, e.message),
 * });
 * console.log(network.state, attachment.attachmentId, ramShareArn);
 * ```
 */
export async function connectTransitGateway(options: ConnectTransitGatewayOptions): Promise<ConnectTransitGatewayResult> {
  const parsed = validateTransitGatewayOptions(options);
  const facts = await declareTransitGatewayResources(options, parsed, "apply");
  const { changes } = await reconcileResources(facts.resources, { mode: "apply", dryRun: options.dryRun, adopt: options.adopt, concurrency: options.concurrency, signal: options.signal, onEvent: options.onEvent, logger: options.logger });
  const n = facts.network.out.network;
  const a = facts.attachmentOut.attachment;
  return {
    network: { id: n?.id, state: n?.state, cidrBlock: facts.cidrBlock },
    attachment: { id: a?.id, state: a?.state, attachmentId: a?.transit_gateway_attachment_config.attachment_id },
    ramShareArn: facts.shareOut.arn,
    changes,
  };
}
