import type { Ownership } from "../../reconcile/ownership.js";

/**
 * Where konnect-aws marks the core entities it manages: the ownership tag among the entity's `tags`.
 * One place for every Konnect kind (vault, plugin, partial, consumer, jwt credential).
 * @internal
 */
export const konnectMark = (ownership: Ownership) => `the ${JSON.stringify(ownership.konnectTag)} tag`;

/** Whether an entity's tags carry the ownership tag. @internal */
export const hasKonnectMark = (tags: readonly string[] | null | undefined, ownership: Ownership): boolean => (tags ?? []).includes(ownership.konnectTag);

/** An entity's tags with the ownership tag added (others' tags kept, no duplicate). @internal */
export const withKonnectMark = (tags: readonly string[] | null | undefined, ownership: Ownership): string[] => [...new Set([...(tags ?? []), ownership.konnectTag])];
