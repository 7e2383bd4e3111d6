import type { InvalidParameter } from "./api-error.js";

/** The fields of an error body, whatever its shape. @internal */
export interface ParsedErrorBody {
  title?: string;
  detail?: string;
  requestId?: string;
  invalidParameters: InvalidParameter[];
  /** Core-entity uniqueness violation (koko "data constraint error"). */
  constraintViolation: boolean;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/**
 * Reads the three error shapes Konnect uses (konnect-api-notes §1.4):
 * - platform `application/problem+json`: `{status, title, type, instance, detail, invalid_parameters[]}`;
 * - core entities (koko): `{code, message, details: [{type, field, messages[]}]}`;
 * - core-entity 401 and older bodies: `{message, status}`.
 * @internal
 */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  const out: ParsedErrorBody = { invalidParameters: [], constraintViolation: false };
  if (typeof body !== "object" || body === null) return out;
  const b = body as Record<string, unknown>;
  out.title = str(b.title);
  out.detail = str(b.detail) ?? str(b.message);
  out.requestId = str(b.instance);
  if (Array.isArray(b.invalid_parameters)) {
    for (const p of b.invalid_parameters as Array<Record<string, unknown>>) {
      out.invalidParameters.push({
        field: str(p.field) ?? "",
        reason: str(p.reason) ?? "invalid",
        ...(str(p.rule) ? { rule: str(p.rule) } : {}),
        ...(str(p.source) ? { source: str(p.source) } : {}),
      });
    }
  }
  if (Array.isArray(b.details)) {
    for (const d of b.details as Array<Record<string, unknown>>) {
      const messages = Array.isArray(d.messages) ? d.messages.filter((m): m is string => typeof m === "string") : [];
      out.invalidParameters.push({ field: str(d.field) ?? "", reason: messages.join("; ") || "invalid", ...(str(d.type) ? { rule: str(d.type) } : {}) });
    }
  }
  // Kong/gateway-operator ops_errors.go SDKErrorIsConflict: koko reports uniqueness as a 400 whose
  // message is "data constraint error" with ERROR_TYPE_REFERENCE details.
  out.constraintViolation = str(b.message) === "data constraint error";
  return out;
}
