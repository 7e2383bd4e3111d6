import { HttpResponse } from "msw";
import { filterBy, iso, type Json, type Stateful, validate, view } from "./cloud-gateway-helpers.js";
import type { KonnectCtx } from "./context.js";
import { platformPage } from "./control-planes.js";
import { networkRoutes } from "./networks.js";
import { problem } from "./responses.js";
import type { Entity } from "./state.js";



/** Moves an object from its transitional state to `ready` once the sandbox clock passes `readyAt`. */
function settle<T extends Stateful>(ctx: KonnectCtx, e: T): T {
  // a client reading an object on its way to ready moves the clock toward it (clock.ts, autoAdvance)
  if (ctx.request.method === "GET" && e.readyAt !== undefined && (e.state === "initializing" || e.state === "created")) ctx.clock.observePending(e.readyAt, ctx.provisioningMs);
  if (e.readyAt !== undefined && ctx.clock.now() >= e.readyAt && (e.state === "initializing" || e.state === "created")) {
    (e as Entity).state = "ready";
    (e as Entity).updated_at = new Date(e.readyAt).toISOString();
  }
  return e;
}

/**
 * Konnect's DNS instructions for a custom domain (Kong docs, dedicated-cloud-gateways reference, "Custom
 * DNS": "save the Public Edge DNS URL" of the control plane, then `<domain>` CNAME
 * `9e454bcfec.gateways.konggateway.com` and `_acme-challenge.<domain>` CNAME
 * `_acme-challenge.9e454bcfec.acme.gateways.konggateway.com`). The label is the control plane's prefix,
 * the first label of its `control_plane_endpoint` (`https://<prefix>.<geo>.cp0.konghq.com`), never the
 * custom domain's id: records naming anything else do not verify.
 */
const gatewayHost = (prefix: string) => `${prefix}.gateways.konggateway.com.`;
const acmeHost = (prefix: string) => `_acme-challenge.${prefix}.acme.gateways.konggateway.com.`;
const cnameOf = (ctx: KonnectCtx, name: string) => ctx.lookup?.(name, "CNAME") ?? [];
/** The Public Edge DNS prefix of a custom domain's control plane (none once the control plane is gone). */
function edgePrefix(ctx: KonnectCtx, d: Stateful): string | undefined {
  const cp = ctx.state.regions[String(d.control_plane_geo)]?.get(String(d.control_plane_id))?.controlPlane;
  const endpoint = (cp?.config as Json | undefined)?.control_plane_endpoint;
  return typeof endpoint === "string" ? /^https:\/\/([a-z0-9-]+)\./.exec(endpoint)?.[1] : undefined;
}
const pointsAt = (ctx: KonnectCtx, name: string, host: (prefix: string) => string, d: Stateful) => {
  const prefix = edgePrefix(ctx, d);
  return prefix !== undefined && cnameOf(ctx, name).includes(host(prefix));
};

/**
 * A custom domain stays `initializing` until its `_acme-challenge` CNAME resolves (Konnect cannot get its
 * certificate before); from then on it becomes `ready` after the provisioning time of the sandbox clock,
 * with the certificate and SNI Konnect creates in the control plane.
 */
function settleDomain(ctx: KonnectCtx, d: Stateful): Stateful {
  if (d.readyAt === undefined && d.state === "initializing" && pointsAt(ctx, `_acme-challenge.${String(d.domain)}`, acmeHost, d)) d.readyAt = ctx.clock.now() + ctx.provisioningMs;
  const wasReady = d.state === "ready";
  settle(ctx, d);
  if (!wasReady && d.state === "ready") {
    d.certificate_id = ctx.random.uuid();
    d.sni_id = ctx.random.uuid();
  }
  return d;
}

// A small availability document in the shape of cloud-gateways.v2.yaml `AvailabilityDocument`.
function availability(): Json {
  const region = (r: string, name: string, azs: string[]) => ({ region: r, name, availability_zones: azs, cidr_blocks: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"], reserved_cidr_blocks: ["10.100.0.0/16"] });
  return {
    versions: ["3.9", "3.10", "3.11"],
    instance_types: [{ name: "small", hourly_cost: "0.0", v_cpu: "1", gb_memory: "2" }],
    providers: [{ provider: "aws", regions: [region("us-east-2", "Ohio", ["use2-az1", "use2-az2", "use2-az3"]), region("eu-west-1", "Ireland", ["euw1-az1", "euw1-az2", "euw1-az3"])] }],
    serverless_v1_providers: [],
  };
}

/** @internal */
export function cloudGatewayRoutes(): Array<[string, string, (ctx: KonnectCtx, params: Record<string, string>) => Response]> {
  const cg = (ctx: KonnectCtx) => ctx.state.cloudGateways;
  const base = "/v2/cloud-gateways";
  const notFound = (what: string) => problem(404, "Not Found", `${what} not found`);
  return [
    ["GET", `${base}/availability.json`, () => HttpResponse.json(availability())],
    ["GET", `${base}/provider-accounts`, (ctx) => platformPage(ctx, filterBy(ctx, [...cg(ctx).providerAccounts.values()], { provider: (e) => e.provider }))],
    ["GET", `${base}/provider-accounts/{providerAccountId}`, (ctx, p) => {
      const a = cg(ctx).providerAccounts.get(p.providerAccountId!);
      return a ? HttpResponse.json(a) : notFound("Provider account");
    }],
    // networks and their transit-gateway attachments (networks.ts)
    ...networkRoutes(),
    // custom domains
    ["GET", `${base}/custom-domains`, (ctx) =>
      platformPage(ctx, filterBy(ctx, [...cg(ctx).customDomains.values()].map((d) => view(settleDomain(ctx, d))), {
        control_plane_id: (e) => e.control_plane_id,
        control_plane_geo: (e) => e.control_plane_geo,
        domain: (e) => e.domain,
        state: (e) => e.state,
      }))],
    ["POST", `${base}/custom-domains`, (ctx) => {
      const invalid = validate(ctx);
      if (invalid) return invalid;
      const body = ctx.body as Json;
      if ([...cg(ctx).customDomains.values()].some((d) => d.domain === body.domain)) return problem(409, "Conflict", `Custom domain '${String(body.domain)}' already exists.`);
      if (!ctx.state.regions[String(body.control_plane_geo)]?.has(String(body.control_plane_id))) {
        return problem(400, "Bad Request", "Invalid Parameters", [{ field: "control_plane_id", rule: "exists", message: "no such control plane in this geo" }]);
      }
      const id = ctx.random.uuid();
      const d: Stateful = {
        id,
        control_plane_id: body.control_plane_id,
        control_plane_geo: body.control_plane_geo,
        domain: body.domain,
        kind: body.kind ?? "dedicated.v0",
        certificate_id: null,
        sni_id: null,
        state: "initializing",
        state_metadata: {},
        entity_version: 1,
        created_at: iso(ctx),
        updated_at: iso(ctx),
      };
      cg(ctx).customDomains.set(id, d);
      return HttpResponse.json(view(d), { status: 201 });
    }],
    ["GET", `${base}/custom-domains/{customDomainId}`, (ctx, p) => {
      const d = cg(ctx).customDomains.get(p.customDomainId!);
      return d ? HttpResponse.json(view(settleDomain(ctx, d))) : notFound("Custom domain");
    }],
    ["DELETE", `${base}/custom-domains/{customDomainId}`, (ctx, p) => {
      if (!cg(ctx).customDomains.delete(p.customDomainId!)) return notFound("Custom domain");
      return new HttpResponse(null, { status: 204 });
    }],
    ["GET", `${base}/custom-domains/{customDomainId}/online-status`, (ctx, p) => {
      const d = cg(ctx).customDomains.get(p.customDomainId!);
      if (!d) return notFound("Custom domain");
      // "Checks whether the primary domain CNAME and ACME challenge CNAME records are correctly configured"
      // (cloud-gateways.v2.yaml, get-custom-domain-online-status): cname = the domain's CNAME, ssl = the
      // _acme-challenge CNAME, and (never more lenient than Konnect) a certificate issued through it
      const cname = pointsAt(ctx, String(d.domain), gatewayHost, d);
      const ssl = settleDomain(ctx, d).state === "ready" && pointsAt(ctx, `_acme-challenge.${String(d.domain)}`, acmeHost, d);
      return HttpResponse.json({ cname: cname ? "verified" : "unverified", ssl: ssl ? "verified" : "unverified" });
    }],
    // configurations: desired-state PUT keyed by (control_plane_id, control_plane_geo)
    ["GET", `${base}/configurations`, (ctx) =>
      platformPage(ctx, filterBy(ctx, [...cg(ctx).configurations.values()].map((c) => view(settleConfig(ctx, c))), {
        control_plane_id: (e) => e.control_plane_id,
        control_plane_geo: (e) => e.control_plane_geo,
      }))],
    ["GET", `${base}/configurations/{configurationId}`, (ctx, p) => {
      const c = cg(ctx).configurations.get(p.configurationId!);
      return c ? HttpResponse.json(view(settleConfig(ctx, c))) : notFound("Configuration");
    }],
    ["PUT", `${base}/configurations`, (ctx) => {
      const invalid = validate(ctx);
      if (invalid) return invalid;
      const body = ctx.body as Json;
      const groups = (body.dataplane_groups as Json[]) ?? [];
      for (const [i, g] of groups.entries()) {
        if (g.cloud_gateway_network_id && !cg(ctx).networks.has(String(g.cloud_gateway_network_id))) {
          return problem(400, "Bad Request", "Invalid Parameters", [{ field: `dataplane_groups[${i}].cloud_gateway_network_id`, rule: "exists", message: "unknown network" }]);
        }
      }
      const existing = [...cg(ctx).configurations.values()].find((c) => c.control_plane_id === body.control_plane_id && c.control_plane_geo === body.control_plane_geo);
      const desired = { version: body.version, api_access: body.api_access ?? "private+public", kind: body.kind ?? "dedicated.v0", dataplane_group_config: groups };
      if (existing && canonical(desired) === canonical({ version: existing.version, api_access: existing.api_access, kind: existing.kind, dataplane_group_config: existing.dataplane_group_config })) {
        // cloud-gateways.v2.yaml: an identical PUT is a 409 with this detail
        return problem(409, "Conflict", "Proposed cloud gateway configuration and current cloud gateway configuration are identical.");
      }
      const id = existing?.id ?? ctx.random.uuid();
      const previous = new Map(((existing?.dataplane_groups as Json[]) ?? []).map((g) => [`${String(g.provider)}/${String(g.region)}`, g]));
      const readyAt = ctx.clock.now() + ctx.provisioningMs;
      const c: Stateful = {
        id,
        control_plane_id: body.control_plane_id,
        control_plane_geo: body.control_plane_geo,
        ...desired,
        dataplane_groups: groups.map((g) => {
          const prev = previous.get(`${String(g.provider)}/${String(g.region)}`);
          return {
            id: prev?.id ?? ctx.random.uuid(),
            provider: g.provider,
            region: g.region,
            autoscale: g.autoscale,
            environment: g.environment ?? [],
            cloud_gateway_network_id: g.cloud_gateway_network_id,
            state: "initializing",
            private_ip_addresses: [],
            egress_ip_addresses: [],
            hostnames: [],
            created_at: prev?.created_at ?? iso(ctx),
            updated_at: iso(ctx),
          };
        }),
        entity_version: Number(existing?.entity_version ?? 0) + 1,
        created_at: existing?.created_at ?? iso(ctx),
        updated_at: iso(ctx),
        readyAt,
      };
      cg(ctx).configurations.set(id, c);
      return HttpResponse.json(view(c), { status: 200 });
    }],
  ];
}

function settleConfig(ctx: KonnectCtx, c: Stateful): Stateful {
  if (ctx.request.method === "GET" && c.readyAt !== undefined && ((c.dataplane_groups as Json[]) ?? []).some((g) => g.state === "initializing")) ctx.clock.observePending(c.readyAt, ctx.provisioningMs);
  if (c.readyAt !== undefined && ctx.clock.now() >= c.readyAt) {
    for (const g of (c.dataplane_groups as Json[]) ?? []) if (g.state === "initializing") g.state = "ready";
  }
  return c;
}

/** Order-insensitive canonical JSON (dataplane_groups and environment are sets). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).sort().join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v)
      .filter((k) => (v as Json)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Json)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}
