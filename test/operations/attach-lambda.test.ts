import { describe, expect, it } from "vitest";
import { attachLambda, ConfigError, ensureControlPlane, type AttachLambdaOptions } from "../../src/index.js";
import { kongSchemaErrors, referenceDir } from "../reference-dir.js";
import { lambda } from "../sandbox/aws-clients.js";
import { useSandbox } from "../use-sandbox.js";

const { sandbox, konnect } = useSandbox();
const ARN = "arn:aws:lambda:eu-west-1:123456789012:function:orders-handler:live";

async function setup(extra: Partial<AttachLambdaOptions> = {}): Promise<AttachLambdaOptions> {
  const { controlPlane } = await ensureControlPlane({ konnect, name: "lambda-prod" });
  await konnect.api.POST("/v2/control-planes/{controlPlaneId}/core-entities/routes", { params: { path: { controlPlaneId: controlPlane.id! } }, body: { name: "orders", paths: ["/orders"] } });
  sandbox.clearRequests();
  return { konnect, controlPlaneId: controlPlane.id!, functionName: ARN, routeId: "orders", ...extra };
}
const plugins = (cpId: string) => [...sandbox.state.konnect.regions.us!.get(cpId)!.entities.plugins.values()];

describe("attachLambda", () => {
  it("attaches aws-lambda to the route with the region from the ARN and the invoker role", async () => {
    const options = await setup({ assumeRoleArn: "arn:aws:iam::123456789012:role/kong-lambda-invoker", trustedPrincipal: "arn:aws:iam::123456789012:role/kong-dp-node" });
    const res = await attachLambda(options);
    const [p] = plugins(options.controlPlaneId);
    expect(p!.route).toMatchObject({ id: expect.any(String) });
    expect(p!.config).toMatchObject({
      function_name: "arn:aws:lambda:eu-west-1:123456789012:function:orders-handler",
      aws_region: "eu-west-1",
      qualifier: "live",
      invocation_type: "RequestResponse",
      aws_assume_role_arn: "arn:aws:iam::123456789012:role/kong-lambda-invoker",
      log_type: "None",
    });
    // Kong 3.5+ uses aws_imds_protocol_version only as a cache key: not managed unless asked for
    expect(res.changes.find((c) => c.kind === "konnect.plugin")!.diff.map((d) => d.path)).not.toContain("config.aws_imds_protocol_version");
    if (referenceDir) expect(kongSchemaErrors("AwsLambda.json", p!)).toEqual([]);
    expect(res.iamPolicy.Statement).toEqual([
      { Sid: "InvokeKongUpstreamFunction", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: ["arn:aws:lambda:eu-west-1:123456789012:function:orders-handler", "arn:aws:lambda:eu-west-1:123456789012:function:orders-handler:live"] },
    ]);
    expect(res.trustPolicy!.Statement[0]).toEqual({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/kong-dp-node" }, Action: "sts:AssumeRole" });
    sandbox.clearRequests();
    const again = await attachLambda(options);
    expect(again.changes.filter((c) => c.action !== "noop")).toEqual([]);
    expect(sandbox.writes()).toEqual([]);
  });

  it("updates only the changed setting", async () => {
    const options = await setup();
    await attachLambda(options);
    const res = await attachLambda({ ...options, invocationType: "Event" });
    expect(res.changes).toMatchObject([{ action: "update", diff: [{ path: "config.invocation_type", before: "RequestResponse", after: "Event" }] }]);
  });

  it("verifies the function and refuses a gateway timeout shorter than the function's", async () => {
    sandbox.seedLambdaFunction({ name: "orders-handler", region: "eu-west-1", timeout: 120, qualifiers: ["live"] });
    const options = await setup({ verify: true, lambda: lambda("eu-west-1") });
    const error = await attachLambda(options).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ConfigError", field: "timeoutMs" });
    expect((error as Error).message).toContain("at least 120000");
    expect(sandbox.writes()).toEqual([]);
    const ok = await attachLambda({ ...options, timeoutMs: 125_000 });
    expect(ok.functionArn).toBe("arn:aws:lambda:eu-west-1:123456789012:function:orders-handler");
    await expect(attachLambda({ ...options, functionName: "arn:aws:lambda:eu-west-1:123456789012:function:missing", timeoutMs: 125_000 })).rejects.toMatchObject({ field: "functionName" });
  });

  it("takes a plain name with its region, and gives an account-wildcard ARN without a lookup", async () => {
    const options = await setup({ functionName: "orders-handler", region: "us-east-1", serviceId: undefined });
    const res = await attachLambda(options);
    expect(res.functionArn).toBe("arn:aws:lambda:us-east-1:*:function:orders-handler");
    expect(res.plugin.config).toMatchObject({ function_name: "orders-handler", aws_region: "us-east-1" });
    expect(res.plugin.config.qualifier ?? null).toBeNull();
  });

  it.each([
    [{ functionName: "arn:aws:lambda:eu-west-1:12:function:x" }, "functionName"],
    [{ functionName: "orders", region: undefined }, "region"],
    [{ region: "us-east-1" }, "region"],
    [{ invocationType: "Async" as never }, "invocationType"],
    [{ routeId: undefined }, "routeId"],
    [{ assumeRoleArn: "arn:aws:iam::1:role/x" }, "assumeRoleArn"],
    [{ trustedPrincipal: "123456789012" }, "trustedPrincipal"],
  ])("%j -> ConfigError naming %s, zero requests", async (input, field) => {
    const options = await setup();
    const error = await attachLambda({ ...options, ...input }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe(field);
    expect(sandbox.requests).toEqual([]);
  });
});
