import { ConfigError } from "../errors/config-error.js";

type SecretsManagerModule = typeof import("@aws-sdk/client-secrets-manager");

let secretsManagerModule: Promise<SecretsManagerModule> | undefined;

/**
 * Loads `@aws-sdk/client-secrets-manager` on first use: nothing AWS is loaded at import time, and users
 * who never touch Secrets Manager need not install it (it is an optional peer dependency).
 * @internal
 */
export function loadSecretsManager(): Promise<SecretsManagerModule> {
  secretsManagerModule ??= import("@aws-sdk/client-secrets-manager").catch((cause: unknown) => {
    secretsManagerModule = undefined;
    throw new ConfigError({ field: "secretsManager", problem: "@aws-sdk/client-secrets-manager is not installed", fix: "npm install @aws-sdk/client-secrets-manager", cause });
  });
  return secretsManagerModule;
}

type ElastiCacheModule = typeof import("@aws-sdk/client-elasticache");
let elastiCacheModule: Promise<ElastiCacheModule> | undefined;

/** Loads `@aws-sdk/client-elasticache` on first use (an optional peer dependency). @internal */
export function loadElastiCache(): Promise<ElastiCacheModule> {
  elastiCacheModule ??= import("@aws-sdk/client-elasticache").catch((cause: unknown) => {
    elastiCacheModule = undefined;
    throw new ConfigError({ field: "elastiCache", problem: "@aws-sdk/client-elasticache is not installed", fix: "npm install @aws-sdk/client-elasticache", cause });
  });
  return elastiCacheModule;
}

type LambdaModule = typeof import("@aws-sdk/client-lambda");
let lambdaModule: Promise<LambdaModule> | undefined;

/** Loads `@aws-sdk/client-lambda` on first use (an optional peer dependency). @internal */
export function loadLambda(): Promise<LambdaModule> {
  lambdaModule ??= import("@aws-sdk/client-lambda").catch((cause: unknown) => {
    lambdaModule = undefined;
    throw new ConfigError({ field: "lambda", problem: "@aws-sdk/client-lambda is not installed", fix: "npm install @aws-sdk/client-lambda", cause });
  });
  return lambdaModule;
}

type Route53Module = typeof import("@aws-sdk/client-route-53");
let route53Module: Promise<Route53Module> | undefined;

/** Loads `@aws-sdk/client-route-53` on first use (an optional peer dependency). @internal */
export function loadRoute53(): Promise<Route53Module> {
  route53Module ??= import("@aws-sdk/client-route-53").catch((cause: unknown) => {
    route53Module = undefined;
    throw new ConfigError({ field: "route53", problem: "@aws-sdk/client-route-53 is not installed", fix: "npm install @aws-sdk/client-route-53", cause });
  });
  return route53Module;
}
