import { http, HttpResponse, type HttpHandler } from "msw";
import { GLOBAL_PATHS } from "../../../generated/servers.js";
import type { SandboxClock } from "../clock.js";
import type { Random } from "../random.js";
import { compileRoute, matchRoute, type Route } from "../router.js";
import type { Serve } from "../serve.js";
import { cloudGatewayRoutes } from "./cloud-gateways.js";
import type { KonnectCtx } from "./context.js";
import { controlPlaneRoutes } from "./control-planes.js";
import { coreEntityRoutes } from "./core-entities.js";
import { dataPlaneRoutes } from "./data-planes.js";
import { gatewayUnauthorized, problem } from "./responses.js";
import type { SpecValidator } from "./spec-validator.js";
import type { KonnectState } from "./state.js";

/** What the Konnect fake needs from the sandbox. @internal */
export interface KonnectFakeOptions {
  state: () => KonnectState;
  clock: SandboxClock;
  random: Random;
  validator: SpecValidator;
  serve: Serve;
  token?: string;
  provisioningMs: number;
  /** What a public DNS lookup finds (the Route 53 fake), for custom-domain verification. */
  lookup?: (name: string, type: string) => string[];
}

const TOKEN = /^Bearer ((kpat|spat)_[A-Za-z0-9]{20,})$/;
const HOST = /^https:\/\/(us|eu|au|me|in|sg|global)\.api\.konghq\.com\//;
const GLOBAL = new Set(GLOBAL_PATHS);

type Handle = (ctx: KonnectCtx, params: Record<string, string>) => Response;

/** @internal */
export function konnectHandlers(o: KonnectFakeOptions): HttpHandler[] {
  const routes: Array<Route<KonnectCtx>> = [
    ...controlPlaneRoutes(),
    ...cloudGatewayRoutes(),
    ...identityRoutes(),
    ...dataPlaneRoutes(),
    // core entities: resolve the control plane (in this region) first
    ...coreEntityRoutes().map(([m, t, h]): [string, string, Handle] => [
      m,
      t,
      (ctx, params) => {
        const cp = ctx.state.regions[ctx.host]?.get(params.controlPlaneId!);
        if (!cp) return problem(404, "Not Found", "Control plane not found");
        return h(ctx, cp, params);
      },
    ]),
  ].map(([m, t, h]) => compileRoute<KonnectCtx>(m, t, h));

  return [
    http.all(HOST, async ({ request }) => {
      const url = new URL(request.url);
      const host = HOST.exec(request.url)![1]!;
      const match = matchRoute(routes, request.method, url.pathname);
      const template = "route" in match ? match.route.template : url.pathname;
      const write = request.method !== "GET" && request.method !== "HEAD";
      return o.serve("konnect", request, { operation: `${request.method} ${template}`, write }, async () => {
        if (!("route" in match)) {
          return match.pathOnly ? problem(405, "Method Not Allowed", `${request.method} is not allowed on ${url.pathname}`) : problem(404, "Not Found", `No route for ${url.pathname}`);
        }
        // Global-only APIs answer only on the global server, regional ones only on regional servers.
        if (GLOBAL.has(template) !== (host === "global")) return problem(404, "Not Found", `No route for ${url.pathname} on ${host}`);
        const core = template.includes("/core-entities/");
        const auth = TOKEN.exec(request.headers.get("authorization") ?? "");
        if (!auth || (o.token !== undefined && auth[1] !== o.token)) {
          return core ? gatewayUnauthorized() : problem(401, "Unauthorized", "Invalid credentials");
        }
        let body: unknown;
        const text = await request.text();
        if (text) {
          try {
            body = JSON.parse(text);
          } catch {
            return core ? HttpResponse.json({ code: 3, message: "invalid JSON body" }, { status: 400 }) : problem(400, "Bad Request", "Request body is not valid JSON");
          }
        }
        const ctx: KonnectCtx = { request, url, host, template, body, state: o.state(), clock: o.clock, random: o.random, validator: o.validator, provisioningMs: o.provisioningMs, ...(o.lookup ? { lookup: o.lookup } : {}), tokenKind: auth[2] as "kpat" | "spat" };
        return match.route.handle(ctx, match.params);
      });
    }),
  ];
}

function identityRoutes(): Array<[string, string, Handle]> {
  return [
    ["GET", "/v3/organizations/me", (ctx) => HttpResponse.json(ctx.state.organization)],
    [
      "GET",
      "/v3/users/me",
      // identity.v3.yaml declares only personal and Konnect tokens for users/me: system accounts are refused
      (ctx) => (ctx.tokenKind === "spat" ? problem(401, "Unauthorized", "System account tokens cannot use /users/me") : HttpResponse.json(ctx.state.user)),
    ],
  ];
}
