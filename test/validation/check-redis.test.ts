import { describe, expect, it } from "vitest";
import { checkRedis, secret, type CheckRedisOptions } from "../../src/index.js";
import { useSandbox } from "../use-sandbox.js";
import { CANARY, expectConfigError, type BadCase } from "./bad-input.js";

const { sandbox } = useSandbox();
const HOST = "master.rl.abc123.use1.cache.amazonaws.com";
const valid = (): CheckRedisOptions => ({ host: HOST, password: secret(CANARY) });

const cases: Array<BadCase<Record<string, unknown> | undefined>> = [
  ["no options", undefined, "options"],
  ["host is a rediss:// URL", { host: `rediss://${HOST}:6380` }, "host"],
  ["host is a redis:// URL with the password", { host: `redis://:${CANARY}@${HOST}:6379` }, "host"],
  ["host has a port", { host: `${HOST}:6379` }, "host"],
  ["host is empty", { host: "" }, "host"],
  ["host is a number", { host: 5 }, "host"],
  ["host ends with a newline", { host: `${HOST}\n` }, "host"],
  ["port is 0", { port: 0 }, "port"],
  ["port is a string", { port: "6379" }, "port"],
  ["timeoutMs is 0", { timeoutMs: 0 }, "timeoutMs"],
  ["timeoutMs is -1", { timeoutMs: -1 }, "timeoutMs"],
  ["timeoutMs is 1e308", { timeoutMs: 1e308 }, "timeoutMs"],
  ["timeoutMs is a string", { timeoutMs: "5000" }, "timeoutMs"],
  ["password is empty", { password: "" }, "password"],
  ["password is a number", { password: 5 }, "password"],
  ["ca is a file path", { ca: "/etc/ssl/ca.pem" }, "ca"],
  ["ca list holds a number", { ca: [5] }, "ca[0]"],
  ["tls is a string", { tls: "yes" }, "tls"],
  ["serverName is a URL", { serverName: "https://cache" }, "serverName"],
  ["username is a number", { username: 7 }, "username"],
];

describe("checkRedis refuses bad input before connecting", () => {
  it.each(cases)("%s -> ConfigError naming %s", async (_n, input, field) => {
    const options = input === undefined ? input : { ...valid(), ...input };
    await expectConfigError(() => checkRedis(options as CheckRedisOptions), field, sandbox);
  });

  it("explains what to do with a rediss:// URL", async () => {
    const e = await expectConfigError(() => checkRedis({ host: `rediss://${HOST}:6380` }), "host", sandbox);
    expect(e.problem).toMatch(/is a URL/);
    expect(e.fix).toMatch(/rediss:\/\/ means TLS: keep tls: true/);
  });
});
