import { KonnectError } from "../errors/konnect-error.js";
import type { KonnectApi, ListItem, ListParams, ListPath } from "./types.js";

/**
 * Largest page of a core-entity list: `size` has `maximum: 1000` (control-planes-config v2,
 * `PaginationSize`).
 */
export const CORE_ENTITY_PAGE_SIZE = 1000;

/**
 * Page size for platform lists (`page[size]`). The official specs set no maximum; 100 is what Kong's own
 * Terraform provider sends (terraform-provider-konnect openapi.yaml pins `page[size]` to 100).
 */
export const PLATFORM_PAGE_SIZE = 100;

/** Options of {@link paginate} and the helpers built on it. */
export interface PaginateOptions<P extends ListPath> {
  /** Path, query and header parameters of the list call (paging parameters are set for you). */
  params?: ListParams<P>;
  /** Cancels the iteration. */
  signal?: AbortSignal;
}

type AnyParams = { path?: Record<string, unknown>; query?: Record<string, unknown> };
type AnyGet = (path: string, init: { params: AnyParams; signal?: AbortSignal }) => Promise<{ data?: unknown }>;

/**
 * Iterates every item of a list endpoint, page by page, with the largest page size. Both paging styles
 * are handled: core entities (`size`/`offset`, continue while the response carries an `offset`) and
 * platform lists (`page[size]`/`page[number]`, continue until `meta.page.total` items were seen).
 * Filters are re-sent with every page.
 *
 * @example
 * ```ts
 * for await (const vault of paginate(konnect.api, "/v2/control-planes/{controlPlaneId}/core-entities/vaults", {
 *   params: { path: { controlPlaneId } },
 * })) console.log(vault.prefix);
 * ```
 */
export async function* paginate<P extends ListPath>(api: KonnectApi, path: P, options: PaginateOptions<P> = {}): AsyncGenerator<ListItem<P>> {
  const get = api.GET as unknown as AnyGet;
  const base = (options.params ?? {}) as AnyParams;
  const core = path.includes("/core-entities/");
  let offset: string | undefined;
  let pageNumber = 1;
  let seen = 0;
  for (;;) {
    const query = core
      ? { ...base.query, size: CORE_ENTITY_PAGE_SIZE, ...(offset ? { offset } : {}) }
      : { ...base.query, "page[size]": PLATFORM_PAGE_SIZE, "page[number]": pageNumber };
    const { data } = await get(path, { params: { ...base, query }, ...(options.signal ? { signal: options.signal } : {}) });
    const page = (data ?? {}) as { data?: unknown[]; offset?: string | null; meta?: { page?: { total?: number } } };
    const items = page.data ?? [];
    for (const item of items) yield item as ListItem<P>;
    seen += items.length;
    if (core) {
      if (!page.offset || items.length === 0) return;
      offset = page.offset;
    } else {
      const total = page.meta?.page?.total;
      if (items.length === 0 || total === undefined || seen >= total) return;
      pageNumber++;
    }
  }
}

/**
 * Collects every item of a list endpoint into an array.
 *
 * @example
 * ```ts
 * const planes = await collect(konnect.api, "/v2/control-planes", { params: { query: { filter: { name: { contains: "prod" } } } } });
 * ```
 */
export async function collect<P extends ListPath>(api: KonnectApi, path: P, options: PaginateOptions<P> = {}): Promise<Array<ListItem<P>>> {
  const out: Array<ListItem<P>> = [];
  for await (const item of paginate(api, path, options)) out.push(item);
  return out;
}

/** Options of {@link findOne}. */
export interface FindOneOptions<P extends ListPath> extends PaginateOptions<P> {
  /** Client-side test applied to every listed item (after any server-side filter in `params`). */
  where?: (item: ListItem<P>) => boolean;
}

/**
 * Finds the single item that matches, or `undefined` when none does. Two or more matches throw a
 * {@link KonnectError}: acting on an arbitrary one of several would be a silent bug.
 *
 * @example
 * ```ts
 * const cp = await findOne(konnect.api, "/v2/control-planes", { params: { query: { filter: { name: { eq: "prod" } } } } });
 * ```
 */
export async function findOne<P extends ListPath>(api: KonnectApi, path: P, options: FindOneOptions<P> = {}): Promise<ListItem<P> | undefined> {
  let found: ListItem<P> | undefined;
  let count = 0;
  for await (const item of paginate(api, path, options)) {
    if (options.where && !options.where(item)) continue;
    count++;
    if (count > 1) throw new KonnectError(`findOne: more than one item of ${path} matches; narrow the filter`);
    found = item;
  }
  return found;
}
