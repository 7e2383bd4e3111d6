import { describe, expect, it } from "vitest";
import { ensureControlPlane, type EnsureControlPlaneOptions } from "../../src/index.js";
import { useSandbox, writeOps } from "../use-sandbox.js";
import { expectConfigError, type BadCase } from "./bad-input.js";

const { sandbox, konnect } = useSandbox();
const valid = (): EnsureControlPlaneOptions => ({ konnect, name: "payments-prod" });
const labels = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`l${i}`, "v"]));

const cases: Array<BadCase<Record<string, unknown> | undefined | string>> = [
  ["no options", undefined, "options"],
  ["options is a string", "payments-prod", "options"],
  ["konnect missing", { konnect: undefined }, "konnect"],
  ["konnect is not a client", { konnect: {} }, "konnect"],
  ["name missing", { name: undefined }, "name"],
  ["name is a number", { name: 42 }, "name"],
  ["name is one character", { name: "a" }, "name"],
  ["name holds NUL", { name: "pay\u0000ments" }, "name"],
  ["name holds a newline", { name: "payments\n" }, "name"],
  ["name is 300 characters", { name: "n".repeat(300) }, "name"],
  ["name has spaces around it", { name: " payments " }, "name"],
  ["description is a number", { description: 5 }, "description"],
  ["description holds NUL", { description: "a\u0000b" }, "description"],
  ["clusterType is unknown", { clusterType: "CLUSTER_TYPE_X" }, "clusterType"],
  ["cloudGateway is a string", { cloudGateway: "true" }, "cloudGateway"],
  ["authType is unknown", { authType: "mtls" }, "authType"],
  ["labels is a string", { labels: "team=payments" }, "labels"],
  ["labels is an array", { labels: ["team"] }, "labels"],
  ["a label value is an email address", { labels: { Owner: "alice@example.com" } }, "labels.Owner"],
  ["a label value has a space", { labels: { team: "Platform Team" } }, "labels.team"],
  ["a label value is too long", { labels: { team: "t".repeat(70) } }, "labels.team"],
  ["a label value is a number", { labels: { team: 5 } }, "labels.team"],
  ["a label key starts with kong", { labels: { kong_env: "x" } }, "labels.kong_env"],
  ["a label key is __proto__", { labels: JSON.parse('{"__proto__":"x"}') }, "labels.__proto__"],
  ["a label key holds a newline", { labels: { "a\nb": "x" } }, 'labels["a\\nb"]'],
  ["51 labels", { labels }, "labels"],
  ["a cost tag is a number", { costTags: { CostCenter: 1234 } }, "costTags.CostCenter"],
  ["costTags is a string", { costTags: "prod" }, "costTags"],
  ["a cost tag value is an email address", { costTags: { Owner: "alice@example.com" } }, "costTags.Owner"],
  ["dryRun is a string", { dryRun: "yes" }, "dryRun"],
  ["adopt is a number", { adopt: 1 }, "adopt"],
  ["concurrency is 0", { concurrency: 0 }, "concurrency"],
  ["concurrency is 1e6", { concurrency: 1e6 }, "concurrency"],
  ["signal is a string", { signal: "abort" }, "signal"],
  ["onEvent is a string", { onEvent: "log" }, "onEvent"],
  ["logger lacks methods", { logger: { log() {} } }, "logger"],
  ["ownership is a string", { ownership: "mine" }, "ownership"],
  ["ownership tag has a comma", { ownership: { konnectTag: "a,b" } }, "ownership.konnectTag"],
  ["ownership label breaks the rules", { ownership: { label: { key: "owner", value: "a b" } } }, "ownership.label.owner"],
];

describe("ensureControlPlane refuses bad input before any request", () => {
  it.each(cases)("%s -> ConfigError naming %s", async (_n, input, field) => {
    const options = input === undefined || typeof input === "string" ? input : { ...valid(), ...input };
    await expectConfigError(() => ensureControlPlane(options as EnsureControlPlaneOptions), field, sandbox);
  });

  it("explains why an email address cannot be a label value, and what to use", async () => {
    const e = await expectConfigError(() => ensureControlPlane({ ...valid(), labels: { Owner: "alice@example.com" } }), "labels.Owner", sandbox);
    expect(e.problem).toMatch(/'@'.*not allow/);
    expect(e.fix).toContain('"alice"');
  });

  it("echoes only a prefix of a very long value", async () => {
    const e = await expectConfigError(() => ensureControlPlane({ ...valid(), name: "x".repeat(100_000) }), "name", sandbox);
    expect(e.problem).toContain("(100000 characters)");
  });
});

describe("ensureControlPlane and prototype keys", () => {
  it("treats constructor, toString and hasOwnProperty as ordinary label keys, in a prototype-less result", async () => {
    const own = { constructor: "a", toString: "b", hasOwnProperty: "c" };
    const res = await ensureControlPlane({ ...valid(), labels: own });
    expect(Object.getPrototypeOf(res.controlPlane.labels)).toBeNull();
    expect({ ...res.controlPlane.labels }).toMatchObject(own);
    const stored = [...sandbox.state.konnect.regions.us!.values()][0]!;
    expect(stored.controlPlane.labels).toMatchObject(own);
    sandbox.clearRequests();
    await ensureControlPlane({ ...valid(), labels: own });
    expect(writeOps(sandbox)).toEqual([]);
  });
});
