// Section of `npm run bench` (bench/index.ts): wall time of each operation and of the guide's whole
// deployment against the sandbox with a round trip of d (20 and 50 ms per request), next to its dependency
// bound. Returns one markdown table; nothing here is asserted by the test suite. Smoke mode: d = 1 ms, one
// repetition (CI runs it to catch crashes, never to judge ratios).
//
// Where the sandbox runs
// ----------------------
// In a process of its own, over loopback HTTP (bench/remote-sandbox.ts): a real service does its work on
// its own machines, inside the round trip, and so does the sandbox here; every request's round trip is d
// from its arrival to its answer. In one process, msw's interception of node:http and the fakes' model
// validation ran on the client's thread, and msw's share alone is larger than the SDK's own work per AWS
// request (the "CPU of one AWS request" section measures the split in the same run), so the ratio
// measured the harness as much as the client. What the client pays here is what it pays in production, but for DNS
// and TLS: the SDK or openapi-fetch, and an HTTP exchange over a kept-alive socket.
//
// The dependency bound, and how it is measured
// --------------------------------------------
// The sandbox process records every request's arrival and the end of its answer. From those intervals we
// take the longest chain of requests r1, r2, ..., rk in which each starts only after the previous one
// ended (end(ri) <= start(ri+1)): a longest path in the interval order, by dynamic programming over the
// requests sorted by start (bench/chain-depth.ts). That chain length k is the number of sequential round
// trips ("waves") the run could not avoid *as the code issued them*; the bound is k x d, the least wall time
// any client needs for that request graph when each round trip costs d. The ratio wall / bound is then the
// overhead outside the round trips (the client's CPU, its limiter queue, the executor's slots, waiter
// pauses). Serialization of independent reads shows in the chain length itself: it grows by one for each
// read that waits for another without needing it, so compare the `depth` column before and after a
// change, and the ratio for everything else. Caveat: requests that overlap only because the limiter (5
// Konnect requests in flight) or the executor's concurrency queued them count as sequential waves, so
// those caps are inside the bound.
//
// What each row runs: the operations in the guide's order on one control plane (enableAwsVault with 10
// secrets; setupMultiRegion replicates one of them to eu-west-1 and makes failover records; the data
// planes, the custom domain on the seeded ALB, the Transit Gateway in us-east-2 and observability as the
// guide's complete example sets them). "re-apply" is the same call again after the sandbox clock moved
// 60 s (so ListSecrets has caught up: the steady state; the lagging case is in "Request counts"). The
// waits (INSYNC, ISSUED, the cloud-gateway network and attachment) poll with `intervalMs: 2`, so the
// waiter's pauses do not dominate the wall time; the first applies still include those pauses and the
// polls (as waves of the bound). The whole guide deployment is `deploy()` of the guide's complete example
// (test/deploy/fixtures/complete-aws-deployment.tfvars, every feature on), on a fresh sandbox. The
// reported repetition is the one with the median wall.
import { performance } from "node:perf_hooks";
import { ACMClient } from "@aws-sdk/client-acm";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { EC2Client } from "@aws-sdk/client-ec2";
import { ECSClient } from "@aws-sdk/client-ecs";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { RAMClient } from "@aws-sdk/client-ram";
import { attachElastiCacheRateLimit, attachLambda, configureCognitoJwt, connectTransitGateway, createKonnectClient, deploy, enableAwsVault, enableObservability, ensureControlPlane, loadConfig, provisionDataPlanes, secret, setupCustomDomain, setupMultiRegion } from "../src/index.js";
import { chainClients, chainMultiRegionOptions, credentials } from "../test/scenario/full-chain.js";
import { deployAws } from "../test/deploy/snapshot-all.js";
import { GUIDE_ENV, filled } from "../test/deploy/guide.js";
import { startRemoteSandbox } from "./remote-sandbox.js";

/** Options of {@link measureLatency}. */
export interface LatencyOptions {
  latencies: number[];
  repetitions: number;
}

/** Per operation and for the whole guide deployment, first apply and re-apply: the figures at each latency. */
export async function measureLatency({ latencies, repetitions }: LatencyOptions): Promise<string[]> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const remote = await startRemoteSandbox();
  try {
    return await measure(remote, latencies, repetitions);
  } finally {
    await remote.close();
  }
}

interface Sample {
  requests: number;
  writes: number;
  wallMs: number;
  /** CPU time of this (the client's) process during the run: our code, the SDKs, the HTTP stack. */
  cpuMs: number;
  depth: number;
}

const secrets = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`bench/secret-${i}`, secret(`value-${i}`)]));
const ROUTE_ID = "00000000-0000-4000-8000-000000000001";
const TAGS = { Environment: "bench" };

async function measure(remote: Awaited<ReturnType<typeof startRemoteSandbox>>, latencies: number[], repetitions: number): Promise<string[]> {
  const sample = async (fn: () => Promise<unknown>): Promise<Sample> => {
    await remote.clear();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const s = await remote.stats();
    if (s.unhandled.length) throw new Error(`the sandbox answered no handler for: ${s.unhandled.join("; ")}`);
    return { requests: s.requests, writes: s.writes, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, depth: s.depth };
  };

  /** One repetition: every operation first and again, then the whole deployment on a fresh sandbox. */
  const repetition = async (latencyMs: number): Promise<Map<string, Sample>> => {
    const out = new Map<string, Sample>();
    const both = async (name: string, fn: () => Promise<unknown>) => {
      konnect = freshKonnect();
      out.set(`${name}|first apply`, await sample(fn));
      await remote.advance(60_000);
      konnect = freshKonnect();
      out.set(`${name}|re-apply`, await sample(fn));
    };
    const seeded = await remote.seed("chain+network");
    await remote.setLatency(latencyMs);
    // A fresh Konnect client (and so a full limiter bucket: 2,000 a minute, a burst of 65) for every measured
    // call, as a script that runs one operation has: back to back in one process the bench would spend the
    // budget and measure the limiter's pacing (its own section) instead of the operation.
    const freshKonnect = () => createKonnectClient({ token: remote.token, env: {}, retry: { baseDelayMs: 1, maxDelayMs: 2 }, shareBudget: false });
    let konnect = freshKonnect();
    // one client per service for the run, as a deployment script holds them (a fresh SDK client's first
    // request also resolves its endpoint and middleware stack: client set-up, not the operation's cost)
    const aws = chainClients();
    const smUse1 = aws.sm("us-east-1");
    const ecs = new ECSClient({ region: "us-east-1", credentials });
    const logs = new CloudWatchLogsClient({ region: "us-east-1", credentials });
    const cloudWatch = new CloudWatchClient({ region: "us-east-1", credentials });
    const acm = new ACMClient({ region: "us-east-1", credentials });
    const elbv2 = new ElasticLoadBalancingV2Client({ region: "us-east-1", credentials });
    const ec2 = new EC2Client({ region: "us-east-2", credentials });
    const ram = new RAMClient({ region: "us-east-2", credentials });
    const wait = { intervalMs: 2 };
    let controlPlaneId = "";
    await both("ensureControlPlane", async () => {
      controlPlaneId = (await ensureControlPlane({ konnect, name: "bench", costTags: TAGS })).controlPlane.id!;
    });
    let iamPolicy: Awaited<ReturnType<typeof enableAwsVault>>["iamPolicy"] | undefined;
    await both("enableAwsVault (10 secrets)", async () => {
      iamPolicy = (await enableAwsVault({ konnect, controlPlaneId, region: "us-east-1", secrets, tags: TAGS, secretsManager: smUse1 })).iamPolicy;
    });
    await both("attachElastiCacheRateLimit", () =>
      attachElastiCacheRateLimit({ konnect, controlPlaneId, awsRegion: "us-east-1", redis: { replicationGroupId: "kong-rate-limits", password: secret("redis-1") }, limits: [{ limit: 100, window: 60 }], elastiCache: aws.elastiCache, secretsManager: smUse1 }),
    );
    await both("configureCognitoJwt", () => configureCognitoJwt({ konnect, controlPlaneId, userPoolId: "us-east-1_Bench1234", mode: "jwt" }));
    // the user's own route, outside the measurement
    await konnect.api.PUT("/v2/control-planes/{controlPlaneId}/core-entities/routes/{RouteId}", { params: { path: { controlPlaneId, RouteId: ROUTE_ID } }, body: { name: "orders", paths: ["/orders"] } });
    await both("attachLambda", () => attachLambda({ konnect, controlPlaneId, functionName: "arn:aws:lambda:us-east-1:123456789012:function:orders-handler", routeId: "orders", lambda: aws.lambda, verify: true }));
    await both("setupMultiRegion", () => setupMultiRegion(chainMultiRegionOptions(aws, "bench/secret-0")));
    await both("provisionDataPlanes", () =>
      provisionDataPlanes({
        konnect,
        controlPlaneId,
        region: "us-east-1",
        executionRoleArn: String(seeded.aws_data_plane_execution_role_arn),
        taskRoleArn: String(seeded.aws_data_plane_task_role_arn),
        vault: { region: "us-east-1", ...(iamPolicy ? { iamPolicy } : {}) },
        logs: { create: true, retentionDays: 30 },
        tags: TAGS,
        secretsManager: smUse1,
        ecs,
        cloudWatchLogs: logs,
      }),
    );
    await both("setupCustomDomain (load balancer)", () =>
      setupCustomDomain({
        // setupMultiRegion's failover records own api.example.com
        domain: "portal.example.com",
        target: { kind: "load-balancer", region: "us-east-1", loadBalancerArn: String(seeded.aws_load_balancer_arn), listenerArn: String(seeded.aws_load_balancer_listener_arn) },
        tags: TAGS,
        route53: aws.route53,
        acm: () => acm,
        elbv2,
        wait,
      }),
    );
    await both("connectTransitGateway", () =>
      connectTransitGateway({
        konnect,
        network: { name: "bench-net", region: "us-east-2", availabilityZones: ["use2-az1", "use2-az2"], cidrBlock: "192.168.0.0/16" },
        transitGatewayId: String(seeded.aws_transit_gateway_id),
        vpcCidrs: ["10.0.0.0/16"],
        routeTableIds: seeded.aws_route_table_ids as string[],
        tags: TAGS,
        ec2,
        ram,
        wait,
      }),
    );
    await both("enableObservability", () =>
      enableObservability({
        konnect,
        controlPlaneId,
        region: "us-east-1",
        cloudWatch: { retentionDays: 30, alarms: {} },
        xray: { collectorEndpoint: "http://localhost:4318", sampleRate: 0.05 },
        datadog: { host: "datadog-agent.internal", port: 8125, environment: "prod" },
        tags: TAGS,
        cloudWatchLogs: logs,
        cloudWatchClient: cloudWatch,
      }),
    );

    const guide = await remote.seed("guide-complete");
    await remote.setLatency(latencyMs);
    const config = await loadConfig(await filled("complete-aws-deployment.tfvars", guide), { env: GUIDE_ENV });
    const aws2 = deployAws();
    await both("whole guide deployment (deploy, complete example)", () => deploy(config, { konnect, aws: aws2, wait }));
    return out;
  };

  // warm-up: module loading, the SDKs' lazy imports, the sockets and the sandbox's validators are not what we measure
  await repetition(0);

  const results = new Map<string, Map<number, Sample>>();
  // The depth of a run is the least measured in any of its samples: a wave counts only when the client
  // issued a request after another ended, and CPU between two requests it meant to send together can make
  // them look sequential (more often at small d). The least is the closest to the request graph itself,
  // and one depth serves every d, so no latency gets a more lenient bound than another.
  const depth = new Map<string, number>();
  for (const d of latencies) {
    const reps: Array<Map<string, Sample>> = [];
    for (let r = 0; r < repetitions; r++) reps.push(await repetition(d));
    for (const key of reps[0]!.keys()) {
      const samples = reps.map((m) => m.get(key)!).sort((a, b) => a.wallMs - b.wallMs);
      const median = samples[Math.floor(samples.length / 2)]!;
      if (!results.has(key)) results.set(key, new Map());
      results.get(key)!.set(d, median);
      depth.set(key, Math.min(depth.get(key) ?? Infinity, ...samples.map((s) => s.depth)));
    }
  }
  const rows: string[][] = [];
  for (const [key, byD] of results) {
    const [op, run] = key.split("|") as [string, string];
    const any = [...byD.values()][0]!;
    const k = depth.get(key)!;
    const cells = [op, run, String(any.requests), String(any.writes), String(k)];
    for (const d of latencies) {
      const s = byD.get(d)!;
      cells.push(`${Math.round(s.wallMs)} / ${k * d} / ${Math.round(s.cpuMs)}`);
    }
    for (const d of latencies) {
      const s = byD.get(d)!;
      const bound = k * d;
      cells.push(bound ? (s.wallMs / bound).toFixed(2) : "-");
    }
    rows.push(cells);
  }
  const header = ["operation", "run", "requests", "writes", "depth (waves)", ...latencies.map((d) => `d=${d} ms: wall / bound / CPU (ms)`), ...latencies.map((d) => `ratio d=${d}`)];
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
    "",
    `${repetitions} repetition(s) per latency, the median wall shown; bound = depth x d, depth = the longest chain of requests each starting after the previous one ended, the least of all the run's samples at every d (see bench/latency.ts); each measured call gets a fresh Konnect client, so a full limiter bucket. The sandbox runs in a process of its own over loopback HTTP and answers each request d ms after it arrived, its own work included, as a remote service would; CPU is the client process's CPU time during the run (our code, the AWS SDK, openapi-fetch and the HTTP stack): much of it overlaps the round trips, so it bounds what wall adds to the bound from above rather than equalling it.`,
  ];
}
