// Tests of the built package (dist/ and the npm tarball). `npm run check:package` runs them right after
// the build; the main suite leaves them out so that it needs no build and stays fast.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["test/package/**/*.test.ts"],
    testTimeout: 60_000,
  },
});
