import { http, HttpResponse, type HttpHandler } from "msw";
import type { Serve } from "../serve.js";
import { rejectInvalidInput } from "./reject-invalid.js";

/** How to seed a Lambda function. */
export interface LambdaFunctionSeed {
  name: string;
  region?: string;
  /** Seconds. @default 3 (Lambda's default) */
  timeout?: number;
  runtime?: string;
  /** Published aliases/versions that `Qualifier` may name. */
  qualifiers?: string[];
}

/**
 * The Lambda fake's state: function configurations by region, then name.
 *
 * @example
 * ```ts
 * sandbox.seedLambdaFunction({ name: "orders-handler", timeout: 30 });
 * ```
 */
export interface LambdaState {
  functions: Record<string, Map<string, Record<string, unknown> & { qualifiers: string[] }>>;
}

/** @internal */
export function buildLambdaFunction(seed: LambdaFunctionSeed, accountId: string): Record<string, unknown> & { qualifiers: string[] } {
  const region = seed.region ?? "us-east-1";
  return {
    FunctionName: seed.name,
    FunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${seed.name}`,
    Runtime: seed.runtime ?? "nodejs20.x",
    Role: `arn:aws:iam::${accountId}:role/${seed.name}-execution`,
    Handler: "index.handler",
    Timeout: seed.timeout ?? 3,
    MemorySize: 128,
    Version: "$LATEST",
    State: "Active",
    PackageType: "Zip",
    qualifiers: seed.qualifiers ?? [],
  };
}

/** @internal */
export function lambdaHandlers(o: { state: () => LambdaState; serve: Serve }): HttpHandler[] {
  const re = /^https:\/\/lambda\.([a-z0-9-]+)\.amazonaws\.com\/2015-03-31\/functions\/([^/]+)\/configuration\/?$/;
  return [
    http.get(re, ({ request }) => {
      const url = new URL(request.url);
      const [, region, rawName] = re.exec(url.origin + url.pathname)!;
      return o.serve("lambda", request, { operation: "GetFunctionConfiguration", write: false }, async () => {
        const error = (status: number, type: string, message: string) => HttpResponse.json({ Type: "User", Message: message, message }, { status, headers: { "x-amzn-ErrorType": type } });
        if (!request.headers.get("authorization")?.startsWith("AWS4-HMAC-SHA256")) return error(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        const rejected = await rejectInvalidInput("lambda", "GetFunctionConfiguration", request);
        if (rejected) return rejected;
        // FunctionName may be a name, a full ARN or a partial ARN
        const name = decodeURIComponent(rawName!).split(":function:").pop()!.split(":")[0]!;
        const fn = o.state().functions[region!]?.get(name);
        const qualifier = url.searchParams.get("Qualifier") ?? decodeURIComponent(rawName!).split(":function:").pop()!.split(":")[1];
        if (!fn || (qualifier && qualifier !== "$LATEST" && !fn.qualifiers.includes(qualifier))) {
          return error(404, "ResourceNotFoundException", `Function not found: arn:aws:lambda:${region}:${String(fn?.FunctionArn ?? "").split(":")[4] ?? ""}:function:${name}${qualifier ? `:${qualifier}` : ""}`);
        }
        const { qualifiers: _q, ...config } = fn;
        return HttpResponse.json({ ...config, ...(qualifier ? { FunctionArn: `${String(fn.FunctionArn)}:${qualifier}`, Version: qualifier } : {}) });
      });
    }),
  ];
}
