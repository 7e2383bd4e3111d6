import type { DataPlaneRecords } from "./data-planes.js";
import type { CloudGatewayAwsPeer, CloudGatewayFailure } from "./networks.js";

/** A stored Konnect object (the JSON Konnect would return). */
export type Entity = Record<string, unknown> & { id: string };

/** Core entities of one control plane, by collection name. */
export interface CoreEntities {
  vaults: Map<string, Entity>;
  plugins: Map<string, Entity>;
  partials: Map<string, Entity>;
  consumers: Map<string, Entity>;
  services: Map<string, Entity>;
  routes: Map<string, Entity>;
  jwts: Map<string, Entity>;
  consumer_groups: Map<string, Entity>;
}

/** One control plane and what it holds. */
export interface ControlPlaneRecord {
  controlPlane: Entity;
  entities: CoreEntities;
  /** Pinned data-plane certificates and simulated nodes (created on first use). */
  dataPlanes?: DataPlaneRecords;
}

/**
 * The Konnect fake's state. Tests may read it, and seed it, directly.
 *
 * @example
 * ```ts
 * const [cp] = sandbox.state.konnect.regions.us?.values() ?? [];
 * expect(cp?.entities.vaults.size).toBe(1);
 * ```
 */
export interface KonnectState {
  /** Control planes by region, then by id (a control plane lives in one region only). */
  regions: Record<string, Map<string, ControlPlaneRecord>>;
  /** Cloud gateways (global). */
  cloudGateways: {
    providerAccounts: Map<string, Entity>;
    networks: Map<string, Entity & { readyAt?: number }>;
    transitGateways: Map<string, Entity & { networkId: string; readyAt?: number }>;
    /** The AWS fakes a transit-gateway attachment checks and attaches to (set by createSandbox). */
    aws?: CloudGatewayAwsPeer;
    /** Networks and attachments, by name, that go to `error`/`terminated` instead of `ready`. */
    failures?: Map<string, CloudGatewayFailure>;
    customDomains: Map<string, Entity & { readyAt?: number }>;
    configurations: Map<string, Entity & { readyAt?: number }>;
  };
  organization: Entity;
  user: Entity;
}

/** @internal */
export function emptyEntities(): CoreEntities {
  return { vaults: new Map(), plugins: new Map(), partials: new Map(), consumers: new Map(), services: new Map(), routes: new Map(), jwts: new Map(), consumer_groups: new Map() };
}

/** @internal */
export function createKonnectState(ids: { uuid(): string }, now: number, kongAwsAccountId: string): KonnectState {
  const iso = new Date(now).toISOString();
  const regions: KonnectState["regions"] = {};
  for (const r of ["us", "eu", "au", "me", "in", "sg"]) regions[r] = new Map();
  const providerAccount: Entity = { id: ids.uuid(), provider: "aws", provider_account_id: kongAwsAccountId, created_at: iso, updated_at: iso };
  return {
    regions,
    cloudGateways: {
      providerAccounts: new Map([[providerAccount.id, providerAccount]]),
      networks: new Map(),
      transitGateways: new Map(),
      customDomains: new Map(),
      configurations: new Map(),
    },
    organization: { id: ids.uuid(), name: "Sandbox Org", owner_id: ids.uuid(), login_path: "", created_at: iso, updated_at: iso, state: "active", retention_period_days: 30 },
    user: { id: ids.uuid(), email: "sandbox@example.com", full_name: "Sandbox User", preferred_name: "Sandbox", active: true, inferred_region: "us", created_at: iso, updated_at: iso },
  };
}
