import { inspect } from "node:util";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { createKonnectClient, type Logger } from "../../src/index.js";
import { TOKEN, testClient } from "../helpers.js";
import { server } from "../setup.js";

const CP_URL = "https://us.api.konghq.com/v2/control-planes";

/** Everything a user could see of an error. */
function surfaces(error: unknown): string {
  const e = error as Error & { cause?: unknown };
  return [e.message, e.stack, JSON.stringify(e), inspect(e, { depth: 10, showHidden: true }), String(e.cause), inspect(e.cause, { depth: 10 })].join("\n");
}

describe("the token never leaks", () => {
  it("not in errors, their JSON, stacks or causes, nor in any log line", async () => {
    const lines: string[] = [];
    const logger: Logger = {
      debug: (m, meta) => lines.push(m + JSON.stringify(meta ?? {})),
      info: (m, meta) => lines.push(m + JSON.stringify(meta ?? {})),
      warn: (m, meta) => lines.push(m + JSON.stringify(meta ?? {})),
      error: (m, meta) => lines.push(m + JSON.stringify(meta ?? {})),
    };
    // a hostile server that echoes the Authorization header back in every way it can
    server.use(
      http.get(CP_URL, ({ request }) => {
        const auth = request.headers.get("authorization") ?? "";
        return HttpResponse.json(
          { status: 400, title: auth, detail: `you sent ${auth}`, invalid_parameters: [{ field: auth, reason: auth }] },
          { status: 400 },
        );
      }),
      http.post(CP_URL, ({ request }) => new HttpResponse(`plain text ${request.headers.get("authorization")}`, { status: 503 })),
      http.delete(`${CP_URL}/:id`, () => HttpResponse.error()),
    );
    const { konnect } = testClient({ logger, logLevel: "debug", maxRetries: 1 });
    const errors = await Promise.all([
      konnect.api.GET("/v2/control-planes").catch((e: unknown) => e),
      konnect.api.POST("/v2/control-planes", { body: { name: "x1" } }).catch((e: unknown) => e),
      konnect.api.DELETE("/v2/control-planes/{controlPlaneId}", { params: { path: { controlPlaneId: "x" } } }).catch((e: unknown) => e),
    ]);
    for (const error of errors) {
      expect(error).toBeInstanceOf(Error);
      expect(surfaces(error)).not.toContain(TOKEN);
    }
    expect(surfaces(errors[0])).toContain("[REDACTED]"); // the echo was there, and was removed
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.join("\n")).not.toContain(TOKEN);
    expect(inspect(konnect, { depth: 10, showHidden: true })).not.toContain(TOKEN);
    expect(JSON.stringify(konnect)).not.toContain(TOKEN);
  });

  it("not in the ConfigError for a malformed token", () => {
    const bad = "Bearer kpat_" + "x".repeat(40);
    let error: unknown;
    try {
      createKonnectClient({ token: bad, env: {} });
    } catch (e) {
      error = e;
    }
    expect(surfaces(error)).not.toContain("x".repeat(40));
  });
});
