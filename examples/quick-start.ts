// The README's quick start. Live: KONNECT_TOKEN=kpat_... npx tsx examples/quick-start.ts --live
import { createKonnectClient, enableAwsVault, ensureControlPlane, secret } from "konnect-aws";

export async function quickStart(konnect = createKonnectClient()) {
  const { controlPlane } = await ensureControlPlane({ konnect, name: "payments-prod", costTags: { Environment: "prod" } });
  const { references, iamPolicy, changes } = await enableAwsVault({
    konnect,
    controlPlaneId: controlPlane.id!,
    region: "us-east-1",
    secrets: { "payments/redis": secret(process.env.REDIS_PASSWORD ?? "example-password") },
  });
  console.log(references["payments/redis"], JSON.stringify(iamPolicy), changes.length);
}

if (process.argv[1]?.endsWith("quick-start.ts") && process.argv.includes("--live")) await quickStart();
