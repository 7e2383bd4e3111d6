// Decoding requests back into modeled input and validating it, on a small hand-written model that covers
// what the four faked services do not all exercise: awsQuery lists and maps, flattened XML lists,
// recursive shapes, unknown members, and patterns JavaScript cannot compile.
import { describe, expect, it } from "vitest";
import { decodeInput, matchUri } from "../../src/testing/aws/model-input.js";
import type { ServiceModel } from "../../src/testing/aws/model-types.js";
import { validateInput, validationMessage } from "../../src/testing/aws/validate-input.js";

const shapes: ServiceModel["shapes"] = {
  Input: {
    type: "structure",
    members: {
      Id: { target: "Id", required: true, httpLabel: true },
      Names: { target: "Names" },
      Flat: { target: "Names", xmlFlattened: true, xmlName: "Item" },
      Attrs: { target: "Attrs" },
      Tree: { target: "Node" },
      Odd: { target: "Odd" },
      Limit: { target: "Limit", httpQuery: "limit" },
    },
  },
  Id: { type: "string", length: { min: 1, max: 4 } },
  Names: { type: "list", length: { max: 2 }, member: { target: "Name", xmlName: "Name" } },
  Name: { type: "string", pattern: "^[a-z]+$" },
  Attrs: { type: "map", key: { target: "Name" }, value: { target: "Limit" } },
  Node: { type: "structure", members: { Label: { target: "Id" }, Child: { target: "Node" } } },
  // a Java possessive quantifier: JavaScript rejects it with and without `u`; skipped, never fatal
  Odd: { type: "string", pattern: "^[a-z]*+$" },
  Limit: { type: "integer", range: { min: 1 } },
};
const model = (protocol: ServiceModel["protocol"]): ServiceModel => ({ service: "x#X", protocol, version: "1", operations: { Op: { input: "Input", http: { method: "POST", uri: "/things/{Id}" } } }, shapes });

describe("decodeInput", () => {
  it("awsQuery: member lists, maps, nested structures, an empty list as `Names=`", async () => {
    const body = "Action=Op&Id=ab&Names.Name.1=a&Names.Name.2=b&Attrs.entry.1.key=x&Attrs.entry.1.value=3&Tree.Label=t&Tree.Child.Label=u&Unknown=1";
    const input = await decodeInput({ ...model("awsQuery"), operations: { Op: { input: "Input" } } }, "Op", new Request("https://x.amazonaws.com/", { method: "POST", body }));
    expect(input).toEqual({ Id: "ab", Names: ["a", "b"], Attrs: { x: 3 }, Tree: { Label: "t", Child: { Label: "u" } } });
    const empty = await decodeInput({ ...model("awsQuery"), operations: { Op: { input: "Input" } } }, "Op", new Request("https://x.amazonaws.com/", { method: "POST", body: "Action=Op&Names=" }));
    expect(empty).toEqual({ Names: [] });
  });

  it("restXml: labels, query, wrapped and flattened lists, recursion; the body stays readable", async () => {
    const body = "<OpRequest><Names><Name>a</Name></Names><Item>x</Item><Item>y</Item><Tree><Label>t</Label><Child><Label>u</Label></Child></Tree><Future>1</Future></OpRequest>";
    const request = new Request("https://x.amazonaws.com/things/a%2Fb?limit=0", { method: "POST", body });
    expect(await decodeInput(model("restXml"), "Op", request)).toEqual({ Id: "a/b", Limit: 0, Names: ["a"], Flat: ["x", "y"], Tree: { Label: "t", Child: { Label: "u" } } });
    expect(await request.text()).toBe(body);
  });

  it("matches greedy labels and refuses other paths", () => {
    expect(matchUri("/keys/{Key+}", "/keys/a/b%20c")).toEqual({ Key: "a/b c" });
    expect(matchUri("/things/{Id}", "/other/1")).toBeUndefined();
  });
});

describe("validateInput", () => {
  it("walks recursive shapes and lists; skips a pattern JavaScript cannot compile", () => {
    const v = validateInput(model("awsJson1_1"), "Op", { Names: ["a", "B", "c"], Tree: { Child: { Child: { Label: "toolong" } } }, Odd: "NOT LOWER" });
    expect(validationMessage(v)).toBe(
      "4 validation errors detected: Value null at 'id' failed to satisfy constraint: Member must not be null; " +
        "Value '[a, B, c]' at 'names' failed to satisfy constraint: Member must have length less than or equal to 2; " +
        "Value 'B' at 'names.2.member' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z]+$; " +
        "Value 'toolong' at 'tree.child.child.label' failed to satisfy constraint: Member must have length less than or equal to 4",
    );
  });

  it("counts characters, not UTF-16 units", () => {
    expect(validateInput(model("awsJson1_1"), "Op", { Id: "😀😀😀😀" })).toEqual([]);
  });
});
