import { HttpResponse } from "msw";
import type { FieldError } from "./spec-validator.js";

let trace = 1000;
const instance = () => `konnect:trace:${++trace}`;

/** Platform error (control planes, cloud gateways, identity): application/problem+json `BaseError`. @internal */
export function problem(status: number, title: string, detail: string, invalid?: FieldError[]): Response {
  const body: Record<string, unknown> = { status, title, instance: instance(), detail };
  if (invalid?.length) body.invalid_parameters = invalid.map((e) => ({ field: e.field, rule: e.rule, source: "body", reason: e.message }));
  return HttpResponse.json(body, { status, headers: { "Content-Type": "application/problem+json" } });
}

/**
 * Core-entity validation error, koko's shape (Kong/koko; konnect-api-notes §1.4): 400
 * `{code: 3, message, details: [{@type, type, field?, messages}]}`.
 * @internal
 */
export function kokoValidation(errors: FieldError[]): Response {
  return HttpResponse.json(
    {
      code: 3,
      message: "validation error",
      details: errors.map((e) => ({ "@type": "type.googleapis.com/kong.admin.model.v1.ErrorDetail", type: e.field ? "ERROR_TYPE_FIELD" : "ERROR_TYPE_ENTITY", ...(e.field ? { field: e.field } : {}), messages: [e.message] })),
    },
    { status: 400 },
  );
}

/** Core-entity uniqueness violation: 400 "data constraint error" with an ERROR_TYPE_REFERENCE detail. @internal */
export function kokoConstraint(message: string): Response {
  return HttpResponse.json(
    { code: 3, message: "data constraint error", details: [{ "@type": "type.googleapis.com/kong.admin.model.v1.ErrorDetail", type: "ERROR_TYPE_REFERENCE", messages: [message] }] },
    { status: 400 },
  );
}

/** Core-entity 404 (body undocumented; koko answers code 5). @internal */
export function kokoNotFound(): Response {
  return HttpResponse.json({ code: 5, message: "not found" }, { status: 404 });
}

/** Core-entity 401: `GatewayUnauthorizedError {message, status}`. @internal */
export function gatewayUnauthorized(): Response {
  return HttpResponse.json({ message: "Unauthorized", status: 401 }, { status: 401 });
}
