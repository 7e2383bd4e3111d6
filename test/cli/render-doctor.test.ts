import { describe, expect, it } from "vitest";
import { renderDoctor } from "../../src/cli/render-doctor.js";
import { createStyle } from "../../src/cli/style.js";
import type { RunDoctorResult } from "../../src/index.js";

const result: RunDoctorResult = {
  ok: false,
  summary: { pass: 1, fail: 1, skip: 1 },
  checks: [
    { name: "konnect.token", status: "pass", evidence: "token accepted", fix: "" },
    { name: "lambda.timeout", status: "fail", evidence: "the function may run 90 s", fix: "raise the plugin's timeout" },
    { name: "dns.resolves", status: "skip", evidence: "not configured", fix: "" },
  ],
};

describe("renderDoctor", () => {
  it("prints one line per check, the fix under a failure, and totals, plain off a terminal", () => {
    expect(renderDoctor(result, createStyle({ color: true, isTTY: false, env: {} }))).toBe(
      [
        "PASS  konnect.token   token accepted",
        "FAIL  lambda.timeout  the function may run 90 s",
        "                      fix: raise the plugin's timeout",
        "SKIP  dns.resolves    not configured",
        "",
        "1 passed, 1 failed, 1 skipped.",
      ].join("\n"),
    );
  });

  it("colours on a terminal unless NO_COLOR or --no-color", () => {
    expect(renderDoctor(result, createStyle({ color: true, isTTY: true, env: {} }))).toContain("\u001b[31mFAIL\u001b[39m");
    expect(renderDoctor(result, createStyle({ color: true, isTTY: true, env: { NO_COLOR: "1" } }))).not.toContain("\u001b[");
    expect(renderDoctor(result, createStyle({ color: false, isTTY: true, env: {} }))).not.toContain("\u001b[");
  });
});
