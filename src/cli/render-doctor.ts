import type { RunDoctorResult } from "../doctor/types.js";
import type { Style } from "./style.js";

/** The doctor's checks as text: one line per check, the fix under each failure, totals. @internal */
export function renderDoctor(result: RunDoctorResult, style: Style): string {
  // names pad to a column, except the few long ones (vault references), which would push every line right
  const width = Math.min(Math.max(...result.checks.map((c) => c.name.length), 10), 36);
  const lines = result.checks.map((c) => {
    const tag = c.status === "pass" ? style.green("PASS") : c.status === "fail" ? style.red("FAIL") : style.dim("SKIP");
    const line = `${tag}  ${c.name.padEnd(width)}  ${c.status === "skip" ? style.dim(c.evidence) : c.evidence}`;
    return c.status === "fail" && c.fix ? `${line}\n      ${" ".repeat(width)}  ${style.bold("fix:")} ${c.fix}` : line;
  });
  const { pass, fail, skip } = result.summary;
  lines.push("", `${pass} passed, ${fail > 0 ? style.red(`${fail} failed`) : `${fail} failed`}, ${skip} skipped.`);
  return lines.join("\n");
}
