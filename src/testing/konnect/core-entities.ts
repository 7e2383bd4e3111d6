import { HttpResponse } from "msw";
import type { KonnectCtx } from "./context.js";
import { expandServiceUrl, serviceErrors } from "./kong-service.js";
import { checkPlugin } from "./plugin-config-check.js";
import { kokoConstraint, kokoNotFound, kokoValidation } from "./responses.js";
import type { FieldError } from "./spec-validator.js";
import type { CoreEntities, ControlPlaneRecord, Entity } from "./state.js";

type Collection = keyof CoreEntities;
type Json = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CE = "/v2/control-planes/{controlPlaneId}/core-entities";

/** Which field a path id may also be (CPC spec texts: vault "ID or prefix", consumer "ID or username", service/route "ID or name"). */
const ALT_KEY: Partial<Record<Collection, string>> = { vaults: "prefix", consumers: "username", services: "name", routes: "name", consumer_groups: "name" };
/** The field `filter[name]` applies to. */
const NAME_FIELD: Partial<Record<Collection, string>> = { plugins: "name", services: "name", routes: "name", consumers: "username", consumer_groups: "name" };

const nowSeconds = (ctx: KonnectCtx) => Math.floor(ctx.clock.now() / 1000);

/** @internal */
export function findEntity(map: Map<string, Entity>, collection: Collection, key: string): Entity | undefined {
  const direct = map.get(key);
  if (direct) return direct;
  const alt = ALT_KEY[collection];
  if (!alt) return undefined;
  for (const e of map.values()) if (e[alt] === key) return e;
  return undefined;
}

function tagsMatch(entity: Entity, filter: string | null): boolean {
  if (!filter) return true;
  const tags = Array.isArray(entity.tags) ? (entity.tags as string[]) : [];
  // Kong: `a,b` means all of them, `a/b` means any of them (kong/api/endpoints.lua)
  if (filter.includes("/")) return filter.split("/").some((t) => tags.includes(t));
  return filter.split(",").every((t) => tags.includes(t));
}

/** Lists with Kong's paging: `size` (1..1000, default 100), opaque `offset`, `{data, next, offset}`. @internal */
export function listPage(ctx: KonnectCtx, items: Entity[], collection: Collection): Response {
  const q = ctx.url.searchParams;
  const size = q.has("size") ? Number(q.get("size")) : 100;
  if (!Number.isInteger(size) || size < 1 || size > 1000) return kokoValidation([{ field: "size", rule: "range", message: "size must be an integer between 1 and 1000" }]);
  const tags = q.get("tags");
  if (tags && tags.includes(",") && tags.includes("/")) return kokoValidation([{ field: "tags", rule: "invalid", message: "invalid tags filter: mixing ',' and '/' is not allowed" }]);
  const nameField = NAME_FIELD[collection];
  const eq = q.get("filter[name][eq]");
  const contains = q.get("filter[name][contains]");
  const customId = q.get("custom_id");
  const filtered = items.filter(
    (e) =>
      tagsMatch(e, tags) &&
      (!eq || (nameField && e[nameField] === eq)) &&
      (!contains || (nameField && String(e[nameField] ?? "").includes(contains))) &&
      (!customId || e.custom_id === customId),
  );
  let start = 0;
  const offset = q.get("offset");
  if (offset) {
    start = Number(Buffer.from(offset, "base64url").toString("utf8"));
    if (!Number.isInteger(start) || start < 0) return kokoValidation([{ field: "offset", rule: "invalid", message: "invalid offset" }]);
  }
  const data = filtered.slice(start, start + size);
  const more = start + size < filtered.length;
  if (!more) return HttpResponse.json({ data, next: null });
  const nextOffset = Buffer.from(String(start + size)).toString("base64url");
  const next = new URL(ctx.url);
  next.searchParams.set("offset", nextOffset);
  return HttpResponse.json({ data, next: `${next.pathname}${next.search}`, offset: nextOffset });
}

function serverDefaults(ctx: KonnectCtx, collection: Collection, body: Json, existing?: Entity): { entity?: Json; error?: Response } {
  const e: Json = { ...body };
  const nullIfAbsent = (...keys: string[]) => keys.forEach((k) => (e[k] ??= null));
  switch (collection) {
    case "vaults": {
      nullIfAbsent("description", "tags");
      const config = { ...((e.config as Json) ?? {}) };
      // kong/vaults/aws/schema.lua: role_session_name is required with default "KongVault"
      if (e.name === "aws") config.role_session_name ??= "KongVault";
      e.config = config;
      break;
    }
    case "plugins": {
      e.enabled ??= true;
      e.protocols ??= ["grpc", "grpcs", "http", "https"];
      nullIfAbsent("service", "route", "consumer", "consumer_group", "instance_name", "tags", "ordering");
      // Kong's schema of the plugin first (unknown fields at any depth, types, shorthands), then the
      // spec subset's typed config, which also fills the defaults it knows.
      const { errors: kong, config } = checkPlugin(e);
      if (kong.length) return { error: kokoValidation(kong) };
      const ref = ctx.validator.pluginConfigRef(String(e.name));
      if (ref) {
        const errors = ctx.validator.validate(ref, config, true);
        if (errors.length) return { error: kokoValidation(errors.map((x) => ({ ...x, field: `config.${x.field}`.replace(/\.$/, "") }))) };
      }
      // rate-limiting-advanced regenerates its namespace on every write that omits it (konnect-api-notes §6)
      if (e.name === "rate-limiting-advanced" && !config.namespace) config.namespace = ctx.random.chars(32, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
      e.config = config;
      break;
    }
    case "consumers":
      if (e.username == null && e.custom_id == null) return { error: kokoValidation([{ field: "", rule: "at_least_one_of", message: "at least one of these fields must be non-empty: 'custom_id', 'username'" }]) };
      nullIfAbsent("username", "custom_id", "tags");
      break;
    case "services": {
      // `url` was expanded and Kong's field checks ran before the spec validation (writeEntity)
      e.protocol ??= "http";
      e.port ??= 80;
      e.retries ??= 5;
      e.connect_timeout ??= 60000;
      e.write_timeout ??= 60000;
      e.read_timeout ??= 60000;
      e.enabled ??= true;
      nullIfAbsent("name", "path", "tags", "client_certificate", "tls_verify", "tls_verify_depth", "ca_certificates");
      break;
    }
    case "routes":
      e.protocols ??= ["http", "https"];
      e.https_redirect_status_code ??= 426;
      e.regex_priority ??= 0;
      e.strip_path ??= true;
      e.preserve_host ??= false;
      e.request_buffering ??= true;
      e.response_buffering ??= true;
      e.path_handling ??= "v0";
      nullIfAbsent("name", "methods", "hosts", "paths", "headers", "snis", "sources", "destinations", "tags", "service");
      break;
    case "partials":
      nullIfAbsent("name", "tags");
      break;
    case "consumer_groups":
      nullIfAbsent("tags");
      break;
    case "jwts":
      e.key ??= ctx.random.chars(32);
      e.secret ??= ctx.random.chars(32);
      e.algorithm ??= "HS256";
      nullIfAbsent("rsa_public_key", "tags");
      break;
  }
  e.created_at = existing?.created_at ?? nowSeconds(ctx);
  if (collection !== "jwts") e.updated_at = nowSeconds(ctx);
  return { entity: e };
}

/** Foreign keys must point at existing entities. */
function checkReferences(cp: ControlPlaneRecord, e: Json): Response | undefined {
  const refs: Array<[string, Collection]> = [["service", "services"], ["route", "routes"], ["consumer", "consumers"], ["consumer_group", "consumer_groups"]];
  for (const [field, coll] of refs) {
    const v = e[field] as { id?: string } | null | undefined;
    if (v && v.id && !cp.entities[coll].has(v.id)) return kokoConstraint(`${field} (type: foreign) constraint failed for value '${v.id}': `);
  }
  for (const p of (e.partials as Array<{ id?: string }> | undefined) ?? []) {
    if (p.id && !cp.entities.partials.has(p.id)) return kokoConstraint(`partials (type: foreign) constraint failed for value '${p.id}': `);
  }
  return undefined;
}

/** Uniqueness per collection (Kong/koko index definitions, konnect-api-notes §4, §5, §8). */
function checkUnique(cp: ControlPlaneRecord, collection: Collection, e: Json, selfId: string): Response | undefined {
  const others = [...cp.entities[collection].values()].filter((o) => o.id !== selfId);
  const clash = (field: string) => e[field] != null && others.some((o) => o[field] === e[field]);
  const fields: Record<Collection, string[]> = {
    vaults: ["prefix"],
    plugins: ["instance_name"],
    partials: ["name"],
    consumers: ["username", "custom_id"],
    services: ["name"],
    routes: ["name"],
    jwts: ["key"],
    consumer_groups: ["name"],
  };
  for (const f of fields[collection]) if (clash(f)) return kokoConstraint(`${f} (type: unique) constraint failed for value '${String(e[f])}': `);
  if (collection === "plugins") {
    const id = (v: unknown) => (v as { id?: string } | null)?.id ?? "";
    const key = (x: Json) => [x.name, id(x.service), id(x.route), id(x.consumer), id(x.consumer_group)].join(".");
    const mine = key(e);
    if (others.some((o) => key(o) === mine)) {
      return kokoConstraint(`unique-plugin-per-entity (type: unique) constraint failed for value '${[e.name, id(e.service), id(e.route), id(e.consumer)].join(".")}': `);
    }
  }
  return undefined;
}

/** Creates or replaces an entity after validating it. @internal */
export function writeEntity(ctx: KonnectCtx, cp: ControlPlaneRecord, collection: Collection, body: unknown, opts: { id?: string; parent?: Json; status: number }): Response {
  const ref = ctx.validator.requestSchemaRef(ctx.template, ctx.request.method);
  if (typeof body !== "object" || body === null || Array.isArray(body)) return kokoValidation([{ field: "", rule: "type", message: "request body must be a JSON object" }]);
  let kong: FieldError[] = [];
  if (collection === "services") {
    // Kong expands the `url` shorthand before it validates (so `{name, url}` has a host), and a
    // shorthand error stops there (kong/db/schema/init.lua `process_auto_fields`).
    const expanded = expandServiceUrl(body as Json);
    if (expanded.errors.length) return kokoValidation(expanded.errors);
    body = expanded.body;
    kong = serviceErrors(body as Json);
  }
  if (ref) {
    // Kong's messages win where both report a field; a null host is "required field missing" to Kong
    const forSpec = collection === "services" && (body as Json).host === null ? { ...(body as Json), host: undefined } : body;
    const errors = [...kong, ...ctx.validator.validate(ref, JSON.parse(JSON.stringify(forSpec))).filter((x) => !kong.some((k) => k.field === x.field))];
    if (errors.length) return kokoValidation(errors);
  } else if (kong.length) return kokoValidation(kong);
  const existing = opts.id ? cp.entities[collection].get(opts.id) : undefined;
  const id = opts.id ?? ((body as Json).id as string | undefined) ?? ctx.random.uuid();
  if (!UUID.test(id)) return kokoValidation([{ field: "id", rule: "uuid", message: "expected a valid UUID" }]);
  if (!existing && cp.entities[collection].has(id)) return kokoConstraint(`id (type: unique) constraint failed for value '${id}': `);
  const { entity, error } = serverDefaults(ctx, collection, { ...(body as Json), ...opts.parent, id }, existing);
  if (error) return error;
  const bad = checkReferences(cp, entity!) ?? checkUnique(cp, collection, entity!, id);
  if (bad) return bad;
  cp.entities[collection].set(id, entity as Entity);
  return HttpResponse.json(entity, { status: opts.status });
}

/** Deletes an entity and what Kong deletes with it (plugins of a deleted service/route/consumer; jwts of a consumer). @internal */
export function deleteEntity(cp: ControlPlaneRecord, collection: Collection, id: string): void {
  cp.entities[collection].delete(id);
  const scope: Partial<Record<Collection, string>> = { services: "service", routes: "route", consumers: "consumer", consumer_groups: "consumer_group" };
  const field = scope[collection];
  if (field) {
    for (const [pid, p] of cp.entities.plugins) if ((p[field] as { id?: string } | null)?.id === id) cp.entities.plugins.delete(pid);
  }
  if (collection === "consumers") for (const [jid, j] of cp.entities.jwts) if ((j.consumer as { id?: string }).id === id) cp.entities.jwts.delete(jid);
}

type Handler = (ctx: KonnectCtx, cp: ControlPlaneRecord, params: Record<string, string>) => Response;

/** Core-entity routes, by path template relative to `{CE}`. @internal */
export function coreEntityRoutes(): Array<[string, string, Handler]> {
  const routes: Array<[string, string, Handler]> = [];
  const collections: Array<[Collection, string]> = [
    ["vaults", "VaultId"],
    ["plugins", "PluginId"],
    ["partials", "PartialId"],
    ["consumers", "ConsumerId"],
    ["services", "ServiceId"],
    ["routes", "RouteId"],
    ["consumer_groups", "ConsumerGroupId"],
  ];
  for (const [coll, param] of collections) {
    routes.push(["GET", `${CE}/${coll}`, (ctx, cp) => listPage(ctx, [...cp.entities[coll].values()], coll)]);
    routes.push(["POST", `${CE}/${coll}`, (ctx, cp) => writeEntity(ctx, cp, coll, ctx.body, { status: 201 })]);
    routes.push([
      "GET",
      `${CE}/${coll}/{${param}}`,
      (_ctx, cp, p) => {
        const e = findEntity(cp.entities[coll], coll, p[param]!);
        return e ? HttpResponse.json(e) : kokoNotFound();
      },
    ]);
    routes.push([
      "PUT",
      `${CE}/${coll}/{${param}}`,
      (ctx, cp, p) => {
        const found = findEntity(cp.entities[coll], coll, p[param]!);
        return writeEntity(ctx, cp, coll, ctx.body, { id: found?.id ?? p[param]!, status: 200 });
      },
    ]);
    routes.push([
      "DELETE",
      `${CE}/${coll}/{${param}}`,
      (_ctx, cp, p) => {
        const e = findEntity(cp.entities[coll], coll, p[param]!);
        if (e) deleteEntity(cp, coll, e.id);
        return new HttpResponse(null, { status: 204 });
      },
    ]);
  }
  // plugins nested under a scope
  const scopes: Array<[Collection, string, string]> = [
    ["services", "ServiceId", "service"],
    ["routes", "RouteId", "route"],
    ["consumers", "ConsumerIdForNestedEntities", "consumer"],
  ];
  for (const [coll, param, field] of scopes) {
    routes.push([
      "GET",
      `${CE}/${coll}/{${param}}/plugins`,
      (ctx, cp, p) => {
        const parent = findEntity(cp.entities[coll], coll, p[param]!);
        if (!parent) return kokoNotFound();
        return listPage(ctx, [...cp.entities.plugins.values()].filter((x) => (x[field] as { id?: string } | null)?.id === parent.id), "plugins");
      },
    ]);
    routes.push([
      "POST",
      `${CE}/${coll}/{${param}}/plugins`,
      (ctx, cp, p) => {
        const parent = findEntity(cp.entities[coll], coll, p[param]!);
        if (!parent) return kokoNotFound();
        return writeEntity(ctx, cp, "plugins", ctx.body, { parent: { [field]: { id: parent.id } }, status: 201 });
      },
    ]);
  }
  // jwt credentials of a consumer
  const consumerOf = (cp: ControlPlaneRecord, p: Record<string, string>) => findEntity(cp.entities.consumers, "consumers", p.ConsumerIdForNestedEntities!);
  routes.push([
    "GET",
    `${CE}/consumers/{ConsumerIdForNestedEntities}/jwt`,
    (ctx, cp, p) => {
      const c = consumerOf(cp, p);
      if (!c) return kokoNotFound();
      return listPage(ctx, [...cp.entities.jwts.values()].filter((j) => (j.consumer as { id: string }).id === c.id), "jwts");
    },
  ]);
  routes.push([
    "POST",
    `${CE}/consumers/{ConsumerIdForNestedEntities}/jwt`,
    (ctx, cp, p) => {
      const c = consumerOf(cp, p);
      if (!c) return kokoNotFound();
      return writeEntity(ctx, cp, "jwts", ctx.body ?? {}, { parent: { consumer: { id: c.id } }, status: 201 });
    },
  ]);
  const jwtOf = (cp: ControlPlaneRecord, p: Record<string, string>) => {
    const c = consumerOf(cp, p);
    const j = cp.entities.jwts.get(p.JWTId!);
    return c && j && (j.consumer as { id: string }).id === c.id ? { c, j } : { c };
  };
  routes.push(["GET", `${CE}/consumers/{ConsumerIdForNestedEntities}/jwt/{JWTId}`, (_ctx, cp, p) => {
    const { j } = jwtOf(cp, p);
    return j ? HttpResponse.json(j) : kokoNotFound();
  }]);
  routes.push(["PUT", `${CE}/consumers/{ConsumerIdForNestedEntities}/jwt/{JWTId}`, (ctx, cp, p) => {
    const { c } = jwtOf(cp, p);
    if (!c) return kokoNotFound();
    return writeEntity(ctx, cp, "jwts", ctx.body ?? {}, { id: p.JWTId!, parent: { consumer: { id: c.id } }, status: 200 });
  }]);
  routes.push(["DELETE", `${CE}/consumers/{ConsumerIdForNestedEntities}/jwt/{JWTId}`, (_ctx, cp, p) => {
    const { j } = jwtOf(cp, p);
    if (j) cp.entities.jwts.delete(j.id);
    return new HttpResponse(null, { status: 204 });
  }]);
  routes.push(["GET", `${CE}/partials/{PartialId}/links`, (_ctx, cp, p) => {
    const links = [...cp.entities.plugins.values()]
      .filter((pl) => ((pl.partials as Array<{ id?: string }> | null) ?? []).some((x) => x.id === p.PartialId))
      .map((pl) => ({ id: pl.id, name: pl.name, instance_name: pl.instance_name ?? null }));
    return HttpResponse.json({ count: links.length, data: links, next: null });
  }]);
  return routes;
}
