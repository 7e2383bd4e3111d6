import { describe, expect, it } from "vitest";
import { compareSchemas, type Doc } from "./compare-schemas.js";

const doc = (schemas: Record<string, unknown>): Doc => ({ name: "d", root: { components: { schemas } } });
const official = doc({
  Redis: {
    type: "object",
    required: ["host"],
    properties: { host: { type: "string" }, port: { type: "integer" }, mode: { type: "string", enum: ["a", "b"] } },
  },
});

describe("compareSchemas catches drift", () => {
  const check = (mine: unknown, mode: "request" | "response" = "response") => compareSchemas(doc({ Mine: mine }), { $ref: "#/components/schemas/Mine" }, official, { $ref: "#/components/schemas/Redis" }, "Redis", mode);

  it("accepts a faithful subset", () => {
    expect(check({ type: "object", required: ["host"], properties: { host: { type: "string" }, mode: { type: "string", enum: ["a"] } } })).toEqual([]);
  });
  it("rejects a wrong type (the Terraform cut's string port)", () => {
    expect(check({ type: "object", properties: { port: { type: "string" } } })).toEqual(["Redis.port: type string not allowed by the official schema (integer)"]);
  });
  it("rejects an invented property, an invented enum value and a changed required-ness", () => {
    const problems = check({ type: "object", properties: { host: { type: "string" }, name: { type: "string" }, mode: { type: "string", enum: ["c"] } } });
    expect(problems).toContain("Redis.name: property does not exist in the official schema");
    expect(problems).toContain('Redis.mode: enum value "c" is not official');
    expect(problems).toContain("Redis.host: required is false here, true officially");
  });
  it("in a request body, requires what the official schema requires", () => {
    expect(check({ type: "object", properties: { port: { type: "integer" } } }, "request")).toEqual(["Redis.host: officially required, missing here"]);
  });
});
