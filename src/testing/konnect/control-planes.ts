import { HttpResponse } from "msw";
import type { KonnectCtx } from "./context.js";
import { problem } from "./responses.js";
import { emptyEntities, type ControlPlaneRecord, type Entity } from "./state.js";

type Json = Record<string, unknown>;

// control-planes.v2.yaml `Labels`: keys 1-63 chars not starting with kong/konnect/mesh/kic/_, values
// 1-63 chars matching the pattern below.
const LABEL_VALUE = /^[a-z0-9A-Z]{1}([a-z0-9A-Z\-._]*[a-z0-9A-Z]+)?$/;
const FORBIDDEN_PREFIXES = ["kong", "konnect", "mesh", "kic", "_"];

function labelErrors(labels: unknown): Array<{ field: string; rule: string; message: string }> {
  if (!labels || typeof labels !== "object") return [];
  const out: Array<{ field: string; rule: string; message: string }> = [];
  for (const [k, v] of Object.entries(labels as Json)) {
    if (k.length < 1 || k.length > 63) out.push({ field: `labels.${k}`, rule: "max_length", message: "label keys must be 1 to 63 characters" });
    if (FORBIDDEN_PREFIXES.some((p) => k.startsWith(p))) out.push({ field: `labels.${k}`, rule: "pattern", message: `label keys must not start with ${FORBIDDEN_PREFIXES.join(", ")}` });
    if (typeof v !== "string" || v.length < 1 || v.length > 63 || !LABEL_VALUE.test(v)) out.push({ field: `labels.${k}`, rule: "pattern", message: "label values must be 1 to 63 alphanumeric characters, '-', '.' or '_', starting and ending alphanumeric" });
  }
  return out;
}

function planes(ctx: KonnectCtx): Map<string, ControlPlaneRecord> {
  return ctx.state.regions[ctx.host]!;
}

function validate(ctx: KonnectCtx): Response | undefined {
  const ref = ctx.validator.requestSchemaRef(ctx.template, ctx.request.method);
  const errors = [...(ref ? ctx.validator.validate(ref, ctx.body) : []), ...labelErrors((ctx.body as Json | undefined)?.labels)];
  return errors.length ? problem(400, "Bad Request", "Invalid Parameters", errors) : undefined;
}

function matchesFilters(ctx: KonnectCtx, cp: Entity): boolean {
  const q = ctx.url.searchParams;
  const name = String(cp.name);
  const config = cp.config as Json;
  const checks: Array<[string, (v: string) => boolean]> = [
    ["filter[name][eq]", (v) => name === v],
    ["filter[name][neq]", (v) => name !== v],
    ["filter[name][contains]", (v) => name.includes(v)],
    ["filter[id][eq]", (v) => cp.id === v],
    ["filter[id][oeq]", (v) => v.split(",").includes(cp.id)],
    ["filter[cluster_type][eq]", (v) => config.cluster_type === v],
    ["filter[cluster_type][neq]", (v) => config.cluster_type !== v],
    ["filter[cluster_type][oeq]", (v) => v.split(",").includes(String(config.cluster_type))],
    ["filter[cloud_gateway]", (v) => String(config.cloud_gateway) === v],
    ["filter[cloud_gateway][eq]", (v) => String(config.cloud_gateway) === v],
    [
      "labels",
      (v) =>
        v.split(",").every((pair) => {
          const [k, val] = pair.split(":");
          const labels = (cp.labels ?? {}) as Json;
          return val === undefined ? k! in labels : labels[k!] === val;
        }),
    ],
  ];
  return checks.every(([key, test]) => !q.has(key) || test(q.get(key)!));
}

/** Platform paging: `page[size]`, `page[number]` (1-based), `{meta: {page: {number, size, total}}, data}`. @internal */
export function platformPage(ctx: KonnectCtx, items: unknown[]): Response {
  const q = ctx.url.searchParams;
  const size = q.has("page[size]") ? Number(q.get("page[size]")) : 10;
  const number = q.has("page[number]") ? Number(q.get("page[number]")) : 1;
  if (!Number.isInteger(size) || size < 1 || !Number.isInteger(number) || number < 1) {
    return problem(400, "Bad Request", "Invalid Parameters", [{ field: "page", rule: "min", message: "page[size] and page[number] must be positive integers" }]);
  }
  const data = items.slice((number - 1) * size, number * size);
  return HttpResponse.json({ meta: { page: { number, size, total: items.length } }, data });
}

function controlPlaneJson(ctx: KonnectCtx, body: Json, id: string): Entity {
  const iso = new Date(ctx.clock.now()).toISOString();
  // 10 hex digits, as in control-planes.v2.yaml's example (`https://acfe5f253f.cp.konghq.com`) and Kong's
  // custom-domain docs (`9e454bcfec.gateways.konggateway.com`, the same prefix as the Public Edge DNS)
  const short = ctx.random.chars(10, "0123456789abcdef");
  return {
    id,
    name: body.name,
    description: body.description ?? "",
    labels: body.labels ?? {},
    config: {
      control_plane_endpoint: `https://${short}.${ctx.host}.cp0.konghq.com`,
      telemetry_endpoint: `https://${short}.${ctx.host}.tp0.konghq.com`,
      cluster_type: body.cluster_type ?? "CLUSTER_TYPE_CONTROL_PLANE",
      auth_type: body.auth_type ?? "pinned_client_certs",
      cloud_gateway: body.cloud_gateway ?? false,
      proxy_urls: body.proxy_urls ?? [],
    },
    created_at: iso,
    updated_at: iso,
  };
}

const notFound = () => problem(404, "Not Found", "Control plane not found");

/** @internal */
export function controlPlaneRoutes(): Array<[string, string, (ctx: KonnectCtx, params: Record<string, string>) => Response]> {
  return [
    ["GET", "/v2/control-planes", (ctx) => platformPage(ctx, [...planes(ctx).values()].map((r) => r.controlPlane).filter((cp) => matchesFilters(ctx, cp)))],
    [
      "POST",
      "/v2/control-planes",
      (ctx) => {
        const invalid = validate(ctx);
        if (invalid) return invalid;
        const body = ctx.body as Json;
        // names are unique per organization, across regions
        const taken = Object.values(ctx.state.regions).some((m) => [...m.values()].some((r) => r.controlPlane.name === body.name));
        if (taken) return problem(409, "Conflict", "Control Plane with provided name already exists.");
        const cp = controlPlaneJson(ctx, body, ctx.random.uuid());
        planes(ctx).set(cp.id, { controlPlane: cp, entities: emptyEntities() });
        return HttpResponse.json(cp, { status: 201 });
      },
    ],
    [
      "GET",
      "/v2/control-planes/{controlPlaneId}",
      (ctx, p) => {
        const r = planes(ctx).get(p.controlPlaneId!);
        return r ? HttpResponse.json(r.controlPlane) : notFound();
      },
    ],
    [
      "PATCH",
      "/v2/control-planes/{controlPlaneId}",
      (ctx, p) => {
        const r = planes(ctx).get(p.controlPlaneId!);
        if (!r) return notFound();
        const invalid = validate(ctx);
        if (invalid) return invalid;
        const body = ctx.body as Json;
        if (body.name !== undefined && body.name !== r.controlPlane.name) {
          const taken = Object.values(ctx.state.regions).some((m) => [...m.values()].some((x) => x.controlPlane.name === body.name));
          if (taken) return problem(409, "Conflict", "Control Plane with provided name already exists.");
        }
        const cp = r.controlPlane;
        for (const k of ["name", "description", "labels"] as const) if (body[k] !== undefined) cp[k] = body[k];
        const config = cp.config as Json;
        if (body.auth_type !== undefined) config.auth_type = body.auth_type;
        if (body.proxy_urls !== undefined) config.proxy_urls = body.proxy_urls;
        cp.updated_at = new Date(ctx.clock.now()).toISOString();
        return HttpResponse.json(cp);
      },
    ],
    [
      "DELETE",
      "/v2/control-planes/{controlPlaneId}",
      (ctx, p) => {
        if (!planes(ctx).delete(p.controlPlaneId!)) return notFound();
        return new HttpResponse(null, { status: 204 });
      },
    ],
  ];
}
