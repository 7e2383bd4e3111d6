import { http, HttpResponse, type HttpHandler } from "msw";
import type { Random } from "../random.js";
import type { Serve } from "../serve.js";
import type { SandboxClock } from "../clock.js";
import { rejectInvalidInput } from "./reject-invalid.js";
import { xmlElement } from "./xml.js";

const NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

/** A transit gateway of the EC2 fake (the fields `DescribeTransitGateways` returns). @internal */
export interface FakeTransitGateway {
  id: string;
  region: string;
  ownerId: string;
  state: "pending" | "available" | "deleting" | "deleted";
  /** `Options.AutoAcceptSharedAttachments`. */
  autoAccept: boolean;
  description?: string;
  tags: Record<string, string>;
  createdAt: number;
}

/** A transit-gateway VPC attachment, as `DescribeTransitGatewayVpcAttachments` returns it. @internal */
export interface FakeTgwAttachment {
  id: string;
  region: string;
  transitGatewayId: string;
  vpcId: string;
  vpcOwnerId: string;
  subnetIds: string[];
  state: "pendingAcceptance" | "pending" | "available" | "deleting" | "deleted" | "rejected";
  createdAt: number;
}

/** A VPC route table and its routes, as `DescribeRouteTables` returns them. @internal */
export interface FakeRouteTable {
  id: string;
  region: string;
  vpcId: string;
  ownerId: string;
  routes: Array<{ destinationCidrBlock: string; transitGatewayId?: string; gatewayId?: string; state: "active" | "blackhole"; origin: "CreateRouteTable" | "CreateRoute" }>;
}

/**
 * The EC2 fake's state: transit gateways, their VPC attachments and VPC route tables, by id (each
 * carries its region).
 *
 * @example
 * ```ts
 * const tgw = sandbox.seedTransitGateway({ region: "us-east-2", autoAccept: false });
 * console.log(sandbox.state.ec2.transitGateways.get(tgw)?.state); // "available"
 * ```
 */
export interface Ec2State {
  transitGateways: Map<string, FakeTransitGateway>;
  attachments: Map<string, FakeTgwAttachment>;
  routeTables: Map<string, FakeRouteTable>;
}

/** How to seed a transit gateway. */
export interface TransitGatewaySeed {
  /** @default "us-east-2" */
  region?: string;
  /** `AutoAcceptSharedAttachments`: shared attachments are accepted without a call. @default false (AWS's default) */
  autoAccept?: boolean;
  /** @default the sandbox's AWS account */
  ownerId?: string;
  tags?: Record<string, string>;
}

/** How to seed a VPC route table. */
export interface RouteTableSeed {
  /** @default "us-east-2" */
  region?: string;
  /** @default a new VPC id */
  vpcId?: string;
  /** The VPC's CIDR (the table's `local` route). @default "10.0.0.0/16" */
  vpcCidr?: string;
}

/** How to seed a VPC attachment of the user's own VPC to a transit gateway (what CreateRoute through it needs). */
export interface VpcAttachmentSeed {
  transitGatewayId: string;
  /** The VPC attached (a route table's `vpcId`: `sandbox.state.ec2.routeTables.get(id).vpcId`). */
  vpcId: string;
  /** @default "available" */
  state?: FakeTgwAttachment["state"];
}

/** @internal */
export interface Ec2FakeOptions {
  state: () => Ec2State;
  random: Random;
  clock: SandboxClock;
  serve: Serve;
  accountId: string;
}

const hex = (random: Random, n: number) => random.chars(n, "0123456789abcdef");

/** @internal */
export function seedTransitGateway(state: Ec2State, random: Random, clock: SandboxClock, accountId: string, seed: TransitGatewaySeed = {}): string {
  const id = `tgw-${hex(random, 17)}`;
  state.transitGateways.set(id, { id, region: seed.region ?? "us-east-2", ownerId: seed.ownerId ?? accountId, state: "available", autoAccept: seed.autoAccept ?? false, tags: { ...seed.tags }, createdAt: clock.now() });
  return id;
}

/** @internal */
export function seedRouteTable(state: Ec2State, random: Random, accountId: string, seed: RouteTableSeed = {}): string {
  const id = `rtb-${hex(random, 17)}`;
  const vpcId = seed.vpcId ?? `vpc-${hex(random, 17)}`;
  state.routeTables.set(id, { id, region: seed.region ?? "us-east-2", vpcId, ownerId: accountId, routes: [{ destinationCidrBlock: seed.vpcCidr ?? "10.0.0.0/16", gatewayId: "local", state: "active", origin: "CreateRouteTable" }] });
  return id;
}

/** @internal */
export function seedVpcAttachment(state: Ec2State, random: Random, clock: SandboxClock, accountId: string, seed: VpcAttachmentSeed): string {
  const tgw = state.transitGateways.get(seed.transitGatewayId);
  if (!tgw) throw new Error(`seedVpcAttachment: no transit gateway ${seed.transitGatewayId} in the sandbox (seed it first)`);
  const id = `tgw-attach-${hex(random, 17)}`;
  state.attachments.set(id, { id, region: tgw.region, transitGatewayId: tgw.id, vpcId: seed.vpcId, vpcOwnerId: accountId, subnetIds: [`subnet-${hex(random, 17)}`], state: seed.state ?? "available", createdAt: clock.now() });
  return id;
}

/** EC2's error document (`<Response><Errors><Error>`), which the SDK maps to an exception by `Code`. */
function ec2Error(code: string, message: string, status = 400): Response {
  const body = xmlElement("Errors", [{ Code: code, Message: message }], { Errors: "Error" }) + xmlElement("RequestID", "00000000-0000-4000-8000-000000000000");
  return new HttpResponse(`<?xml version="1.0" encoding="UTF-8"?>\n<Response>${body}</Response>`, { status, headers: { "Content-Type": "text/xml;charset=UTF-8" } });
}

/** An EC2 answer: `<XResponse xmlns>` with `requestId` first; every list member is `item`. */
function ec2Response(action: string, body: Record<string, unknown>, requestId: string): Response {
  const members = new Proxy({} as Record<string, string>, { get: () => "item" });
  const inner = xmlElement("requestId", requestId) + Object.entries(body).map(([k, v]) => xmlElement(k, v, members)).join("");
  return new HttpResponse(`<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${NS}">${inner}</${action}Response>`, { headers: { "Content-Type": "text/xml;charset=UTF-8" } });
}

/** `Prefix.1`, `Prefix.2`, ... of an ec2Query list. */
function list(form: URLSearchParams, prefix: string): string[] {
  const out: string[] = [];
  for (let i = 1; form.has(`${prefix}.${i}`); i++) out.push(form.get(`${prefix}.${i}`)!);
  return out;
}

/** `Filter.N.Name` / `Filter.N.Value.M` of an ec2Query request. */
function filters(form: URLSearchParams): Array<{ name: string; values: string[] }> {
  const out: Array<{ name: string; values: string[] }> = [];
  for (let i = 1; form.has(`Filter.${i}.Name`); i++) out.push({ name: form.get(`Filter.${i}.Name`)!, values: list(form, `Filter.${i}.Value`) });
  return out;
}

const tagSet = (tags: Record<string, string>) => Object.entries(tags).map(([key, value]) => ({ key, value }));

function tgwXml(t: FakeTransitGateway) {
  return {
    transitGatewayId: t.id,
    transitGatewayArn: `arn:aws:ec2:${t.region}:${t.ownerId}:transit-gateway/${t.id}`,
    state: t.state,
    ownerId: t.ownerId,
    ...(t.description ? { description: t.description } : {}),
    creationTime: new Date(t.createdAt).toISOString(),
    options: { amazonSideAsn: 64512, autoAcceptSharedAttachments: t.autoAccept ? "enable" : "disable", defaultRouteTableAssociation: "enable", defaultRouteTablePropagation: "enable", vpnEcmpSupport: "enable", dnsSupport: "enable" },
    tagSet: tagSet(t.tags),
  };
}

function attachmentXml(a: FakeTgwAttachment) {
  return {
    transitGatewayAttachmentId: a.id,
    transitGatewayId: a.transitGatewayId,
    vpcId: a.vpcId,
    vpcOwnerId: a.vpcOwnerId,
    state: a.state,
    subnetIds: a.subnetIds,
    creationTime: new Date(a.createdAt).toISOString(),
    options: { dnsSupport: "enable", ipv6Support: "disable", applianceModeSupport: "disable" },
    tagSet: [],
  };
}

/** The faked operations; their input is checked against generated/aws-constraints/ec2.ts. */
const OPERATIONS = new Set(["AcceptTransitGatewayVpcAttachment", "CreateRoute", "DeleteRoute", "DescribeRouteTables", "DescribeTransitGatewayVpcAttachments", "DescribeTransitGateways"]);

/** @internal */
export function ec2Handlers(o: Ec2FakeOptions): HttpHandler[] {
  return [
    http.post(/^https:\/\/ec2\.([a-z0-9-]+)\.amazonaws\.com\/?$/, async ({ request }) => {
      const region = /^https:\/\/ec2\.([a-z0-9-]+)\./.exec(request.url)![1]!;
      const form = new URLSearchParams(await request.clone().text());
      const action = form.get("Action") ?? "Unknown";
      const write = !action.startsWith("Describe");
      return o.serve("ec2", request, { operation: action, write }, async () => {
        if (!request.headers.get("authorization")?.startsWith("AWS4-HMAC-SHA256")) return ec2Error("AuthFailure", "AWS was not able to validate the provided access credentials", 401);
        if (!OPERATIONS.has(action)) return ec2Error("InvalidAction", `The action ${action} is not valid for this web service.`);
        const rejected = await rejectInvalidInput("ec2", action, request);
        if (rejected) return rejected;
        const s = o.state();
        const requestId = o.random.uuid();
        const inRegion = <T extends { region: string }>(m: Map<string, T>) => [...m.values()].filter((x) => x.region === region);
        switch (action) {
          case "DescribeTransitGateways": {
            const ids = list(form, "TransitGatewayIds");
            for (const id of ids) if (!s.transitGateways.get(id) || s.transitGateways.get(id)!.region !== region) return ec2Error("InvalidTransitGatewayID.NotFound", `Transit Gateway ${id} was deleted or does not exist.`);
            const items = inRegion(s.transitGateways).filter((t) => !ids.length || ids.includes(t.id));
            return ec2Response(action, { transitGatewaySet: items.map(tgwXml) }, requestId);
          }
          case "DescribeTransitGatewayVpcAttachments": {
            const ids = list(form, "TransitGatewayAttachmentIds");
            const fs = filters(form);
            const field: Record<string, (a: FakeTgwAttachment) => string> = { "transit-gateway-id": (a) => a.transitGatewayId, "transit-gateway-attachment-id": (a) => a.id, state: (a) => a.state, "vpc-id": (a) => a.vpcId };
            for (const f of fs) if (!field[f.name]) return ec2Error("InvalidParameterValue", `The filter '${f.name}' is invalid`);
            for (const id of ids) if (!s.attachments.get(id) || s.attachments.get(id)!.region !== region) return ec2Error("InvalidTransitGatewayAttachmentID.NotFound", `Transit Gateway Attachment ${id} was deleted or does not exist.`);
            const items = inRegion(s.attachments).filter((a) => (!ids.length || ids.includes(a.id)) && fs.every((f) => f.values.includes(field[f.name]!(a))));
            return ec2Response(action, { transitGatewayVpcAttachments: items.map(attachmentXml) }, requestId);
          }
          case "AcceptTransitGatewayVpcAttachment": {
            const id = form.get("TransitGatewayAttachmentId")!;
            const a = s.attachments.get(id);
            if (!a || a.region !== region) return ec2Error("InvalidTransitGatewayAttachmentID.NotFound", `Transit Gateway Attachment ${id} was deleted or does not exist.`);
            // only the transit gateway's owner accepts, and only an attachment waiting for it
            if (s.transitGateways.get(a.transitGatewayId)?.ownerId !== o.accountId) return ec2Error("UnauthorizedOperation", "You are not authorized to perform this operation.", 403);
            if (a.state !== "pendingAcceptance") return ec2Error("IncorrectState", `tgw-attachment ${id} is in invalid state`);
            a.state = "available";
            return ec2Response(action, { transitGatewayVpcAttachment: attachmentXml(a) }, requestId);
          }
          case "DescribeRouteTables": {
            const ids = list(form, "RouteTableId");
            for (const id of ids) if (!s.routeTables.get(id) || s.routeTables.get(id)!.region !== region) return ec2Error("InvalidRouteTableID.NotFound", `The routeTable ID '${id}' does not exist`);
            const items = inRegion(s.routeTables).filter((t) => !ids.length || ids.includes(t.id));
            return ec2Response(action, { routeTableSet: items.map((t) => ({ routeTableId: t.id, vpcId: t.vpcId, ownerId: t.ownerId, routeSet: t.routes.map((r) => ({ ...r })), associationSet: [], tagSet: [] })) }, requestId);
          }
          case "CreateRoute":
          case "DeleteRoute": {
            const id = form.get("RouteTableId")!;
            const t = s.routeTables.get(id);
            if (!t || t.region !== region) return ec2Error("InvalidRouteTableID.NotFound", `The routeTable ID '${id}' does not exist`);
            const cidr = form.get("DestinationCidrBlock");
            if (!cidr) return ec2Error("MissingParameter", "The request must contain exactly one of DestinationCidrBlock, DestinationIpv6CidrBlock or DestinationPrefixListId");
            const existing = t.routes.findIndex((r) => r.destinationCidrBlock === cidr);
            if (action === "DeleteRoute") {
              if (existing < 0) return ec2Error("InvalidRoute.NotFound", `no route with destination-cidr-block ${cidr} in route table ${id}`);
              t.routes.splice(existing, 1);
              return ec2Response(action, { return: true }, requestId);
            }
            if (existing >= 0) return ec2Error("RouteAlreadyExists", `The route identified by ${cidr} already exists.`);
            const tgwId = form.get("TransitGatewayId");
            if (!tgwId) return ec2Error("MissingParameter", "The request must contain a route target (this fake supports TransitGatewayId)");
            const tgw = s.transitGateways.get(tgwId);
            if (!tgw || tgw.region !== region) return ec2Error("InvalidTransitGatewayID.NotFound", `Transit Gateway ${tgwId} was deleted or does not exist.`);
            // EC2 accepts a route through a transit gateway only from a VPC attached to it (an `available`
            // VPC attachment of the table's VPC); otherwise it answers InvalidTransitGatewayID.NotFound, as
            // for an unknown gateway (AWS Transit Gateway guide, "Transit gateway attachments to a VPC": add
            // the route after the attachment is created)
            const attached = inRegion(s.attachments).some((a) => a.transitGatewayId === tgwId && a.vpcId === t.vpcId && a.state === "available");
            if (!attached) return ec2Error("InvalidTransitGatewayID.NotFound", `The transitGateway ID '${tgwId}' does not exist.`);
            t.routes.push({ destinationCidrBlock: cidr, transitGatewayId: tgwId, state: "active", origin: "CreateRoute" });
            return ec2Response(action, { return: true }, requestId);
          }
        }
        return ec2Error("InvalidAction", `The action ${action} is not valid for this web service.`);
      });
    }),
  ];
}
