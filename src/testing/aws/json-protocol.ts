import { HttpResponse } from "msw";

/**
 * An AWS JSON-1.1 protocol error: status, `x-amzn-ErrorType` header and `{__type, message}` body, which
 * the AWS SDK v3 turns into the modeled exception class.
 * @internal
 */
export function awsJsonError(code: string, message: string, status = 400): Response {
  return HttpResponse.json({ __type: code, message }, { status, headers: { "x-amzn-ErrorType": code, "Content-Type": "application/x-amz-json-1.1", "x-amzn-RequestId": "00000000-0000-4000-8000-000000000000" } });
}

/** @internal */
export function awsJson(body: Record<string, unknown>): Response {
  return HttpResponse.json(body as never, { headers: { "Content-Type": "application/x-amz-json-1.1", "x-amzn-RequestId": "00000000-0000-4000-8000-000000000000" } });
}

/** Thrown by a fake's operation to answer with an AWS error, which each fake writes in its own protocol (JSON, XML). @internal */
export class AwsFault extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}
