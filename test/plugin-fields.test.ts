// Freshness: src/testing/konnect/kong-plugin-fields.ts must be what scripts/extract-plugin-fields.mjs
// extracts from the reference plugin schemas today. The reference folder is outside the package (see
// ../shared/reference/SOURCES.md); a user's clone does not have it, so the check is skipped there with
// a message, and runs wherever it exists. Fix a failure with `npm run extract:plugin-fields`.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { referenceCandidates, referenceDir } from "./reference-dir.js";

const repo = fileURLToPath(new URL("..", import.meta.url));

if (!referenceDir) {
  console.warn(
    "plugin fields freshness: skipped, the plugin schemas are not here (looked in " +
      referenceCandidates.join(", ") +
      "). Set KONNECT_AWS_REFERENCE_DIR to a folder holding konnect-openapi/ and kong-plugin-schemas/ to run it.",
  );
}

// Skipped only when the reference folder is absent (a user's clone); the message above says why.
describe.skipIf(!referenceDir)("src/testing/konnect/kong-plugin-fields.ts", () => {
  it("equals a fresh extraction from the reference plugin schemas", () => {
    const fresh = execFileSync(process.execPath, [`${repo}scripts/extract-plugin-fields.mjs`, "--stdout"], {
      env: { ...process.env, KONNECT_AWS_REFERENCE_DIR: referenceDir },
      encoding: "utf8",
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(fresh === readFileSync(`${repo}src/testing/konnect/kong-plugin-fields.ts`, "utf8"), "stale: run `npm run extract:plugin-fields`").toBe(true);
  }, 30_000);
});
