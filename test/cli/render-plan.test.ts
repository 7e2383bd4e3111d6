// The plan renderer on real change lists: enableAwsVault / disableAwsVault in dryRun against the sandbox.
import { describe, expect, it } from "vitest";
import { renderPlan } from "../../src/cli/render-plan.js";
import { createStyle } from "../../src/cli/style.js";
import { disableAwsVault, enableAwsVault, ensureControlPlane, secret, type EnableAwsVaultOptions } from "../../src/index.js";
import { useSandbox } from "../use-sandbox.js";

const { konnect, secretsManager } = useSandbox();
const plain = createStyle({ color: true, isTTY: false, env: {} });
// ids and ARNs carry the sandbox's random suffixes: the snapshot keeps their shape only
const stable = (text: string) => text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>").replace(/(secret:[\w/]+)-\w{6}/g, "$1-XXXXXX");

async function options(): Promise<EnableAwsVaultOptions> {
  const { controlPlane } = await ensureControlPlane({ konnect, name: "render" });
  return { konnect, controlPlaneId: controlPlane.id!, region: "us-east-1", secretsManager: secretsManager("us-east-1"), secrets: { "app/db": { username: "app", password: "render-CANARY-1" }, "app/token": secret("render-CANARY-2") }, ttl: 60 };
}

describe("renderPlan", () => {
  it("renders creates, updates with field diffs, deletes and totals, secrets as (sensitive), without colour off a terminal", async () => {
    const o = await options();
    const create = await enableAwsVault({ ...o, dryRun: true });
    await enableAwsVault(o);
    const update = await enableAwsVault({ ...o, ttl: 300, secrets: { ...o.secrets, "app/token": secret("render-CANARY-3") }, dryRun: true });
    const remove = await disableAwsVault({ ...o, dryRun: true });
    const text = [create, update, remove].map((r) => stable(renderPlan(r.changes, plain))).join("\n=====\n");
    expect(text).not.toContain("CANARY");
    expect(text).not.toContain("\u001b[");
    expect(text).toMatchInlineSnapshot(`
      "Konnect
        + konnect.vault "aws-sm-us-east-1"
            + name = "aws"
            + prefix = "aws-sm-us-east-1"
            + config.region = "us-east-1"
            + config.ttl = 60
            + tags = ["managed-by-konnect-aws"]

      Secrets Manager
        + aws.secret "app/db"
            + value = (sensitive)
            + tags.konnect-aws:managed = "true"
        + aws.secret "app/token"
            + value = (sensitive)
            + tags.konnect-aws:managed = "true"

      Plan: 3 to add, 0 to change, 0 to destroy.
      =====
      Konnect
        ~ konnect.vault "aws-sm-us-east-1" (<uuid>)
            ~ config.ttl: 60 -> 300

      Secrets Manager
        ~ aws.secret "app/token" (arn:aws:secretsmanager:us-east-1:123456789012:secret:app/token-XXXXXX)
            ~ value = (sensitive)

      Plan: 0 to add, 2 to change, 0 to destroy, 1 unchanged.
      =====
      Secrets Manager
        - aws.secret "app/token" (arn:aws:secretsmanager:us-east-1:123456789012:secret:app/token-XXXXXX)
            - value = (sensitive)
            - recoveryWindowInDays: 30
        - aws.secret "app/db" (arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-XXXXXX)
            - value = (sensitive)
            - recoveryWindowInDays: 30

      Konnect
        - konnect.vault "aws-sm-us-east-1" (<uuid>)
            - prefix = "aws-sm-us-east-1"
            - name = "aws"

      Plan: 0 to add, 0 to change, 3 to destroy."
    `);
  });

  it("colours on a terminal, and not with NO_COLOR", async () => {
    const o = await options();
    const { changes } = await enableAwsVault({ ...o, dryRun: true });
    expect(renderPlan(changes, createStyle({ color: true, isTTY: true, env: {} }))).toContain("\u001b[32m  + konnect.vault");
    expect(renderPlan(changes, createStyle({ color: true, isTTY: true, env: { NO_COLOR: "1" } }))).not.toContain("\u001b[");
    expect(renderPlan(changes, createStyle({ color: false, isTTY: true, env: {} }))).not.toContain("\u001b[");
  });
});
