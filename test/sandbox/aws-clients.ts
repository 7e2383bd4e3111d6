import { Route53Client } from "@aws-sdk/client-route-53";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

// Static fake credentials: the SDK signs requests for real (SigV4), the sandbox checks they are signed.
const credentials = { accessKeyId: "AKIASANDBOX000000000", secretAccessKey: "sandbox-secret-key" };

export const secretsManager = (region = "us-east-1") => new SecretsManagerClient({ region, credentials, maxAttempts: 1 });
export const route53 = () => new Route53Client({ region: "us-east-1", credentials, maxAttempts: 1 });

import { ElastiCacheClient } from "@aws-sdk/client-elasticache";
export const elastiCache = (region = "us-east-1") => new ElastiCacheClient({ region, credentials, maxAttempts: 1 });

import { LambdaClient } from "@aws-sdk/client-lambda";
export const lambda = (region = "us-east-1") => new LambdaClient({ region, credentials, maxAttempts: 1 });
