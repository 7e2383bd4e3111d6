import { describe, expect, it, vi } from "vitest";
import { ConfigError, createKonnectClient, secret, type KonnectClientOptions } from "../../src/index.js";
import { TOKEN } from "../helpers.js";
import { useSandbox } from "../use-sandbox.js";
import { expectConfigError, type BadCase } from "./bad-input.js";

const { sandbox } = useSandbox();
const valid: KonnectClientOptions = { token: TOKEN, env: {} };

const cases: Array<BadCase<unknown>> = [
  ["options is null", null, "options"],
  ["options is a token string", TOKEN, "options"],
  ["token is a number", { ...valid, token: 12345 }, "token"],
  ["token is a Secret", { ...valid, token: secret(TOKEN) }, "token"],
  ["token is an object", { ...valid, token: { value: TOKEN } }, "token"],
  ["token is empty", { ...valid, token: "" }, "token"],
  ["token has a Bearer prefix", { ...valid, token: `Bearer ${TOKEN}` }, "token"],
  ["region is an AWS region", { ...valid, region: "eu-west-1" }, "region"],
  ["region is a number", { ...valid, region: 5 }, "region"],
  ["serverUrl is not a URL", { ...valid, serverUrl: "not a url" }, "serverUrl"],
  ["serverUrl is the token", { ...valid, serverUrl: TOKEN }, "serverUrl"],
  ["serverUrl carries the token as user", { ...valid, serverUrl: `https://${TOKEN}@eu.api.konghq.com` }, "serverUrl"],
  ["serverUrl carries credentials", { ...valid, serverUrl: "https://user:pw@eu.api.konghq.com" }, "serverUrl"],
  ["serverUrl is plain http to a remote host", { ...valid, serverUrl: "http://konnect-proxy.example.com" }, "serverUrl"],
  ["globalServerUrl is plain http to a private IP", { ...valid, serverUrl: "https://eu.api.konghq.com", globalServerUrl: "http://10.0.0.5:8080" }, "globalServerUrl"],
  ["serverUrl has a query string", { ...valid, serverUrl: "https://eu.api.konghq.com/?debug=1" }, "serverUrl"],
  ["serverUrl ends with a newline", { ...valid, serverUrl: "https://eu.api.konghq.com\n" }, "serverUrl"],
  ["serverUrl is a number", { ...valid, serverUrl: 42 }, "serverUrl"],
  ["serverUrl is ftp", { ...valid, serverUrl: "ftp://eu.api.konghq.com" }, "serverUrl"],
  ["timeoutMs is a string", { ...valid, timeoutMs: "30000" }, "timeoutMs"],
  ["timeoutMs is 0", { ...valid, timeoutMs: 0 }, "timeoutMs"],
  ["timeoutMs is -1", { ...valid, timeoutMs: -1 }, "timeoutMs"],
  ["timeoutMs is 1e308", { ...valid, timeoutMs: 1e308 }, "timeoutMs"],
  ["timeoutMs is NaN", { ...valid, timeoutMs: Number.NaN }, "timeoutMs"],
  ["timeoutMs is fractional", { ...valid, timeoutMs: 1.5 }, "timeoutMs"],
  ["maxRetries is fractional", { ...valid, maxRetries: 1.5 }, "maxRetries"],
  ["maxRetries is 1000", { ...valid, maxRetries: 1000 }, "maxRetries"],
  ["maxRetries is negative", { ...valid, maxRetries: -1 }, "maxRetries"],
  ["retry is a string", { ...valid, retry: "fast" }, "retry"],
  ["retry is an array", { ...valid, retry: [1, 2] }, "retry"],
  ["retry.baseDelayMs is negative", { ...valid, retry: { baseDelayMs: -5 } }, "retry.baseDelayMs"],
  ["retry.maxDelayMs is a string", { ...valid, retry: { maxDelayMs: "8s" } }, "retry.maxDelayMs"],
  ["retry.jitter is above 1", { ...valid, retry: { jitter: 2 } }, "retry.jitter"],
  ["retry has a misspelt key", { ...valid, retry: { maxDelay: 100 } }, "retry.maxDelay"],
  ["retry.deadlineMs is Infinity", { ...valid, retry: { deadlineMs: Infinity } }, "retry.deadlineMs"],
  ["retry.maxRetryAfterMs is negative", { ...valid, retry: { maxRetryAfterMs: -1 } }, "retry.maxRetryAfterMs"],
  ["retry.maxRetries is negative", { ...valid, retry: { maxRetries: -1 } }, "retry.maxRetries"],
  ["maxConcurrency is 0", { ...valid, maxConcurrency: 0 }, "maxConcurrency"],
  ["requestsPerMinute is 1e9", { ...valid, requestsPerMinute: 1e9 }, "requestsPerMinute"],
  ["userAgent injects a header", { ...valid, userAgent: "tool/1\r\nX-Evil: 1" }, "userAgent"],
  ["userAgent is a number", { ...valid, userAgent: 7 }, "userAgent"],
  ["logLevel is unknown", { ...valid, logLevel: "loud" }, "logLevel"],
  ["KONNECT_AWS_LOG_LEVEL is unknown", { env: { KONNECT_TOKEN: TOKEN, KONNECT_AWS_LOG_LEVEL: "verbose" } }, "KONNECT_AWS_LOG_LEVEL"],
  ["logger lacks methods", { ...valid, logger: { log() {} } }, "logger"],
  ["fetch is a string", { ...valid, fetch: "fetch" }, "fetch"],
  ["signal is not a signal", { ...valid, signal: {} }, "signal"],
  ["allowInsecureHttp is a string", { ...valid, allowInsecureHttp: "yes" }, "allowInsecureHttp"],
  ["shareBudget is a string", { ...valid, shareBudget: "no" }, "shareBudget"],
];

describe("createKonnectClient refuses bad options before any request", () => {
  it.each(cases)("%s -> ConfigError naming %s", async (_name, input, field) => {
    const fetch = vi.fn();
    const withFetch = input && typeof input === "object" && !Array.isArray(input) ? { fetch, ...input } : input;
    await expectConfigError(() => createKonnectClient(withFetch as KonnectClientOptions), field, sandbox, [TOKEN]);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("says what was wrong with the value: a string is not a number", async () => {
    const e = await expectConfigError(() => createKonnectClient({ ...valid, timeoutMs: "30000" as never }), "timeoutMs", sandbox);
    expect(e.problem).toBe('is a string ("30000"), not a number');
    expect(e.fix).toBe("write timeoutMs: 30000 (a number, without quotes)");
  });

  it("never puts a token pasted into serverUrl in the message or the cause", async () => {
    for (const serverUrl of [TOKEN, `${TOKEN}x y`, `https://eu.api.konghq.com/${TOKEN}`, `https://${TOKEN}:x@eu.api.konghq.com`]) {
      const e = await expectConfigError(() => createKonnectClient({ ...valid, serverUrl }), "serverUrl", sandbox, [TOKEN]);
      expect(e.cause).toBeUndefined();
      expect(JSON.stringify({ ...e, message: e.message })).not.toContain(TOKEN);
    }
  });

  it("refuses http:// to a remote host, and allows it for loopback or with allowInsecureHttp", () => {
    expect(() => createKonnectClient({ ...valid, serverUrl: "http://konnect.internal.example" })).toThrow(ConfigError);
    expect(createKonnectClient({ ...valid, serverUrl: "http://localhost:8080" }).serverUrl).toBe("http://localhost:8080");
    expect(createKonnectClient({ ...valid, serverUrl: "http://127.0.0.1:8080" }).serverUrl).toBe("http://127.0.0.1:8080");
    expect(createKonnectClient({ ...valid, serverUrl: "http://[::1]:8080" }).serverUrl).toBe("http://[::1]:8080");
    expect(createKonnectClient({ ...valid, serverUrl: "http://konnect.internal.example", allowInsecureHttp: true }).serverUrl).toBe("http://konnect.internal.example");
  });

  it("accepts the bounds themselves", () => {
    expect(() => createKonnectClient({ ...valid, timeoutMs: 2_147_483_647, maxRetries: 0, retry: { jitter: 1, baseDelayMs: 0 } })).not.toThrow();
  });
});
