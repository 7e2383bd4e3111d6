import { createHash, X509Certificate } from "node:crypto";
import { HttpResponse } from "msw";
import type { KonnectCtx } from "./context.js";
import type { ControlPlaneRecord, CoreEntities, Entity, KonnectState } from "./state.js";

type Json = Record<string, unknown>;
type Handle = (ctx: KonnectCtx, params: Record<string, string>) => Response;

/** A data plane node record the sandbox simulates (GET /nodes). */
export interface SimulatedNode {
  id: string;
  version: string;
  hostname: string;
  type: string;
  /** Sandbox-clock ms the node first connected. */
  connectedAt: number;
  /** Sandbox-clock ms from which it reports the control plane's current config hash; undefined: never. */
  inSyncFrom: number | undefined;
  /** Sandbox-clock ms of its last heartbeat once stopped; undefined while it runs (it pings on every read). */
  stoppedAt?: number;
  /** The stale hash it reports while out of sync. */
  staleHash: string;
}

/** What a control plane holds for its self-hosted data planes. */
export interface DataPlaneRecords {
  /** Pinned data-plane client certificates (dp-client-certificates), by id. */
  certificates: Map<string, Entity>;
  /** Simulated nodes, by id. */
  nodes: Map<string, SimulatedNode>;
}

/** The data-plane records of a control plane, created on first use. @internal */
export function dataPlaneRecords(cp: ControlPlaneRecord): DataPlaneRecords {
  return (cp.dataPlanes ??= { certificates: new Map(), nodes: new Map() });
}

/**
 * The hash a data plane in sync reports: an md5 (Kong's config hashes are 32 hex characters, as
 * `expected_hash` and the nodes' `config_hash`) over the control plane's core entities, so it changes
 * whenever its configuration does. Kong's own algorithm (kong/clustering) hashes the exported declarative
 * config; the sandbox only needs a value that moves with the configuration.
 * @internal
 */
export function expectedConfigHash(entities: CoreEntities): string {
  const flat = Object.entries(entities)
    .map(([k, m]: [string, Map<string, Entity>]) => [k, [...m.values()].map((e) => JSON.stringify(e)).sort()])
    .sort(([a], [b]) => String(a).localeCompare(String(b)));
  return createHash("md5").update(JSON.stringify(flat)).digest("hex");
}

/** Konnect's legacy control-plane error shape (`KonnectCPLegacyBaseError`: `{message}`), used by these paths. */
const legacy = (status: number, message: string) => HttpResponse.json({ message }, { status });
const seconds = (ms: number) => Math.floor(ms / 1000);

function certificateErrors(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return "request body must be an object";
  const b = body as Json;
  if (typeof b.cert !== "string" || b.cert === "") return "cert is required";
  if (b.title !== undefined && typeof b.title !== "string") return "title must be a string";
  // Konnect parses the PEM it pins (a data plane presenting it must match): refuse what is not one
  try {
    new X509Certificate(b.cert);
  } catch {
    return "cert is not a valid PEM-encoded X.509 certificate";
  }
  return undefined;
}

function nodeJson(ctx: KonnectCtx, cp: ControlPlaneRecord, n: SimulatedNode): Json {
  const now = ctx.clock.now();
  const lastPing = n.stoppedAt ?? now;
  const inSync = n.inSyncFrom !== undefined && now >= n.inSyncFrom;
  return {
    id: n.id,
    version: n.version,
    hostname: n.hostname,
    last_ping: seconds(lastPing),
    type: n.type,
    created_at: seconds(n.connectedAt),
    updated_at: seconds(lastPing),
    config_hash: inSync ? expectedConfigHash(cp.entities) : n.staleHash,
  };
}

/** Routes of the pinned client certificates, the node records and the expected config hash. @internal */
export function dataPlaneRoutes(): Array<[string, string, Handle]> {
  const cpOf = (ctx: KonnectCtx, p: Record<string, string>) => ctx.state.regions[ctx.host]?.get(p.controlPlaneId!);
  const withCp =
    (h: (ctx: KonnectCtx, cp: ControlPlaneRecord, p: Record<string, string>) => Response): Handle =>
    (ctx, p) => {
      const cp = cpOf(ctx, p);
      return cp ? h(ctx, cp, p) : legacy(404, "Not Found");
    };
  const base = "/v2/control-planes/{controlPlaneId}";
  return [
    [
      "GET",
      `${base}/dp-client-certificates`,
      withCp((_ctx, cp) => {
        const items = [...dataPlaneRecords(cp).certificates.values()];
        return HttpResponse.json({ items, page: { total_count: items.length } });
      }),
    ],
    [
      "POST",
      `${base}/dp-client-certificates`,
      withCp((ctx, cp) => {
        const problem = certificateErrors(ctx.body);
        if (problem) return legacy(400, problem);
        const b = ctx.body as Json;
        const now = seconds(ctx.clock.now());
        const item: Entity = { id: ctx.random.uuid(), cert: b.cert, ...(typeof b.title === "string" ? { title: b.title } : {}), created_at: now, updated_at: now };
        dataPlaneRecords(cp).certificates.set(item.id, item);
        return HttpResponse.json({ item }, { status: 201 });
      }),
    ],
    [
      "GET",
      `${base}/dp-client-certificates/{certificateId}`,
      withCp((_ctx, cp, p) => {
        const item = dataPlaneRecords(cp).certificates.get(p.certificateId!);
        return item ? HttpResponse.json({ item }) : legacy(404, "Not Found");
      }),
    ],
    [
      "DELETE",
      `${base}/dp-client-certificates/{certificateId}`,
      withCp((_ctx, cp, p) => (dataPlaneRecords(cp).certificates.delete(p.certificateId!) ? new HttpResponse(null, { status: 204 }) : legacy(404, "Not Found"))),
    ],
    [
      "GET",
      `${base}/nodes`,
      withCp((ctx, cp) => {
        const q = ctx.url.searchParams;
        const size = q.has("page[size]") ? Number(q.get("page[size]")) : 10;
        if (!Number.isInteger(size) || size < 1) return legacy(400, "page[size] must be a positive integer");
        observeCatchingUp(ctx, cp);
        const all = [...dataPlaneRecords(cp).nodes.values()].sort((a, b) => a.connectedAt - b.connectedAt || a.id.localeCompare(b.id));
        // page[after] is an opaque cursor: here the id of the last node of the previous page
        const after = q.get("page[after]");
        const start = after ? all.findIndex((n) => n.id === after) + 1 : 0;
        const page = all.slice(start, start + size);
        const next = start + size < all.length ? `${ctx.url.pathname}?page[size]=${size}&page[after]=${page[page.length - 1]!.id}` : undefined;
        return HttpResponse.json({ items: page.map((n) => nodeJson(ctx, cp, n)), page: { total_count: all.length, ...(next ? { next } : {}) } });
      }),
    ],
    [
      "GET",
      `${base}/expected-config-hash`,
      withCp((ctx, cp) => {
        const created = Date.parse(String(cp.controlPlane.created_at));
        const updated = Math.max(created, ...[...Object.values(cp.entities)].flatMap((m: Map<string, Entity>) => [...m.values()].map((e) => (typeof e.updated_at === "number" ? e.updated_at * 1000 : created))));
        return HttpResponse.json({ expected_hash: expectedConfigHash(cp.entities), created_at: seconds(created), updated_at: seconds(updated) });
      }),
    ],
  ];
}

/** What {@link Sandbox.connectDataPlane} takes. */
export interface ConnectDataPlaneSeed {
  controlPlaneId: string;
  /** Konnect region of the control plane. @default the region that holds it */
  region?: string;
  /** Kong version the node reports. @default "3.14.0.0" */
  version?: string;
  hostname?: string;
  /**
   * Whether the node reports the control plane's current config hash: `true` at once, `false` never, or
   * a number of sandbox-clock ms after which it catches up (reads of `/nodes` move the clock there when
   * `autoAdvance` is on, as any pending process does).
   * @default true
   */
  inSync?: boolean | number;
}

/** Adds a simulated data plane node to a control plane; returns its id. @internal */
export function connectDataPlane(state: KonnectState, seed: ConnectDataPlaneSeed, ids: { uuid(): string; chars(n: number, a?: string): string }, now: number): SimulatedNode {
  const regions = seed.region ? [seed.region] : Object.keys(state.regions);
  const cp = regions.map((r) => state.regions[r]?.get(seed.controlPlaneId)).find(Boolean);
  if (!cp) throw new Error(`connectDataPlane: no control plane ${seed.controlPlaneId}${seed.region ? ` in ${seed.region}` : ""}`);
  const inSync = seed.inSync ?? true;
  const node: SimulatedNode = {
    id: ids.uuid(),
    version: seed.version ?? "3.14.0.0",
    hostname: seed.hostname ?? `ip-10-0-${ids.chars(2, "0123456789")}-${ids.chars(2, "0123456789")}.ec2.internal`,
    type: "kong-proxy",
    connectedAt: now,
    inSyncFrom: inSync === true ? now : inSync === false ? undefined : now + inSync,
    staleHash: ids.chars(32, "0123456789abcdef"),
  };
  dataPlaneRecords(cp).nodes.set(node.id, node);
  return node;
}

/** While a node is catching up, a read of `/nodes` moves the clock toward it (clock.ts, autoAdvance). @internal */
export function observeCatchingUp(ctx: KonnectCtx, cp: ControlPlaneRecord): void {
  for (const n of dataPlaneRecords(cp).nodes.values()) {
    if (n.inSyncFrom !== undefined && n.stoppedAt === undefined && ctx.clock.now() < n.inSyncFrom) ctx.clock.observePending(n.inSyncFrom, n.inSyncFrom - n.connectedAt);
  }
}
