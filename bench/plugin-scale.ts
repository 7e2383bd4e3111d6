// Section of `npm run bench` (bench/index.ts): what a no-change re-apply of the plugin operations costs
// when the control plane holds 300, 3,000 or 30,000 plugins none of them manages. Their lookups are
// filtered by name or scoped to their route/service (issue 13, "whole-list scans"), so the request count
// must not move with the number of unrelated plugins. Measured with d ms of latency on every request.
import { performance } from "node:perf_hooks";
import { setupServer } from "msw/node";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { attachElastiCacheRateLimit, attachLambda, configureCognitoJwt, createKonnectClient, enableObservability, ensureControlPlane, secret } from "../src/index.js";
import { createSandbox } from "konnect-aws/testing";
import { chainClients, credentials, seedChain } from "../test/scenario/full-chain.js";

const OTHER_NAMES = ["cors", "key-auth", "request-transformer", "acl", "correlation-id"];
const ROUTE_ID = "00000000-0000-4000-8000-000000000001";

/** Options of {@link measurePluginScale}. */
export interface PluginScaleOptions {
  /** Numbers of unrelated plugins, ascending. */
  sizes: number[];
  latencyMs: number;
}

/** One markdown table: requests and wall time of each re-apply at each size. */
export async function measurePluginScale({ sizes, latencyMs }: PluginScaleOptions): Promise<string[]> {
  const sandbox = createSandbox({ seed: 7 });
  const server = setupServer(...sandbox.handlers);
  server.listen({ onUnhandledRequest: "error" });
  seedChain(sandbox);
  const konnect = createKonnectClient({ token: sandbox.token, env: {}, retry: { baseDelayMs: 1, maxDelayMs: 2 } });
  const aws = chainClients();
  const logs = new CloudWatchLogsClient({ region: "us-east-1", credentials });
  const cloudWatch = new CloudWatchClient({ region: "us-east-1", credentials });
  const controlPlaneId = (await ensureControlPlane({ konnect, name: "bench-plugins" })).controlPlane.id!;
  await konnect.api.PUT("/v2/control-planes/{controlPlaneId}/core-entities/routes/{RouteId}", { params: { path: { controlPlaneId, RouteId: ROUTE_ID } }, body: { name: "orders", paths: ["/orders"] } });
  const operations: Array<[string, () => Promise<unknown>]> = [
    ["attachElastiCacheRateLimit (password)", () => attachElastiCacheRateLimit({ konnect, controlPlaneId, awsRegion: "us-east-1", redis: { replicationGroupId: "kong-rate-limits", password: secret("redis-1") }, limits: [{ limit: 100, window: 60 }], elastiCache: aws.elastiCache, secretsManager: aws.sm("us-east-1") })],
    ["configureCognitoJwt", () => configureCognitoJwt({ konnect, controlPlaneId, userPoolId: "us-east-1_Bench1234", mode: "jwt" })],
    ["attachLambda (route)", () => attachLambda({ konnect, controlPlaneId, functionName: "arn:aws:lambda:us-east-1:123456789012:function:orders-handler", routeId: "orders", lambda: aws.lambda })],
    // statsd, opentelemetry and datadog on the whole control plane, the log group and the guide's alarms
    ["enableObservability (CloudWatch, X-Ray, Datadog)", () => enableObservability({ konnect, controlPlaneId, region: "us-east-1", cloudWatch: { retentionDays: 30, alarms: {} }, xray: { collectorEndpoint: "http://localhost:4318" }, datadog: { host: "datadog-agent.internal" }, cloudWatchLogs: logs, cloudWatchClient: cloudWatch })],
  ];
  for (const [, run] of operations) await run();
  sandbox.clock.advance(60_000); // ListSecrets has caught up: the steady state

  const plugins = sandbox.state.konnect.regions.us!.get(controlPlaneId)!.entities.plugins;
  let seeded = 0;
  const seedTo = (n: number) => {
    for (; seeded < n; seeded++) {
      const id = `00000000-0000-4000-9000-${String(seeded).padStart(12, "0")}`;
      plugins.set(id, { id, name: OTHER_NAMES[seeded % OTHER_NAMES.length]!, config: {}, enabled: true, protocols: ["http", "https"], service: null, route: null, consumer: null, consumer_group: null, instance_name: null, tags: null, ordering: null, created_at: 1, updated_at: 1 });
    }
  };
  const cells = new Map<string, Array<{ requests: number; writes: number; ms: number }>>();
  sandbox.faults.set({ latencyMs });
  for (const n of sizes) {
    seedTo(n);
    for (const [name, run] of operations) {
      sandbox.clearRequests();
      const t0 = performance.now();
      await run();
      const ms = performance.now() - t0;
      if (!cells.has(name)) cells.set(name, []);
      cells.get(name)!.push({ requests: sandbox.requests.length, writes: sandbox.writes().length, ms });
    }
  }
  sandbox.faults.clear();
  server.close();

  const label = (n: number) => n.toLocaleString("en-US");
  const header = ["no-change re-apply", ...sizes.map((n) => `requests @ ${label(n)}`), ...sizes.map((n) => `wall @ ${label(n)} (ms)`), `same requests at ${label(sizes[0]!)} and ${label(sizes.at(-1)!)}`];
  const out = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const [name, xs] of cells) {
    const flat = xs.every((x) => x.requests === xs[0]!.requests && x.writes === 0);
    out.push(`| ${[name, ...xs.map((x) => String(x.requests)), ...xs.map((x) => String(Math.round(x.ms))), flat ? "yes" : "NO"].join(" | ")} |`);
  }
  out.push("", `d = ${latencyMs} ms per request; the unrelated plugins sit on the whole control plane, where the rate limiting, Cognito and observability plugins look too.`);
  return out;
}
