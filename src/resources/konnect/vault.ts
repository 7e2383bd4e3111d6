import type { KonnectClient } from "../../konnect/create-konnect-client.js";
import type { KonnectSchemas } from "../../konnect/types.js";
import { diffManaged } from "../../reconcile/diff.js";
import type { Ownership } from "../../reconcile/ownership.js";
import type { Observation, Resource } from "../../reconcile/resource.js";
import { hasKonnectMark, konnectMark, withKonnectMark } from "./mark.js";
import { createReferenceHolderReader, type ReferenceHolder } from "./reference-holders.js";

type Vault = KonnectSchemas["Vault"];
type Json = Record<string, unknown>;

/** What {@link vaultResource} manages. @internal */
export interface VaultDesired {
  konnect: KonnectClient;
  /** Undefined only in a dry run whose control plane the same plan creates. */
  controlPlaneId: string | undefined;
  prefix: string;
  /** Backend: always `aws` here (the guide's Terraform used another name, hence "vault type not found"). */
  name: "aws";
  config: Json;
  description?: string;
  ownership: Ownership;
  adopt?: boolean | undefined;
  signal?: AbortSignal | undefined;
  /** Filled by the run: the vault's config as Konnect stores it. */
  out: { config: Json };
  /** Teardown: the plugins and partials that may reference the vault. @default one read of each, on first use */
  holders?: (() => Promise<ReferenceHolder[]>) | undefined;
}

const path = "/v2/control-planes/{controlPlaneId}/core-entities/vaults/{VaultId}" as const;

/**
 * A Konnect vault entity, found by its prefix (Kong's unique key), marked by the ownership tag. Created
 * with PUT and a client-chosen id (a create that is safe to retry); updated with PUT of the whole entity,
 * keeping what others set; deleted only when no plugin or partial still references its prefix.
 * @internal
 */
export function vaultResource(d: VaultDesired): Resource<Vault> {
  const signal = d.signal ? { signal: d.signal } : {};
  const holders = d.holders ?? createReferenceHolderReader(d.konnect, d.controlPlaneId, d.signal);
  const desired = (): Json => ({ name: d.name, prefix: d.prefix, config: d.config, ...(d.description !== undefined ? { description: d.description } : {}) });
  return {
    kind: "konnect.vault",
    key: d.prefix,
    mark: konnectMark(d.ownership),
    field: "prefix",
    async observe(): Promise<Observation<Vault>> {
      // a control plane that a dry run would create has no vaults yet
      const vaults = d.controlPlaneId === undefined ? [] : await d.konnect.collect("/v2/control-planes/{controlPlaneId}/core-entities/vaults", { params: { path: { controlPlaneId: d.controlPlaneId } }, ...signal });
      const existing = vaults.find((v) => v.prefix === d.prefix);
      if (!existing) {
        d.out.config = d.config;
        return { exists: false, owned: false, diff: diffManaged({ ...desired(), tags: [d.ownership.konnectTag] }, undefined) };
      }
      d.out.config = { ...(existing.config ?? {}), ...d.config };
      const tags = existing.tags ?? [];
      const owned = hasKonnectMark(tags, d.ownership);
      return {
        exists: true,
        id: existing.id ?? undefined,
        owned,
        actual: existing,
        diff: diffManaged({ ...desired(), tags: withKonnectMark(tags, d.ownership) }, existing as Json, { sets: ["tags"] }),
        ...(existing.name !== d.name && !d.adopt
          ? { conflict: { field: "prefix", problem: `the vault with prefix ${JSON.stringify(d.prefix)} uses the ${JSON.stringify(existing.name)} backend, not ${d.name}`, fix: "choose another prefix, or pass adopt: true to turn it into an AWS vault" } }
          : {}),
      };
    },
    async create() {
      const id = crypto.randomUUID();
      const { data } = await d.konnect.api.PUT(path, { params: { path: { controlPlaneId: d.controlPlaneId!, VaultId: id } }, body: { ...desired(), tags: [d.ownership.konnectTag] } as Vault, ...signal });
      d.out.config = (data?.config as Json) ?? d.config;
      return data?.id ?? id;
    },
    async update(o) {
      // PUT replaces the whole entity: send what is there, with our fields over it
      const { id: _id, created_at: _c, updated_at: _u, ...rest } = o.actual!;
      const tags = withKonnectMark(o.actual!.tags, d.ownership);
      const body = { ...rest, ...desired(), config: { ...(o.actual!.config ?? {}), ...d.config }, tags } as Vault;
      const { data } = await d.konnect.api.PUT(path, { params: { path: { controlPlaneId: d.controlPlaneId!, VaultId: o.id! } }, body, ...signal });
      d.out.config = (data?.config as Json) ?? body.config ?? {};
    },
    async delete(o) {
      await d.konnect.api.DELETE(path, { params: { path: { controlPlaneId: d.controlPlaneId!, VaultId: o.id! } }, ...signal });
    },
    describe: (o) => [{ path: "prefix", before: d.prefix }, { path: "name", before: o.actual?.name }],
    async usedBy(_o, deleting) {
      // Kong resolves {vault://<prefix>/...} through this entity: a plugin or partial that still holds
      // such a reference would fail at request time without it
      const needle = `{vault://${d.prefix}/`;
      const users = (await holders()).filter((u) => !(u.id && deleting.has(u.id)) && u.text.includes(needle));
      return users.length ? `still referenced by ${users.map((u) => `${u.what} ${u.id}`).join(", ")}` : undefined;
    },
  };
}

/** Every vault entity of a control plane (one paginated read). @internal */
export function listVaults(konnect: KonnectClient, controlPlaneId: string, signal?: AbortSignal): Promise<Vault[]> {
  return konnect.collect("/v2/control-planes/{controlPlaneId}/core-entities/vaults", { params: { path: { controlPlaneId } }, ...(signal ? { signal } : {}) });
}
