import type { Client } from "openapi-fetch";
import type { components, paths } from "../../generated/konnect.js";

/** The typed openapi-fetch client over `spec/konnect.yaml`. */
export type KonnectApi = Client<paths>;

/** Schemas of `spec/konnect.yaml` (for example `KonnectSchemas["ControlPlane"]`). */
export type KonnectSchemas = components["schemas"];

type JsonOk<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { "application/json": infer J } } } } }
  ? J
  : never;

/** Paths whose `GET` returns a page of items (`{ data: [...] }`). */
export type ListPath = {
  [P in keyof paths]: JsonOk<P> extends { data?: Array<unknown> } ? P : never;
}[keyof paths];

/** The item type of a list path. */
export type ListItem<P extends ListPath> = JsonOk<P> extends { data?: Array<infer I> } ? I : never;

/** The request parameters of a list path's `GET`, without the paging parameters the helpers set. */
export type ListParams<P extends ListPath> = paths[P] extends { get: { parameters: infer Q } } ? Q : never;
