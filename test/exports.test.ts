import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

describe("public surface", () => {
  it("exports exactly the documented runtime names", () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        "CORE_ENTITY_PAGE_SIZE",
        "ConfigError",
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
        "VERSION",
        "collect",
        "createKonnectClient",
        "findOne",
        "isConfigError",
        "isKonnectApiError",
        "isKonnectConnectionError",
        "isKonnectError",
        "isKonnectTimeoutError",
        "paginate",
        "regionalServerUrl",
      ].sort(),
    );
  });

  it("VERSION matches package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    expect(api.VERSION).toBe(pkg.version);
  });
});
