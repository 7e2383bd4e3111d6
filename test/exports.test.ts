import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

describe("public surface", () => {
  it("exports exactly the documented runtime names", () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        "AwsStepError",
        "CORE_ENTITY_PAGE_SIZE",
        "ConfigError",
        "DEFAULT_OWNERSHIP",
        "DEFAULT_RETRY_OPTIONS",
        "GLOBAL_SERVER_URL",
        "KONNECT_REGIONS",
        "KonnectApiError",
        "KonnectBadRequestError",
        "KonnectConflictError",
        "KonnectConnectionError",
        "KonnectError",
        "KonnectForbiddenError",
        "KonnectNotFoundError",
        "KonnectRateLimitError",
        "KonnectServerError",
        "KonnectTimeoutError",
        "KonnectUnauthorizedError",
        "PLATFORM_PAGE_SIZE",
        "ReconcileError",
        "Secret",
        "VERSION",
        "attachElastiCacheRateLimit",
        "attachLambda",
        "buildCrossAccountTrustPolicy",
        "buildElastiCacheConnectPolicy",
        "buildLambdaInvokePolicy",
        "buildSecretsReadPolicy",
        "checkPostgres",
        "checkRedis",
        "collect",
        "configureCognitoJwt",
        "createKonnectClient",
        "deleteControlPlane",
        "detachElastiCacheRateLimit",
        "detachLambda",
        "disableAwsVault",
        "enableAwsVault",
        "ensureControlPlane",
        "findOne",
        "isConfigError",
        "isKonnectApiError",
        "isKonnectConnectionError",
        "isKonnectError",
        "isKonnectTimeoutError",
        "paginate",
        "regionalServerUrl",
        "removeCognitoJwt",
        "removeCustomDomain",
        "runDoctor",
        "secret",
        "setupCustomDomain",
        "setupMultiRegion",
        "summarizeChanges",
        "teardownMultiRegion",
        "vaultReference",
        "provisionDataPlanes",
        "teardownDataPlanes",
        "listDataPlanes",
        "waitForDataPlanes",
        "DATA_PLANE_DEFAULTS",
        "DataPlanesNotReadyError",
        "enableObservability",
        "disableObservability",
        "connectTransitGateway",
        "disconnectTransitGateway",
        "CloudGatewayStateError",
        "DeployError",
        "InvalidConfigError",
        "UnsupportedFeatureError",
        "deploy",
        "destroy",
        "loadConfig",
        "plan",
        "validateConfig",
      ].sort(),
    );
  });

  it("konnect-aws/testing exports the sandbox", async () => {
    const testing = await import("../src/testing/index.js");
    expect(Object.keys(testing).sort()).toEqual(["createSandbox"]);
  });

  it("VERSION matches package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    expect(api.VERSION).toBe(pkg.version);
  });
});
