import { isKonnectApiError } from "../../errors/guards.js";
import type { KonnectClient } from "../../konnect/create-konnect-client.js";
import type { KonnectSchemas } from "../../konnect/types.js";
import { diffManaged } from "../../reconcile/diff.js";
import type { Ownership } from "../../reconcile/ownership.js";
import type { Observation, Resource } from "../../reconcile/resource.js";
import { hasKonnectMark, konnectMark, withKonnectMark } from "./mark.js";

type Consumer = KonnectSchemas["Consumer"];
type Json = Record<string, unknown>;

const path = "/v2/control-planes/{controlPlaneId}/core-entities/consumers/{ConsumerId}" as const;

/**
 * Reads a consumer by username once (the API takes an id or a username in the path), shared by the
 * consumer resource and the readers of its nested entities: `undefined` when there is none.
 * @internal
 */
export function createConsumerReader(konnect: KonnectClient, controlPlaneId: string, username: string, signal?: AbortSignal): () => Promise<Consumer | undefined> {
  let read: Promise<Consumer | undefined> | undefined;
  return () =>
    (read ??= konnect.api
      .GET(path, { params: { path: { controlPlaneId, ConsumerId: username } }, ...(signal ? { signal } : {}) })
      .then((r) => r.data as Consumer)
      .catch((e: unknown) => {
        if (isKonnectApiError(e) && e.status === 404) return undefined;
        throw e;
      }));
}

/** What {@link consumerResource} manages. @internal */
export interface ConsumerDesired {
  konnect: KonnectClient;
  controlPlaneId: string;
  username: string;
  /** The shared read ({@link createConsumerReader}). */
  read: () => Promise<Consumer | undefined>;
  ownership: Ownership;
  /** The option an ownership refusal names. @default "consumerUsername" */
  field?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Filled by the run: the consumer's id once known (observed, or chosen by the create). */
  out: { id?: string | undefined };
}

/**
 * A Kong consumer, found by its username (Kong's unique key), marked by the ownership tag. Created with
 * PUT and a client-chosen id (safe to retry); updated with PUT of the whole entity, keeping what others
 * set; deleted only when it holds no jwt credential and no plugin besides those the same teardown
 * deletes first (Kong would delete them with it).
 * @internal
 */
export function consumerResource(d: ConsumerDesired): Resource<Consumer> {
  const signal = d.signal ? { signal: d.signal } : {};
  const put = (id: string, body: Consumer) => d.konnect.api.PUT(path, { params: { path: { controlPlaneId: d.controlPlaneId, ConsumerId: id } }, body, ...signal });
  return {
    kind: "konnect.consumer",
    key: d.username,
    mark: konnectMark(d.ownership),
    field: d.field ?? "consumerUsername",
    async observe(): Promise<Observation<Consumer>> {
      const existing = await d.read();
      if (!existing) return { exists: false, owned: false, diff: [{ path: "username", after: d.username }, { path: "tags", after: [d.ownership.konnectTag] }] };
      d.out.id = existing.id ?? undefined;
      const tags = existing.tags ?? [];
      return {
        exists: true,
        id: existing.id ?? undefined,
        owned: hasKonnectMark(tags, d.ownership),
        actual: existing,
        diff: diffManaged({ tags: withKonnectMark(tags, d.ownership) }, existing as Json, { sets: ["tags"] }),
      };
    },
    async create() {
      const id = crypto.randomUUID();
      await put(id, { username: d.username, tags: [d.ownership.konnectTag] });
      return (d.out.id = id);
    },
    async update(o) {
      // PUT replaces the whole entity: send what is there, with the mark added
      const { id: _id, created_at: _c, updated_at: _u, ...rest } = o.actual!;
      await put(o.id!, { ...rest, tags: withKonnectMark(o.actual!.tags, d.ownership) });
    },
    async delete(o) {
      await d.konnect.api.DELETE(path, { params: { path: { controlPlaneId: d.controlPlaneId, ConsumerId: o.id! } }, ...signal });
    },
    describe: (o) => [{ path: "username", before: o.actual?.username ?? d.username }],
    async usedBy(o, deleting) {
      // Kong deletes a consumer's credentials and plugins with it: any this teardown leaves would go too
      const params = { params: { path: { controlPlaneId: d.controlPlaneId, ConsumerIdForNestedEntities: o.id! } }, ...signal };
      const [jwts, plugins] = await Promise.all([
        d.konnect.collect("/v2/control-planes/{controlPlaneId}/core-entities/consumers/{ConsumerIdForNestedEntities}/jwt", params),
        d.konnect.collect("/v2/control-planes/{controlPlaneId}/core-entities/consumers/{ConsumerIdForNestedEntities}/plugins", params),
      ]);
      const users = [...jwts.map((j) => ({ what: `jwt credential ${j.key ?? ""}`, id: j.id })), ...plugins.map((p) => ({ what: `plugin ${p.name}`, id: p.id }))].filter((u) => !(u.id && deleting.has(u.id)));
      return users.length ? `still holds ${users.map((u) => `${u.what} ${u.id ?? ""}`.trim()).join(", ")}, that this teardown does not delete (Kong would delete them with the consumer)` : undefined;
    },
  };
}
