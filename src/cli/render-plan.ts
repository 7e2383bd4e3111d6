import type { Change, ChangeAction, FieldDiff } from "../reconcile/change.js";
import { CREDENTIAL_KEYS } from "../reconcile/diff.js";
import { REDACTED } from "../internal/redact.js";
import type { Style } from "./style.js";

/** The service a resource kind belongs to, for grouping (`aws.secret` -> Secrets Manager). @internal */
export function serviceOf(kind: string): string {
  if (kind.startsWith("konnect.")) return "Konnect";
  if (kind.startsWith("aws.secret")) return "Secrets Manager";
  if (kind.startsWith("aws.route53")) return "Route 53";
  if (kind.startsWith("aws.elasticache")) return "ElastiCache";
  if (kind.startsWith("aws.lambda")) return "Lambda";
  if (kind.startsWith("aws.acm")) return "ACM";
  if (kind.startsWith("aws.elbv2")) return "Elastic Load Balancing";
  if (kind.startsWith("aws.ecs")) return "ECS";
  if (kind.startsWith("aws.ec2")) return "EC2";
  if (kind.startsWith("aws.ram")) return "RAM";
  if (kind.startsWith("aws.cloudwatch") || kind.startsWith("aws.log")) return "CloudWatch";
  if (kind.startsWith("aws.")) return `AWS ${kind.slice(4)}`;
  return kind.split(".")[0] ?? kind;
}

const SIGN: Record<ChangeAction, string> = { create: "+", update: "~", delete: "-", noop: " " };

const isSensitive = (d: FieldDiff) => CREDENTIAL_KEYS.test(d.path.split(".").at(-1) ?? "") || d.path === "value" || d.path.endsWith(".value") || JSON.stringify([d.before, d.after]).includes(REDACTED);

function show(v: unknown): string {
  if (v === undefined) return "(none)";
  const s = JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

function fieldLine(action: ChangeAction, d: FieldDiff): string {
  if (isSensitive(d)) return `${d.path} = (sensitive)`;
  if (action === "create") return `${d.path} = ${show(d.after)}`;
  if (action === "delete") return d.before === undefined && d.after !== undefined ? `${d.path}: ${show(d.after)}` : `${d.path} = ${show(d.before)}`;
  return `${d.path}: ${show(d.before)} -> ${show(d.after)}`;
}

/**
 * A Terraform-like plan: changes grouped by service, `+` create, `~` update, `-` delete with their field
 * diffs, secrets as `(sensitive)`, unchanged objects counted, totals at the end. Deterministic: the same
 * changes give the same text.
 * @internal
 */
export function renderPlan(changes: readonly Change[], style: Style, o: { kept?: Array<{ kind: string; key: string; reason?: string }> } = {}): string {
  const colour = (a: ChangeAction) => (a === "create" ? style.green : a === "delete" ? style.red : a === "update" ? style.yellow : style.dim);
  const lines: string[] = [];
  const groups = new Map<string, Change[]>();
  for (const c of changes) if (c.action !== "noop") (groups.get(serviceOf(c.kind)) ?? groups.set(serviceOf(c.kind), []).get(serviceOf(c.kind))!).push(c);
  for (const [service, list] of groups) {
    lines.push(style.bold(service));
    for (const c of list) {
      const paint = colour(c.action);
      lines.push(paint(`  ${SIGN[c.action]} ${c.kind} ${JSON.stringify(c.key)}${c.id ? ` (${c.id})` : ""}${c.adopted ? " (adopted)" : ""}`));
      for (const d of c.diff) lines.push(paint(`      ${SIGN[c.action]} ${fieldLine(c.action, d)}`));
    }
    lines.push("");
  }
  for (const k of o.kept ?? []) lines.push(style.dim(`  kept: ${k.kind} ${JSON.stringify(k.key)}${k.reason ? ` (${k.reason})` : ""}`));
  if (o.kept?.length) lines.push("");
  const count = (a: ChangeAction) => changes.filter((c) => c.action === a).length;
  const [add, change, destroy, same] = [count("create"), count("update"), count("delete"), count("noop")];
  if (add + change + destroy === 0) lines.push(`No changes. ${same} object(s) up to date.`);
  else lines.push(`Plan: ${style.green(`${add} to add`)}, ${style.yellow(`${change} to change`)}, ${style.red(`${destroy} to destroy`)}${same ? `, ${same} unchanged` : ""}.`);
  return lines.join("\n");
}
