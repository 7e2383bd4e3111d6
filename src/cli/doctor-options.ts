import type { RunDoctorOptions } from "../doctor/types.js";
import { loadLambda, loadSecretsManager } from "../aws/load-sdk.js";
import type { KonnectClient } from "../konnect/create-konnect-client.js";
import { isSecret, secret } from "../secret.js";
import type { DeploymentConfig } from "../deploy/config.js";
import { rdsSecretName, redisSecretName } from "../deploy/step-options.js";
import { CliError } from "./format-error.js";

/** The `doctor` command's own flags. @internal */
export interface DoctorFlags {
  controlPlane?: string;
  awsRegion?: string;
  secret?: string[];
  lambdaFunction?: string;
  invokerRole?: string;
  dataPlaneRole?: string;
  redis?: string;
  /** TLS to Redis (the guide's aws_elasticache_ssl). @default true */
  redisTls?: boolean;
  postgres?: string;
  domain?: string;
  expectedTarget?: string;
}

const hostPort = (text: string, defaultPort: number, flag: string) => {
  const m = /^([^:\s/@]+)(?::(\d+))?$/.exec(text);
  if (!m) throw new CliError(`${flag} ${JSON.stringify(text)} is not host[:port]`);
  return { host: m[1]!, port: m[2] ? Number(m[2]) : defaultPort };
};

/**
 * Builds the doctor's options from its flags and the environment. Passwords come from the environment
 * only (REDIS_AUTH, and libpq's PGPASSWORD / PGSSLROOTCERT for the RDS CA bundle), never from argv,
 * where other users of the machine can read them.
 * @internal
 */
export async function doctorOptionsFromFlags(flags: DoctorFlags, konnect: KonnectClient | undefined, env: NodeJS.ProcessEnv, clients: { credentials?: { accessKeyId: string; secretAccessKey: string }; passwords?: { redis?: string; postgres?: string } } = {}): Promise<RunDoctorOptions> {
  const region = flags.awsRegion ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const o: RunDoctorOptions = { ...(konnect ? { konnect } : {}), ...(flags.controlPlane ? { controlPlaneId: flags.controlPlane } : {}) };
  const cred = clients.credentials ? { credentials: clients.credentials } : {};
  if (region) {
    const [sm, lambda] = await Promise.all([loadSecretsManager(), flags.lambdaFunction ? loadLambda() : undefined]);
    o.aws = {
      region,
      secretsManager: new sm.SecretsManagerClient({ region, ...cred }),
      secretsManagerFor: (r) => new sm.SecretsManagerClient({ region: r, ...cred }),
      ...(lambda ? { lambda: new lambda.LambdaClient({ region, ...cred }) } : {}),
    };
    if (flags.invokerRole || flags.dataPlaneRole) {
      const iam = await import("@aws-sdk/client-iam").catch(() => {
        throw new CliError("--invoker-role and --data-plane-role simulate IAM policies with @aws-sdk/client-iam, which is not installed: npm install @aws-sdk/client-iam");
      });
      o.aws.iam = new iam.IAMClient({ region, ...cred });
    }
  }
  if (flags.secret?.length) {
    o.secrets = flags.secret.map((s) => {
      const [name, keys] = s.split(":");
      return { name: name!, ...(keys ? { keys: keys.split(",").filter(Boolean) } : {}) };
    });
  }
  if (flags.dataPlaneRole) o.dataPlaneRoleArn = flags.dataPlaneRole;
  if (flags.lambdaFunction) o.lambda = { functionName: flags.lambdaFunction, ...(flags.invokerRole ? { invokerRoleArn: flags.invokerRole } : {}) };
  const redisPassword = clients.passwords?.redis ?? env.REDIS_AUTH;
  const postgresPassword = clients.passwords?.postgres ?? env.PGPASSWORD;
  if (flags.redis) o.redis = { ...hostPort(flags.redis, 6379, "--redis"), ...(flags.redisTls === false ? { tls: false } : {}), ...(redisPassword ? { password: secret(redisPassword) } : {}) };
  if (flags.postgres) {
    const m = /^([^@\s]+)@([^/\s]+)(?:\/(\S+))?$/.exec(flags.postgres);
    if (!m) throw new CliError(`--postgres ${JSON.stringify(flags.postgres)} is not user@host[:port][/database]`);
    const { readFileSync } = await import("node:fs");
    o.postgres = { user: m[1]!, ...hostPort(m[2]!, 5432, "--postgres"), ...(m[3] ? { database: m[3] } : {}), ...(postgresPassword ? { password: secret(postgresPassword) } : {}), ...(env.PGSSLROOTCERT ? { ca: readFileSync(env.PGSSLROOTCERT, "utf8") } : {}) };
  }
  if (flags.domain) o.dns = { domain: flags.domain, ...(flags.expectedTarget ? { expectedTarget: flags.expectedTarget } : {}) };
  return o;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : isSecret(v) ? String(v.reveal()) : undefined);

/**
 * The doctor's inputs from a deployment configuration keyed by the guide's Terraform variables
 * (`konnect_region`, `aws_region`, `aws_elasticache_endpoint`, `aws_elasticache_port`,
 * `aws_elasticache_password`, `aws_elasticache_ssl`, `aws_lambda_function_name`, `aws_rds_endpoint`,
 * `aws_rds_username`, `aws_rds_password`, `aws_rds_database`, `aws_custom_domain`; `konnect_token` and
 * `konnect_server_url` go to the Konnect client), and from the settings deploy adds: the secrets the
 * deployment keeps in Secrets Manager (`aws_vault_secrets` names, the RDS credentials secret with RDS's
 * keys, the Redis password secret), the data planes' task role (`aws_data_plane_task_role_arn`, which
 * reads them) and the Lambda invoker (`aws_lambda_role_arn`). The control plane is named, not numbered,
 * in a configuration: `controlPlaneName` is returned for the caller to look up. Command-line flags given
 * too win. Returns the secrets found, so that error output can be scrubbed of them.
 * @internal
 */
export function doctorInputsFromConfig(config: Record<string, unknown>, flags: DoctorFlags): { flags: DoctorFlags; konnect: { token?: string; region?: string; serverUrl?: string }; controlPlaneName?: string; redisPassword?: string; postgresPassword?: string; secrets: string[] } {
  const out: DoctorFlags = { ...flags };
  const c = config as DeploymentConfig;
  if (!flags.secret?.length) {
    const names = Object.keys(c.aws_vault_secrets ?? {});
    // RDS's secret format, as deploy stores it (see vaultOptions in src/deploy/step-options.ts)
    if (c.aws_rds_endpoint !== undefined && c.aws_rds_username !== undefined && c.aws_rds_password !== undefined) names.push(`${rdsSecretName(c)}:engine,host,username,password,dbname`);
    if (c.enable_aws_elasticache === true && c.aws_elasticache_password !== undefined) names.push(redisSecretName(c));
    if (names.length) out.secret = names;
  }
  const taskRole = str(config.aws_data_plane_task_role_arn);
  if (taskRole) out.dataPlaneRole ??= taskRole;
  const invoker = str(config.aws_lambda_role_arn);
  if (invoker) out.invokerRole ??= invoker;
  const controlPlaneName = str(config.control_plane_name);
  const awsRegion = str(config.aws_region);
  if (awsRegion) out.awsRegion ??= awsRegion;
  const lambda = str(config.aws_lambda_function_name);
  if (lambda) out.lambdaFunction ??= lambda;
  const redisHost = str(config.aws_elasticache_endpoint);
  if (redisHost) out.redis ??= `${redisHost.replace(/^rediss?:\/\//, "").replace(/:\d+$/, "")}:${Number(config.aws_elasticache_port ?? 6379)}`;
  const rdsHost = str(config.aws_rds_endpoint);
  const rdsUser = str(config.aws_rds_username);
  if (rdsHost && rdsUser) out.postgres ??= `${rdsUser}@${rdsHost}${str(config.aws_rds_database) ? `/${str(config.aws_rds_database)}` : ""}`;
  if (typeof config.aws_elasticache_ssl === "boolean") out.redisTls ??= config.aws_elasticache_ssl;
  const domain = str(config.aws_custom_domain);
  if (domain) out.domain ??= domain;
  const token = str(config.konnect_token);
  const redisPassword = str(config.aws_elasticache_password);
  const postgresPassword = str(config.aws_rds_password);
  const region = str(config.konnect_region);
  const serverUrl = str(config.konnect_server_url);
  return {
    flags: out,
    konnect: { ...(token ? { token } : {}), ...(region ? { region } : {}), ...(serverUrl ? { serverUrl } : {}) },
    ...(controlPlaneName ? { controlPlaneName } : {}),
    ...(redisPassword ? { redisPassword } : {}),
    ...(postgresPassword ? { postgresPassword } : {}),
    secrets: [token, redisPassword, postgresPassword].filter((s): s is string => !!s),
  };
}
