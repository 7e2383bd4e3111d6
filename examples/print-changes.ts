// Prints an operation's changes readably: one line per object, one indented line per field.
import type { Change, KeptResource, TeardownResult } from "konnect-aws";

const SIGN: Record<Change["action"], string> = { create: "+", update: "~", delete: "-", noop: "=" };

export function printChanges(title: string, changes: readonly Change[]): void {
  const writes = changes.filter((c) => c.action !== "noop");
  console.log(`\n${title}: ${writes.length === 0 ? "no changes" : `${writes.length} change(s)`}`);
  for (const c of changes) {
    const id = c.pending ? " (id known after apply)" : c.id ? ` (${c.id})` : "";
    console.log(`  ${SIGN[c.action]} ${c.action.padEnd(6)} ${c.kind} ${c.key}${id}${c.adopted ? " [adopted]" : ""}`);
    for (const d of c.diff) {
      const before = "before" in d ? `${JSON.stringify(d.before)} -> ` : "";
      console.log(`        ${d.path}: ${before}${JSON.stringify(d.after)}`);
    }
  }
}

// What a teardown left in place, one line per object with the reason.
export function printKept(kept: readonly KeptResource[]): void {
  for (const k of kept) console.log(`  ! kept   ${k.kind} ${k.key}${k.id ? ` (${k.id})` : ""}: ${k.reason}`);
}

// A teardown's result: its deletions, then what it kept.
export function printTeardown(title: string, result: TeardownResult): void {
  printChanges(title, result.changes);
  printKept(result.kept);
}
