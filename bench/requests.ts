// Section of `npm run bench` (bench/index.ts): request counts against the sandbox (no wall-clock claims):
// paging, the deployment's first apply and re-applies, multi-region, resilience under injected faults,
// and the plugin operations' apply / re-apply / teardown. Nothing here is asserted by the test suite.
import { ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { CreateHostedZoneCommand, Route53Client } from "@aws-sdk/client-route-53";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { setupServer } from "msw/node";
import { attachElastiCacheRateLimit, attachLambda, createKonnectClient, detachElastiCacheRateLimit, detachLambda, enableAwsVault, ensureControlPlane, secret, setupMultiRegion } from "../src/index.js";
import { createSandbox } from "konnect-aws/testing";

/** One markdown table of request counts; `runs` is the number of runs of the resilience scenario. */
export async function measureRequestCounts({ runs }: { runs: number }): Promise<string[]> {
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const sandbox = createSandbox({ seed: 7 });
const server = setupServer(...sandbox.handlers);
server.listen({ onUnhandledRequest: "error" });
const credentials = { accessKeyId: "AKIASANDBOX000000000", secretAccessKey: "sandbox" };
const sm = (region: string) => new SecretsManagerClient({ region, credentials });
const konnect = createKonnectClient({ token: sandbox.token, env: {}, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
const rows: Array<[string, string]> = [];
const count = async (fn: () => Promise<unknown>) => {
  sandbox.clearRequests();
  await fn();
  return { requests: sandbox.requests.length, writes: sandbox.writes().length };
};

// 1. reading 2,500 core entities: largest page (1000) vs Konnect's default page (100) vs kongctl's default (10)
const { controlPlane } = await ensureControlPlane({ konnect, name: "bench" });
const record = sandbox.state.konnect.regions.us!.get(controlPlane.id!)!;
for (let i = 0; i < 2500; i++) {
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
  record.entities.consumers.set(id, { id, username: `u${i}`, custom_id: null, tags: null, created_at: 1, updated_at: 1 });
}
const ours = await count(() => konnect.collect("/v2/control-planes/{controlPlaneId}/core-entities/consumers", { params: { path: { controlPlaneId: controlPlane.id! } } }));
const manual = async (size: number) =>
  count(async () => {
    let offset: string | undefined;
    do {
      const { data } = await konnect.api.GET("/v2/control-planes/{controlPlaneId}/core-entities/consumers", { params: { path: { controlPlaneId: controlPlane.id! }, query: { size, ...(offset ? { offset } : {}) } } });
      offset = data?.offset ?? undefined;
    } while (offset);
  });
const p100 = await manual(100);
const p10 = await manual(10);
rows.push(["list 2,500 consumers: requests (size 1000 / 100 / 10)", `${ours.requests} / ${p100.requests} / ${p10.requests}`]);

// 2. the basic deployment (control plane, vault, 10 secrets): first apply, then a no-change re-apply
const secrets = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`bench/secret-${i}`, secret(`value-${i}`)]));
const deploy = async () => {
  const cp = await ensureControlPlane({ konnect, name: "bench-deploy", costTags: { Environment: "bench" } });
  await enableAwsVault({ konnect, controlPlaneId: cp.controlPlane.id!, region: "us-east-1", secrets, secretsManager: sm("us-east-1") });
};
const first = await count(deploy);
// right after the first apply ListSecrets does not show the new secrets yet (Secrets Manager lags): each is
// confirmed with DescribeSecret; once the listing caught up (60 s of sandbox time) the lists alone answer
const soon = await count(deploy);
sandbox.clock.advance(60_000);
const again = await count(deploy);
rows.push(["deployment with 10 secrets, first apply: requests / writes", `${first.requests} / ${first.writes}`]);
rows.push(["same deployment, no-change re-apply at once (ListSecrets lagging): requests / writes", `${soon.requests} / ${soon.writes}`]);
rows.push(["same deployment, no-change re-apply a minute later: requests / writes", `${again.requests} / ${again.writes}`]);
const byService = (s: string) => sandbox.requests.filter((r) => r.service === s).length;
rows.push(["  of which Konnect / Secrets Manager reads", `${byService("konnect")} / ${byService("secretsmanager")}`]);

// 3. multi-region: two regions, one secret, failover records; first apply and re-apply
const route53 = new Route53Client({ region: "us-east-1", credentials });
await route53.send(new CreateHostedZoneCommand({ Name: "example.com", CallerReference: "bench" }));
const multi = () =>
  setupMultiRegion({
    primaryRegion: "us-east-1",
    secondaryRegions: ["eu-west-1"],
    secretNames: ["bench/secret-0"],
    domain: "api.example.com",
    endpoints: { "us-east-1": "a.example.net", "eu-west-1": "b.example.net" },
    mode: "failover",
    healthCheck: { port: 8100, path: "/status/ready" },
    route53,
    secretsManager: sm,
  });
const m1 = await count(multi);
const m2 = await count(multi);
rows.push(["multi-region (2 regions), first apply incl. INSYNC polls: requests / writes", `${m1.requests} / ${m1.writes}`]);
rows.push(["multi-region, no-change re-apply: requests / writes", `${m2.requests} / ${m2.writes}`]);

// 4. resilience: the same 20 runs (fresh control plane + vault each) without faults, then with 20% 429
//    (Retry-After: 0) and 10% 503 injected on Konnect
const failures: string[] = [];
const scenario = async (label: string) => {
  let ok = 0;
  let konnectRequests = 0;
  let injected = 0;
  for (let i = 0; i < runs; i++) {
    sandbox.clearRequests();
    try {
      const cp = await ensureControlPlane({ konnect, name: `bench-${label}-${i}` });
      await enableAwsVault({ konnect, controlPlaneId: cp.controlPlane.id!, region: "us-east-1", secretsManager: sm("us-east-1") });
      ok++;
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
    }
    konnectRequests += sandbox.requests.filter((r) => r.service === "konnect").length;
    injected += sandbox.requests.filter((r) => r.fault).length;
  }
  return { ok, konnectRequests, injected };
};
const clean = await scenario("clean");
sandbox.faults.set({ errorRate: { 429: 0.2, 503: 0.1 }, retryAfterSeconds: 0, services: ["konnect"] });
const faulty = await scenario("faulty");
sandbox.faults.clear();
rows.push([`${runs} control plane + vault runs, no faults: succeeded / Konnect requests`, `${clean.ok} of ${runs} / ${clean.konnectRequests}`]);
rows.push([`same under 20% 429 + 10% 503: succeeded / Konnect requests (injected)`, `${faulty.ok} of ${runs} / ${faulty.konnectRequests} (${faulty.injected})`]);

// 5. plugins: rate limiting on a discovered group with a password and a partial, and a Lambda route;
//    first apply, re-apply once ListSecrets caught up, teardown (forced) and a second teardown
const rl = await ensureControlPlane({ konnect, name: "bench-plugins" });
sandbox.seedReplicationGroup({ id: "bench-rl" });
const rlOptions = {
  konnect,
  controlPlaneId: rl.controlPlane.id!,
  redis: { replicationGroupId: "bench-rl", region: "us-east-1", password: secret("bench-redis") },
  limits: [{ limit: 100, window: 60 }],
  partial: true,
  elastiCache: new ElastiCacheClient({ region: "us-east-1", credentials }),
  secretsManager: sm("us-east-1"),
  forceDeleteWithoutRecovery: true,
};
const rl1 = await count(() => attachElastiCacheRateLimit(rlOptions));
sandbox.clock.advance(60_000);
const rl2 = await count(() => attachElastiCacheRateLimit(rlOptions));
const rl3 = await count(() => detachElastiCacheRateLimit(rlOptions));
const rl4 = await count(() => detachElastiCacheRateLimit(rlOptions));
rows.push(["rate limiting (partial, password): apply / re-apply / teardown / again: requests (writes)", [rl1, rl2, rl3, rl4].map((c) => `${c.requests} (${c.writes})`).join(" / ")]);
await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/routes", { params: { path: { controlPlaneId: rl.controlPlane.id! } }, body: { name: "orders", paths: ["/orders"] } });
const lambdaOptions = { konnect, controlPlaneId: rl.controlPlane.id!, functionName: "arn:aws:lambda:us-east-1:123456789012:function:orders-handler", routeId: "orders" };
const l1 = await count(() => attachLambda(lambdaOptions));
const l2 = await count(() => attachLambda(lambdaOptions));
const l3 = await count(() => detachLambda(lambdaOptions));
const l4 = await count(() => detachLambda(lambdaOptions));
rows.push(["Lambda on a route: apply / re-apply / teardown / again: requests (writes)", [l1, l2, l3, l4].map((c) => `${c.requests} (${c.writes})`).join(" / ")]);

server.close();
const out = ["| scenario (sandbox, seed 7) | requests |", "|---|---|", ...rows.map(([k, v]) => `| ${k} | ${v} |`)];
if (failures.length) out.push("", `Failures under injected faults (a request that met more errors in a row than maxRetries: 3 allows): ${failures.length}.`);
return out;
}
