import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";

// Static fake credentials: the SDK signs requests for real (SigV4), the sandbox checks they are signed.
const credentials = { accessKeyId: "AKIASANDBOX000000000", secretAccessKey: "sandbox-secret-key" };

export const cloudWatchLogs = (region = "us-east-1") => new CloudWatchLogsClient({ region, credentials, maxAttempts: 1 });
export const cloudWatch = (region = "us-east-1") => new CloudWatchClient({ region, credentials, maxAttempts: 1 });
