// The guide's whole chain of operations against one sandbox, and a canonical view of what it leaves
// behind: used by the crash walk (every write k) and the soak (random faults) to prove that interrupted
// or faulty runs converge on re-run to the state of an uninterrupted one.
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { Route53Client } from "@aws-sdk/client-route-53";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { attachElastiCacheRateLimit, attachLambda, configureCognitoJwt, createKonnectClient, enableAwsVault, ensureControlPlane, secret, setupMultiRegion, type SetupMultiRegionOptions } from "../../src/index.js";
import type { Sandbox } from "../../src/testing/index.js";

/** Static credentials for AWS clients against the sandbox (it checks that requests are signed, not by whom). */
export const credentials = { accessKeyId: "AKIASANDBOX000000000", secretAccessKey: "sandbox-secret-key" };

/** AWS clients as a user would configure them, with short retry waits so a long soak stays quick. */
export function chainClients(maxAttempts = 5) {
  // the SDK's own retry classification, only the waits shortened
  const retryStrategy = new ConfiguredRetryStrategy(maxAttempts, () => 1);
  return {
    sm: (region: string) => new SecretsManagerClient({ region, credentials, retryStrategy }),
    route53: new Route53Client({ region: "us-east-1", credentials, retryStrategy }),
    elastiCache: new ElastiCacheClient({ region: "us-east-1", credentials, retryStrategy }),
    lambda: new LambdaClient({ region: "us-east-1", credentials, retryStrategy }),
  };
}

/** What the chain needs to exist beforehand: a hosted zone, a replication group, a function, a pool. */
export function seedChain(sandbox: Sandbox): void {
  sandbox.seedHostedZone({ name: "example.com" });
  sandbox.seedReplicationGroup({ id: "kong-rate-limits" });
  sandbox.seedLambdaFunction({ name: "orders-handler", region: "us-east-1", timeout: 15 });
}

/** Runs every operation of the guide once, in order, with fresh clients (a new process would). */
export async function runChain(sandbox: Sandbox, options: { maxAttempts?: number } = {}): Promise<void> {
  const konnect = createKonnectClient({ token: sandbox.token, env: {}, retry: { baseDelayMs: 1, maxDelayMs: 2 }, requestsPerMinute: 100_000 }); // the sandbox has no budget to protect: keep the suite fast (the limiter has its own tests)
  const aws = chainClients(options.maxAttempts);
  const { controlPlane } = await ensureControlPlane({ konnect, name: "chain", costTags: { Environment: "prod" } });
  const controlPlaneId = controlPlane.id!;
  await enableAwsVault({ konnect, controlPlaneId, region: "us-east-1", secrets: { "chain/api-key": secret("k-1"), "chain/db": { username: "app", password: "p-1" } }, tags: { Environment: "prod" }, secretsManager: aws.sm("us-east-1") });
  await attachElastiCacheRateLimit({ konnect, controlPlaneId, awsRegion: "us-east-1", redis: { replicationGroupId: "kong-rate-limits", password: secret("redis-1") }, limits: [{ limit: 100, window: 60 }], elastiCache: aws.elastiCache, secretsManager: aws.sm("us-east-1") });
  await configureCognitoJwt({ konnect, controlPlaneId, userPoolId: "us-east-1_Chain1234", mode: "jwt" });
  // the user's own route (a PUT with a fixed id: safe to repeat), made once
  const route = await konnect.api.GET("/v2/control-planes/{controlPlaneId}/core-entities/routes/{RouteId}", { params: { path: { controlPlaneId, RouteId: "00000000-0000-4000-8000-000000000001" } } }).catch(() => undefined);
  if (!route?.data) await konnect.api.PUT("/v2/control-planes/{controlPlaneId}/core-entities/routes/{RouteId}", { params: { path: { controlPlaneId, RouteId: "00000000-0000-4000-8000-000000000001" } }, body: { name: "orders", paths: ["/orders"] } });
  await attachLambda({ konnect, controlPlaneId, functionName: "arn:aws:lambda:us-east-1:123456789012:function:orders-handler", routeId: "orders", lambda: aws.lambda, verify: true });
  await setupMultiRegion(chainMultiRegionOptions(aws, "chain/api-key"));
}

/** The chain's two-region failover over self-hosted endpoints, with short INSYNC polls (also used by the latency bench). */
export function chainMultiRegionOptions(aws: ReturnType<typeof chainClients>, secretName: string): SetupMultiRegionOptions {
  return {
    primaryRegion: "us-east-1",
    secondaryRegions: ["eu-west-1"],
    secretNames: [secretName],
    domain: "api.example.com",
    endpoints: { "us-east-1": "gw-use1.example.net", "eu-west-1": "gw-euw1.example.net" },
    mode: "failover",
    healthCheck: { port: 8100, path: "/status/ready" },
    route53: aws.route53,
    secretsManager: (r) => aws.sm(r),
    wait: { intervalMs: 2 },
  };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// `secret`: the HS256 secret Kong generates for a jwt credential when none is given
const VOLATILE = new Set(["id", "secret", "created_at", "updated_at", "createdAt", "lastChangedAt", "versionId", "version", "rsa_public_key", "key", "timestamp"]);

/** JSON with what differs between two equal deployments (ids, times, generated names) masked. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical).map((v) => JSON.stringify(v)).sort().map((v) => JSON.parse(v) as unknown);
  if (value instanceof Map) return canonical([...value.values()]);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !VOLATILE.has(k))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  if (typeof value === "string") {
    return value
      .replace(UUID, "<uuid>")
      .replace(/(:secret:[^:]+)-[A-Za-z0-9]{6}$/, "$1-<suffix>")
      .replace(/konnect-aws-[0-9a-f]{16}/, "konnect-aws-<hash>")
      // the generated part of an ElastiCache endpoint (master.<group>.<random>.<region code>.cache...)
      .replace(/\.[a-z0-9]{6}(\.[a-z0-9]+\.cache\.amazonaws\.com)/, ".<rnd>$1")
      .replace(/^\/?change\/C[A-Z0-9]+$/, "<change>");
  }
  return value;
}

/** The deployment the chain leaves: every object of every fake, canonical, counted (duplicates show). */
export function snapshot(sandbox: Sandbox): unknown {
  const s = sandbox.state;
  const konnect = [...Object.values(s.konnect.regions)].flatMap((cps) =>
    [...cps.values()].map((cp) => ({
      name: cp.controlPlane.name,
      labels: cp.controlPlane.labels,
      entities: Object.fromEntries(Object.entries(cp.entities).map(([kind, m]) => [kind, canonical([...(m as Map<string, unknown>).values()])])),
    })),
  );
  const secrets = Object.entries(s.secretsManager.regions).flatMap(([region, m]) =>
    [...m.values()].map((x) => ({ region, name: x.name, tags: canonical(x.tags), primary: x.primaryRegion ?? null, replicas: canonical(x.replicas), deleted: x.deletedAt !== undefined, current: x.versions.find((v) => v.stages.includes("AWSCURRENT"))?.secretString ?? null })),
  );
  const zones = [...s.route53.hostedZones.values()].map((z) => ({ name: z.name, records: canonical(z.records) }));
  const healthChecks = [...s.route53.healthChecks.values()].map((h) => ({ config: canonical(h.config), callerReference: canonical(h.callerReference), tags: canonical(s.route53.tags.get(`healthcheck/${h.id}`) ?? []) }));
  return canonical({ konnect, secrets, zones, healthChecks });
}

/** Where two snapshots differ, as `path: expected -> got` lines (for readable failures). */
export function differences(expected: unknown, got: unknown, path = ""): string[] {
  if (JSON.stringify(expected) === JSON.stringify(got)) return [];
  if (expected && got && typeof expected === "object" && typeof got === "object" && Array.isArray(expected) === Array.isArray(got)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(got)]);
    if (Array.isArray(expected) && expected.length !== (got as unknown[]).length) return [`${path}: ${expected.length} items -> ${(got as unknown[]).length}`];
    return [...keys].flatMap((k) => differences((expected as Record<string, unknown>)[k], (got as Record<string, unknown>)[k], `${path}.${k}`));
  }
  return [`${path}: ${JSON.stringify(expected)} -> ${JSON.stringify(got)}`.slice(0, 400)];
}
