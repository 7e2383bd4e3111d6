import { describe, expect, it, vi } from "vitest";
import { ConfigError, createKonnectClient, type KonnectClientOptions } from "../../src/index.js";
import { TOKEN } from "../helpers.js";

describe("createKonnectClient validates before anything is sent", () => {
  const cases: Array<[string, KonnectClientOptions, string]> = [
    ["missing token", { env: {} }, "token"],
    ["malformed token", { token: "abc", env: {} }, "token"],
    ["JWT instead of a PAT", { token: "eyJhbGciOiJIUzI1NiJ9.e30.sig", env: {} }, "token"],
    ["unknown region", { token: TOKEN, region: "mars" as never }, "region"],
    ["bad serverUrl", { token: TOKEN, serverUrl: "not a url" }, "serverUrl"],
    ["ftp serverUrl", { token: TOKEN, serverUrl: "ftp://x" }, "serverUrl"],
    ["negative retries", { token: TOKEN, maxRetries: -1 }, "maxRetries"],
    ["zero concurrency", { token: TOKEN, maxConcurrency: 0 }, "maxConcurrency"],
    ["fractional budget", { token: TOKEN, requestsPerMinute: 1.5 }, "requestsPerMinute"],
    ["bad log level", { token: TOKEN, logLevel: "loud" as never }, "logLevel"],
  ];
  it.each(cases)("%s -> ConfigError naming the field, zero requests", (_name, options, field) => {
    const fetch = vi.fn();
    let error: unknown;
    try {
      createKonnectClient({ ...options, fetch });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe(field);
    expect((error as ConfigError).fix.length).toBeGreaterThan(10);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("reads KONNECT_TOKEN and accepts system-account tokens", () => {
    expect(() => createKonnectClient({ env: { KONNECT_TOKEN: TOKEN } })).not.toThrow();
    expect(() => createKonnectClient({ token: "spat_12345678901234567890123456789012345678901234567890", env: {} })).not.toThrow();
  });
});
