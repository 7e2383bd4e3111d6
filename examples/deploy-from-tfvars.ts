// The README's quick start from a terraform.tfvars: plan, deploy, deploy again (no write), destroy.
// On the sandbox (no credentials, no network):  npx tsx examples/deploy-from-tfvars.ts
// Live (creates real objects, then removes them): KONNECT_TOKEN=kpat_... TF_VAR_elasticache_password=... npx tsx examples/deploy-from-tfvars.ts path/to/terraform.tfvars --live
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deploy, destroy, loadConfig, plan, type DeployOptions } from "konnect-aws";

const TFVARS = `control_plane_name = "payments-prod"
konnect_region     = "us"
environment        = "production"
aws_region         = "us-east-1"
aws_cost_center    = "engineering"
enable_aws_vault         = true
enable_aws_elasticache   = true
aws_elasticache_endpoint = "master.rl.abc123.use1.cache.amazonaws.com"
aws_elasticache_password = var.elasticache_password
aws_rate_limits          = [{ limit = 1000, window = 60 }]
`;

/** Plans, deploys, re-deploys and destroys the deployment a tfvars file describes. */
export async function deployFromTfvars(path: string, options: DeployOptions = {}, env: Record<string, string | undefined> = process.env) {
  const config = await loadConfig(path, { env });
  const preview = await plan(config, options);
  for (const c of preview.changes) console.log(`plan    ${c.step.padEnd(24)} ${c.action.padEnd(6)} ${c.kind} ${c.key}${c.pending ? " (id known after apply)" : ""}`);
  console.log("plan   ", preview.summary, ...preview.warnings);
  console.log("deploy ", (await deploy(config, options)).summary);
  console.log("again  ", (await deploy(config, options)).summary);
  const { changes, kept } = await destroy(config, { ...options, recoveryWindowInDays: 7 });
  for (const c of changes) console.log(`destroy ${c.step.padEnd(24)} ${c.action} ${c.kind} ${c.key}`);
  for (const k of kept) console.log(`kept    ${k.kind} ${k.key}: ${k.reason}`);
}

if (process.argv[1]?.endsWith("deploy-from-tfvars.ts")) {
  if (process.argv.includes("--live")) {
    await deployFromTfvars(process.argv[2]!);
  } else {
    const { setupServer } = await import("msw/node");
    const { createSandbox } = await import("konnect-aws/testing");
    const { createKonnectClient } = await import("konnect-aws");
    const { SecretsManagerClient } = await import("@aws-sdk/client-secrets-manager");
    const sandbox = createSandbox({ seed: 1 });
    const server = setupServer(...sandbox.handlers);
    server.listen({ onUnhandledRequest: "error" });
    const dir = mkdtempSync(join(tmpdir(), "konnect-aws-example-"));
    writeFileSync(join(dir, "terraform.tfvars"), TFVARS);
    const credentials = { accessKeyId: "AKIASANDBOX000000000", secretAccessKey: "sandbox" };
    await deployFromTfvars(join(dir, "terraform.tfvars"), { konnect: createKonnectClient({ token: sandbox.token, env: {} }), aws: { secretsManager: (region) => new SecretsManagerClient({ region, credentials }) } }, { TF_VAR_elasticache_password: "example-password" });
    server.close();
  }
}
