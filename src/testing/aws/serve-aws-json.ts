import { http, type HttpHandler } from "msw";
import type { Serve } from "../serve.js";
import { AwsFault, awsJson, awsJsonError } from "./json-protocol.js";
import { rejectInvalidInput } from "./reject-invalid.js";

type Json = Record<string, unknown>;

/** Options of {@link serveAwsJson}. @internal */
export interface ServeAwsJsonOptions {
  /** The endpoint's first label, also the name in the request log and the model constraints: `ecs.<region>.amazonaws.com`. */
  service: "ecs" | "logs" | "acm" | "secretsmanager";
  /** What `X-Amz-Target` holds before the operation name, such as `AmazonEC2ContainerServiceV20141113.` */
  targetPrefix: string;
  /** The fake's operations, by name. */
  ops: Record<string, (region: string, input: Json) => Json>;
  /** The operations that write (counted by `sandbox.writes()` and by `failAfterWrites`). */
  writes: ReadonlySet<string>;
  serve: Serve;
  /** Runs each operation (the Secrets Manager fake's list lag wraps them). @default runs it as is */
  around?: <T>(operation: () => T) => T;
}

/**
 * The msw handler of an AWS JSON-1.1 fake: one POST endpoint per region, the operation from
 * `X-Amz-Target`, an unknown operation and a missing SigV4 signature answered as AWS does, the input
 * validated against the official model, then the operation, whose {@link AwsFault} becomes the AWS error.
 * Every awsJson fake (ACM, CloudWatch Logs, ECS, Secrets Manager) serves through this one copy.
 * @internal
 */
export function serveAwsJson(o: ServeAwsJsonOptions): HttpHandler {
  const endpoint = new RegExp(`^https:\\/\\/${o.service}\\.[a-z0-9-]+\\.amazonaws\\.com\\/?$`);
  const regionOf = (url: string) => new RegExp(`^https:\\/\\/${o.service}\\.([a-z0-9-]+)\\.amazonaws\\.com`).exec(url)![1]!;
  const around = o.around ?? ((operation) => operation());
  return http.post(endpoint, async ({ request }) => {
    const target = request.headers.get("x-amz-target") ?? "";
    const action = target.startsWith(o.targetPrefix) ? target.slice(o.targetPrefix.length) : target;
    return o.serve(o.service, request, { operation: action || "Unknown", write: o.writes.has(action) }, async () => {
      const op = o.ops[action];
      if (!op) return awsJsonError("UnknownOperationException", `Unknown operation ${action}`);
      if (!request.headers.get("authorization")?.startsWith("AWS4-HMAC-SHA256")) return awsJsonError("MissingAuthenticationTokenException", "Request is missing Authentication Token", 403);
      const rejected = await rejectInvalidInput(o.service, action, request);
      if (rejected) return rejected;
      try {
        const input = JSON.parse((await request.text()) || "{}") as Json;
        return awsJson(around(() => op(regionOf(request.url), input)));
      } catch (error) {
        if (error instanceof AwsFault) return awsJsonError(error.code, error.message, error.status);
        throw error;
      }
    });
  });
}
