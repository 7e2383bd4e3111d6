import { GetFunctionConfigurationCommand, ResourceNotFoundException } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { useSandbox } from "../use-sandbox.js";
import { lambda } from "./aws-clients.js";

const { sandbox } = useSandbox();

describe("Cognito fake", () => {
  it("serves discovery and JWKS for any well-formed pool id, and rotates keys", async () => {
    const base = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Xyz789";
    const discovery = (await (await fetch(`${base}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({ issuer: base, jwks_uri: `${base}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ["RS256"] });
    const jwks = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as { keys: Array<Record<string, string>> };
    expect(jwks.keys).toHaveLength(2);
    expect(jwks.keys[0]).toMatchObject({ alg: "RS256", kty: "RSA", use: "sig", e: "AQAB" });
    const { removedKid, addedKid } = sandbox.cognito.rotateKey("eu-west-1_Xyz789");
    const after = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> };
    expect(after.keys.map((k) => k.kid)).toContain(addedKid);
    expect(after.keys.map((k) => k.kid)).not.toContain(removedKid);
    expect((await fetch("https://cognito-idp.us-east-1.amazonaws.com/eu-west-1_Xyz789/.well-known/jwks.json")).status).toBe(404);
    expect(sandbox.requests.map((r) => r.operation)).toEqual(["GetOpenIdConfiguration", "GetJwks", "GetJwks", "GetJwks"]);
  });

  it("signs tokens shaped like Cognito's", () => {
    const token = sandbox.cognito.signToken("us-east-1_Abc", { tokenUse: "access", clientId: "c1", scope: "a b" });
    const payload = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
    expect(payload).toMatchObject({ iss: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc", token_use: "access", client_id: "c1", scope: "a b" });
    expect(payload.aud).toBeUndefined();
  });
});

describe("Lambda fake, through @aws-sdk/client-lambda", () => {
  it("returns a seeded function's configuration, by name or ARN, and 404s the rest", async () => {
    sandbox.seedLambdaFunction({ name: "fn", timeout: 30, qualifiers: ["live"] });
    const client = lambda();
    const byName = await client.send(new GetFunctionConfigurationCommand({ FunctionName: "fn" }));
    expect(byName).toMatchObject({ FunctionName: "fn", Timeout: 30, FunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:fn" });
    const qualified = await client.send(new GetFunctionConfigurationCommand({ FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:fn", Qualifier: "live" }));
    expect(qualified.FunctionArn).toBe("arn:aws:lambda:us-east-1:123456789012:function:fn:live");
    await expect(client.send(new GetFunctionConfigurationCommand({ FunctionName: "nope" }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
