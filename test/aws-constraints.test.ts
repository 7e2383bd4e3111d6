// Freshness of generated/aws-constraints/: they must be exactly what scripts/extract-aws-constraints.mjs
// writes from the official AWS models (../shared/reference/aws-models, see SOURCES.md there). A user's
// clone has no reference folder: the comparison is skipped there with a message, as conformance.test.ts.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { extractAll, SERVICES } from "../scripts/extract-aws-constraints.mjs";
import { referenceCandidates } from "./reference-dir.js";

const repo = fileURLToPath(new URL("..", import.meta.url));
const dir = referenceCandidates.find((d) => existsSync(`${d}/aws-models/route-53.json`));

if (!dir) {
  console.warn(`aws-constraints: skipped, the AWS models are not here (looked in ${referenceCandidates.join(", ")}). Set KONNECT_AWS_REFERENCE_DIR to a folder holding aws-models/ to run it.`);
}

// Skipped only when the reference folder is absent (a user's clone); the message above says why.
describe.skipIf(!dir)("generated/aws-constraints is fresh (npm run extract:aws)", () => {
  const files = dir ? extractAll(dir) : {};
  it.each(Object.keys(SERVICES))("%s", (service) => {
    const path = `generated/aws-constraints/${service}.ts`;
    expect(files[path], `${path}: no output`).toBeDefined();
    expect(readFileSync(`${repo}${path}`, "utf8"), `${path} is stale: run npm run extract:aws`).toBe(files[path]);
  });
});
