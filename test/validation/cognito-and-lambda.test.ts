import { describe, it } from "vitest";
import { attachLambda, configureCognitoJwt, type AttachLambdaOptions, type ConfigureCognitoJwtOptions } from "../../src/index.js";
import { useSandbox } from "../use-sandbox.js";
import { CP_ID, expectConfigError, type BadCase } from "./bad-input.js";

const { sandbox, konnect } = useSandbox();
const cognito = (): ConfigureCognitoJwtOptions => ({ konnect, controlPlaneId: CP_ID, userPoolId: "us-east-1_AbCdEf123" });
const FN_ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders";
const lambda = (): AttachLambdaOptions => ({ konnect, controlPlaneId: CP_ID, functionName: "orders", region: "us-east-1", routeId: "orders" });

const cognitoCases: Array<BadCase<Record<string, unknown> | undefined>> = [
  ["no options", undefined, "options"],
  ["controlPlaneId missing", { controlPlaneId: undefined }, "controlPlaneId"],
  ["pool id with a fake region", { userPoolId: "xx-north-9_AbC123" }, "userPoolId"],
  ["pool id is a region", { userPoolId: "us-east-1" }, "userPoolId"],
  ["pool id is a number", { userPoolId: 5 }, "userPoolId"],
  ["pool id is an ARN", { userPoolId: "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbC" }, "userPoolId"],
  ["region differs from the pool's", { region: "eu-west-1" }, "region"],
  ["region is not a region", { region: "nope" }, "region"],
  ["clientIds is a string", { clientIds: "abc" }, "clientIds"],
  ["a client id has a space", { clientIds: ["a b"] }, "clientIds[0]"],
  ["a client id is a number", { clientIds: [5] }, "clientIds[0]"],
  ["requiredScopes is a string", { requiredScopes: "orders/read" }, "requiredScopes"],
  ["two scopes in one string", { requiredScopes: ["orders/read orders/write"] }, "requiredScopes[0]"],
  ["a scope holds a newline", { requiredScopes: ["orders/read\n"] }, "requiredScopes[0]"],
  ["mode is unknown", { mode: "oidc" }, "mode"],
  ["tokenType is unknown", { tokenType: "refresh" }, "tokenType"],
  ["verifyNbf is a string", { verifyNbf: "true" }, "verifyNbf"],
  ["cacheTtl is negative", { cacheTtl: -1 }, "cacheTtl"],
  ["rediscoveryLifetime is 1e308", { rediscoveryLifetime: 1e308 }, "rediscoveryLifetime"],
  ["cacheTtl is a string", { cacheTtl: "3600" }, "cacheTtl"],
  ["scope names a consumer", { scope: { service: "a", consumer: "b" } }, "scope.consumer"],
  ["scope.route is a number", { scope: { route: 5 } }, "scope.route"],
  ["consumerUsername is empty", { consumerUsername: "" }, "consumerUsername"],
  ["fetch is a string", { fetch: "fetch" }, "fetch"],
  ["jwt mode with clientIds", { mode: "jwt", clientIds: ["abc"] }, "clientIds"],
];

const lambdaCases: Array<BadCase<Record<string, unknown> | undefined>> = [
  ["no options", undefined, "options"],
  ["functionName is a number", { functionName: 5 }, "functionName"],
  ["functionName is empty", { functionName: "" }, "functionName"],
  ["functionName has a space", { functionName: "orders handler" }, "functionName"],
  ["an ARN in a fake region", { functionName: "arn:aws:lambda:xx-north-9:123456789012:function:f", region: undefined }, "functionName"],
  ["region xx-north-9", { region: "xx-north-9" }, "region"],
  ["a name without its region", { region: undefined }, "region"],
  ["region differs from the ARN's", { functionName: FN_ARN, region: "eu-west-1" }, "region"],
  ["qualifier has a space", { qualifier: "a b" }, "qualifier"],
  ["invocationType is unknown", { invocationType: "Async" }, "invocationType"],
  ["both routeId and serviceId", { serviceId: "orders" }, "serviceId"],
  ["neither routeId nor serviceId", { routeId: undefined }, "routeId"],
  ["routeId is a number", { routeId: 5 }, "routeId"],
  ["timeoutMs is a string", { timeoutMs: "60000" }, "timeoutMs"],
  ["timeoutMs is 0", { timeoutMs: 0 }, "timeoutMs"],
  ["timeoutMs beyond Lambda's 15 minutes", { timeoutMs: 10_000_000 }, "timeoutMs"],
  ["keepaliveMs is negative", { keepaliveMs: -1 }, "keepaliveMs"],
  ["payloadVersion is a number", { payloadVersion: 2 }, "payloadVersion"],
  ["forwardRequestBody is a string", { forwardRequestBody: "yes" }, "forwardRequestBody"],
  ["trustedPrincipal without assumeRoleArn", { trustedPrincipal: "123456789012" }, "trustedPrincipal"],
  ["trustedPrincipal is a name", { assumeRoleArn: "arn:aws:iam::123456789012:role/x", trustedPrincipal: "me" }, "trustedPrincipal"],
  ["externalId is empty", { externalId: "" }, "externalId"],
  ["assumeRoleArn is a path", { assumeRoleArn: "role/kong-invoker" }, "assumeRoleArn"],
  ["stsEndpointUrl has no scheme", { stsEndpointUrl: "sts.amazonaws.com" }, "stsEndpointUrl"],
  ["lambda is not a client", { lambda: {} }, "lambda"],
];

describe("configureCognitoJwt refuses bad input before any request", () => {
  it.each(cognitoCases)("%s -> ConfigError naming %s", async (_n, input, field) => {
    const options = input === undefined ? input : { ...cognito(), ...input };
    await expectConfigError(() => configureCognitoJwt(options as ConfigureCognitoJwtOptions), field, sandbox);
  });
});

describe("attachLambda refuses bad input before any request", () => {
  it.each(lambdaCases)("%s -> ConfigError naming %s", async (_n, input, field) => {
    const options = input === undefined ? input : { ...lambda(), ...input };
    await expectConfigError(() => attachLambda(options as AttachLambdaOptions), field, sandbox);
  });
});
