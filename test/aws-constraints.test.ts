// Freshness of generated/aws-constraints/: they must be exactly what scripts/extract-aws-constraints.mjs
// writes from the official AWS models (../shared/reference/aws-models, see SOURCES.md there). A user's
// clone has no reference folder: the comparison is skipped there with a message, as conformance.test.ts.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { extractAll, OPTIONAL_SERVICES, optionalModelPath, SERVICES } from "../scripts/extract-aws-constraints.mjs";
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

// Services whose model is not in the reference folder (EC2: set KONNECT_AWS_EC2_MODEL to
// ec2-2016-11-15.json of aws/api-models-aws): compared only when the model is there.
for (const [service, { env }] of Object.entries(OPTIONAL_SERVICES)) {
  const source = optionalModelPath(service, dir);
  if (!existsSync(source)) console.warn(`aws-constraints: ${service} skipped, its model is not at ${source} (set ${env})`);
  // Skipped only when the model file is absent; the message above says where it was looked for.
  describe.skipIf(!existsSync(source))(`generated/aws-constraints/${service}.ts is fresh (${env})`, () => {
    it(service, () => {
      const path = `generated/aws-constraints/${service}.ts`;
      expect(existsSync(`${repo}${path}`), `${path} missing: run npm run extract:aws with ${env} set`).toBe(true);
      expect(readFileSync(`${repo}${path}`, "utf8"), `${path} is stale: run npm run extract:aws`).toBe(extractAll(dir)[path]);
    });
  });
}
