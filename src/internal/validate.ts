import { ConfigError } from "../errors/config-error.js";

/** Throws a {@link ConfigError} unless the condition holds. @internal */
export function check(ok: unknown, field: string, problem: string, fix: string): asserts ok {
  if (!ok) throw new ConfigError({ field, problem, fix });
}

/** A non-negative finite number, or undefined. @internal */
export function checkOptionalNumber(value: unknown, field: string, { min = 0, max = Number.MAX_SAFE_INTEGER, integer = false } = {}): void {
  if (value === undefined) return;
  check(typeof value === "number" && Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value)), field, `expected ${integer ? "an integer" : "a number"} between ${min} and ${max}, got ${JSON.stringify(value)}`, `set ${field} to a ${integer ? "whole " : ""}number in that range, or leave it out`);
}

/** Shows a value in an error without risking a secret: short strings only. @internal */
export function show(value: unknown): string {
  const s = typeof value === "string" ? value : JSON.stringify(value);
  return s === undefined ? "undefined" : s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** The `konnect` option holds a client made by createKonnectClient. @internal */
export function checkKonnectClient(konnect: unknown): void {
  check(typeof (konnect as { api?: { GET?: unknown } } | undefined)?.api?.GET === "function", "konnect", "no Konnect client", "pass konnect: createKonnectClient({ ... })");
}

// Konnect control-plane ids are UUIDs (control-planes v2 `controlPlaneId`, format uuid)
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A control-plane id (a UUID). @internal */
export function checkControlPlaneId(id: unknown, field = "controlPlaneId"): void {
  check(typeof id === "string" && UUID.test(id), field, "not a control-plane id (a UUID)", "pass the id returned by ensureControlPlane, or copy it from Konnect");
}
