import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import {
  isKonnectApiError,
  isKonnectError,
  KonnectApiError,
  KonnectBadRequestError,
  KonnectConflictError,
  KonnectError,
  KonnectNotFoundError,
  KonnectUnauthorizedError,
} from "../../src/index.js";
import { testClient } from "../helpers.js";
import { server } from "../setup.js";

const CE = "https://us.api.konghq.com/v2/control-planes/:cp/core-entities";
const cp = "6d4b5a70-2f52-4b8b-9a49-1bd5f3e2f3a1";

describe("error mapping", () => {
  it("maps a core-entity koko uniqueness body (400 data constraint error) to a conflict", async () => {
    server.use(
      http.post(`${CE}/vaults`, () =>
        HttpResponse.json(
          {
            code: 3,
            message: "data constraint error",
            details: [
              {
                "@type": "type.googleapis.com/kong.admin.model.v1.ErrorDetail",
                type: "ERROR_TYPE_REFERENCE",
                messages: ["prefix (type: unique) constraint failed for value 'aws-sm': "],
              },
            ],
          },
          { status: 400 },
        ),
      ),
    );
    const { konnect } = testClient();
    const error = await konnect.api
      .POST("/v2/control-planes/{controlPlaneId}/core-entities/vaults", { params: { path: { controlPlaneId: cp } }, body: { name: "aws", prefix: "aws-sm" } })
      .catch((e: unknown) => e);
    // one class for every uniqueness conflict, whatever status the API uses (the 400 is kept)
    expect(error).toBeInstanceOf(KonnectConflictError);
    expect(error).not.toBeInstanceOf(KonnectBadRequestError);
    const e = error as KonnectConflictError;
    expect(e.status).toBe(400);
    expect(e.conflict).toBe(true);
    expect(e.detail).toBe("data constraint error");
    expect(e.invalidParameters[0]).toMatchObject({ field: "", rule: "ERROR_TYPE_REFERENCE" });
    expect(e.message).toContain("prefix (type: unique) constraint failed");
  });

  it("maps the core-entity 401 {message, status} body", async () => {
    server.use(http.get(`${CE}/vaults`, () => HttpResponse.json({ message: "Unauthorized", status: 401 }, { status: 401 })));
    const { konnect } = testClient();
    const error = await konnect.api
      .GET("/v2/control-planes/{controlPlaneId}/core-entities/vaults", { params: { path: { controlPlaneId: cp } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KonnectUnauthorizedError);
    expect((error as KonnectApiError).detail).toBe("Unauthorized");
  });

  it("maps a bodiless 404 and a 409 problem+json", async () => {
    server.use(
      http.get(`${CE}/vaults/:id`, () => new HttpResponse(null, { status: 404, statusText: "Not Found" })),
      http.post("https://us.api.konghq.com/v2/control-planes", () =>
        HttpResponse.json({ status: 409, title: "Conflict", detail: "Control Plane with provided name already exists." }, { status: 409 }),
      ),
    );
    const { konnect } = testClient();
    const notFound = await konnect.api
      .GET("/v2/control-planes/{controlPlaneId}/core-entities/vaults/{VaultId}", { params: { path: { controlPlaneId: cp, VaultId: "aws-sm" } } })
      .catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(KonnectNotFoundError);
    expect((notFound as KonnectApiError).status).toBe(404);
    const conflict = await konnect.api.POST("/v2/control-planes", { body: { name: "prod" } }).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(KonnectConflictError);
    expect((conflict as KonnectConflictError).conflict).toBe(true);
    expect((conflict as KonnectConflictError).detail).toBe("Control Plane with provided name already exists.");
  });

  it("guards and instanceof work across two copies of the package", async () => {
    vi.resetModules();
    const copy = (await import("../../src/errors/api-error.js")) as typeof import("../../src/errors/api-error.js");
    expect(copy.KonnectNotFoundError).not.toBe(KonnectNotFoundError); // really another copy
    const foreign = copy.createKonnectApiError({ status: 404, title: "Not Found", invalidParameters: [], method: "GET", url: "u", conflict: false });
    expect(foreign instanceof KonnectNotFoundError).toBe(true);
    expect(foreign instanceof KonnectApiError).toBe(true);
    expect(foreign instanceof KonnectError).toBe(true);
    expect(foreign instanceof KonnectConflictError).toBe(false);
    expect(isKonnectApiError(foreign)).toBe(true);
    expect(isKonnectError(new Error("plain"))).toBe(false);
    expect(foreign.name).toBe("KonnectNotFoundError");
  });
});
