import type { RegisterTaskDefinitionCommandInput } from "@aws-sdk/client-ecs";
import type { PolicyDocument, PolicyStatement } from "../aws/iam-policies.js";
import { awsPartition } from "../aws/regions.js";

/** Ports of the data plane container. @internal */
export const PROXY_PORT = 8000;
/** @internal */
export const PROXY_SSL_PORT = 8443;

/** Label that ties a task definition revision to the certificate it runs with (a rotation makes a new revision). @internal */
export const CERTIFICATE_LABEL = "konnect-aws.cluster-certificate-sha256";

/** What {@link buildTaskDefinition} takes. @internal */
export interface TaskDefinitionInput {
  family: string;
  containerName: string;
  image: string;
  cpu: string;
  memory: string;
  executionRoleArn?: string | undefined;
  taskRoleArn?: string | undefined;
  environment: Record<string, string>;
  secrets: Array<{ name: string; valueFrom: string }>;
  statusPort: number;
  region: string;
  logGroup: string;
  logStreamPrefix: string;
  certificateSha256: string;
  tags: Record<string, string>;
  cpuArchitecture: "X86_64" | "ARM64";
}

/**
 * The Fargate task definition of a Kong data plane: one essential container; the proxy ports (8000
 * HTTP, 8443 HTTPS: Kong's default `proxy_listen`, kong.conf.default) and the Status API port mapped
 * with `hostPort` equal to `containerPort` (awsvpc: "the hostPort can either be left blank or set to the
 * same value as the containerPort", ecs.json PortMapping); the certificate and key only as
 * `secrets[].valueFrom`; a health check on the Status API's `/status/ready` (Kong 3.3 and later: 200
 * once the node has a configuration to serve); `awslogs` to a CloudWatch log group. The health check
 * runs `curl` inside the container, which the `kong/kong-gateway` images ship; give `healthCheck:
 * false` for an image without it.
 * @internal
 */
export function buildTaskDefinition(i: TaskDefinitionInput & { healthCheck: boolean }): RegisterTaskDefinitionCommandInput {
  const tcp = "tcp" as const;
  return {
    family: i.family,
    networkMode: "awsvpc",
    requiresCompatibilities: ["FARGATE"],
    cpu: i.cpu,
    memory: i.memory,
    runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: i.cpuArchitecture },
    ...(i.executionRoleArn ? { executionRoleArn: i.executionRoleArn } : {}),
    ...(i.taskRoleArn ? { taskRoleArn: i.taskRoleArn } : {}),
    containerDefinitions: [
      {
        name: i.containerName,
        image: i.image,
        essential: true,
        portMappings: [
          { name: "proxy", containerPort: PROXY_PORT, hostPort: PROXY_PORT, protocol: tcp },
          { name: "proxy-ssl", containerPort: PROXY_SSL_PORT, hostPort: PROXY_SSL_PORT, protocol: tcp },
          { name: "status", containerPort: i.statusPort, hostPort: i.statusPort, protocol: tcp },
        ],
        environment: Object.entries(i.environment).map(([name, value]) => ({ name, value })),
        secrets: i.secrets,
        ...(i.healthCheck
          ? {
              // HealthCheck ranges (ecs.json): interval 5-300 s, timeout 2-60 s, retries 1-10, startPeriod 0-300 s
              healthCheck: { command: ["CMD-SHELL", `curl -fsS http://localhost:${i.statusPort}/status/ready || exit 1`], interval: 10, timeout: 5, retries: 3, startPeriod: 60 },
            }
          : {}),
        logConfiguration: {
          logDriver: "awslogs",
          // awslogs driver options (ECS developer guide): group and region required, stream prefix required on Fargate
          options: { "awslogs-group": i.logGroup, "awslogs-region": i.region, "awslogs-stream-prefix": i.logStreamPrefix },
        },
        dockerLabels: { [CERTIFICATE_LABEL]: i.certificateSha256 },
      },
    ],
    tags: Object.entries(i.tags).map(([key, value]) => ({ key, value })),
  };
}

/** An ECR image reference: `<account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag|@digest]`. */
const ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)/;

/** What {@link buildExecutionRolePolicy} takes. @internal */
export interface ExecutionRolePolicyInput {
  region: string;
  /** The account of the log group (the secret's account); `*` when not known yet (dry run). */
  account: string;
  secretArn: string;
  kmsKeyArn?: string | undefined;
  logGroup: string;
  image: string;
}

/**
 * The task execution role's policy: read exactly the certificate's secret (`secretsmanager:
 * GetSecretValue`, and `kms:Decrypt` through Secrets Manager for a customer key), write to exactly the
 * log group (`logs:CreateLogStream`, `logs:PutLogEvents`), and pull the image when it is in ECR
 * (`ecr:GetAuthorizationToken` has no resource-level permissions, hence `*`; the layer reads are limited
 * to the repository). An image from a public registry (Docker Hub's `kong/kong-gateway`) needs no grant.
 * @internal
 */
export function buildExecutionRolePolicy(i: ExecutionRolePolicyInput): PolicyDocument {
  const p = awsPartition(i.region);
  const group = `arn:${p}:logs:${i.region}:${i.account}:log-group:${i.logGroup}`;
  const statements: PolicyStatement[] = [
    { Sid: "ReadClusterCertificate", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: i.secretArn },
    ...(i.kmsKeyArn ? [{ Sid: "DecryptClusterCertificate", Effect: "Allow" as const, Action: "kms:Decrypt", Resource: i.kmsKeyArn, Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${i.region}.amazonaws.com` } } }] : []),
    { Sid: "WriteDataPlaneLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [`${group}:*`, `${group}:log-stream:*`] },
  ];
  const ecr = ECR_IMAGE.exec(i.image);
  if (ecr) {
    statements.push({ Sid: "EcrAuthorization", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" });
    statements.push({ Sid: "PullDataPlaneImage", Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource: `arn:${awsPartition(ecr[2]!)}:ecr:${ecr[2]}:${ecr[1]}:repository/${ecr[3]}` });
  }
  return { Version: "2012-10-17", Statement: statements };
}
