import { describe, expect, it } from "vitest";
import { attachLambda, detachLambda, ensureControlPlane, type DetachLambdaOptions } from "../../src/index.js";
import { lambda } from "../sandbox/aws-clients.js";
import { useSandbox, writeOps } from "../use-sandbox.js";

const { sandbox, konnect } = useSandbox();
const ARN = "arn:aws:lambda:eu-west-1:123456789012:function:orders-handler:live";

async function setup(extra: Partial<DetachLambdaOptions> = {}): Promise<DetachLambdaOptions> {
  const { controlPlane } = await ensureControlPlane({ konnect, name: "lambda-teardown" });
  await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/routes", { params: { path: { controlPlaneId: controlPlane.id! } }, body: { name: "orders", paths: ["/orders"] } });
  sandbox.clearRequests();
  return { konnect, controlPlaneId: controlPlane.id!, functionName: ARN, routeId: "orders", ...extra };
}

/** Everything the operation can touch: the control plane's plugins and routes, and the functions. */
const state = (cpId: string) => {
  const e = sandbox.state.konnect.regions.us!.get(cpId)!.entities;
  return JSON.stringify({ plugins: [...e.plugins.values()], routes: [...e.routes.values()], functions: [...(sandbox.state.lambda.functions["eu-west-1"]?.entries() ?? [])] });
};
const rows = (r: { changes: Array<{ action: string; kind: string; key: string }> }) => r.changes.map((c) => `${c.action} ${c.kind} ${c.key}`);

describe("detachLambda", () => {
  it("removes exactly what attachLambda created: apply then teardown gives back the starting state, and twice writes nothing", async () => {
    sandbox.seedLambdaFunction({ name: "orders-handler", region: "eu-west-1", timeout: 30, qualifiers: ["live"] });
    const options = await setup({ verify: true, lambda: lambda("eu-west-1"), forceDeleteWithoutRecovery: true });
    const before = state(options.controlPlaneId);
    const { plugin } = await attachLambda(options);
    sandbox.clearRequests();
    const res = await detachLambda(options);
    expect(rows(res)).toEqual(["delete konnect.plugin aws-lambda@route:orders"]);
    expect(res.changes[0]!.id).toBe(plugin.id);
    expect(res.kept).toEqual([]);
    expect(writeOps(sandbox)).toEqual(["DELETE /v2/control-planes/{controlPlaneId}/core-entities/plugins/{PluginId}"]);
    // verify is the apply's check: the teardown does not call Lambda
    expect(sandbox.requests.filter((r) => r.service === "lambda")).toEqual([]);
    expect(state(options.controlPlaneId)).toBe(before);

    sandbox.clearRequests();
    expect(await detachLambda(options)).toEqual({ changes: [], kept: [] });
    expect(sandbox.writes()).toEqual([]);
  });

  it("a dry run writes nothing and lists the delete it would make", async () => {
    const options = await setup({ serviceId: undefined });
    await attachLambda(options);
    const before = state(options.controlPlaneId);
    sandbox.clearRequests();
    const plan = await detachLambda({ ...options, dryRun: true });
    expect(rows(plan)).toEqual(["delete konnect.plugin aws-lambda@route:orders"]);
    expect(sandbox.writes()).toEqual([]);
    expect(state(options.controlPlaneId)).toBe(before);
  });

  it("leaves a hand-made aws-lambda plugin on the route alone, listing it as kept; adopt deletes it", async () => {
    const options = await setup();
    const route = [...sandbox.state.konnect.regions.us!.get(options.controlPlaneId)!.entities.routes.values()][0]!;
    await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/plugins", {
      params: { path: { controlPlaneId: options.controlPlaneId } },
      body: { name: "aws-lambda", route: { id: route.id }, config: { function_name: "theirs", aws_region: "eu-west-1" } },
    });
    const before = state(options.controlPlaneId);
    sandbox.clearRequests();
    const res = await detachLambda(options);
    expect(sandbox.writes()).toEqual([]);
    expect(res.changes).toEqual([]);
    expect(res.kept.map((k) => `${k.kind} ${k.key}`)).toEqual(["konnect.plugin aws-lambda@route:orders"]);
    expect(res.kept[0]!.reason).toContain("konnect-aws did not create it");
    expect(state(options.controlPlaneId)).toBe(before);
    // the other way to be rid of it
    expect(rows(await detachLambda({ ...options, adopt: true }))).toEqual(["delete konnect.plugin aws-lambda@route:orders"]);
  });

  it("has nothing to do once the route is gone (Kong deleted its plugins with it)", async () => {
    const options = await setup();
    await attachLambda(options);
    await konnect.api.DELETE("/v2/control-planes/{controlPlaneId}/core-entities/routes/{RouteId}", { params: { path: { controlPlaneId: options.controlPlaneId, RouteId: "orders" } } });
    sandbox.clearRequests();
    expect(await detachLambda(options)).toEqual({ changes: [], kept: [] });
    expect(sandbox.writes()).toEqual([]);
  });

  it("refuses bad options before any request, the apply's and the teardown's", async () => {
    const options = await setup();
    for (const bad of [{ recoveryWindowInDays: 40 }, { forceDeleteWithoutRecovery: "yes" as never }, { routeId: undefined }, { functionName: "arn:aws:lambda:eu-west-1:12:function:x" }]) {
      await expect(detachLambda({ ...options, ...bad })).rejects.toMatchObject({ name: "ConfigError" });
    }
    expect(sandbox.requests).toEqual([]);
  });
});
