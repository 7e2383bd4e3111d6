import { ConfigError } from "../errors/config-error.js";

/**
 * A loader for an optional peer dependency: imported on first use (nothing AWS loads at import time, and
 * users who never touch a service need not install its client), cached, and turned into a
 * {@link ConfigError} that says what to install when it is missing.
 */
function lazy<T>(importer: () => Promise<T>, field: string, pkg: string): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= importer().catch((cause: unknown) => {
      loading = undefined;
      throw new ConfigError({ field, problem: `${pkg} is not installed`, fix: `npm install ${pkg}`, cause });
    }));
}

/** @internal */
export const loadSecretsManager = lazy(() => import("@aws-sdk/client-secrets-manager"), "secretsManager", "@aws-sdk/client-secrets-manager");
/** @internal */
export const loadElastiCache = lazy(() => import("@aws-sdk/client-elasticache"), "elastiCache", "@aws-sdk/client-elasticache");
/** @internal */
export const loadLambda = lazy(() => import("@aws-sdk/client-lambda"), "lambda", "@aws-sdk/client-lambda");
/** @internal */
export const loadRoute53 = lazy(() => import("@aws-sdk/client-route-53"), "route53", "@aws-sdk/client-route-53");
/** @internal */
export const loadEcs = lazy(() => import("@aws-sdk/client-ecs"), "ecs", "@aws-sdk/client-ecs");
/**
 * @peculiar/x509 issues the data planes' cluster certificates (node's crypto cannot sign certificates).
 * It needs a Reflect metadata polyfill (its README, "Reflect Polyfill Required": tsyringe throws "tsyringe
 * requires a reflect polyfill" without one), so `reflect-metadata` is loaded first, only when no polyfill
 * is there yet: the one global change, made on the first certificate, never at import.
 * @internal
 */
export const loadX509 = lazy(
  async () => {
    if (typeof (Reflect as { getMetadata?: unknown }).getMetadata !== "function") await import("reflect-metadata");
    return import("@peculiar/x509");
  },
  "certificate",
  "@peculiar/x509 reflect-metadata",
);
export const loadCloudWatchLogs = lazy(() => import("@aws-sdk/client-cloudwatch-logs"), "cloudWatchLogs", "@aws-sdk/client-cloudwatch-logs");
/** @internal */
export const loadCloudWatch = lazy(() => import("@aws-sdk/client-cloudwatch"), "cloudWatch", "@aws-sdk/client-cloudwatch");
export const loadEc2 = lazy(() => import("@aws-sdk/client-ec2"), "ec2", "@aws-sdk/client-ec2");
/** @internal */
export const loadRam = lazy(() => import("@aws-sdk/client-ram"), "ram", "@aws-sdk/client-ram");
export const loadAcm = lazy(() => import("@aws-sdk/client-acm"), "acm", "@aws-sdk/client-acm");
/** @internal */
export const loadElbV2 = lazy(() => import("@aws-sdk/client-elastic-load-balancing-v2"), "elbv2", "@aws-sdk/client-elastic-load-balancing-v2");
