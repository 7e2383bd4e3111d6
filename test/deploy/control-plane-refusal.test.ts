// A deployment whose control plane is refused (a control plane of that name that konnect-aws did not
// create) writes nothing anywhere: every step waits for the control plane's checks, the AWS-only ones
// (a custom domain on a load balancer) too, so the refusal comes before any change to the user's DNS,
// certificates or load balancer.
import { describe, expect, it } from "vitest";
import { deploy, loadConfig, type DeployOptions } from "../../src/index.js";
import { useSandbox } from "../use-sandbox.js";
import { GUIDE_ENV, filled, seedComplete, seedGuide } from "./guide.js";
import { deployAws } from "./snapshot-all.js";

const { sandbox, konnect } = useSandbox();
const options: DeployOptions = { konnect, aws: deployAws(), wait: { intervalMs: 2 } };

describe("deploy with a control plane konnect-aws did not create", () => {
  it("refuses before any write, the load-balancer custom domain included", { timeout: 60_000 }, async () => {
    seedGuide(sandbox);
    const seeded = seedComplete(sandbox);
    await konnect.api.POST("/v2/control-planes", { body: { name: "guide-complete", cluster_type: "CLUSTER_TYPE_CONTROL_PLANE" } });
    const config = await loadConfig(await filled("complete-aws-deployment.tfvars", seeded), { env: GUIDE_ENV });
    expect(config.aws_custom_domain_target).toBe("load-balancer");
    sandbox.clearRequests();
    const error = await deploy(config, options).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "DeployError", step: "control-plane" });
    expect(sandbox.writes()).toEqual([]);
  });
});
