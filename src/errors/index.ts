export { KonnectError } from "./konnect-error.js";
export { ConfigError, type ConfigErrorOptions } from "./config-error.js";
export {
  KonnectApiError,
  KonnectBadRequestError,
  KonnectUnauthorizedError,
  KonnectForbiddenError,
  KonnectNotFoundError,
  KonnectConflictError,
  KonnectRateLimitError,
  KonnectServerError,
  type InvalidParameter,
  type KonnectApiErrorInit,
} from "./api-error.js";
export { KonnectConnectionError, KonnectTimeoutError, type RequestTarget } from "./connection-error.js";
export { isKonnectError, isKonnectApiError, isKonnectConnectionError, isKonnectTimeoutError, isConfigError } from "./guards.js";
export { AwsStepError } from "./aws-step-error.js";
export { DataPlanesNotReadyError } from "./data-planes-not-ready-error.js";
export { UnsupportedFeatureError, type UnsupportedFeatureErrorOptions } from "./unsupported-feature-error.js";
export { InvalidConfigError } from "./invalid-config-error.js";
