// Every injected status, from every fake, must read like the real service's answer: reason phrase, error
// body in the service's format, Retry-After on 429/503, and the same retry classification in the clients.
import { ListHostedZonesCommand, Route53Client } from "@aws-sdk/client-route-53";
import { DescribeReplicationGroupsCommand, ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { GetFunctionConfigurationCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { ListSecretsCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { ECSClient, ListTaskDefinitionsCommand } from "@aws-sdk/client-ecs";
import { ConfiguredRetryStrategy, isThrottlingError, isTransientError } from "@smithy/core/retry";
import type { RetryErrorInfo, SdkError, StandardRetryToken } from "@smithy/types";
import { XMLParser } from "fast-xml-parser";
import { beforeEach, describe, expect, it } from "vitest";
import { createKonnectClient, KonnectApiError, KonnectRateLimitError, KonnectServerError } from "../../src/index.js";
import { createSandbox, type FaultStatus, type SandboxService } from "../../src/testing/index.js";
import { server } from "../setup.js";

const sandbox = createSandbox({ seed: 5 });
const credentials = { accessKeyId: "AKIASANDBOX000000000", secretAccessKey: "sandbox-secret-key" };
const STATUSES: FaultStatus[] = [429, 500, 502, 503, 504];
const REASON = { 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout" };

beforeEach(() => {
  sandbox.reset();
  server.use(...sandbox.handlers);
});

/** One plain request to each fake (faults come before signature checks, so none is signed). */
const RAW: Record<SandboxService, () => Promise<Response>> = {
  konnect: () => fetch("https://us.api.konghq.com/v2/control-planes", { headers: { authorization: `Bearer ${sandbox.token}` } }),
  secretsmanager: () => fetch("https://secretsmanager.us-east-1.amazonaws.com/", { method: "POST", headers: { "x-amz-target": "secretsmanager.ListSecrets", "content-type": "application/x-amz-json-1.1" }, body: "{}" }),
  route53: () => fetch("https://route53.amazonaws.com/2013-04-01/hostedzone"),
  elasticache: () => fetch("https://elasticache.us-east-1.amazonaws.com/", { method: "POST", body: "Action=DescribeReplicationGroups&Version=2015-02-02" }),
  lambda: () => fetch("https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/fn/configuration"),
  cognito: () => fetch("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc/.well-known/jwks.json"),
  ecs: () => fetch("https://ecs.us-east-1.amazonaws.com/", { method: "POST", headers: { "x-amz-target": "AmazonEC2ContainerServiceV20141113.ListTaskDefinitions", "content-type": "application/x-amz-json-1.1" }, body: "{}" }),
  logs: () => fetch("https://logs.us-east-1.amazonaws.com/", { method: "POST", headers: { "x-amz-target": "Logs_20140328.DescribeLogGroups", "content-type": "application/x-amz-json-1.1" }, body: "{}" }),
  cloudwatch: () => fetch("https://monitoring.us-east-1.amazonaws.com/", { method: "POST", headers: { "x-amz-target": "GraniteServiceVersion20100801.DescribeAlarms", "content-type": "application/x-amz-json-1.0" }, body: "{}" }),
  ec2: () => fetch("https://ec2.us-east-2.amazonaws.com/", { method: "POST", body: "Action=DescribeTransitGateways&Version=2016-11-15" }),
  ram: () => fetch("https://ram.us-east-2.amazonaws.com/getresourceshares", { method: "POST", body: '{"resourceOwner":"SELF"}' }),
  acm: () => fetch("https://acm.us-east-1.amazonaws.com/", { method: "POST", headers: { "x-amz-target": "CertificateManager.ListCertificates", "content-type": "application/x-amz-json-1.1" }, body: "{}" }),
  elbv2: () => fetch("https://elasticloadbalancing.us-east-1.amazonaws.com/", { method: "POST", body: "Action=DescribeLoadBalancers&Version=2015-12-01" }),
  iam: () => fetch("https://iam.amazonaws.com/", { method: "POST", body: "Action=SimulatePrincipalPolicy&Version=2010-05-08" }),
};

/** The error code each service sends for each status. */
const CODE: Record<Exclude<SandboxService, "konnect">, Record<FaultStatus, string>> = {
  secretsmanager: { 429: "ThrottlingException", 500: "InternalServiceError", 502: "InternalFailure", 503: "ServiceUnavailable", 504: "InternalFailure" },
  cognito: { 429: "TooManyRequestsException", 500: "InternalErrorException", 502: "InternalFailure", 503: "ServiceUnavailable", 504: "InternalFailure" },
  lambda: { 429: "TooManyRequestsException", 500: "ServiceException", 502: "InternalFailure", 503: "ServiceUnavailable", 504: "InternalFailure" },
  route53: { 429: "Throttling", 500: "InternalFailure", 502: "InternalFailure", 503: "ServiceUnavailable", 504: "InternalFailure" },
  elasticache: { 429: "Throttling", 500: "InternalFailure", 502: "InternalFailure", 503: "ServiceUnavailable", 504: "InternalFailure" },
  ecs: { 429: "ThrottlingException", 500: "ServerException", 502: "InternalFailure", 503: "ServiceUnavailable", 504: "InternalFailure" },
  logs: { 429: "ThrottlingException", 500: "InternalFailure", 502: "InternalFailure", 503: "ServiceUnavailableException", 504: "InternalFailure" },
  cloudwatch: { 429: "Throttling", 500: "InternalServiceFault", 502: "InternalFailure", 503: "ServiceUnavailable", 504: "InternalFailure" },
  ec2: { 429: "RequestLimitExceeded", 500: "InternalError", 502: "InternalFailure", 503: "Unavailable", 504: "InternalFailure" },
  ram: { 429: "ThrottlingException", 500: "ServerInternalException", 502: "InternalFailure", 503: "ServiceUnavailableException", 504: "InternalFailure" },
  acm: { 429: "ThrottlingException", 500: "InternalFailure", 502: "InternalFailure", 503: "ServiceUnavailable", 504: "InternalFailure" },
  elbv2: { 429: "Throttling", 500: "InternalFailure", 502: "InternalFailure", 503: "ServiceUnavailable", 504: "InternalFailure" },
  iam: { 429: "Throttling", 500: "ServiceFailure", 502: "InternalFailure", 503: "ServiceUnavailable", 504: "InternalFailure" },
};

const xml = new XMLParser();

describe.each(STATUSES)("an injected %i", (status) => {
  it.each(Object.keys(RAW) as SandboxService[])("from %s carries its reason phrase, the service's error body and Retry-After on 429/503", async (service) => {
    sandbox.faults.set({ errorRate: { [status]: 1 }, retryAfterSeconds: 2 });
    const res = await RAW[service]();
    expect([res.status, res.statusText]).toEqual([status, REASON[status]]);
    expect(res.headers.get("retry-after")).toBe(status === 429 || status === 503 ? "2" : null);
    expect(sandbox.requests).toMatchObject([{ service, status, fault: "status" }]);
    const text = await res.text();
    if (service === "konnect") {
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      // Konnect's specs title a 429 "Rate Limited" (identity.v3.yaml) and a 5xx with its reason phrase
      expect(JSON.parse(text)).toMatchObject({ status, title: status === 429 ? "Rate Limited" : REASON[status], instance: expect.stringMatching(/^konnect:trace:\d+$/) });
    } else if (service === "route53" || service === "elasticache" || service === "elbv2" || service === "iam") {
      const doc = xml.parse(text) as { ErrorResponse: { Error: { Type: string; Code: string; Message: string } } };
      expect(doc.ErrorResponse.Error).toMatchObject({ Type: status === 429 ? "Sender" : "Receiver", Code: CODE[service][status] });
    } else if (service === "cloudwatch") {
      // JSON 1.0 with Query compatibility: the Query code and fault in x-amzn-query-error
      expect(res.headers.get("x-amzn-query-error")).toBe(`${CODE[service][status]};${status === 429 ? "Sender" : "Receiver"}`);
    } else if (service === "ec2") {
      const doc = xml.parse(text) as { Response: { Errors: { Error: { Code: string } } } };
      expect(doc.Response.Errors.Error.Code).toBe(CODE[service][status]);
    } else {
      expect(res.headers.get("x-amzn-errortype")).toBe(CODE[service][status]);
      if (service !== "lambda" && service !== "ram") expect(JSON.parse(text)).toMatchObject({ __type: CODE[service][status] });
    }
  });

  it("is classified by the AWS SDK as the real one: 429 throttling, 5xx transient, and retried", async () => {
    const expected = status === 429 ? "THROTTLING" : "TRANSIENT";
    const sdkCalls: Array<[Exclude<SandboxService, "konnect" | "cognito">, (retryStrategy: ConfiguredRetryStrategy) => Promise<unknown>]> = [
      ["secretsmanager", (retryStrategy) => new SecretsManagerClient({ region: "us-east-1", credentials, retryStrategy }).send(new ListSecretsCommand({}))],
      ["route53", (retryStrategy) => new Route53Client({ region: "us-east-1", credentials, retryStrategy }).send(new ListHostedZonesCommand({}))],
      ["elasticache", (retryStrategy) => new ElastiCacheClient({ region: "us-east-1", credentials, retryStrategy }).send(new DescribeReplicationGroupsCommand({}))],
      ["lambda", (retryStrategy) => new LambdaClient({ region: "us-east-1", credentials, retryStrategy }).send(new GetFunctionConfigurationCommand({ FunctionName: "fn" }))],
      ["ecs", (retryStrategy) => new ECSClient({ region: "us-east-1", credentials, retryStrategy }).send(new ListTaskDefinitionsCommand({}))],
    ];
    sandbox.seedLambdaFunction({ name: "fn" });
    for (const [service, call] of sdkCalls) {
      // Without retries: the modeled (or common) error, its status, and the SDK's own classification.
      sandbox.faults.set({ errorRate: { [status]: 1 }, retryAfterSeconds: 0 });
      const error = (await call(new ConfiguredRetryStrategy(1, 0)).catch((e: unknown) => e)) as SdkError;
      expect([service, error.name, error.$metadata?.httpStatusCode]).toEqual([service, CODE[service][status], status]);
      expect([service, isThrottlingError(error), isTransientError(error)]).toEqual([service, status === 429, status !== 429]);

      // With retries: the SDK's retry middleware classifies the error and its strategy retries it.
      const seen: string[] = [];
      const retrying = new (class extends ConfiguredRetryStrategy {
        override refreshRetryTokenForRetry(token: StandardRetryToken, info: RetryErrorInfo) {
          seen.push(info.errorType);
          return super.refreshRetryTokenForRetry(token, info);
        }
      })(2, () => {
        sandbox.faults.clear();
        return 0;
      });
      sandbox.faults.set({ errorRate: { [status]: 1 }, retryAfterSeconds: 0 });
      await call(retrying);
      expect([service, seen]).toEqual([service, [expected]]);
    }
  });

  it("reaches the Konnect client as its typed error with the status, and is retried on a GET", async () => {
    sandbox.faults.set({ errorRate: { [status]: 1 }, retryAfterSeconds: 0 });
    const error = (await createKonnectClient({ token: sandbox.token, env: {}, maxRetries: 0 })
      .api.GET("/v2/control-planes")
      .catch((e: unknown) => e)) as KonnectApiError;
    expect(error).toBeInstanceOf(status === 429 ? KonnectRateLimitError : KonnectServerError);
    expect(error).toMatchObject({ status, title: status === 429 ? "Rate Limited" : REASON[status] });

    const konnect = createKonnectClient({ token: sandbox.token, env: {}, retry: { jitter: 0 }, clock: { sleep: async () => sandbox.faults.clear() } });
    sandbox.clearRequests();
    await konnect.api.GET("/v2/control-planes");
    expect(sandbox.requests.map((r) => r.status)).toEqual([status, 200]);
  });
});
