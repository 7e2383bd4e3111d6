import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { toYaml } from "../../src/internal/yaml.js";

describe("toYaml", () => {
  it("writes YAML the yaml package reads back to the same value", () => {
    const doc = {
      receivers: { statsd: { endpoint: "0.0.0.0:8125", aggregation_interval: "60s" }, otlp: { protocols: { http: { endpoint: "0.0.0.0:4318" } } } },
      tricky: ["yes", "no", "on", "off", "true", "null", "~", "1e3", "0x10", ".inf", "#comment", "a: b", "- x", "", " lead", "trail ", "quote\"d", "new\nline", "tab\t", "ünïcode", "{x}", "[y]", "*alias", "&anchor", "!tag", "%p", "@at", "`tick`", "|", ">", "'", "?", "42", "-1", "3.14"],
      numbers: [0, -5, 2.5, 1e21],
      flags: { on: true, off: false },
      nested: [[["a", "b"]], [{ k: "v", list: [] }], {}],
      "key with space": "v",
      "1": "numeric key",
      regex: ["^kong\\.request\\.count$", "^[45]xx$"],
    };
    expect(parse(toYaml(doc))).toEqual(doc);
  });

  it("refuses what it cannot write exactly", () => {
    expect(() => toYaml({ x: Number.NaN })).toThrow(/finite/);
  });
});
