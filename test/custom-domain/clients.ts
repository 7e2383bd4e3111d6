import { ACMClient } from "@aws-sdk/client-acm";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";

// Static fake credentials: the SDK signs requests for real (SigV4), the sandbox checks they are signed.
const credentials = { accessKeyId: "AKIASANDBOX000000000", secretAccessKey: "sandbox-secret-key" };

export const acm = (region = "us-east-1") => new ACMClient({ region, credentials, maxAttempts: 1 });
export const elbv2 = (region = "us-east-1") => new ElasticLoadBalancingV2Client({ region, credentials, maxAttempts: 1 });
