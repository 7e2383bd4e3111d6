import { http, type HttpHandler } from "msw";
import type { Random } from "../random.js";
import type { Serve } from "../serve.js";
import { rejectInvalidInput } from "./reject-invalid.js";
import { xmlDocument } from "./xml.js";

const NS = "https://iam.amazonaws.com/doc/2010-05-08/";

/** One statement of an identity policy, as IAM's JSON policy grammar writes it. */
export interface IamPolicyStatement {
  Effect: "Allow" | "Deny";
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  /** Conditions: the fake evaluates none; a statement that has one never matches (as in a simulation without the context keys it needs). */
  Condition?: Record<string, unknown>;
}

/** How to seed an IAM role: its name and its identity policies (inline and attached alike). */
export interface IamRoleSeed {
  name: string;
  /** Policy documents: `{ Version, Statement: [...] }`. */
  policies?: Array<{ Version?: string; Statement: IamPolicyStatement | IamPolicyStatement[] }>;
  /** @default "/" */
  path?: string;
}

/**
 * The IAM fake's state: roles by name with their identity policies. IAM is global: one state for every
 * region.
 *
 * @example
 * ```ts
 * sandbox.seedIamRole({ name: "kong-dp", policies: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" }] }] });
 * ```
 */
export interface IamState {
  roles: Map<string, { arn: string; statements: IamPolicyStatement[] }>;
}

/** @internal */
export function buildIamRole(seed: IamRoleSeed, accountId: string): IamState["roles"] extends Map<string, infer R> ? R : never {
  const path = seed.path ?? "/";
  return { arn: `arn:aws:iam::${accountId}:role${path}${seed.name}`, statements: (seed.policies ?? []).flatMap((p) => (Array.isArray(p.Statement) ? p.Statement : [p.Statement])) };
}

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
/** IAM's wildcard match: `*` any run, `?` one character; actions case-insensitively (IAM policy grammar). */
const glob = (pattern: string, value: string, caseInsensitive: boolean) =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, caseInsensitive ? "i" : "").test(value);

function matches(s: IamPolicyStatement, action: string, resource: string): boolean {
  if (s.Condition && Object.keys(s.Condition).length > 0) return false;
  const actionOk = s.Action !== undefined ? list(s.Action).some((a) => glob(a, action, true)) : s.NotAction !== undefined ? !list(s.NotAction).some((a) => glob(a, action, true)) : false;
  const resourceOk = s.Resource !== undefined ? list(s.Resource).some((r) => glob(r, resource, false)) : s.NotResource !== undefined ? !list(s.NotResource).some((r) => glob(r, resource, false)) : false;
  return actionOk && resourceOk;
}

/**
 * IAM's evaluation for identity policies alone: an explicit Deny wins, then an Allow, else the implicit
 * deny (IAM User Guide, "Policy evaluation logic"). Decisions are IAM's `EvalDecision` values.
 */
function evaluate(statements: IamPolicyStatement[], action: string, resource: string): "allowed" | "explicitDeny" | "implicitDeny" {
  const hit = statements.filter((s) => matches(s, action, resource));
  if (hit.some((s) => s.Effect === "Deny")) return "explicitDeny";
  return hit.some((s) => s.Effect === "Allow") ? "allowed" : "implicitDeny";
}

/** Values of an awsQuery list parameter (`Foo.member.1`, `Foo.member.2`, ...). */
function queryList(form: URLSearchParams, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; form.has(`${name}.member.${i}`); i++) out.push(form.get(`${name}.member.${i}`)!);
  return out;
}

/** @internal */
export function iamHandlers(o: { state: () => IamState; random: Random; serve: Serve }): HttpHandler[] {
  const fault = (code: string, message: string, status: number) => xmlDocument("ErrorResponse", NS, { Error: { Type: "Sender", Code: code, Message: message }, RequestId: o.random.uuid() }, { status });
  return [
    // IAM is a global service: every region's client signs for us-east-1 and calls iam.amazonaws.com
    http.post(/^https:\/\/iam\.amazonaws\.com\/?$/, async ({ request }) => {
      const form = new URLSearchParams(await request.clone().text());
      const action = form.get("Action") ?? "Unknown";
      return o.serve("iam", request, { operation: action, write: !/^(Get|List|Simulate)/.test(action) }, async () => {
        if (!request.headers.get("authorization")?.startsWith("AWS4-HMAC-SHA256")) return fault("MissingAuthenticationToken", "Request is missing Authentication Token", 403);
        if (action !== "SimulatePrincipalPolicy") return fault("InvalidAction", `The action ${action} is not valid for this web service.`, 400);
        const rejected = await rejectInvalidInput("iam", action, request);
        if (rejected) return rejected;
        const source = form.get("PolicySourceArn")!;
        // "Invalid Entity Arn: arn:aws:sts::...:assumed-role/... does not clearly define entity type and
        // name." is IAM's answer to a session ARN (quoted from AWS in public issues and tools)
        const entity = /^arn:aws:iam::\d{12}:(role|user|group)(\/.*)?\/([\w+=,.@-]+)$/.exec(source);
        if (!entity) return fault("InvalidInput", `Invalid Entity Arn: ${source} does not clearly define entity type and name.`, 400);
        // the fake models roles; the doctor simulates the data planes' and the invoker's roles
        const role = entity[1] === "role" ? o.state().roles.get(entity[3]!) : undefined;
        if (!role || role.arn !== source) return fault("NoSuchEntity", `The ${entity[1]} with name ${entity[3]} cannot be found.`, 404);
        const actions = queryList(form, "ActionNames");
        const resources = queryList(form, "ResourceArns");
        const results = actions.flatMap((a) =>
          (resources.length ? resources : ["*"]).map((r) => ({ EvalActionName: a, EvalResourceName: r, EvalDecision: evaluate(role.statements, a, r), MatchedStatements: [], MissingContextValues: [] })),
        );
        return xmlDocument("SimulatePrincipalPolicyResponse", NS, { SimulatePrincipalPolicyResult: { EvaluationResults: results, IsTruncated: false }, ResponseMetadata: { RequestId: o.random.uuid() } });
      });
    }),
  ];
}
