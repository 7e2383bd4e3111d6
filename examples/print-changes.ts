// Prints an operation's changes readably: one line per object, one indented line per field.
import type { Change } from "konnect-aws";

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
