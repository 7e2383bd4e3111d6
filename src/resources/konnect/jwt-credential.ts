import type { KonnectClient } from "../../konnect/create-konnect-client.js";
import type { KonnectSchemas } from "../../konnect/types.js";
import type { FieldDiff } from "../../reconcile/change.js";
import { diffManaged } from "../../reconcile/diff.js";
import type { Ownership } from "../../reconcile/ownership.js";
import type { Observation, Resource } from "../../reconcile/resource.js";
import { hasKonnectMark, konnectMark, withKonnectMark } from "./mark.js";

type Consumer = KonnectSchemas["Consumer"];
type Jwt = KonnectSchemas["JWT"];
type Json = Record<string, unknown>;

const path = "/v2/control-planes/{controlPlaneId}/core-entities/consumers/{ConsumerIdForNestedEntities}/jwt/{JWTId}" as const;
/** What a plan shows for a PEM: the key is public, but a diff of two PEMs tells a reader nothing. */
const PEM_WANTED = "(PEM from the pool's JWKS)";

/**
 * Lists a consumer's jwt credentials once, shared by the credential resources of one run: empty when
 * the consumer does not exist (yet).
 * @internal
 */
export function createJwtCredentialReader(konnect: KonnectClient, controlPlaneId: string, consumer: () => Promise<Consumer | undefined>, signal?: AbortSignal): () => Promise<Jwt[]> {
  let read: Promise<Jwt[]> | undefined;
  return () =>
    (read ??= consumer().then((c) =>
      c?.id
        ? konnect.collect("/v2/control-planes/{controlPlaneId}/core-entities/consumers/{ConsumerIdForNestedEntities}/jwt", { params: { path: { controlPlaneId, ConsumerIdForNestedEntities: c.id } }, ...(signal ? { signal } : {}) })
        : [],
    ));
}

/** What {@link jwtCredentialResource} manages. @internal */
export interface JwtCredentialDesired {
  konnect: KonnectClient;
  controlPlaneId: string;
  /** The credential's `key`: the key id (`kid`) tokens name, unique in the control plane. */
  key: string;
  /** The RS256 public key (PEM); left out for a credential declared only to be deleted. */
  rsaPublicKey?: string | undefined;
  /** Apply mode: the credential must go (its key is no longer published). */
  absent?: boolean | undefined;
  /** The shared list of the consumer's credentials ({@link createJwtCredentialReader}). */
  list: () => Promise<Jwt[]>;
  /** The consumer's id at write time (known once the consumer is observed or created). */
  consumerId: () => string | undefined;
  /** The consumer resource, written first and deleted last. */
  consumer: Resource;
  ownership: Ownership;
  /** The option an ownership refusal names. @default "consumerUsername" */
  field?: string | undefined;
  signal?: AbortSignal | undefined;
}

const normalize = (pem: string | null | undefined) => (pem ?? "").replace(/\s+/g, "");

/**
 * A jwt credential of a consumer, found by its `key` among the consumer's credentials, marked by the
 * ownership tag. Created with PUT and a client-chosen id (safe to retry); updated in place with PUT
 * (control-planes-config v2 replaces a jwt credential whole), which swaps the PEM and keeps its id;
 * deleted by id.
 * @internal
 */
export function jwtCredentialResource(d: JwtCredentialDesired): Resource<Jwt> {
  const signal = d.signal ? { signal: d.signal } : {};
  const params = (id: string) => ({ params: { path: { controlPlaneId: d.controlPlaneId, ConsumerIdForNestedEntities: d.consumerId()!, JWTId: id } }, ...signal });
  const body = (tags: string[]): Jwt => ({ key: d.key, algorithm: "RS256", rsa_public_key: d.rsaPublicKey ?? null, tags });
  return {
    kind: "konnect.jwt-credential",
    key: d.key,
    dependsOn: [d.consumer],
    ...(d.absent ? { absent: true } : {}),
    mark: konnectMark(d.ownership),
    field: d.field ?? "consumerUsername",
    async observe(): Promise<Observation<Jwt>> {
      const existing = (await d.list()).find((c) => c.key === d.key);
      if (!existing) return { exists: false, owned: false, diff: [{ path: "key", after: d.key }, { path: "algorithm", after: "RS256" }, { path: "rsa_public_key", after: PEM_WANTED }] };
      const tags = existing.tags ?? [];
      const diff: FieldDiff[] = [];
      if (d.rsaPublicKey !== undefined) {
        if (existing.algorithm !== "RS256") diff.push({ path: "algorithm", before: existing.algorithm, after: "RS256" });
        if (normalize(existing.rsa_public_key) !== normalize(d.rsaPublicKey)) diff.push({ path: "rsa_public_key", before: "(PEM)", after: PEM_WANTED });
        diff.push(...diffManaged({ tags: withKonnectMark(tags, d.ownership) }, existing as Json, { sets: ["tags"] }));
      }
      return { exists: true, id: existing.id ?? undefined, owned: hasKonnectMark(tags, d.ownership), actual: existing, diff };
    },
    async create() {
      const id = crypto.randomUUID();
      await d.konnect.api.PUT(path, { ...params(id), body: body([d.ownership.konnectTag]) });
      return id;
    },
    async update(o) {
      await d.konnect.api.PUT(path, { ...params(o.id!), body: body(withKonnectMark(o.actual!.tags, d.ownership)) });
    },
    async delete(o) {
      await d.konnect.api.DELETE(path, params(o.id!));
    },
    describe: () => [{ path: "key", before: d.key }],
  };
}

/**
 * The credentials of a consumer that holds one key per id: one resource per key in `keys` and, in an
 * apply, one `absent` resource per credential of a key `keys` no longer holds (the engine deletes it
 * when it is ours). In a teardown (`keys` left out), one resource per credential the consumer holds.
 * @internal
 */
export async function jwtCredentialResources(d: Omit<JwtCredentialDesired, "key" | "rsaPublicKey" | "absent"> & { keys?: ReadonlyMap<string, string> | undefined }): Promise<Array<Resource<Jwt>>> {
  const { keys, ...common } = d;
  const existing = (await d.list()).map((c) => c.key).filter((k): k is string => typeof k === "string");
  const wanted = [...(keys ?? [])].map(([key, rsaPublicKey]) => jwtCredentialResource({ ...common, key, rsaPublicKey }));
  const others = [...new Set(existing)].filter((key) => !keys?.has(key)).map((key) => jwtCredentialResource({ ...common, key, absent: keys !== undefined }));
  return [...wanted, ...others];
}
