import { HttpResponse } from "msw";
import { xmlElement } from "./aws/xml.js";
import type { FaultStatus, SandboxService } from "./types.js";

/** RFC 9110 reason phrases, sent as `statusText` (node:http clients see them on the status line). */
const REASON: Record<FaultStatus, string> = {
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/**
 * Error codes by service and status. Where the service's model names its own error, that name
 * (`../shared/reference/aws-models`: Secrets Manager `InternalServiceError`, Lambda
 * `TooManyRequestsException` (429) and `ServiceException` (500); Cognito user pools
 * `TooManyRequestsException` and `InternalErrorException`); otherwise AWS's common errors
 * (`InternalFailure` 500, `ServiceUnavailable` 503, throttling as `ThrottlingException` on JSON services
 * and `Throttling` "Rate exceeded" on Route 53 and the Query services). 502 and 504 come from the front
 * door rather than the service, which has no code of its own for them: they carry the unmodeled
 * `InternalFailure`, so no caller mistakes them for a modeled service error.
 */
const CODES: Record<Exclude<SandboxService, "konnect">, Record<FaultStatus, string>> = {
  secretsmanager: { 429: "ThrottlingException", 500: "InternalServiceError", 502: "InternalFailure", 503: "ServiceUnavailable", 504: "InternalFailure" },
  cognito: { 429: "TooManyRequestsException", 500: "InternalErrorException", 502: "InternalFailure", 503: "ServiceUnavailable", 504: "InternalFailure" },
  lambda: { 429: "TooManyRequestsException", 500: "ServiceException", 502: "InternalFailure", 503: "ServiceUnavailable", 504: "InternalFailure" },
  route53: { 429: "Throttling", 500: "InternalFailure", 502: "InternalFailure", 503: "ServiceUnavailable", 504: "InternalFailure" },
  elasticache: { 429: "Throttling", 500: "InternalFailure", 502: "InternalFailure", 503: "ServiceUnavailable", 504: "InternalFailure" },
  // ECS models ServerException for its own faults (ecs.json, RegisterTaskDefinition errors)
  ecs: { 429: "ThrottlingException", 500: "ServerException", 502: "InternalFailure", 503: "ServiceUnavailable", 504: "InternalFailure" },
  // CloudWatch Logs models ServiceUnavailableException; CloudWatch models InternalServiceFault (500)
  logs: { 429: "ThrottlingException", 500: "InternalFailure", 502: "InternalFailure", 503: "ServiceUnavailableException", 504: "InternalFailure" },
  cloudwatch: { 429: "Throttling", 500: "InternalServiceFault", 502: "InternalFailure", 503: "ServiceUnavailable", 504: "InternalFailure" },
  // EC2 throttles with RequestLimitExceeded and fails with InternalError / Unavailable (EC2 API reference,
  // "Error codes for the Amazon EC2 API"); RAM's model names ThrottlingException (429),
  // ServerInternalException (500) and ServiceUnavailableException (503)
  ec2: { 429: "RequestLimitExceeded", 500: "InternalError", 502: "InternalFailure", 503: "Unavailable", 504: "InternalFailure" },
  ram: { 429: "ThrottlingException", 500: "ServerInternalException", 502: "InternalFailure", 503: "ServiceUnavailableException", 504: "InternalFailure" },
  // ACM's model names ThrottlingException; ELBv2 (Query) throttles as "Throttling" like ElastiCache
  acm: { 429: "ThrottlingException", 500: "InternalFailure", 502: "InternalFailure", 503: "ServiceUnavailable", 504: "InternalFailure" },
  elbv2: { 429: "Throttling", 500: "InternalFailure", 502: "InternalFailure", 503: "ServiceUnavailable", 504: "InternalFailure" },
  // IAM's model names ServiceFailure (awsQueryError code, 500); the rest are the Query services' common errors
  iam: { 429: "Throttling", 500: "ServiceFailure", 502: "InternalFailure", 503: "ServiceUnavailable", 504: "InternalFailure" },
};

// "Rate exceeded" is AWS's throttling message; the others say where they come from, for whoever reads a log
const MESSAGE: Record<FaultStatus, string> = {
  429: "Rate exceeded",
  500: "Internal Server Error (injected by the sandbox)",
  502: "Bad Gateway (injected by the sandbox)",
  503: "Service Unavailable (injected by the sandbox)",
  504: "Gateway Timeout (injected by the sandbox)",
};

const XML_NAMESPACE = { route53: "https://route53.amazonaws.com/doc/2013-04-01/", elasticache: "http://elasticache.amazonaws.com/doc/2015-02-02/", elbv2: "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/", iam: "https://iam.amazonaws.com/doc/2010-05-08/" };
const REQUEST_ID = "00000000-0000-4000-8000-000000000000";

/**
 * The answer for an injected status, in the answering service's own error format, with its reason
 * phrase and, for 429 and 503, `Retry-After`.
 * @internal
 */
export function createFaultResponder(): (service: SandboxService, status: FaultStatus, retryAfter: number | undefined) => Response {
  let trace = 7_000_000_000_000_000_000n;
  return (service, status, retryAfter) => {
    const init = { status, statusText: REASON[status] };
    const extra: Record<string, string> = retryAfter === undefined ? {} : { "Retry-After": String(retryAfter) };
    if (service === "konnect") {
      // Konnect's platform errors are problem+json `{status, title, instance, detail}`. Its specs title a
      // 429 "Rate Limited" / "Too many requests" (identity.v3.yaml, example 429-rate-limited) and a 500
      // or 503 with the reason phrase (control-planes.v2.yaml, 500InternalErrorExample).
      const title = status === 429 ? "Rate Limited" : REASON[status];
      const detail = status === 429 ? "Too many requests" : MESSAGE[status];
      return HttpResponse.json({ status, title, instance: `konnect:trace:${++trace}`, detail }, { ...init, headers: { "Content-Type": "application/problem+json", ...extra } });
    }
    const code = CODES[service][status];
    if (service === "route53" || service === "elasticache" || service === "elbv2" || service === "iam") {
      // Query/REST-XML error document; `Type` is Receiver for the server's faults (AWS Query API guide)
      const type = status === 429 ? "Sender" : "Receiver";
      const error = xmlElement("Error", { Type: type, Code: code, Message: MESSAGE[status] }) + xmlElement("RequestId", REQUEST_ID);
      return new HttpResponse(`<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${XML_NAMESPACE[service]}">${error}</ErrorResponse>`, {
        ...init,
        headers: { "Content-Type": "text/xml", "x-amzn-RequestId": REQUEST_ID, ...extra },
      });
    }
    if (service === "ec2") {
      // EC2's own error document: <Response><Errors><Error>...</Errors><RequestID>
      const error = xmlElement("Errors", [{ Code: code, Message: MESSAGE[status] }], { Errors: "Error" }) + xmlElement("RequestID", REQUEST_ID);
      return new HttpResponse(`<?xml version="1.0" encoding="UTF-8"?>\n<Response>${error}</Response>`, { ...init, headers: { "Content-Type": "text/xml;charset=UTF-8", ...extra } });
    }
    if (service === "lambda" || service === "ram") {
      // Lambda (REST-JSON): the code travels in x-amzn-ErrorType, the body says who is at fault
      const body = { Type: status === 429 ? "User" : "Service", message: MESSAGE[status], ...(status === 429 ? { Reason: "CallerRateLimitExceeded" } : {}) };
      return HttpResponse.json(body, { ...init, headers: { "x-amzn-ErrorType": code, "x-amzn-RequestId": REQUEST_ID, ...extra } });
    }
    if (service === "cloudwatch") {
      // CloudWatch: JSON 1.0 with Query compatibility, the Query code in x-amzn-query-error
      const fault = status === 429 ? "Sender" : "Receiver";
      return HttpResponse.json({ __type: code, message: MESSAGE[status] }, { ...init, headers: { "Content-Type": "application/x-amz-json-1.0", "x-amzn-query-error": `${code};${fault}`, "x-amzn-RequestId": REQUEST_ID, ...extra } });
    }
    // AWS JSON 1.1 (Secrets Manager, CloudWatch Logs; the Cognito endpoints answer in the same style)
    return HttpResponse.json({ __type: code, message: MESSAGE[status] }, { ...init, headers: { "Content-Type": "application/x-amz-json-1.1", "x-amzn-ErrorType": code, "x-amzn-RequestId": REQUEST_ID, ...extra } });
  };
}
