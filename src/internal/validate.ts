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
