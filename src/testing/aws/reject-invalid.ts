import { HttpResponse } from "msw";
import { ECS } from "../../../generated/aws-constraints/ecs.js";
import { EC2 } from "../../../generated/aws-constraints/ec2.js";
import { ACM } from "../../../generated/aws-constraints/acm.js";
import { ELASTIC_LOAD_BALANCING_V2 } from "../../../generated/aws-constraints/elastic-load-balancing-v2.js";
import { ELASTICACHE } from "../../../generated/aws-constraints/elasticache.js";
import { LAMBDA } from "../../../generated/aws-constraints/lambda.js";
import { RAM } from "../../../generated/aws-constraints/ram.js";
import { ROUTE_53 } from "../../../generated/aws-constraints/route-53.js";
import { SECRETS_MANAGER } from "../../../generated/aws-constraints/secrets-manager.js";
import { CLOUDWATCH_LOGS } from "../../../generated/aws-constraints/cloudwatch-logs.js";
import { CLOUDWATCH } from "../../../generated/aws-constraints/cloudwatch.js";
import { cloudWatchError } from "./cloudwatch.js";
import { IAM } from "../../../generated/aws-constraints/iam.js";
import { awsJsonError } from "./json-protocol.js";
import { decodeInput } from "./model-input.js";
import type { ServiceModel } from "./model-types.js";
import { validateInput, validationMessage, type Violation } from "./validate-input.js";
import { xmlDocument, xmlElement, xmlError } from "./xml.js";

/** The AWS services whose fakes validate their input against the official models. @internal */
export type ModeledService = "route53" | "secretsmanager" | "elasticache" | "lambda" | "ecs" | "logs" | "cloudwatch" | "ram" | "ec2" | "acm" | "elbv2" | "iam";

const REQUEST_ID = "00000000-0000-4000-8000-000000000000";

/**
 * JSON protocols refuse a value of the wrong JSON type with a SerializationException before validating:
 * "Start of structure or map found where not expected." is AWS's wording (quoted in aws-amplify/amplify-js
 * #13265 and mhart/kinesalite#101); for scalars no AWS wording was found, so the last message is ours.
 */
const serialization = (v: Violation) =>
  v.expected === "structure" || v.expected === "map" ? "Start of structure or map found where not expected." : v.expected === "list" ? "Start of list found where not expected" : `Unexpected value at '${v.path}': expected ${v.expected}`;

/**
 * Route 53 answers InvalidInput (400) in two voices. It first validates the XML body against its XML
 * schema and stops at the first schema error, quoted as Xerces words it: enumerations ("Invalid XML ;
 * cvc-enumeration-valid: Value 'INVALID_ACTION' is not facet-valid with respect to enumeration '[CREATE,
 * DELETE, UPSERT]'. It must be a value from the enumeration.", getmoto/moto route53 tests), a list below
 * its minimum ("Invalid XML ; cvc-complex-type.2.4.b: The content of element 'ResourceRecords' is not
 * complete. One of '{"https://route53.amazonaws.com/doc/2013-04-01/":ResourceRecord}' is expected.",
 * aws/aws-sdk-js#3411) and above its maximum ("Invalid XML ; cvc-complex-type.2.4.f: 'ResourceId' can
 * occur a maximum of '10' times in the current sequence. This limit was exceeded. No child element is
 * expected at this point.", cloud-custodian/cloud-custodian#2356). Everything else (URI and query
 * members, string lengths, number ranges, missing members) gets AWS's validation message, e.g. "1
 * validation error detected: Value '-1' at 'changeBatch.changes.1.member.resourceRecordSet.tTL' failed to
 * satisfy constraint: Member must have value greater than or equal to 0" (an Aws::Route53::Errors::
 * InvalidInput quoted in public test code).
 */
function route53Message(violations: Violation[]): string {
  const schema = violations.find((v) => v.inBody && (v.kind === "enum" || (v.kind === "length" && Array.isArray(v.value))));
  if (!schema) return validationMessage(violations);
  if (schema.kind === "enum") return `Invalid XML ; cvc-enumeration-valid: Value '${String(schema.value)}' is not facet-valid with respect to enumeration '[${schema.allowed!.join(", ")}]'. It must be a value from the enumeration.`;
  if (schema.limit?.min !== undefined) return `Invalid XML ; cvc-complex-type.2.4.b: The content of element '${schema.element}' is not complete. One of '{"${ROUTE_53.xmlNamespace}":${schema.itemElement}}' is expected.`;
  return `Invalid XML ; cvc-complex-type.2.4.f: '${schema.itemElement}' can occur a maximum of '${schema.limit!.max}' times in the current sequence. This limit was exceeded. No child element is expected at this point.`;
}

const services: Record<ModeledService, { model: ServiceModel; reject: (violations: Violation[]) => Response }> = {
  route53: { model: ROUTE_53, reject: (v) => xmlError("InvalidInput", route53Message(v), 400) },
  // Secrets Manager: "ValidationException: 1 validation error detected: Value at 'secretBinary' failed to
  // satisfy constraint: Member must have length less than or equal to 10240" (kubernetes-sigs/
  // cluster-api-provider-aws#1531; the value is left out because the member is sensitive) and "Value null
  // at 'secretId' failed to satisfy constraint: Member must not be null".
  secretsmanager: {
    model: SECRETS_MANAGER,
    reject: (v) => {
      const type = v.find((x) => x.kind === "type");
      return type ? awsJsonError("SerializationException", serialization(type), 400) : awsJsonError("ValidationException", validationMessage(v), 400);
    },
  },
  // ElastiCache (Query protocol) validates parameter by parameter and answers InvalidParameterValue, in its
  // own words: "The parameter CacheNodeType must be provided and must not be null." (quoted from AWS in
  // getmoto/moto#9402 and hashicorp/terraform issues) and, for page sizes, "Invalid value for max records.
  // Must be between 20 and 100" (aws/aws-sdk-js-v3#5727). Its model carries no length or pattern traits on
  // the faked operation; should one appear, the AWS-wide wording is used.
  elasticache: {
    model: ELASTICACHE,
    reject: (all) => {
      const v = all[0]!;
      const message =
        v.kind === "required"
          ? `The parameter ${v.member} must be provided and must not be null.`
          : v.kind === "documented-range" && v.member === "MaxRecords"
            ? `Invalid value for max records. ${v.constraint.replace("Member must", "Must")}`
            : validationMessage([v]);
      return xmlDocument("ErrorResponse", ELASTICACHE.xmlNamespace!, { Error: { Type: "Sender", Code: "InvalidParameterValue", Message: message }, RequestId: REQUEST_ID }, { status: 400 });
    },
  },
  // Lambda: "ValidationException: 1 validation error detected: Value '...' at 'functionName' failed to
  // satisfy constraint: Member must satisfy regular expression pattern: ..." (REST-JSON: the code travels in
  // x-amzn-ErrorType). The model does not list ValidationException; the SDK raises a LambdaServiceException
  // named so.
  lambda: {
    model: LAMBDA,
    reject: (v) => {
      const message = validationMessage(v);
      return HttpResponse.json({ Type: "User", Message: message, message }, { status: 400, headers: { "x-amzn-ErrorType": "ValidationException", "x-amzn-RequestId": REQUEST_ID } });
    },
  },
  // ECS (awsJson1_1) models no ValidationException: it answers invalid input with its modeled
  // ClientException (or InvalidParameterException for parameters it checks itself); the text is AWS's
  // generic "1 validation error detected: ..." wording, the code the one the ECS model declares.
  ecs: {
    model: ECS,
    reject: (v) => {
      const type = v.find((x) => x.kind === "type");
      return type ? awsJsonError("SerializationException", serialization(type), 400) : awsJsonError("ClientException", validationMessage(v), 400);
    },
  },
  // CloudWatch Logs answers constraint violations with InvalidParameterException and the AWS-wide wording:
  // "InvalidParameterException: 1 validation error detected: Value '...' at 'logGroupName' failed to satisfy
  // constraint: Member must satisfy regular expression pattern: [\.\-_/#A-Za-z0-9]+" (getmoto/moto logs
  // tests assert this code and wording; users quote it from the AWS CLI).
  logs: {
    model: CLOUDWATCH_LOGS,
    reject: (v) => {
      const type = v.find((x) => x.kind === "type");
      return type ? awsJsonError("SerializationException", serialization(type), 400) : awsJsonError("InvalidParameterException", validationMessage(v), 400);
    },
  },
  // CloudWatch (JSON with Query compatibility): the Query-era `ValidationError` code in x-amzn-query-error.
  cloudwatch: { model: CLOUDWATCH, reject: (v) => cloudWatchError("ValidationException", validationMessage(v)) },
  // RAM (REST-JSON) lists InvalidParameterException (400) on every faked operation (ram.json); the message
  // is AWS's common validation wording
  ram: {
    model: RAM,
    reject: (v) => HttpResponse.json({ message: validationMessage(v) }, { status: 400, headers: { "x-amzn-ErrorType": "InvalidParameterException", "x-amzn-RequestId": REQUEST_ID } }),
  },
  // EC2 (ec2Query): a missing required parameter is MissingParameter ("The request must contain the
  // parameter X", EC2 API reference, common client errors); other invalid values InvalidParameterValue,
  // here with AWS's common validation wording. EC2's own error document: <Response><Errors><Error>.
  ec2: {
    model: EC2,
    reject: (all) => {
      const v = all[0]!;
      const [code, message] = v.kind === "required" ? ["MissingParameter", `The request must contain the parameter ${v.member}`] : ["InvalidParameterValue", validationMessage([v])];
      const body = xmlElement("Errors", [{ Code: code, Message: message }], { Errors: "Error" }) + xmlElement("RequestID", REQUEST_ID);
      return new HttpResponse(`<?xml version="1.0" encoding="UTF-8"?>\n<Response>${body}</Response>`, { status: 400, headers: { "Content-Type": "text/xml;charset=UTF-8" } });
    },
  },
  // ACM (JSON 1.1): "ValidationException: 1 validation error detected: Value '...' at 'domainName' failed
  // to satisfy constraint: ..." (the AWS-wide validation wording; the model lists InvalidParameterException
  // for semantic errors only)
  acm: {
    model: ACM,
    reject: (v) => {
      const type = v.find((x) => x.kind === "type");
      return type ? awsJsonError("SerializationException", serialization(type), 400) : awsJsonError("ValidationException", validationMessage(v), 400);
    },
  },
  // ELBv2 (Query protocol): ValidationError with AWS's validation wording, e.g. "1 validation error
  // detected: Value '500' at 'pageSize' failed to satisfy constraint: Member must have value less than or
  // equal to 400"
  elbv2: {
    model: ELASTIC_LOAD_BALANCING_V2,
    reject: (v) => xmlDocument("ErrorResponse", ELASTIC_LOAD_BALANCING_V2.xmlNamespace ?? "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/", { Error: { Type: "Sender", Code: "ValidationError", Message: validationMessage(v) }, RequestId: REQUEST_ID }, { status: 400 }),
  },
  // IAM (Query protocol): "An error occurred (ValidationError) when calling the GetSessionToken operation: 1
  // validation error detected: Value '11111111111111' at 'tokenCode' failed to satisfy constraint: Member
  // must have length less than or equal to 6" is the Query services' wording (STS, quoted from the AWS CLI
  // in public scripts); IAM answers ValidationError likewise ("... when calling the GetUser operation").
  iam: {
    model: IAM,
    reject: (v) => xmlDocument("ErrorResponse", IAM.xmlNamespace!, { Error: { Type: "Sender", Code: "ValidationError", Message: validationMessage(v) }, RequestId: REQUEST_ID }, { status: 400 }),
  },
};

/**
 * Validates a request to an AWS fake against the official model of its operation and answers as the
 * service does when the input breaks a constraint; `undefined` when the input is valid. Call it after the
 * fake's authentication check and before the operation runs
 * (`const rejected = await rejectInvalidInput("route53", "CreateHealthCheck", request)`).
 * @internal
 */
export async function rejectInvalidInput(service: ModeledService, operation: string, request: Request): Promise<Response | undefined> {
  const { model, reject } = services[service];
  const violations = validateInput(model, operation, await decodeInput(model, operation, request));
  return violations.length ? reject(violations) : undefined;
}
