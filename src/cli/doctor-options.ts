import type { RunDoctorOptions } from "../doctor/types.js";
import { loadLambda, loadSecretsManager } from "../aws/load-sdk.js";
import type { KonnectClient } from "../konnect/create-konnect-client.js";
import { secret } from "../secret.js";
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
export async function doctorOptionsFromFlags(flags: DoctorFlags, konnect: KonnectClient | undefined, env: NodeJS.ProcessEnv, clients: { credentials?: { accessKeyId: string; secretAccessKey: string } } = {}): Promise<RunDoctorOptions> {
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
  if (flags.redis) o.redis = { ...hostPort(flags.redis, 6379, "--redis"), ...(env.REDIS_AUTH ? { password: secret(env.REDIS_AUTH) } : {}) };
  if (flags.postgres) {
    const m = /^([^@\s]+)@([^/\s]+)(?:\/(\S+))?$/.exec(flags.postgres);
    if (!m) throw new CliError(`--postgres ${JSON.stringify(flags.postgres)} is not user@host[:port][/database]`);
    const { readFileSync } = await import("node:fs");
    o.postgres = { user: m[1]!, ...hostPort(m[2]!, 5432, "--postgres"), ...(m[3] ? { database: m[3] } : {}), ...(env.PGPASSWORD ? { password: secret(env.PGPASSWORD) } : {}), ...(env.PGSSLROOTCERT ? { ca: readFileSync(env.PGSSLROOTCERT, "utf8") } : {}) };
  }
  if (flags.domain) o.dns = { domain: flags.domain, ...(flags.expectedTarget ? { expectedTarget: flags.expectedTarget } : {}) };
  return o;
}
