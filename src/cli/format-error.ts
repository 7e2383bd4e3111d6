import { isConfigError, isKonnectError } from "../errors/guards.js";
import { redactTokenShapes } from "../internal/describe.js";
import { REDACTED } from "../internal/redact.js";

/** Thrown by the CLI for a refusal or a missing feature: printed as its message alone. @internal */
export class CliError extends Error {
  override readonly name = "CliError";
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * One paragraph for an error: what failed, the field or step, the fix; no stack trace unless `debug`
 * (then the cause chain with stacks). Konnect token shapes and the given secrets are removed.
 * @internal
 */
export function formatError(error: unknown, o: { debug: boolean; secrets?: readonly string[] }): string {
  const clean = (text: string) => {
    let out = redactTokenShapes(text);
    for (const s of o.secrets ?? []) if (s && s.length >= 4) out = out.split(s).join(REDACTED);
    return out;
  };
  let text: string;
  if (error instanceof CliError) text = `Error: ${error.message}`;
  else if (isConfigError(error)) text = `Error: invalid ${error.field}: ${error.problem}.\nFix: ${error.fix}.`;
  else if (isKonnectError(error)) text = `Error: ${error.message}`;
  else if ((error as { name?: string })?.name === "AbortError") text = "Error: cancelled.";
  else text = `Error: ${messageOf(error)}`;
  if (!o.debug) return clean(text) + "\nRun with --debug for the full cause chain.";
  const chain: string[] = [];
  let cur: unknown = error;
  for (let depth = 0; cur !== undefined && depth < 10; depth++) {
    chain.push(cur instanceof Error ? (cur.stack ?? `${cur.name}: ${cur.message}`) : String(cur));
    cur = cur instanceof Error ? cur.cause : undefined;
  }
  return clean([text, "", ...chain.map((c, i) => (i === 0 ? c : `Caused by: ${c}`))].join("\n"));
}
