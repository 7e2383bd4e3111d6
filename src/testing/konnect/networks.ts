import { HttpResponse } from "msw";
import type { Ec2State } from "../aws/ec2.js";
import type { RamState } from "../aws/ram.js";
import { filterBy, iso, type Json, type Stateful, validate, view } from "./cloud-gateway-helpers.js";
import type { KonnectCtx } from "./context.js";
import { platformPage } from "./control-planes.js";
import { problem } from "./responses.js";

type Attachment = Stateful & { networkId: string };
type Route = [string, string, (ctx: KonnectCtx, params: Record<string, string>) => Response];

/**
 * What the Konnect fake sees of the AWS fakes, so that a transit-gateway attachment behaves as Kong's
 * does: Konnect checks the RAM share (it must share the transit gateway with Kong's account), asks EC2
 * for the attachment from its VPC, and waits in `pending-acceptance` until the transit gateway's owner
 * accepts it (unless the gateway auto-accepts shared attachments).
 * @internal
 */
export interface CloudGatewayAwsPeer {
  ec2: () => Ec2State;
  ram: () => RamState;
  /** The user's AWS account (where the transit gateway and the share live). */
  accountId: string;
}

/**
 * A state a network or attachment of a given name goes to instead of `ready` (sandbox fault injection
 * for the error paths): `error` or `terminated`, with the `state_metadata` Konnect would report.
 */
export interface CloudGatewayFailure {
  /** `offline` (networks) and `pending-user-action` (attachments) are states of the official spec a wait cannot leave either. */
  state: "error" | "terminated" | "offline" | "pending-user-action";
  stateMetadata: { reported_status?: string; reason?: string };
}

const TRANSITIONAL = new Set(["created", "initializing"]);

/** An armed failure for this object's name, consumed when it would become ready. */
function failure(ctx: KonnectCtx, e: Stateful): boolean {
  const f = ctx.state.cloudGateways.failures?.get(String(e.name));
  if (!f) return false;
  ctx.state.cloudGateways.failures!.delete(String(e.name));
  Object.assign(e, { state: f.state, state_metadata: { ...f.stateMetadata }, updated_at: iso(ctx) });
  return true;
}

/** A network moves from `initializing` to `ready` once the sandbox clock passes `readyAt`. */
function settleNetwork(ctx: KonnectCtx, n: Stateful): Stateful {
  if (ctx.request.method === "GET" && n.readyAt !== undefined && TRANSITIONAL.has(String(n.state))) ctx.clock.observePending(n.readyAt, ctx.provisioningMs);
  if (n.readyAt !== undefined && ctx.clock.now() >= n.readyAt && TRANSITIONAL.has(String(n.state)) && !failure(ctx, n)) {
    n.state = "ready";
    n.updated_at = new Date(n.readyAt).toISOString();
  }
  return n;
}

/** Why Konnect could not attach (share or transit gateway wrong), or undefined. */
function shareProblem(peer: CloudGatewayAwsPeer, kongAccount: string, region: string, config: Json): string | undefined {
  const tgwId = String(config.transit_gateway_id);
  const tgw = peer.ec2().transitGateways.get(tgwId);
  if (!tgw || tgw.state !== "available") return `transit gateway ${tgwId} does not exist or is not available`;
  if (tgw.region !== region) return `transit gateway ${tgwId} is in ${tgw.region}, the network in ${region}`;
  const share = peer.ram().shares.get(String(config.ram_share_arn));
  if (!share || share.status !== "ACTIVE") return `RAM share ${String(config.ram_share_arn)} does not exist or is not active`;
  const tgwArn = `arn:aws:ec2:${tgw.region}:${tgw.ownerId}:transit-gateway/${tgw.id}`;
  if (!share.resourceArns.includes(tgwArn)) return `RAM share ${share.arn} does not share ${tgwArn}`;
  if (!share.principals.includes(kongAccount)) return `RAM share ${share.arn} is not shared with Kong's account ${kongAccount}`;
  return undefined;
}

/**
 * An attachment: `initializing` until `readyAt`; then, with the AWS fakes linked, Konnect checks the RAM
 * share and asks EC2 for the attachment (`error` with `state_metadata` when the share or gateway is
 * wrong), then `pending-acceptance` until the EC2 attachment is `available`, then `ready`. Without the
 * AWS fakes linked it goes straight to `ready`.
 */
function settleAttachment(ctx: KonnectCtx, t: Attachment): Attachment {
  const cg = ctx.state.cloudGateways;
  if (ctx.request.method === "GET" && t.readyAt !== undefined && TRANSITIONAL.has(String(t.state))) ctx.clock.observePending(t.readyAt, ctx.provisioningMs);
  const config = t.transit_gateway_attachment_config as Json;
  if (t.readyAt !== undefined && ctx.clock.now() >= t.readyAt && TRANSITIONAL.has(String(t.state))) {
    if (failure(ctx, t)) return t;
    const peer = cg.aws;
    const network = cg.networks.get(t.networkId);
    if (!peer || config.kind !== "aws-transit-gateway-attachment" || !network) {
      Object.assign(t, { state: "ready", updated_at: new Date(t.readyAt).toISOString() });
      return t;
    }
    const account = [...cg.providerAccounts.values()].find((a) => a.id === network.cloud_gateway_provider_account_id);
    const kongAccount = String(account?.provider_account_id ?? "");
    const why = shareProblem(peer, kongAccount, String(network.region), config);
    if (why) {
      Object.assign(t, { state: "error", state_metadata: { reported_status: "failed", reason: why }, updated_at: iso(ctx) });
      return t;
    }
    const tgw = peer.ec2().transitGateways.get(String(config.transit_gateway_id))!;
    const meta = network.provider_metadata as { vpc_id: string; subnet_ids: string[] };
    peer.ec2().attachments.set(String(config.attachment_id), {
      id: String(config.attachment_id),
      region: tgw.region,
      transitGatewayId: tgw.id,
      vpcId: meta.vpc_id,
      vpcOwnerId: kongAccount,
      subnetIds: meta.subnet_ids,
      state: tgw.autoAccept ? "available" : "pendingAcceptance",
      createdAt: ctx.clock.now(),
    });
    Object.assign(t, { state: tgw.autoAccept ? "ready" : "pending-acceptance", updated_at: iso(ctx) });
  }
  if (t.state === "pending-acceptance" && cg.aws?.ec2().attachments.get(String(config.attachment_id))?.state === "available") {
    Object.assign(t, { state: "ready", updated_at: iso(ctx) });
  }
  return t;
}

/**
 * A PATCH of a network or an attachment: validates the body, applies its changes, bumps
 * `entity_version` and `updated_at`, and answers the settled object.
 */
function patch<T extends Stateful>(ctx: KonnectCtx, e: T, apply: (body: Json) => void, settle: (ctx: KonnectCtx, e: T) => Stateful): Response {
  const invalid = validate(ctx);
  if (invalid) return invalid;
  apply(ctx.body as Json);
  Object.assign(e, { entity_version: Number(e.entity_version) + 1, updated_at: iso(ctx) });
  return HttpResponse.json(view(settle(ctx, e)));
}

/** Networks and their transit-gateway attachments. @internal */
export function networkRoutes(): Route[] {
  const cg = (ctx: KonnectCtx) => ctx.state.cloudGateways;
  const base = "/v2/cloud-gateways";
  const notFound = (what: string) => problem(404, "Not Found", `${what} not found`);
  return [
    ["GET", `${base}/networks`, (ctx) => platformPage(ctx, filterBy(ctx, [...cg(ctx).networks.values()].map((n) => view(settleNetwork(ctx, n))), { name: (e) => e.name, state: (e) => e.state }))],
    ["POST", `${base}/networks`, (ctx) => {
      const invalid = validate(ctx);
      if (invalid) return invalid;
      const body = ctx.body as Json;
      if ([...cg(ctx).networks.values()].some((n) => n.name === body.name)) return problem(409, "Conflict", `Network with name '${String(body.name)}' already exists.`);
      if (!cg(ctx).providerAccounts.has(String(body.cloud_gateway_provider_account_id))) return problem(400, "Bad Request", "Invalid Parameters", [{ field: "cloud_gateway_provider_account_id", rule: "exists", message: "unknown provider account" }]);
      const state = body.state === "offline" ? "offline" : "initializing";
      const id = ctx.random.uuid();
      const n: Stateful = {
        id,
        name: body.name,
        default: false,
        cloud_gateway_provider_account_id: body.cloud_gateway_provider_account_id,
        region: body.region,
        availability_zones: body.availability_zones,
        cidr_block: body.cidr_block,
        state,
        provider_metadata: { vpc_id: `vpc-${ctx.random.chars(17, "0123456789abcdef")}`, subnet_ids: (body.availability_zones as string[]).map(() => `subnet-${ctx.random.chars(17, "0123456789abcdef")}`) },
        transit_gateway_count: 0,
        configuration_reference_count: 0,
        entity_version: 1,
        created_at: iso(ctx),
        updated_at: iso(ctx),
        ...(state === "initializing" ? { readyAt: ctx.clock.now() + ctx.provisioningMs } : {}),
      };
      cg(ctx).networks.set(id, n);
      return HttpResponse.json(view(n), { status: 201 });
    }],
    ["GET", `${base}/networks/{networkId}`, (ctx, p) => {
      const n = cg(ctx).networks.get(p.networkId!);
      return n ? HttpResponse.json(view(settleNetwork(ctx, n))) : notFound("Network");
    }],
    ["PATCH", `${base}/networks/{networkId}`, (ctx, p) => {
      const n = cg(ctx).networks.get(p.networkId!);
      if (!n) return notFound("Network");
      return patch(ctx, n, (body) => {
        if (body.name !== undefined) n.name = body.name;
      }, settleNetwork);
    }],
    ["DELETE", `${base}/networks/{networkId}`, (ctx, p) => {
      const n = cg(ctx).networks.get(p.networkId!);
      if (!n) return notFound("Network");
      const referenced = [...cg(ctx).configurations.values()].some((c) => ((c.dataplane_group_config as Json[]) ?? []).some((g) => g.cloud_gateway_network_id === n.id));
      if (referenced) return problem(400, "Bad Request", "Network is referenced by a cloud gateway configuration.");
      cg(ctx).networks.delete(n.id);
      for (const [id, t] of cg(ctx).transitGateways) if (t.networkId === n.id) cg(ctx).transitGateways.delete(id);
      return new HttpResponse(null, { status: 204 });
    }],
    ["GET", `${base}/networks/{networkId}/transit-gateways`, (ctx, p) => {
      if (!cg(ctx).networks.has(p.networkId!)) return notFound("Network");
      const items = [...cg(ctx).transitGateways.values()].filter((t) => t.networkId === p.networkId).map((t) => view(settleAttachment(ctx, t)));
      return platformPage(ctx, filterBy(ctx, items, { name: (e) => e.name, state: (e) => e.state }));
    }],
    ["POST", `${base}/networks/{networkId}/transit-gateways`, (ctx, p) => {
      const n = cg(ctx).networks.get(p.networkId!);
      if (!n) return notFound("Network");
      const invalid = validate(ctx);
      if (invalid) return invalid;
      const body = ctx.body as Json;
      if ([...cg(ctx).transitGateways.values()].some((t) => t.networkId === n.id && t.name === body.name)) return problem(409, "Conflict", `Transit gateway with name '${String(body.name)}' already exists.`);
      const id = ctx.random.uuid();
      const config = { ...(body.transit_gateway_attachment_config as Json) };
      if (config.kind === "aws-transit-gateway-attachment") config.attachment_id = `tgw-attach-${ctx.random.chars(17, "0123456789abcdef")}`;
      const t: Attachment = {
        networkId: n.id,
        id,
        name: body.name,
        cidr_blocks: body.cidr_blocks,
        dns_config: body.dns_config ?? [],
        transit_gateway_attachment_config: config,
        state: "initializing",
        entity_version: 1,
        created_at: iso(ctx),
        updated_at: iso(ctx),
        readyAt: ctx.clock.now() + ctx.provisioningMs,
      };
      cg(ctx).transitGateways.set(id, t);
      n.transit_gateway_count = Number(n.transit_gateway_count) + 1;
      return HttpResponse.json(view(t), { status: 201 });
    }],
    ["GET", `${base}/networks/{networkId}/transit-gateways/{transitGatewayId}`, (ctx, p) => {
      const t = cg(ctx).transitGateways.get(p.transitGatewayId!);
      return t && t.networkId === p.networkId ? HttpResponse.json(view(settleAttachment(ctx, t))) : notFound("Transit gateway");
    }],
    ["PATCH", `${base}/networks/{networkId}/transit-gateways/{transitGatewayId}`, (ctx, p) => {
      const t = cg(ctx).transitGateways.get(p.transitGatewayId!);
      if (!t || t.networkId !== p.networkId) return notFound("Transit gateway");
      return patch(ctx, t, (body) => {
        if (body.cidr_blocks !== undefined) t.cidr_blocks = body.cidr_blocks;
      }, settleAttachment);
    }],
    ["DELETE", `${base}/networks/{networkId}/transit-gateways/{transitGatewayId}`, (ctx, p) => {
      const t = cg(ctx).transitGateways.get(p.transitGatewayId!);
      if (!t || t.networkId !== p.networkId) return notFound("Transit gateway");
      // cloud-gateways.v2.yaml: "The transit gateway must be in a non-transitional state before deletion."
      if (TRANSITIONAL.has(String(settleAttachment(ctx, t).state)) || t.state === "terminating") return problem(400, "Bad Request", `Transit gateway is in transitional state '${String(t.state)}'.`);
      cg(ctx).transitGateways.delete(t.id);
      const attachmentId = (t.transit_gateway_attachment_config as Json).attachment_id;
      const ec2 = cg(ctx).aws?.ec2().attachments.get(String(attachmentId));
      if (ec2) ec2.state = "deleted";
      const n = cg(ctx).networks.get(t.networkId);
      if (n) n.transit_gateway_count = Math.max(0, Number(n.transit_gateway_count) - 1);
      return new HttpResponse(null, { status: 204 });
    }],
  ];
}
