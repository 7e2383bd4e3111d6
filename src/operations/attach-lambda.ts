import type { LambdaClient } from "@aws-sdk/client-lambda";
import { buildCrossAccountTrustPolicy, buildLambdaInvokePolicy, type PolicyDocument } from "../aws/iam-policies.js";
import { awsPartition, checkAwsRegion } from "../aws/regions.js";
import { checkExternalId, checkPrincipal, checkRoleArn, checkRoleSessionName } from "../aws/validate.js";
import { ConfigError } from "../errors/config-error.js";
import { check, checkControlPlaneId, checkOptionalBoolean, checkOptionalNumber, checkOptionalString, checkString, describeValue, show } from "../internal/validate.js";
import type { KonnectSchemas } from "../konnect/types.js";
import type { Change } from "../reconcile/change.js";
import { DEFAULT_OWNERSHIP, type Ownership } from "../reconcile/ownership.js";
import { reconcileResources } from "../reconcile/reconcile-resources.js";
import { pluginResource } from "../resources/konnect/plugin.js";
import { checkOperationOptions } from "./check-operation-options.js";
import type { OperationOptions } from "./operation-options.js";
import { checkScope, type PluginScope } from "./plugin-scope.js";
import { resolveScope, sameScope, type ResolvedScope } from "../resources/konnect/scope.js";
import { replanOnConflict } from "./replan-on-conflict.js";
import { listScopePlugins } from "../resources/konnect/plugin.js";
import { readFunctionConfiguration } from "../resources/aws/lambda-function.js";

/** How the gateway invokes the function (Lambda `InvocationType`). */
export type LambdaInvocationType = "RequestResponse" | "Event" | "DryRun";

/**
 * Options of {@link attachLambda}.
 *
 * @example
 * ```ts
 * const options: AttachLambdaOptions = { konnect, controlPlaneId, functionName: "orders-handler", region: "us-east-1", routeId: "orders" };
 * ```
 */
export interface AttachLambdaOptions extends OperationOptions {
  controlPlaneId: string;
  /** Function name (`orders`), name with qualifier (`orders:live`) or ARN. The ARN's region wins. */
  functionName: string;
  /** Region of the function; derived from an ARN. */
  region?: string;
  /** Alias or version to invoke; taken from a qualified name or ARN. */
  qualifier?: string;
  /** @default "RequestResponse" */
  invocationType?: LambdaInvocationType;
  /** The route (id or name) whose requests go to the function. Give this or `serviceId`. */
  routeId?: string;
  /** The service (id or name) whose requests go to the function. */
  serviceId?: string;
  /**
   * The role the gateway assumes to invoke the function (the guide's `aws_lambda_role_arn`). It is the
   * gateway's invoker role, not the function's execution role: it needs `lambda:InvokeFunction` (see
   * `iamPolicy`) and must trust the data planes' identity (see `trustPolicy`).
   */
  assumeRoleArn?: string;
  /** @default Kong's default, "kong" */
  roleSessionName?: string;
  /** Custom STS endpoint, such as a VPC endpoint. */
  stsEndpointUrl?: string;
  /**
   * The plugin's `aws_imds_protocol_version`. Since Kong 3.5 the plugin takes its credentials from
   * lua-resty-aws's default provider chain and uses this field only in the key of its Lambda client cache
   * (Kong `kong/plugins/aws-lambda/handler.lua`, `SERVICE_RELATED_FIELD`): it does not choose the IMDS
   * protocol. It is sent only when given, for data planes older than 3.5, where it did.
   * @default not sent (Kong's default, "v1")
   */
  imdsVersion?: "v1" | "v2";
  /** How long the gateway waits for the function, ms, at most 900000 (Lambda's 15-minute limit). @default 60000 */
  timeoutMs?: number;
  /** @default 60000 */
  keepaliveMs?: number;
  forwardRequestBody?: boolean;
  forwardRequestHeaders?: boolean;
  forwardRequestMethod?: boolean;
  forwardRequestUri?: boolean;
  /** The function answers in API Gateway proxy format (`statusCode`, `headers`, `body`). */
  isProxyIntegration?: boolean;
  /** Send API Gateway-shaped events (payload version below). */
  awsgatewayCompatible?: boolean;
  /** @default "1.0" */
  payloadVersion?: "1.0" | "2.0";
  /** Check with `GetFunctionConfiguration` that the function exists and that its timeout fits `timeoutMs`. @default false */
  verify?: boolean;
  /** The principal the data planes run as, to build the assumed role's trust policy. */
  trustedPrincipal?: string;
  /** External id for that trust policy. */
  externalId?: string;
  lambda?: LambdaClient;
}

/** Result of {@link attachLambda}. */
export interface AttachLambdaResult {
  plugin: { id: string | undefined; name: "aws-lambda"; config: Record<string, unknown> };
  /** ARN of the function (account `*` when it could not be known without a lookup). */
  functionArn: string;
  /** What the gateway role needs: `lambda:InvokeFunction` on exactly this function. */
  iamPolicy: PolicyDocument;
  /** Trust policy of `assumeRoleArn`, when `trustedPrincipal` is given. */
  trustPolicy?: PolicyDocument;
  changes: Change[];
}

type Json = Record<string, unknown>;
// Lambda function names: 1-64 of letters, digits, - and _; qualifiers: $LATEST, a version or an alias
const NAME = /^([a-zA-Z0-9-_]{1,64})(?::(\$LATEST|[a-zA-Z0-9-_]{1,128}))?$/;
const ARN = /^arn:(aws[a-z-]*):lambda:([a-z0-9-]+):(\d{12}):function:([a-zA-Z0-9-_]{1,64})(?::(\$LATEST|[a-zA-Z0-9-_]{1,128}))?$/;

/** The function, as the options name it. @internal */
export interface LambdaTarget {
  name: string;
  region: string;
  qualifier: string | undefined;
  account: string | undefined;
  partition: string;
  /** What goes in the plugin's function_name: the name, or the ARN when one was given (other accounts). */
  pluginFunction: string;
}

/** Checks the options of {@link attachLambda} (and its teardown) before any request; returns the function. @internal */
export function validateLambdaOptions(o: AttachLambdaOptions): LambdaTarget {
  checkOperationOptions(o, "attachLambda", 'konnect, controlPlaneId, functionName: "orders", region: "us-east-1", routeId: "orders"');
  checkControlPlaneId(o.controlPlaneId);
  checkString(o.functionName, "functionName", { what: "a function name or ARN", max: 256, example: "orders-handler" });
  let t: LambdaTarget;
  const arn = ARN.exec(o.functionName);
  if (arn) {
    checkAwsRegion(arn[2], "functionName");
    if (o.region !== undefined) checkAwsRegion(o.region, "region");
    check(o.region === undefined || o.region === arn[2], "region", `the ARN is in ${arn[2]}, not ${String(o.region)}`, "leave region out, or make it match the ARN");
    t = { partition: arn[1]!, region: arn[2]!, account: arn[3], name: arn[4]!, qualifier: arn[5], pluginFunction: `arn:${arn[1]}:lambda:${arn[2]}:${arn[3]}:function:${arn[4]}` };
  } else {
    check(!o.functionName.startsWith("arn:"), "functionName", `${show(o.functionName)} is not a Lambda function ARN`, "use arn:aws:lambda:<region>:<account>:function:<name>[:qualifier]");
    const m = NAME.exec(o.functionName);
    check(m, "functionName", `${show(o.functionName)} is not a Lambda function name`, "use 1-64 letters, digits, - and _, optionally :alias");
    check(o.region !== undefined, "region", "a function name needs its region", "set region, such as us-east-1, or pass the function's ARN");
    checkAwsRegion(o.region, "region");
    t = { partition: awsPartition(o.region), region: o.region, account: undefined, name: m[1]!, qualifier: m[2], pluginFunction: m[1]! };
  }
  if (o.qualifier !== undefined) {
    checkString(o.qualifier, "qualifier", { what: "a version or alias", max: 128 });
    check(/^(\$LATEST|[a-zA-Z0-9-_]{1,128})$/.test(o.qualifier), "qualifier", `${show(o.qualifier)} is not a version or alias`, "use $LATEST, a version number or an alias name");
    check(t.qualifier === undefined || t.qualifier === o.qualifier, "qualifier", `the function name already names qualifier ${t.qualifier}`, "give the qualifier once");
    t.qualifier = o.qualifier;
  }
  check(o.invocationType === undefined || ["RequestResponse", "Event", "DryRun"].includes(o.invocationType), "invocationType", `unknown invocation type ${show(o.invocationType)}`, "use RequestResponse, Event or DryRun");
  check((o.routeId === undefined) !== (o.serviceId === undefined), o.routeId === undefined ? "routeId" : "serviceId", "the Lambda plugin needs exactly one of routeId or serviceId", "pass the route (or the service) whose requests go to the function");
  checkOptionalString(o.routeId, "routeId", { what: "a route id or name", max: 512 });
  checkOptionalString(o.serviceId, "serviceId", { what: "a service id or name", max: 512 });
  checkScope({ ...(o.routeId !== undefined ? { route: o.routeId } : {}), ...(o.serviceId !== undefined ? { service: o.serviceId } : {}) }, ["route", "service"], "aws-lambda");
  checkRoleArn(o.assumeRoleArn, "assumeRoleArn");
  checkRoleSessionName(o.roleSessionName, "roleSessionName");
  checkOptionalString(o.stsEndpointUrl, "stsEndpointUrl", { what: "a URL", max: 2048 });
  check(o.stsEndpointUrl === undefined || /^https?:\/\/[^\s/]+(\/\S*)?$/.test(o.stsEndpointUrl), "stsEndpointUrl", `${show(o.stsEndpointUrl)} is not an http(s) URL`, "use a URL such as https://sts.us-east-1.amazonaws.com");
  check(o.imdsVersion === undefined || o.imdsVersion === "v1" || o.imdsVersion === "v2", "imdsVersion", `unknown IMDS version ${show(o.imdsVersion)}`, "use v1 or v2");
  check(o.payloadVersion === undefined || o.payloadVersion === "1.0" || o.payloadVersion === "2.0", "payloadVersion", `unknown payload version ${show(o.payloadVersion)}`, 'use "1.0" or "2.0" (strings)');
  // Lambda runs a function for at most 15 minutes (Lambda quotas): a longer gateway timeout only hides a hang
  checkOptionalNumber(o.timeoutMs, "timeoutMs", { min: 1, max: 900_000, integer: true, unit: "ms" });
  // Kong's keepalive: an integer of ms up to 2^31-2 (AwsLambda.json)
  checkOptionalNumber(o.keepaliveMs, "keepaliveMs", { min: 1, max: 2_147_483_646, integer: true, unit: "ms" });
  for (const k of ["forwardRequestBody", "forwardRequestHeaders", "forwardRequestMethod", "forwardRequestUri", "isProxyIntegration", "awsgatewayCompatible", "verify"] as const) checkOptionalBoolean(o[k], k);
  check(o.trustedPrincipal === undefined || o.assumeRoleArn !== undefined, "trustedPrincipal", "a trust policy is for the role the gateway assumes", "set assumeRoleArn too, or drop trustedPrincipal");
  if (o.trustedPrincipal !== undefined) checkPrincipal(o.trustedPrincipal, "trustedPrincipal");
  checkExternalId(o.externalId, "externalId");
  check(o.lambda === undefined || typeof (o.lambda as { send?: unknown } | null)?.send === "function", "lambda", `expected a LambdaClient, got ${describeValue(o.lambda)}`, "pass lambda: new LambdaClient({ region }), or leave it out");
  return t;
}

/** aws-lambda config (Kong 3.14 AwsLambda.json); unset managed fields take Kong's defaults. */
function lambdaConfig(o: AttachLambdaOptions, t: LambdaTarget): Json {
  return {
    function_name: t.pluginFunction,
    aws_region: t.region,
    qualifier: t.qualifier ?? null,
    invocation_type: o.invocationType ?? "RequestResponse",
    // Kong's default, Tail, returns the function's last 4 KB of logs to the gateway; keep logs in CloudWatch
    log_type: "None",
    aws_assume_role_arn: o.assumeRoleArn ?? null,
    aws_role_session_name: o.roleSessionName ?? "kong",
    aws_sts_endpoint_url: o.stsEndpointUrl ?? null,
    // only keys the plugin's client cache in Kong 3.5+ (handler.lua SERVICE_RELATED_FIELD); not managed unless given
    ...(o.imdsVersion ? { aws_imds_protocol_version: o.imdsVersion } : {}),
    timeout: o.timeoutMs ?? 60000,
    keepalive: o.keepaliveMs ?? 60000,
    forward_request_body: o.forwardRequestBody ?? false,
    forward_request_headers: o.forwardRequestHeaders ?? false,
    forward_request_method: o.forwardRequestMethod ?? false,
    forward_request_uri: o.forwardRequestUri ?? false,
    is_proxy_integration: o.isProxyIntegration ?? false,
    awsgateway_compatible: o.awsgatewayCompatible ?? false,
    awsgateway_compatible_payload_version: o.payloadVersion ?? "1.0",
  };
}

async function verifyFunction(o: AttachLambdaOptions, t: LambdaTarget): Promise<string | undefined> {
  const cfg = await readFunctionConfiguration(o.lambda, { region: t.region, name: t.name, functionName: t.pluginFunction, qualifier: t.qualifier }, o.signal);
  if (!cfg) throw new ConfigError({ field: "functionName", problem: `no function ${t.name}${t.qualifier ? `:${t.qualifier}` : ""} in ${t.region}`, fix: "check the name, qualifier and region" });
  const timeoutMs = o.timeoutMs ?? 60000;
  const invocation = o.invocationType ?? "RequestResponse";
  if (invocation === "RequestResponse" && cfg.Timeout !== undefined && cfg.Timeout * 1000 > timeoutMs) {
    throw new ConfigError({ field: "timeoutMs", problem: `the function may run ${cfg.Timeout} s but the gateway would give up after ${timeoutMs / 1000} s`, fix: `set timeoutMs to at least ${cfg.Timeout * 1000}, or shorten the function's timeout` });
  }
  // arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]: keep the unqualified part
  return cfg.FunctionArn?.split(":").slice(0, 7).join(":");
}

/**
 * Routes a route's or service's requests to a Lambda function with Kong's aws-lambda plugin: region from
 * the ARN, the gateway's invoker role (`assumeRoleArn`, the guide's
 * `aws_lambda_role_arn`) and the IAM policy it needs, scoped to exactly that function.
 * {@link detachLambda}, given the same options, removes the plugin.
 *
 * @example
 * ```ts
 * import { attachLambda } from "konnect-aws";
 * const { plugin, iamPolicy } = await attachLambda({
 *   konnect,
 *   controlPlaneId,
 *   functionName: "arn:aws:lambda:us-east-1:123456789012:function:orders-handler:live",
 *   routeId: "orders",
 *   assumeRoleArn: "arn:aws:iam::123456789012:role/kong-lambda-invoker",
 * });
 * ```
 */
export async function attachLambda(options: AttachLambdaOptions): Promise<AttachLambdaResult> {
  // a run that loses a race to another identical run reads again and converges (replan-on-conflict.ts)
  return replanOnConflict(() => attachLambdaOnce(options), options?.signal);
}

async function attachLambdaOnce(options: AttachLambdaOptions): Promise<AttachLambdaResult> {
  const t = validateLambdaOptions(options);
  const { konnect, controlPlaneId, signal } = options;
  const [scope, plugins, verifiedArn] = await Promise.all([
    resolveScope(konnect, controlPlaneId, lambdaScope(options), signal),
    // the scope's aws-lambda plugins only: one read whatever else the control plane holds
    listScopePlugins(konnect, controlPlaneId, ["aws-lambda"], lambdaScope(options), signal),
    options.verify ? verifyFunction(options, t) : Promise.resolve(undefined),
  ]);
  const config = lambdaConfig(options, t);
  const { plugin, out } = declareLambdaPlugin(options, scope, config, plugins.find((p) => p.name === "aws-lambda" && sameScope(p as Json, scope)));
  const { changes } = await reconcileResources([plugin], { mode: "apply", dryRun: options.dryRun, adopt: options.adopt, concurrency: options.concurrency, signal, onEvent: options.onEvent, logger: options.logger });
  const functionArn = verifiedArn ?? `arn:${t.partition}:lambda:${t.region}:${t.account ?? "*"}:function:${t.name}`;
  return {
    plugin: { id: out.plugin?.id ?? undefined, name: "aws-lambda", config: (out.plugin?.config as Json | undefined) ?? config },
    functionArn,
    iamPolicy: buildLambdaInvokePolicy({ functionArn, ...(t.qualifier ? { qualifier: t.qualifier } : {}) }),
    ...(options.trustedPrincipal ? { trustPolicy: buildCrossAccountTrustPolicy({ trustedPrincipal: options.trustedPrincipal, ...(options.externalId ? { externalId: options.externalId } : {}) }) } : {}),
    changes,
  };
}

/** The route or service the function serves. @internal */
export function lambdaScope(o: AttachLambdaOptions): PluginScope {
  return o.routeId !== undefined ? { route: o.routeId } : { service: o.serviceId! };
}

/** The aws-lambda plugin resource on a resolved scope; `existing` comes from the operation's one scoped plugin read. @internal */
export function declareLambdaPlugin(o: AttachLambdaOptions, scope: ResolvedScope, config: Json, existing: KonnectSchemas["Plugin"] | undefined) {
  const out: { plugin?: KonnectSchemas["Plugin"] } = {};
  const ownership: Ownership = { ...DEFAULT_OWNERSHIP, ...o.ownership };
  const plugin = pluginResource({ konnect: o.konnect, controlPlaneId: o.controlPlaneId, name: "aws-lambda", scope, config, find: async () => existing, ownership, signal: o.signal, out });
  return { plugin, out };
}
