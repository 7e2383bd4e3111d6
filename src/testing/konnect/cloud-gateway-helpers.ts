import type { KonnectCtx } from "./context.js";
import { problem } from "./responses.js";
import type { Entity } from "./state.js";

// What the cloud-gateways fake (cloud-gateways.ts) and its networks part (networks.ts) both need: one
// copy of the timestamps, the client view, request validation and list filters serves both.

/** @internal */
export type Json = Record<string, unknown>;
/** An object that becomes `ready` once the sandbox clock passes `readyAt`. @internal */
export type Stateful = Entity & { readyAt?: number };

/** The sandbox clock's time as Konnect writes it. @internal */
export const iso = (ctx: KonnectCtx) => new Date(ctx.clock.now()).toISOString();

/** The JSON a client sees (internal bookkeeping fields dropped). @internal */
export function view(e: Stateful): Json {
  const { readyAt: _r, networkId: _n, ...rest } = e as Stateful & { networkId?: string };
  return rest;
}

/** Validates the request body against the operation's schema: a 400 problem, or undefined. @internal */
export function validate(ctx: KonnectCtx): Response | undefined {
  const ref = ctx.validator.requestSchemaRef(ctx.template, ctx.request.method);
  const errors = ref ? ctx.validator.validate(ref, ctx.body) : [];
  return errors.length ? problem(400, "Bad Request", "Invalid Parameters", errors) : undefined;
}

/** Applies the `filter[field][eq|neq|contains|oeq]` query parameters of a list. @internal */
export function filterBy(ctx: KonnectCtx, items: Json[], fields: Record<string, (e: Json) => unknown>): Json[] {
  const q = ctx.url.searchParams;
  return items.filter((e) =>
    Object.entries(fields).every(([name, get]) => {
      const v = String(get(e) ?? "");
      const eq = q.get(`filter[${name}][eq]`) ?? q.get(`filter[${name}]`);
      const neq = q.get(`filter[${name}][neq]`);
      const contains = q.get(`filter[${name}][contains]`);
      const oeq = q.get(`filter[${name}][oeq]`);
      return (eq === null || v === eq) && (neq === null || v !== neq) && (contains === null || v.includes(contains)) && (oeq === null || oeq.split(",").includes(v));
    }),
  );
}
