export { VERSION } from "./version.js";
export * from "./errors/index.js";
export {
  createKonnectClient,
  type KonnectClient,
  type KonnectClientOptions,
  type KonnectOrganization,
} from "./konnect/create-konnect-client.js";
export { KONNECT_REGIONS, GLOBAL_SERVER_URL, regionalServerUrl, type KonnectRegion } from "./konnect/regions.js";
export { DEFAULT_RETRY_OPTIONS, type RetryOptions } from "./konnect/retry-policy.js";
export type { Logger, LogLevel } from "./konnect/logger.js";
export {
  paginate,
  collect,
  findOne,
  CORE_ENTITY_PAGE_SIZE,
  PLATFORM_PAGE_SIZE,
  type PaginateOptions,
  type FindOneOptions,
} from "./konnect/pagination.js";
export type { KonnectApi, KonnectSchemas, ListPath, ListItem, ListParams } from "./konnect/types.js";
export type { PluginConfigs } from "./konnect/plugin-configs.js";
export type { paths as KonnectPaths, components as KonnectComponents } from "../generated/konnect.js";
