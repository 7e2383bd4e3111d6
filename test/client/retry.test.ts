import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { KonnectApiError, KonnectBadRequestError, KonnectConnectionError, KonnectRateLimitError, KonnectServerError, KonnectTimeoutError } from "../../src/index.js";
import { testClient } from "../helpers.js";
import { server } from "../setup.js";

const CP_URL = "https://us.api.konghq.com/v2/control-planes";
const page = { data: [], meta: { page: { number: 1, size: 100, total: 0 } } };

/** Answers with the scripted responses in order, counting calls. */
function script(method: "get" | "post" | "put" | "delete", url: string, responses: Array<() => Response>) {
  const calls: Request[] = [];
  server.use(
    http[method](url, ({ request }) => {
      calls.push(request);
      const next = responses[Math.min(calls.length - 1, responses.length - 1)]!;
      return next();
    }),
  );
  return calls;
}

describe("retries", () => {
  it("a 429 with Retry-After: 0 then 200 costs exactly two requests and succeeds", async () => {
    const calls = script("get", CP_URL, [
      () => HttpResponse.json({ status: 429, title: "Too Many Requests" }, { status: 429, headers: { "Retry-After": "0" } }),
      () => HttpResponse.json(page),
    ]);
    const { konnect, waits } = testClient();
    const { data } = await konnect.api.GET("/v2/control-planes");
    expect(data).toEqual(page);
    expect(calls).toHaveLength(2);
    expect(waits).toEqual([0]);
  });

  it("a 400 problem+json throws KonnectApiError with status 400 and the server's detail after one request", async () => {
    const calls = script("post", CP_URL, [
      () =>
        HttpResponse.json(
          {
            status: 400,
            title: "Bad Request",
            instance: "kong:trace:1234",
            detail: "Invalid Parameters",
            invalid_parameters: [{ field: "name", rule: "required", source: "body", reason: "is a required field" }],
          },
          { status: 400, headers: { "Content-Type": "application/problem+json" } },
        ),
    ]);
    const { konnect } = testClient();
    const error = await konnect.api.POST("/v2/control-planes", { body: { name: "" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KonnectApiError);
    expect(error).toBeInstanceOf(KonnectBadRequestError);
    const e = error as KonnectBadRequestError;
    expect(e.status).toBe(400);
    expect(e.detail).toBe("Invalid Parameters");
    expect(e.requestId).toBe("kong:trace:1234");
    expect(e.invalidParameters).toEqual([{ field: "name", rule: "required", source: "body", reason: "is a required field" }]);
    expect(e.method).toBe("POST");
    expect(e.url).toBe(CP_URL);
    expect(calls).toHaveLength(1);
  });

  it("a run of 503s gives up after maxRetries retries with the last error", async () => {
    let n = 0;
    const calls = script("get", CP_URL, [
      () => HttpResponse.json({ status: 503, title: "Service Unavailable", detail: `attempt ${++n}` }, { status: 503 }),
    ]);
    const { konnect, waits } = testClient({ maxRetries: 2 });
    const error = await konnect.api.GET("/v2/control-planes").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KonnectServerError);
    expect((error as KonnectServerError).detail).toBe("attempt 3");
    expect(calls).toHaveLength(3);
    // 500 ms doubling, no jitter in tests
    expect(waits).toEqual([500, 1000]);
  });

  it("backoff is capped by maxDelayMs", async () => {
    script("get", CP_URL, [() => new HttpResponse(null, { status: 502 })]);
    const { konnect, waits } = testClient({ maxRetries: 5, retry: { baseDelayMs: 1000, maxDelayMs: 3000, deadlineMs: 1e9 } });
    await expect(konnect.api.GET("/v2/control-planes")).rejects.toBeInstanceOf(KonnectServerError);
    expect(waits).toEqual([1000, 2000, 3000, 3000, 3000]);
  });

  it("jitter shortens a wait by at most its share", async () => {
    script("get", CP_URL, [() => new HttpResponse(null, { status: 504 }), () => new HttpResponse(null, { status: 504 }), () => HttpResponse.json(page)]);
    const { konnect, waits } = testClient({ retry: { jitter: 0.25 }, clock: { random: () => 1 } });
    await konnect.api.GET("/v2/control-planes");
    expect(waits).toEqual([375, 750]);
  });

  it.each(["get", "put", "delete"] as const)("retries a 500 on %s (idempotent: a repeat is harmless)", async (method) => {
    const cp = "11111111-1111-4111-8111-111111111111";
    const url = method === "put" ? `${CP_URL}/${cp}/core-entities/vaults/22222222-2222-4222-8222-222222222222` : `${CP_URL}/${cp}`;
    const calls = script(method, url, [() => HttpResponse.json({ status: 500, title: "Internal Server Error" }, { status: 500 }), () => HttpResponse.json({ id: cp, name: "x", prefix: "p" })]);
    const { konnect, waits } = testClient();
    if (method === "get") await konnect.api.GET("/v2/control-planes/{controlPlaneId}", { params: { path: { controlPlaneId: cp } } });
    else if (method === "delete") await konnect.api.DELETE("/v2/control-planes/{controlPlaneId}", { params: { path: { controlPlaneId: cp } } });
    else await konnect.api.PUT("/v2/control-planes/{controlPlaneId}/core-entities/vaults/{VaultId}", { params: { path: { controlPlaneId: cp, VaultId: "22222222-2222-4222-8222-222222222222" } }, body: { name: "aws", prefix: "p" } });
    expect(calls).toHaveLength(2);
    expect(waits).toEqual([500]);
  });

  it("does not retry a POST after a 500 (it may have been processed)", async () => {
    const calls = script("post", CP_URL, [() => new HttpResponse(null, { status: 500 })]);
    const { konnect } = testClient();
    await expect(konnect.api.POST("/v2/control-planes", { body: { name: "x1" } })).rejects.toMatchObject({ status: 500 });
    expect(calls).toHaveLength(1);
  });

  it("does not retry a POST after a 502 (it may have been processed)", async () => {
    const calls = script("post", CP_URL, [() => new HttpResponse(null, { status: 502 })]);
    const { konnect } = testClient();
    await expect(konnect.api.POST("/v2/control-planes", { body: { name: "x1" } })).rejects.toMatchObject({ status: 502 });
    expect(calls).toHaveLength(1);
  });

  it("retries a POST after a 503 with Retry-After, re-sending the same body", async () => {
    const calls = script("post", CP_URL, [
      () => new HttpResponse(null, { status: 503, headers: { "Retry-After": "1" } }),
      () => HttpResponse.json({ id: "1", name: "x1" }, { status: 201 }),
    ]);
    const { konnect, waits } = testClient();
    await konnect.api.POST("/v2/control-planes", { body: { name: "x1" } });
    expect(calls).toHaveLength(2);
    expect(await calls[1]!.json()).toEqual({ name: "x1" });
    expect(waits).toEqual([1000]);
  });

  it("honours Retry-After given as an HTTP date", async () => {
    // the virtual clock of testClient starts at 2026-11-30T00:00:00Z
    script("get", CP_URL, [
      () => new HttpResponse(null, { status: 429, headers: { "Retry-After": "Mon, 30 Nov 2026 00:00:07 GMT" } }),
      () => HttpResponse.json(page),
    ]);
    const { konnect, waits } = testClient();
    await konnect.api.GET("/v2/control-planes");
    expect(waits).toEqual([7000]);
  });

  it("fails at once when Retry-After exceeds maxRetryAfterMs", async () => {
    const calls = script("get", CP_URL, [() => new HttpResponse(null, { status: 429, headers: { "Retry-After": "3600" } })]);
    const { konnect, waits } = testClient();
    const error = await konnect.api.GET("/v2/control-planes").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KonnectRateLimitError);
    expect((error as KonnectRateLimitError).retryAfterMs).toBe(3_600_000);
    expect(calls).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it.each([400, 401, 403, 404, 409, 422])("never retries a %i", async (status) => {
    const calls = script("get", CP_URL, [() => HttpResponse.json({ status, title: "no" }, { status })]);
    const { konnect } = testClient();
    const error = await konnect.api.GET("/v2/control-planes").catch((e: unknown) => e);
    expect(error).toMatchObject({ status });
    expect(calls).toHaveLength(1);
  });

  it("stops retrying when the deadline would pass", async () => {
    const calls = script("get", CP_URL, [() => new HttpResponse(null, { status: 503 })]);
    const { konnect, waits } = testClient({ maxRetries: 10, retry: { deadlineMs: 2000 } });
    await expect(konnect.api.GET("/v2/control-planes")).rejects.toBeInstanceOf(KonnectServerError);
    // on the virtual clock 500 + 1000 fit in 2 s; the next wait (2000) would not
    expect(waits).toEqual([500, 1000]);
    expect(calls).toHaveLength(3);
  });

  it("retries a GET after a dropped connection, not a POST", async () => {
    const gets = script("get", CP_URL, [() => HttpResponse.error(), () => HttpResponse.json(page)]);
    const { konnect } = testClient();
    await expect(konnect.api.GET("/v2/control-planes")).resolves.toMatchObject({ data: page });
    expect(gets).toHaveLength(2);

    const posts = script("post", CP_URL, [() => HttpResponse.error()]);
    const error = await konnect.api.POST("/v2/control-planes", { body: { name: "x1" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KonnectConnectionError);
    expect((error as KonnectConnectionError).cause).toBeDefined();
    expect(posts).toHaveLength(1);
  });

  it("times out a slow attempt with KonnectTimeoutError, retrying idempotent requests", async () => {
    let n = 0;
    server.use(
      http.get(CP_URL, async () => {
        n++;
        await new Promise((r) => setTimeout(r, 200));
        return HttpResponse.json(page);
      }),
    );
    const { konnect } = testClient({ timeoutMs: 20, maxRetries: 1 });
    const error = await konnect.api.GET("/v2/control-planes").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KonnectTimeoutError);
    expect((error as KonnectTimeoutError).timeoutMs).toBe(20);
    expect(n).toBe(2);
  });

  it("stops at once when the caller aborts", async () => {
    const calls = script("get", CP_URL, [() => new HttpResponse(null, { status: 503 })]);
    const controller = new AbortController();
    const { konnect } = testClient({
      clock: {
        sleep: async () => {
          controller.abort(new Error("stop"));
          throw new Error("stop");
        },
      },
    });
    await expect(konnect.api.GET("/v2/control-planes", { signal: controller.signal })).rejects.toThrow("stop");
    expect(calls).toHaveLength(1);
  });
});
