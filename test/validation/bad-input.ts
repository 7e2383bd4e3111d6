// Shared by the bad-input tables: every case must fail with a ConfigError naming the field, before any
// request, with a short message that never repeats a secret.
import { expect } from "vitest";
import { ConfigError } from "../../src/index.js";
import type { createSandbox } from "../../src/testing/index.js";

/** A secret value used in bad inputs: it must never show up in an error. */
export const CANARY = "s3cret-CANARY-value-0123456789";
/** A control-plane id that exists nowhere (validation fails before it is looked up). */
export const CP_ID = "9b2c6f0e-3c1a-4d2e-8f6a-0a1b2c3d4e5f";

/** One row: a name, the bad input (merged over the valid options, or the whole argument), the field. */
export type BadCase<T> = [name: string, input: T, field: string];

async function capture(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Runs `run` and checks the error: class, field, zero requests, a short message, no secret in it. */
export async function expectConfigError(run: () => unknown, field: string, sandbox: ReturnType<typeof createSandbox>, secrets: string[] = [CANARY]): Promise<ConfigError> {
  const error = await capture(run);
  expect(error, "no error was thrown").toBeInstanceOf(ConfigError);
  const e = error as ConfigError;
  expect(e.field).toBe(field);
  expect(e.problem.length).toBeGreaterThan(5);
  expect(e.fix.length).toBeGreaterThan(5);
  // at most a prefix of a long value is echoed
  expect(e.message.length).toBeLessThan(900);
  expect(sandbox.requests).toEqual([]);
  for (const s of secrets) {
    expect(e.message).not.toContain(s);
    expect(String(e.cause ?? "")).not.toContain(s);
  }
  return e;
}
