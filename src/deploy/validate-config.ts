import { checkAwsRegion } from "../aws/regions.js";
import { checkRoleArn, checkSecretName } from "../aws/validate.js";
import { ConfigError } from "../errors/config-error.js";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { UnsupportedFeatureError } from "../errors/unsupported-feature-error.js";
import { describeValue, isPlainObject, show } from "../internal/validate.js";
import { isKonnectRegion, regionalServerUrl } from "../konnect/regions.js";
import { parsePoolId } from "../operations/cognito.js";
import { isSecret } from "../secret.js";
import type { DeploymentConfig, DeploymentConfigKey } from "./config.js";
import { SETTING_KEYS, SETTINGS, isSettingKey, type SettingType } from "./config-keys.js";
import { suggest } from "./edit-distance.js";

/** Collects the problems of one configuration instead of stopping at the first. */
class Problems {
  readonly list: ConfigError[] = [];
  add(field: string, problem: string, fix: string): void {
    this.list.push(new ConfigError({ field, problem, fix }));
  }
  /** Runs an existing check (which throws a ConfigError) and keeps its error. */
  run(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      if (error instanceof ConfigError) this.list.push(error);
      else throw error;
    }
  }
  has(field: string): boolean {
    return this.list.some((p) => p.field === field || p.field.startsWith(`${field}.`) || p.field.startsWith(`${field}[`));
  }
}

const TERRAFORM_TYPE_EXAMPLE: Record<SettingType, string> = {
  string: '"text"',
  bool: "true",
  number: "6379",
  "list(string)": '["10.0.0.0/16"]',
  "map(string)": '{ Team = "payments" }',
  "list(object)": "[{ limit = 100, window = 60 }]",
};

function typeProblem(key: string, type: SettingType, value: unknown, secret: boolean): string | undefined {
  const isText = (v: unknown) => typeof v === "string" || (secret && isSecret(v));
  switch (type) {
    case "string":
      return isText(value) ? undefined : `expected a string, got ${secret ? typeof value : describeValue(value)}`;
    case "bool":
      return typeof value === "boolean" ? undefined : `expected true or false, got ${describeValue(value)}`;
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? undefined : `expected a number, got ${describeValue(value)}`;
    case "list(string)":
      if (!Array.isArray(value)) return `expected a list of strings, got ${describeValue(value)}`;
      return value.every((v) => typeof v === "string") ? undefined : `every item must be a string, got ${describeValue(value.find((v) => typeof v !== "string"))}`;
    case "map(string)":
      if (!isPlainObject(value)) return `expected a map of strings, got ${secret ? typeof value : describeValue(value)}`;
      for (const [k, v] of Object.entries(value)) if (!isText(v)) return `${JSON.stringify(k)} must be a string, got ${secret ? typeof v : describeValue(v)}`;
      return undefined;
    case "list(object)":
      if (!Array.isArray(value)) return `expected a list of objects, got ${describeValue(value)}`;
      return value.every(isPlainObject) ? undefined : "every item must be an object";
  }
  return `unknown type for ${key}`;
}

/** True when a feature switch is on. */
const on = (c: DeploymentConfig, key: DeploymentConfigKey) => c[key] === true;

const FEATURES = [
  "enable_aws_vault",
  "enable_aws_multi_region",
  "enable_aws_elasticache",
  "enable_aws_lambda",
  "enable_aws_cognito",
  "enable_aws_rds_oauth",
  "enable_aws_cloudwatch",
  "enable_aws_datadog",
  "enable_aws_custom_domain",
  "enable_aws_acm_cert",
  "enable_aws_transit_gateway",
  "enable_aws_data_planes",
] as const satisfies readonly DeploymentConfigKey[];

const DNS_NAME = /^(?=.{1,253}\.?$)([a-zA-Z0-9_]([a-zA-Z0-9-_]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}\.?$/;
const CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(3[0-2]|[12]?\d)$/;
// EC2 ids: prefix, '-', 8 or 17 hex digits (EC2 API reference, resource ids)
const TGW_ID = /^tgw-([0-9a-f]{8}|[0-9a-f]{17})$/;
const RTB_ID = /^rtb-([0-9a-f]{8}|[0-9a-f]{17})$/;
// RAM resource share ARN: arn:<partition>:ram:<region>:<account>:resource-share/<uuid> (RAM API reference)
const RAM_SHARE_ARN = /^arn:aws[a-z-]*:ram:[a-z0-9-]+:\d{12}:resource-share\/[0-9a-f-]{36}$/;
const ELB_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:loadbalancer\/(app|net)\/[\w-]+\/[0-9a-f]+$/;
const LISTENER_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/(app|net)\/[\w-]+\/[0-9a-f]+\/[0-9a-f]+$/;
const ZONE_ID = /^(\/hostedzone\/)?Z[A-Z0-9]{1,32}$/;
const PLACEHOLDER = /X{3,}|x{4,}|YOUR_|ACCOUNT|\.\.\./;

/** A value copied from the guide without being filled in ("tgw-xxxxx", "ACCOUNT", "us-east-1_XXXXX"). */
function placeholder(p: Problems, c: DeploymentConfig, key: DeploymentConfigKey): boolean {
  const v = c[key];
  if (typeof v !== "string" || !PLACEHOLDER.test(v)) return false;
  p.add(key, `${show(v)} is the guide's placeholder, not a value`, "replace it with your own value");
  return true;
}

function requireKey(p: Problems, c: DeploymentConfig, key: DeploymentConfigKey, because: string, fix: string): boolean {
  const v = c[key];
  if (v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0)) return true;
  if (!p.has(key)) p.add(key, `missing: ${because}`, fix);
  return false;
}

/**
 * Checks a whole configuration before any request and throws every problem at once: one
 * {@link ConfigError} when there is one, an {@link InvalidConfigError} listing them (one line per key)
 * when there are several. Unknown keys get a "did you mean" for likely typos; `enable_aws_rds_oauth`
 * is an {@link UnsupportedFeatureError}.
 *
 * @example
 * ```ts
 * import { validateConfig } from "konnect-aws";
 * validateConfig({ control_plane_name: "payments-prod", aws_region: "us-east-1", enable_aws_vault: true });
 * ```
 */
export function validateConfig(config: DeploymentConfig): void {
  const p = new Problems();
  if (!isPlainObject(config)) {
    throw new ConfigError({ field: "config", problem: `expected an object of settings, got ${describeValue(config)}`, fix: "pass the object loadConfig returns, or a path to load" });
  }
  const c = config as Record<string, unknown>;
  // 1. unknown keys and types
  for (const [key, value] of Object.entries(c)) {
    if (!isSettingKey(key)) {
      const near = suggest(key, SETTING_KEYS);
      p.add(key, `unknown setting${near ? ` (did you mean ${near}?)` : ""}`, near ? `rename it to ${near}` : "remove it; the settings are listed in DeploymentConfig (README, Deploying from a configuration)");
      continue;
    }
    if (value === undefined) continue;
    if (value === null) {
      p.add(key, "is null", "leave the setting out for its default (loadConfig drops a tfvars `null` itself)");
      continue;
    }
    const spec = SETTINGS[key];
    const wrong = typeProblem(key, spec.type, value, spec.secret === true);
    if (wrong) p.add(key, wrong, `write it as a ${spec.type}, such as ${key} = ${TERRAFORM_TYPE_EXAMPLE[spec.type]}`);
  }
  if (p.list.length) throw collected(p);
  checkCore(p, config);
  checkFeatures(p, config);
  if (p.list.length) throw collected(p);
}

function collected(p: Problems): ConfigError {
  return p.list.length === 1 ? p.list[0]! : new InvalidConfigError(p.list);
}

function checkCore(p: Problems, c: DeploymentConfig): void {
  if (requireKey(p, c, "control_plane_name", "the control plane's name is the deployment's identity (a stateless deploy finds everything again from it)", 'add control_plane_name = "payments-prod"')) {
    const n = c.control_plane_name!;
    if (n.length < 2 || n.length > 256 || n.trim() !== n) p.add("control_plane_name", `${show(n)} is not a control-plane name (2-256 characters, no leading or trailing spaces)`, "use a name such as payments-prod");
  }
  if (c.konnect_region !== undefined && !isKonnectRegion(c.konnect_region)) p.add("konnect_region", `${show(c.konnect_region)} is not a Konnect region`, "use us, eu, au, me, in or sg");
  if (c.konnect_server_url !== undefined) {
    const url = c.konnect_server_url;
    const match = /^https:\/\/([a-z]{2})\.api\.konghq\.com\/?$/.exec(url);
    if (!match) p.add("konnect_server_url", `${show(url)} is not a regional Konnect API server`, "use https://<region>.api.konghq.com, such as https://us.api.konghq.com, or leave it out and set konnect_region");
    else if (!isKonnectRegion(match[1])) p.add("konnect_server_url", `${show(url)} names no Konnect region`, "use us, eu, au, me, in or sg");
    else if (c.konnect_region !== undefined && isKonnectRegion(c.konnect_region) && regionalServerUrl(c.konnect_region) !== url.replace(/\/$/, "")) {
      p.add("konnect_server_url", `${show(url)} is not the server of konnect_region ${c.konnect_region} (${regionalServerUrl(c.konnect_region)})`, "make them agree, or give only one of them");
    }
  }
  const anyAws = FEATURES.some((f) => on(c, f));
  if (c.aws_deployment === false) for (const f of FEATURES.filter((f) => on(c, f))) p.add(f, "is on, but aws_deployment = false turns every AWS feature off", `set aws_deployment = true, or ${f} = false`);
  if (anyAws && requireKey(p, c, "aws_region", "every AWS feature needs the primary region", 'add aws_region = "us-east-1"')) p.run(() => checkAwsRegion(c.aws_region, "aws_region", on(c, "enable_aws_vault") || on(c, "enable_aws_elasticache") ? "kong-vault" : "aws"));
  if (c.aws_secondary_region !== undefined) p.run(() => checkAwsRegion(c.aws_secondary_region, "aws_secondary_region"));
  for (const [k, v] of Object.entries(c.aws_tags ?? {})) {
    if (k.length < 1 || k.length > 128 || k.toLowerCase().startsWith("aws:")) p.add(`aws_tags.${k}`, "AWS tag keys are 1-128 characters and may not start with aws:", "rename the tag");
    if (typeof v === "string" && v.length > 256) p.add(`aws_tags.${k}`, "AWS tag values are at most 256 characters", "shorten the value");
  }
}

function checkFeatures(p: Problems, c: DeploymentConfig): void {
  // Secrets Manager through the vault
  for (const name of Object.keys(c.aws_vault_secrets ?? {})) p.run(() => checkSecretName(name, `aws_vault_secrets.${name}`));
  if (c.aws_vault_secrets && Object.keys(c.aws_vault_secrets).length && !on(c, "enable_aws_vault")) p.add("aws_vault_secrets", "secrets are kept through the AWS vault, which is off", "set enable_aws_vault = true");
  // multi-region
  if (on(c, "enable_aws_multi_region")) {
    if (requireKey(p, c, "aws_secondary_region", "multi-region needs a second region", 'add aws_secondary_region = "us-west-2"') && c.aws_secondary_region === c.aws_region) {
      p.add("aws_secondary_region", `is the same region as aws_region (${String(c.aws_region)})`, "choose another region");
    }
    const domain = c.aws_multi_region_domain ?? c.aws_custom_domain;
    if (domain === undefined) p.add("aws_multi_region_domain", "missing: multi-region routing needs the name clients use", 'add aws_multi_region_domain = "api.example.com" (or aws_custom_domain)');
    else if (!DNS_NAME.test(domain)) p.add(c.aws_multi_region_domain !== undefined ? "aws_multi_region_domain" : "aws_custom_domain", `${show(domain)} is not a DNS name`, "use a name such as api.example.com");
    if (requireKey(p, c, "aws_multi_region_endpoints", "each region's gateway DNS name is needed for the health checks and records", 'add aws_multi_region_endpoints = { "us-east-1" = "gw-use1.example.net", "us-west-2" = "gw-usw2.example.net" }')) {
      for (const r of [c.aws_region, c.aws_secondary_region].filter((r): r is string => typeof r === "string")) {
        const e = c.aws_multi_region_endpoints![r];
        if (e === undefined) p.add(`aws_multi_region_endpoints.${r}`, `region ${r} has no endpoint`, `add "${r}" = "<its gateway's DNS name>"`);
        else if (!DNS_NAME.test(e)) p.add(`aws_multi_region_endpoints.${r}`, `${show(e)} is not a DNS name`, "give the host name of the region's load balancer or gateway");
      }
    }
    if (c.aws_multi_region_mode !== undefined && c.aws_multi_region_mode !== "failover" && c.aws_multi_region_mode !== "latency") p.add("aws_multi_region_mode", `unknown mode ${show(c.aws_multi_region_mode)}`, "use failover or latency");
    requireKey(p, c, "aws_health_check_port", "Kong serves /status/ready only on its status listener, never on the proxy port", "expose the status listener (KONG_STATUS_LISTEN=0.0.0.0:8100) and add aws_health_check_port = 8100");
  } else if (c.aws_multi_region_endpoints !== undefined) p.add("aws_multi_region_endpoints", "is set, but enable_aws_multi_region is off", "set enable_aws_multi_region = true, or remove it");
  if (c.aws_health_check_port !== undefined && !(Number.isInteger(c.aws_health_check_port) && c.aws_health_check_port >= 1 && c.aws_health_check_port <= 65535)) p.add("aws_health_check_port", `${String(c.aws_health_check_port)} is not a port`, "use 1-65535");
  if (c.aws_health_check_path !== undefined && !c.aws_health_check_path.startsWith("/")) p.add("aws_health_check_path", `${show(c.aws_health_check_path)} does not start with /`, 'use "/status/ready"');
  checkElastiCache(p, c);
  checkLambdaAndCognito(p, c);
  checkRds(p, c);
  checkDomainNetworkObservability(p, c);
}

function checkElastiCache(p: Problems, c: DeploymentConfig): void {
  if (!on(c, "enable_aws_elasticache")) {
    for (const k of ["aws_elasticache_endpoint", "aws_elasticache_password", "aws_elasticache_replication_group_id", "aws_rate_limits"] as const) if (c[k] !== undefined) p.add(k, "is set, but enable_aws_elasticache is off", "set enable_aws_elasticache = true, or remove it");
    return;
  }
  if (!on(c, "enable_aws_vault")) p.add("enable_aws_elasticache", "the Redis password reaches Kong through the AWS vault, which is off", "set enable_aws_vault = true");
  const host = c.aws_elasticache_endpoint;
  if (host === undefined && c.aws_elasticache_replication_group_id === undefined) p.add("aws_elasticache_endpoint", "missing: the plugin needs the Redis endpoint", 'add aws_elasticache_endpoint = "master.rl.abc123.use1.cache.amazonaws.com", or aws_elasticache_replication_group_id');
  if (host !== undefined && c.aws_elasticache_replication_group_id !== undefined) p.add("aws_elasticache_endpoint", "give either the endpoint or aws_elasticache_replication_group_id, not both", "remove one");
  if (host !== undefined && !placeholder(p, c, "aws_elasticache_endpoint")) {
    if (/:\/\//.test(host)) p.add("aws_elasticache_endpoint", `${show(host)} is a URL`, "give the host name alone (the port has aws_elasticache_port, TLS aws_elasticache_ssl)");
    else if (!DNS_NAME.test(host)) p.add("aws_elasticache_endpoint", `${show(host)} is not a host name`, "copy the primary endpoint from the ElastiCache console");
  }
  if (c.aws_elasticache_port !== undefined && !(Number.isInteger(c.aws_elasticache_port) && c.aws_elasticache_port >= 1 && c.aws_elasticache_port <= 65535)) p.add("aws_elasticache_port", `${String(c.aws_elasticache_port)} is not a port`, "use 1-65535, such as 6379");
  const password = c.aws_elasticache_password !== undefined && c.aws_elasticache_password !== "";
  const iam = c.aws_elasticache_iam_user_id !== undefined;
  if (!password && !iam) p.add("aws_elasticache_password", "missing: ElastiCache needs an AUTH password or IAM authentication, and Kong would connect without either", "add aws_elasticache_password = var.elasticache_password (with TF_VAR_elasticache_password), or aws_elasticache_iam_user_id");
  if (password && iam) p.add("aws_elasticache_iam_user_id", "IAM authentication replaces the password: both are set", "remove one of aws_elasticache_password and aws_elasticache_iam_user_id");
  if (iam && c.aws_elasticache_replication_group_id === undefined) p.add("aws_elasticache_iam_user_id", "IAM authentication signs for a cache name, known only from aws_elasticache_replication_group_id", "add aws_elasticache_replication_group_id");
  if (iam && c.aws_elasticache_ssl === false) p.add("aws_elasticache_ssl", "ElastiCache IAM authentication requires TLS", "set aws_elasticache_ssl = true");
  if (requireKey(p, c, "aws_rate_limits", "the rate-limiting plugin needs at least one limit (the guide sets none)", "add aws_rate_limits = [{ limit = 1000, window = 60 }]")) {
    c.aws_rate_limits!.forEach((l, i) => {
      const ok = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v > 0;
      if (!ok(l.limit)) p.add(`aws_rate_limits[${i}].limit`, `expected a whole number of requests above 0, got ${describeValue(l.limit)}`, "such as limit = 1000");
      if (!ok(l.window)) p.add(`aws_rate_limits[${i}].window`, `expected a window in whole seconds above 0, got ${describeValue(l.window)}`, "such as window = 60");
      for (const k of Object.keys(l)) if (k !== "limit" && k !== "window") p.add(`aws_rate_limits[${i}].${k}`, "unknown field", "each limit has limit and window only");
    });
  }
}

function checkLambdaAndCognito(p: Problems, c: DeploymentConfig): void {
  if (on(c, "enable_aws_lambda")) {
    if (requireKey(p, c, "aws_lambda_function_name", "the plugin needs the function", 'add aws_lambda_function_name = "api-processor"')) placeholder(p, c, "aws_lambda_function_name");
    if (c.aws_lambda_role_arn !== undefined && !placeholder(p, c, "aws_lambda_role_arn")) p.run(() => checkRoleArn(c.aws_lambda_role_arn, "aws_lambda_role_arn"));
    const t = c.aws_lambda_invocation_type;
    if (t !== undefined && t !== "RequestResponse" && t !== "Event" && t !== "DryRun") p.add("aws_lambda_invocation_type", `unknown invocation type ${show(t)}`, "use RequestResponse, Event or DryRun");
    if (c.aws_lambda_route === undefined && c.aws_lambda_service === undefined) p.add("aws_lambda_route", "missing: the plugin applies to a route or a service, which the guide does not name", 'add aws_lambda_route = "orders" (an existing route of the control plane), or aws_lambda_service');
    if (c.aws_lambda_route !== undefined && c.aws_lambda_service !== undefined) p.add("aws_lambda_service", "give a route or a service, not both", "remove one");
  }
  if (on(c, "enable_aws_cognito")) {
    if (requireKey(p, c, "aws_cognito_user_pool_id", "the plugin validates tokens of one user pool", 'add aws_cognito_user_pool_id = "us-east-1_AbCdEf123"') && !placeholder(p, c, "aws_cognito_user_pool_id")) {
      p.run(() => {
        const { region } = parsePoolId(c.aws_cognito_user_pool_id, "aws_cognito_user_pool_id");
        if (c.aws_cognito_region !== undefined && c.aws_cognito_region !== region) p.add("aws_cognito_region", `the pool ${String(c.aws_cognito_user_pool_id)} lives in ${region}, not ${c.aws_cognito_region}`, `set aws_cognito_region = "${region}", or leave it out`);
      });
    }
    const mode = c.aws_cognito_mode;
    if (mode !== undefined && mode !== "openid-connect" && mode !== "jwt") p.add("aws_cognito_mode", `unknown mode ${show(mode)}`, "use openid-connect or jwt");
    if (mode === "jwt" && (c.aws_cognito_client_ids?.length || c.aws_cognito_scopes?.length)) p.add("aws_cognito_mode", "Kong's jwt plugin cannot check app clients or scopes", 'use aws_cognito_mode = "openid-connect" (the default)');
  }
}

function checkRds(p: Problems, c: DeploymentConfig): void {
  if (on(c, "enable_aws_rds_oauth")) {
    p.list.push(
      new UnsupportedFeatureError({
        field: "enable_aws_rds_oauth",
        problem:
          "Kong's oauth2 plugin cannot be used on Konnect: it needs to generate and delete tokens and commit them to a database on the data plane's own node, and Konnect data planes have none (hybrid, DB-less), so no RDS database can serve as its token store",
        source: "Kong docs, OAuth 2.0 Authentication plugin: \"This plugin can't be used in Konnect, hybrid, or DB-less modes\" (https://developer.konghq.com/plugins/oauth2/)",
        alternative: "openid-connect with Cognito as the authorization server (client-credentials flow)",
        fix: "set enable_aws_rds_oauth = false and enable_aws_cognito = true with aws_cognito_user_pool_id: Cognito issues the tokens (client-credentials flow) and openid-connect validates them; the aws_rds_* credentials, if given, are still stored in Secrets Manager for your own services",
      }),
    );
  }
  const rds = ["aws_rds_endpoint", "aws_rds_username", "aws_rds_password"] as const;
  const given = rds.filter((k) => c[k] !== undefined);
  if (given.length === 0) return;
  for (const k of rds) if (c[k] === undefined) p.add(k, `missing: the RDS credentials secret needs ${rds.join(", ")}`, `add ${k}`);
  if (!on(c, "enable_aws_vault")) p.add("aws_rds_endpoint", "the RDS credentials are stored in Secrets Manager through the AWS vault, which is off", "set enable_aws_vault = true, or remove the aws_rds_* settings");
  if (c.aws_rds_endpoint !== undefined && !placeholder(p, c, "aws_rds_endpoint") && !DNS_NAME.test(c.aws_rds_endpoint)) p.add("aws_rds_endpoint", `${show(c.aws_rds_endpoint)} is not a host name`, "give the instance endpoint's host name, without port");
  if (c.aws_rds_secret_name !== undefined) p.run(() => checkSecretName(c.aws_rds_secret_name, "aws_rds_secret_name"));
}

function checkDomainNetworkObservability(p: Problems, c: DeploymentConfig): void {
  const target = c.aws_custom_domain_target ?? "cloud-gateway";
  if (on(c, "enable_aws_custom_domain")) {
    if (requireKey(p, c, "aws_custom_domain", "the custom domain's name", 'add aws_custom_domain = "api.example.com"') && !DNS_NAME.test(c.aws_custom_domain!)) p.add("aws_custom_domain", `${show(c.aws_custom_domain)} is not a DNS name`, "use a name such as api.example.com");
    if (requireKey(p, c, "aws_hosted_zone_id", "a custom domain's records go into a Route 53 hosted zone", 'add aws_hosted_zone_id = "Z0123456789ABC"') && !ZONE_ID.test(c.aws_hosted_zone_id!)) p.add("aws_hosted_zone_id", `${show(c.aws_hosted_zone_id)} is not a Route 53 hosted zone id`, "use the id from Route 53, such as Z0123456789ABC");
    if (target !== "cloud-gateway" && target !== "load-balancer") p.add("aws_custom_domain_target", `unknown target ${show(target)}`, "use cloud-gateway or load-balancer");
    if (target === "load-balancer") {
      if (c.aws_load_balancer_arn === undefined && c.aws_load_balancer_dns_name === undefined) p.add("aws_load_balancer_arn", "missing: a load-balancer custom domain points to your load balancer", "add aws_load_balancer_arn (or aws_load_balancer_dns_name)");
      if (c.aws_load_balancer_arn !== undefined && !ELB_ARN.test(c.aws_load_balancer_arn)) p.add("aws_load_balancer_arn", `${show(c.aws_load_balancer_arn)} is not a load balancer ARN`, "copy the ARN from the EC2 console (arn:aws:elasticloadbalancing:...:loadbalancer/app/...)");
      if (c.aws_load_balancer_dns_name !== undefined && !DNS_NAME.test(c.aws_load_balancer_dns_name)) p.add("aws_load_balancer_dns_name", `${show(c.aws_load_balancer_dns_name)} is not a DNS name`, "copy the load balancer's DNS name");
      if (c.aws_load_balancer_listener_arn !== undefined && !LISTENER_ARN.test(c.aws_load_balancer_listener_arn)) p.add("aws_load_balancer_listener_arn", `${show(c.aws_load_balancer_listener_arn)} is not a listener ARN`, "copy the HTTPS listener's ARN");
    }
    if (on(c, "enable_aws_multi_region") && (c.aws_multi_region_domain ?? c.aws_custom_domain) === c.aws_custom_domain && target === "load-balancer") {
      p.add("aws_multi_region_domain", `multi-region routing and the load-balancer custom domain would both own the records of ${String(c.aws_custom_domain)}`, "give multi-region routing its own name (aws_multi_region_domain), or use the cloud-gateway target");
    }
    if (target === "cloud-gateway" && on(c, "enable_aws_data_planes")) {
      p.add("enable_aws_data_planes", "a cloud-gateway custom domain makes the control plane a Dedicated Cloud Gateway one, whose gateways Konnect runs: it has no endpoints for self-hosted data planes", 'set aws_custom_domain_target = "load-balancer" (your ALB in front of the ECS data planes), or enable_aws_data_planes = false');
    }
  } else if (on(c, "enable_aws_acm_cert")) p.add("enable_aws_acm_cert", "an ACM certificate is for the custom domain, which is off", "set enable_aws_custom_domain = true with aws_custom_domain");
  if (on(c, "enable_aws_acm_cert") && on(c, "enable_aws_custom_domain") && target !== "load-balancer") {
    p.add("enable_aws_acm_cert", "Dedicated Cloud Gateway domains get a certificate issued by Konnect; ACM certificates apply to your own load balancer", 'set aws_custom_domain_target = "load-balancer" with aws_load_balancer_arn, or enable_aws_acm_cert = false');
  }
  if (on(c, "enable_aws_transit_gateway")) {
    if (requireKey(p, c, "aws_transit_gateway_id", "the attachment needs the Transit Gateway", 'add aws_transit_gateway_id = "tgw-0123456789abcdef0"') && !placeholder(p, c, "aws_transit_gateway_id") && !TGW_ID.test(c.aws_transit_gateway_id!)) {
      p.add("aws_transit_gateway_id", `${show(c.aws_transit_gateway_id)} is not a Transit Gateway id`, "use the id from the VPC console, such as tgw-0123456789abcdef0");
    }
    if (requireKey(p, c, "aws_vpc_cidrs", "Konnect routes these CIDRs through the attachment", 'add aws_vpc_cidrs = ["10.0.0.0/16"]')) c.aws_vpc_cidrs!.forEach((r, i) => CIDR.test(r) || p.add(`aws_vpc_cidrs[${i}]`, `${show(r)} is not an IPv4 CIDR block`, "use the form 10.0.0.0/16"));
    if (c.aws_ram_share_arn !== undefined && !placeholder(p, c, "aws_ram_share_arn") && !RAM_SHARE_ARN.test(c.aws_ram_share_arn)) p.add("aws_ram_share_arn", `${show(c.aws_ram_share_arn)} is not a RAM resource share ARN`, "copy it from Resource Access Manager (arn:aws:ram:<region>:<account>:resource-share/<id>)");
    if (c.aws_network_id === undefined) {
      if (c.aws_network_name === undefined) p.add("aws_network_id", "missing: the attachment belongs to a Konnect cloud-gateway network", "add aws_network_id (an existing network), or aws_network_name, aws_availability_zones and aws_network_cidr to create one");
      else {
        requireKey(p, c, "aws_availability_zones", "a new network needs its availability zones", 'add aws_availability_zones = ["use1-az1", "use1-az2"]');
        if (requireKey(p, c, "aws_network_cidr", "a new network needs its CIDR block", 'add aws_network_cidr = "192.168.0.0/16"') && !CIDR.test(c.aws_network_cidr!)) p.add("aws_network_cidr", `${show(c.aws_network_cidr)} is not an IPv4 CIDR block`, "use the form 192.168.0.0/16");
      }
    }
    (c.aws_route_table_ids ?? []).forEach((r, i) => RTB_ID.test(r) || p.add(`aws_route_table_ids[${i}]`, `${show(r)} is not a route table id`, "use the form rtb-0123456789abcdef0"));
  }
  if (on(c, "enable_aws_datadog") && c.aws_datadog_host === undefined) p.add("aws_datadog_host", "missing: the datadog plugin sends to a Datadog agent, which the guide does not name", 'add aws_datadog_host = "datadog-agent.internal"');
  if (c.aws_datadog_port !== undefined && !(Number.isInteger(c.aws_datadog_port) && c.aws_datadog_port >= 1 && c.aws_datadog_port <= 65535)) p.add("aws_datadog_port", `${String(c.aws_datadog_port)} is not a port`, "use 1-65535, such as 8125");
  if (c.aws_xray_sample_rate !== undefined && !(c.aws_xray_sample_rate >= 0 && c.aws_xray_sample_rate <= 1)) p.add("aws_xray_sample_rate", `${String(c.aws_xray_sample_rate)} is not between 0 and 1`, "use a fraction such as 0.1");
  if (c.aws_cloudwatch_retention_days !== undefined && !(Number.isInteger(c.aws_cloudwatch_retention_days) && c.aws_cloudwatch_retention_days > 0)) p.add("aws_cloudwatch_retention_days", `${String(c.aws_cloudwatch_retention_days)} is not a number of days`, "use a whole number of days, such as 30");
  if (on(c, "enable_aws_data_planes") && c.aws_data_plane_image !== undefined && !/^[\w./:@-]+$/.test(c.aws_data_plane_image)) p.add("aws_data_plane_image", `${show(c.aws_data_plane_image)} is not an image reference`, "use a form such as kong/kong-gateway:3.10");
}
