import type { DoctorCheck } from "./types.js";

/** @internal */
export const pass = (name: string, evidence: string): DoctorCheck => ({ name, status: "pass", evidence, fix: "" });
/** @internal */
export const fail = (name: string, evidence: string, fix: string): DoctorCheck => ({ name, status: "fail", evidence, fix });
/** @internal */
export const skip = (name: string, evidence: string): DoctorCheck => ({ name, status: "skip", evidence, fix: "" });

/** An error's message (and AWS error name), for evidence. @internal */
export function describeError(e: unknown): string {
  const name = (e as { name?: string })?.name;
  const message = e instanceof Error ? e.message : String(e);
  return name && name !== "Error" && !message.startsWith(name) ? `${name}: ${message}` : message;
}

/** Runs a check body; an unexpected error becomes a failed check instead of stopping the doctor. @internal */
export async function guarded(name: string, fix: string, body: () => Promise<DoctorCheck | DoctorCheck[]>): Promise<DoctorCheck[]> {
  try {
    const out = await body();
    return Array.isArray(out) ? out : [out];
  } catch (e) {
    if ((e as { name?: string })?.name === "AbortError") throw e;
    return [fail(name, describeError(e), fix)];
  }
}
