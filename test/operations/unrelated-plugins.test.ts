import { describe, expect, it } from "vitest";
import { attachElastiCacheRateLimit, attachLambda, configureCognitoJwt, ensureControlPlane, secret } from "../../src/index.js";
import { elastiCache } from "../sandbox/aws-clients.js";
import { useSandbox } from "../use-sandbox.js";

// A no-change re-apply must cost the same whatever else the control plane holds: plugin lookups are
// filtered by name or scoped to their service/route/consumer (issue 13, "whole-list scans").
const { sandbox, konnect, secretsManager } = useSandbox();
const OTHER_NAMES = ["cors", "key-auth", "request-transformer", "acl", "correlation-id"];

/** Writes `n` plugins that none of the operations manage straight into the fake's state (as bench/requests.ts seeds consumers). */
function seedUnrelated(controlPlaneId: string, n: number, serviceId: string) {
  const plugins = sandbox.state.konnect.regions.us!.get(controlPlaneId)!.entities.plugins;
  for (let i = 0; i < n; i++) {
    const id = `00000000-0000-4000-9000-${String(i).padStart(12, "0")}`;
    // a third of them on another service, the rest on the whole control plane
    const service = i % 3 === 0 ? { id: serviceId } : null;
    plugins.set(id, { id, name: OTHER_NAMES[i % OTHER_NAMES.length]!, config: {}, enabled: true, protocols: ["http", "https"], service, route: null, consumer: null, consumer_group: null, instance_name: null, tags: null, ordering: null, created_at: 1, updated_at: 1 });
  }
}

/** Requests and writes of one run. */
async function cost(run: () => Promise<unknown>) {
  sandbox.clearRequests();
  await run();
  return { requests: sandbox.requests.length, writes: sandbox.writes().length };
}

async function controlPlane(name: string) {
  const { controlPlane: cp } = await ensureControlPlane({ konnect, name });
  const cpId = cp.id!;
  const service = async (n: string) => (await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/services", { params: { path: { controlPlaneId: cpId } }, body: { name: n, host: "orders.internal", port: 8080 } })).data!;
  const orders = await service("orders");
  const other = await service("other");
  await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/routes", { params: { path: { controlPlaneId: cpId } }, body: { name: "orders", paths: ["/orders"], service: { id: orders.id! } } });
  return { cpId, otherServiceId: other.id! };
}

/** Applies once, then compares a no-change re-apply with 0 and with 3,000 unrelated plugins. */
async function expectFlat(name: string, run: (cpId: string) => Promise<unknown>) {
  const { cpId, otherServiceId } = await controlPlane(name);
  await run(cpId);
  const bare = await cost(() => run(cpId));
  seedUnrelated(cpId, 3000, otherServiceId);
  const crowded = await cost(() => run(cpId));
  expect(bare.writes).toBe(0);
  expect(crowded).toEqual(bare);
}

describe("no-change re-apply with 3,000 unrelated plugins", () => {
  it("attachLambda (route scope)", async () => {
    await expectFlat("lambda", (controlPlaneId) => attachLambda({ konnect, controlPlaneId, functionName: "arn:aws:lambda:eu-west-1:123456789012:function:orders-handler", routeId: "orders" }));
  });

  it("configureCognitoJwt (whole control plane, and a service)", async () => {
    await expectFlat("cognito", (controlPlaneId) => configureCognitoJwt({ konnect, controlPlaneId, userPoolId: "us-east-1_AbCdEf123", clientIds: ["abc123"] }));
    await expectFlat("cognito-svc", (controlPlaneId) => configureCognitoJwt({ konnect, controlPlaneId, userPoolId: "us-east-1_AbCdEf123", clientIds: ["abc123"], scope: { service: "orders" } }));
  });

  it("attachElastiCacheRateLimit (whole control plane, and a service, with a password and a partial)", async () => {
    const options = { konnect, redis: { host: "master.rl.abc123.use1.cache.amazonaws.com", port: 6379, password: secret("rl-password") }, limits: [{ limit: 100, window: 60 }], awsRegion: "us-east-1", secretsManager: secretsManager("us-east-1"), elastiCache: elastiCache("us-east-1") };
    await expectFlat("rl", (controlPlaneId) => attachElastiCacheRateLimit({ ...options, controlPlaneId }));
    await expectFlat("rl-svc", (controlPlaneId) => attachElastiCacheRateLimit({ ...options, controlPlaneId, scope: { service: "orders" }, partial: true }));
  });
});
