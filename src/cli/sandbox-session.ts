import { createKonnectClient, type KonnectClient } from "../konnect/create-konnect-client.js";
import { enableAwsVault } from "../operations/enable-aws-vault.js";
import { ensureControlPlane } from "../operations/ensure-control-plane.js";
import { CliError } from "./format-error.js";

/** The embedded sandbox, serving this process's Konnect and AWS calls in memory. @internal */
export interface SandboxSession {
  konnect: KonnectClient;
  region: string;
  /** Static credentials the AWS fakes accept (requests are still SigV4-signed). */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Adds a Lambda function to the fake (15 s timeout). */
  seedLambdaFunction(name: string): void;
  /** Adds an IAM role allowed to read secrets and invoke functions; returns its ARN. */
  seedDataPlaneRole(name: string): string;
  /** A data plane node of the control plane, connected and in sync (what `doctor` reads from `/nodes`). */
  connectDataPlane(controlPlaneId: string): void;
  stop(): void;
}

const REGION = "us-east-1";

/**
 * Starts the sandbox the way `npm run demo` does: msw answers every Konnect and AWS request of this
 * process, and refuses anything else, so `--sandbox` can never touch a real account. It is loaded
 * through the package's public `konnect-aws/testing` entry (and msw, an optional peer) only when asked.
 * @internal
 */
export async function startSandboxSession(): Promise<SandboxSession> {
  let testing: typeof import("konnect-aws/testing");
  let mswNode: typeof import("msw/node");
  try {
    [testing, mswNode] = await Promise.all([import("konnect-aws/testing"), import("msw/node")]);
  } catch (cause) {
    throw new CliError(`--sandbox needs msw, an optional peer dependency: npm install msw (${cause instanceof Error ? cause.message.split("\n")[0] : String(cause)})`);
  }
  // the AWS SDK's once-per-process notice about its 2027 Node 22 requirement is noise for an offline run
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  // the sandbox's clock starts at the present, so what doctor judges against the wall clock (data planes'
  // last heartbeat, certificate expiry) reads as it would on a live deployment
  const sandbox = testing.createSandbox({ startTime: Date.now() });
  const server = mswNode.setupServer(...sandbox.handlers);
  server.listen({ onUnhandledRequest: "error" });
  return {
    konnect: createKonnectClient({ token: sandbox.token, env: {} }),
    region: REGION,
    credentials: { accessKeyId: "AKIASANDBOX000000000", secretAccessKey: "sandbox" },
    seedLambdaFunction: (name) => void sandbox.seedLambdaFunction({ name, region: REGION, timeout: 15 }),
    connectDataPlane: (controlPlaneId) => void sandbox.connectDataPlane({ controlPlaneId, hostname: "kong-dp-sandbox-1" }),
    seedDataPlaneRole: (name) =>
      sandbox.seedIamRole({ name, policies: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: `arn:aws:secretsmanager:${REGION}:*:secret:konnect-aws/*` }, { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: `arn:aws:lambda:${REGION}:*:function:konnect-aws-*` }] }] }),
    stop: () => server.close(),
  };
}

/** What {@link seedDoctorScenario} made. @internal */
export interface DoctorScenario {
  controlPlaneId: string;
  secretName: string;
  secretKeys: string[];
  lambdaFunction: string;
  /** The data planes' role (reads the secrets, invokes the function). */
  dataPlaneRoleArn: string;
}

/**
 * A sample deployment for `doctor --sandbox` (the sandbox starts empty in every process): a control
 * plane, the aws vault with one secret, a rate-limiting plugin whose Redis password is a vault reference,
 * an aws-lambda plugin and its function, the data planes' IAM role, and one connected data plane. Built with the SDK's own operations.
 * @internal
 */
export async function seedDoctorScenario(session: SandboxSession): Promise<DoctorScenario> {
  const { SecretsManagerClient } = await import("@aws-sdk/client-secrets-manager");
  const { konnect, region, credentials } = session;
  const { controlPlane } = await ensureControlPlane({ konnect, name: "konnect-aws-sandbox" });
  const controlPlaneId = controlPlane.id!;
  const secretName = "konnect-aws/redis";
  const { references } = await enableAwsVault({ konnect, controlPlaneId, region, secrets: { [secretName]: { password: "sandbox-redis-pass" } }, secretsManager: new SecretsManagerClient({ region, credentials }) });
  const refs = references[secretName] as Record<string, string>;
  await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", {
    params: { path: { controlPlaneId } },
    body: { name: "rate-limiting", config: { minute: 60, policy: "redis", redis: { host: "master.rl.sandbox.use1.cache.amazonaws.com", port: 6379, ssl: true, password: refs.password } } },
  });
  const lambdaFunction = "konnect-aws-sandbox-handler";
  session.seedLambdaFunction(lambdaFunction);
  await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", {
    params: { path: { controlPlaneId } },
    body: { name: "aws-lambda", config: { function_name: lambdaFunction, aws_region: region, timeout: 30000 } },
  });
  const dataPlaneRoleArn = session.seedDataPlaneRole("konnect-aws-sandbox-dp");
  session.connectDataPlane(controlPlaneId);
  return { controlPlaneId, secretName, secretKeys: ["password"], lambdaFunction, dataPlaneRoleArn };
}
