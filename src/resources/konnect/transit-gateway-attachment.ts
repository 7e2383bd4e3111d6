import type { EC2Client } from "@aws-sdk/client-ec2";
import { loadEc2 } from "../../aws/load-sdk.js";
import { AwsStepError } from "../../errors/aws-step-error.js";
import type { KonnectClient } from "../../konnect/create-konnect-client.js";
import type { KonnectSchemas } from "../../konnect/types.js";
import type { FieldDiff } from "../../reconcile/change.js";
import type { OperationEvent } from "../../reconcile/executor.js";
import type { Observation, Resource } from "../../reconcile/resource.js";
import { waitForCloudGatewayState, type CloudGatewayWaitOptions } from "../../operations/cloud-gateway-wait.js";
import { waitForNetwork, type CloudGatewayNetworkDesired } from "./cloud-gateway-network.js";

/** @internal */
export type Attachment = KonnectSchemas["AwsTransitGatewayResponse"];

/** Konnect `dns_config` entry. @internal */
export interface DnsConfig {
  remote_dns_server_ip_addresses: string[];
  domain_proxy_list: string[];
}

/**
 * The name konnect-aws gives the attachment of a transit gateway, and its ownership mark: Konnect
 * attachments carry no tags or labels (cloud-gateways.v2.yaml `AwsTransitGatewayResponse`).
 * @internal
 */
export const attachmentName = (transitGatewayId: string) => `konnect-aws-${transitGatewayId}`;

/** What {@link transitGatewayAttachmentResource} manages. @internal */
export interface TransitGatewayAttachmentDesired {
  konnect: KonnectClient;
  network: CloudGatewayNetworkDesired;
  transitGatewayId: string;
  /** Whether the transit gateway accepts shared attachments by itself (`AutoAcceptSharedAttachments`). */
  autoAccept: boolean;
  ec2: () => Promise<EC2Client>;
  /** The share's ARN: given, or known once the share resource found or created it. */
  ramShareArn: () => string | undefined;
  cidrBlocks: string[];
  dnsConfig: DnsConfig[] | undefined;
  /** The network's attachments as read before planning. */
  found: Attachment[];
  /** Confirms a replacement (delete and create) for changes Konnect cannot make in place. */
  replace: boolean;
  dependsOn: Resource[];
  out: { attachment?: Attachment };
  wait: CloudGatewayWaitOptions | undefined;
  signal: AbortSignal | undefined;
  onEvent: ((e: OperationEvent) => void) | undefined;
}

const sorted = (a: readonly string[]) => [...a].sort();
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const TRANSITIONAL = ["created", "initializing", "terminating"];

/**
 * The transit-gateway attachment of a cloud-gateway network (kind `konnect.transit-gateway-attachment`,
 * key `konnect-aws-<transitGatewayId>`, its name and ownership mark). Creating it POSTs
 * `kind: aws-transit-gateway-attachment` with the share, waits until Konnect reports
 * `pending-acceptance` (accepting it in the user's account with `AcceptTransitGatewayVpcAttachment`,
 * unless the transit gateway auto-accepts shared attachments) and then `ready`. An attachment found on
 * its way (interrupted run) is driven on from the state it is in. `cidr_blocks` changes with one PATCH,
 * the only field Konnect changes in place (`PatchAwsTransitGateway`); a different share or DNS
 * configuration, or an attachment in `error`, is a replacement refused unless `replace: true`.
 * @internal
 */
export function transitGatewayAttachmentResource(d: TransitGatewayAttachmentDesired): Resource<Attachment> {
  const signal = d.signal ? { signal: d.signal } : {};
  const name = attachmentName(d.transitGatewayId);
  const networkId = () => d.network.out.network?.id;

  const accept = async (a: Attachment) => {
    const attachmentId = a.transit_gateway_attachment_config.attachment_id;
    if (!attachmentId) return;
    const ec2 = await d.ec2();
    const m = await loadEc2();
    const step = async <T>(what: string, run: () => Promise<T>) => run().catch((e: unknown) => Promise.reject(new AwsStepError(`${what} ${attachmentId}`, e)));
    const { TransitGatewayVpcAttachments: found = [] } = await step("DescribeTransitGatewayVpcAttachments", () => ec2.send(new m.DescribeTransitGatewayVpcAttachmentsCommand({ TransitGatewayAttachmentIds: [attachmentId] }), { abortSignal: d.signal }));
    // accepted already (a run interrupted after the acceptance): nothing to do
    if (found[0]?.State !== "pendingAcceptance") return;
    await step("AcceptTransitGatewayVpcAttachment", () => ec2.send(new m.AcceptTransitGatewayVpcAttachmentCommand({ TransitGatewayAttachmentId: attachmentId }), { abortSignal: d.signal }));
  };

  const waitFor = (id: string, done: string[]) =>
    waitForCloudGatewayState({
      object: "transit-gateway",
      id,
      kind: "konnect.transit-gateway-attachment",
      key: name,
      done,
      timeoutMs: d.wait?.attachmentTimeoutMs ?? 60 * 60_000,
      wait: d.wait,
      signal: d.signal,
      onEvent: d.onEvent,
      read: async () => {
        const { data } = await d.konnect.api.GET("/v2/cloud-gateways/networks/{networkId}/transit-gateways/{transitGatewayId}", { params: { path: { networkId: networkId()!, transitGatewayId: id } }, ...signal });
        d.out.attachment = data as Attachment;
        return d.out.attachment;
      },
    });

  /** From wherever it is to ready: accept when Konnect waits for it, then wait. */
  const settle = async (id: string) => {
    const state = await waitFor(id, ["ready", "pending-acceptance"]);
    if (state === "pending-acceptance") {
      if (!d.autoAccept) await accept(d.out.attachment!);
      await waitFor(id, ["ready"]);
    }
  };

  const create = async (progress: { wrote(id?: string): void }) => {
    // Konnect attaches to a ready network: an interrupted run may have left it initializing
    const net = d.network.out.network!;
    if (net.state !== "ready") await waitForNetwork(d.network, net.id);
    const { data } = await d.konnect.api.POST("/v2/cloud-gateways/networks/{networkId}/transit-gateways", {
      params: { path: { networkId: net.id } },
      body: {
        name,
        cidr_blocks: d.cidrBlocks,
        ...(d.dnsConfig ? { dns_config: d.dnsConfig } : {}),
        transit_gateway_attachment_config: { kind: "aws-transit-gateway-attachment", transit_gateway_id: d.transitGatewayId, ram_share_arn: d.ramShareArn()! },
      },
      ...signal,
    });
    const created = data as Attachment;
    d.out.attachment = created;
    progress.wrote(created.id);
    await settle(created.id);
    return created.id;
  };

  return {
    kind: "konnect.transit-gateway-attachment",
    key: name,
    dependsOn: d.dependsOn,
    mark: `the name ${name} (Konnect attachments carry no tags)`,
    field: "transitGatewayId",
    async observe(): Promise<Observation<Attachment>> {
      const mine = d.found.find((a) => a.name === name);
      const other = mine ? undefined : d.found.find((a) => a.transit_gateway_attachment_config?.transit_gateway_id === d.transitGatewayId);
      const a = mine ?? other;
      const desiredDiff: FieldDiff[] = [{ path: "cidr_blocks", after: d.cidrBlocks }, { path: "transit_gateway_attachment_config.transit_gateway_id", after: d.transitGatewayId }];
      if (!a) return { exists: false, owned: false, diff: desiredDiff };
      d.out.attachment = a;
      const diff: FieldDiff[] = [];
      const replaceWhy: string[] = [];
      if (!same(sorted(a.cidr_blocks), sorted(d.cidrBlocks))) diff.push({ path: "cidr_blocks", before: a.cidr_blocks, after: d.cidrBlocks });
      const arn = d.ramShareArn();
      if (arn && a.transit_gateway_attachment_config.ram_share_arn !== arn) {
        diff.push({ path: "transit_gateway_attachment_config.ram_share_arn", before: a.transit_gateway_attachment_config.ram_share_arn, after: arn });
        replaceWhy.push("ram_share_arn");
      }
      if (d.dnsConfig && !same(a.dns_config ?? [], d.dnsConfig)) {
        diff.push({ path: "dns_config", before: a.dns_config, after: d.dnsConfig });
        replaceWhy.push("dns_config");
      }
      if (a.state === "error" || a.state === "terminated") replaceWhy.push(`state ${a.state}${a.state_metadata?.reason ? ` (${a.state_metadata.reason})` : ""}`);
      if (a.state !== "ready") diff.push({ path: "state", before: a.state, after: "ready" });
      const o: Observation<Attachment> = { exists: true, id: a.id, owned: a.name === name, actual: a, diff };
      if (replaceWhy.length && !d.replace) {
        o.conflict = {
          field: "replace",
          problem: `attachment ${a.name} of transit gateway ${d.transitGatewayId} must be replaced (${replaceWhy.join(", ")}): Konnect changes only cidr_blocks in place`,
          fix: "pass replace: true to delete and re-create it (traffic through it stops until the new one is ready)",
        };
      }
      return o;
    },
    create,
    async update(o, progress) {
      const a = o.actual!;
      const replacing = o.diff.some((f) => f.path !== "cidr_blocks" && f.path !== "state") || a.state === "error" || a.state === "terminated";
      if (replacing) {
        await d.konnect.api.DELETE("/v2/cloud-gateways/networks/{networkId}/transit-gateways/{transitGatewayId}", { params: { path: { networkId: networkId()!, transitGatewayId: a.id } }, ...signal });
        progress.wrote();
        await create(progress);
        return;
      }
      if (o.diff.some((f) => f.path === "cidr_blocks")) {
        const { data } = await d.konnect.api.PATCH("/v2/cloud-gateways/networks/{networkId}/transit-gateways/{transitGatewayId}", { params: { path: { networkId: networkId()!, transitGatewayId: a.id } }, body: { cidr_blocks: d.cidrBlocks }, ...signal });
        d.out.attachment = data as Attachment;
        progress.wrote(a.id);
      }
      if (a.state !== "ready") await settle(a.id);
    },
    async delete(o) {
      // "The transit gateway must be in a non-transitional state before deletion" (cloud-gateways.v2.yaml)
      if (TRANSITIONAL.includes(String(o.actual?.state))) await waitFor(o.id!, ["ready", "pending-acceptance", "pending-user-action", "error", "terminated"]);
      await d.konnect.api.DELETE("/v2/cloud-gateways/networks/{networkId}/transit-gateways/{transitGatewayId}", { params: { path: { networkId: networkId()!, transitGatewayId: o.id! } }, ...signal });
    },
    describe: (o) => [{ path: "id", before: o.id }, { path: "cidr_blocks", before: o.actual?.cidr_blocks }],
  };
}
