// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "docs-site/", "generated/", "coverage/", "node_modules/", ".scratch/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // The layering walls of DESIGN.md: product code never imports the sandbox.
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/testing/**", "../testing/*"], message: "product code must not import src/testing (DESIGN.md walls)" }] }],
    },
  },
  {
    files: ["src/testing/**", "test/**", "examples/**"],
    rules: { "no-restricted-imports": "off" },
  },
);
