// Every ```ts block in the TSDoc of src/ compiles against the public types (konnect-aws and
// konnect-aws/testing), with the strict tsconfig of the project. A failing example is fixed in its
// doc comment; see check-examples.ts for how a snippet becomes a module and prelude.ts for its givens.
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { checkExamples, type ExampleResult } from "./check-examples.js";
import { extractExamples } from "./extract-examples.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const examples = extractExamples(repo);
let results: Map<string, ExampleResult>;
const key = (e: { file: string; line: number }) => `${e.file}:${e.line}`;

describe("TSDoc @example blocks", () => {
  // One program for all examples: building it parses the whole dependency graph once (seconds).
  beforeAll(() => {
    results = new Map(checkExamples(repo).map((r) => [key(r.example), r]));
  }, 120_000);

  it("finds the examples", () => {
    expect(examples.length).toBeGreaterThan(50);
  });

  it.each(examples.map((e) => [key(e), e] as const))("%s compiles", (name) => {
    expect(results.get(name)?.errors).toEqual([]);
  });
});
