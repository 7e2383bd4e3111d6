import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The packed-package tests need a fresh build: `npm run check:package` runs them after it.
    exclude: ["test/package/**", "**/node_modules/**"],
    setupFiles: ["test/setup.ts"],
    typecheck: { include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    testTimeout: 20_000,
    env: {
      // Tests only: AWS SDK v3 clients warn once per process (so once per test worker) on Node < 22
      // that SDK releases after the first week of January 2027 require Node 22. Users still see it;
      // the README's Install section says what it means for them. @aws-sdk/core reads this variable
      // in emitWarningIfUnsupportedVersion.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    },
  },
});
