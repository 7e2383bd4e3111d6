// The guide's "AWS with Multi-Region Setup" / "Active-Active Configuration" / "Disaster Recovery":
// secrets replicated to every region, each region's gateways reading their local replica, and Route 53
// steering traffic between regions on health checks. With `teardown`, the same options remove the
// records, the health checks and the replicas (the primary secrets belong to the vault's teardown).
import type { Route53Client } from "@aws-sdk/client-route-53";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { setupMultiRegion, teardownMultiRegion, type SetupMultiRegionOptions, type TeardownOptions, type WaitOptions } from "konnect-aws";
import { printChanges, printTeardown } from "./print-changes.js";

export interface MultiRegionOptions {
  mode: "failover" | "latency";
  secretNames: string[];
  domain: string;
  endpoints: Record<string, string>;
  route53?: Route53Client;
  secretsManager?: (region: string) => SecretsManagerClient;
  wait?: WaitOptions;
  dryRun?: boolean;
  /** Remove what the example creates instead, with the same options (`true`: the teardown's defaults). */
  teardown?: boolean | TeardownOptions;
}

export async function multiRegion(o: MultiRegionOptions) {
  const [primaryRegion, ...secondaryRegions] = Object.keys(o.endpoints);
  const options: SetupMultiRegionOptions = {
    primaryRegion: primaryRegion!,
    secondaryRegions,
    secretNames: o.secretNames,
    domain: o.domain,
    endpoints: o.endpoints,
    mode: o.mode,
    // self-hosted data planes: Route 53 probes Kong's status listener (KONG_STATUS_LISTEN=0.0.0.0:8100),
    // the only listener that serves /status/ready; Dedicated Cloud Gateways need no healthCheck option
    healthCheck: { port: 8100, path: "/status/ready", protocol: "HTTP" },
    tags: { Environment: "dev", Project: "konnect-aws-demo" },
    ...(o.route53 ? { route53: o.route53 } : {}),
    ...(o.secretsManager ? { secretsManager: o.secretsManager } : {}),
    ...(o.wait ? { wait: o.wait } : {}),
    dryRun: o.dryRun,
  };
  if (o.teardown) {
    const removed = await teardownMultiRegion({ ...options, ...(o.teardown === true ? {} : o.teardown) });
    printTeardown(`multi-region (${o.mode})`, removed);
    return removed;
  }
  const result = await setupMultiRegion(options);
  printChanges(`multi-region (${o.mode})`, result.changes);
  for (const [region, r] of Object.entries(result.regions)) console.log(`  ${region} (${r.role}): data planes set ${Object.entries(r.environment).map(([k, v]) => `${k}=${v}`).join(" ")}`);
  return result;
}
