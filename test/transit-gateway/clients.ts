import { EC2Client } from "@aws-sdk/client-ec2";
import { RAMClient } from "@aws-sdk/client-ram";

// Static fake credentials: the SDK signs requests for real (SigV4), the sandbox checks they are signed.
const credentials = { accessKeyId: "AKIASANDBOX000000000", secretAccessKey: "sandbox-secret-key" };

export const ec2 = (region = "us-east-2") => new EC2Client({ region, credentials, maxAttempts: 1 });
export const ram = (region = "us-east-2") => new RAMClient({ region, credentials, maxAttempts: 1 });
