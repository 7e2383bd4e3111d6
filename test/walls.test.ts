// DESIGN.md's walls: product code never imports src/testing, and src/testing never imports the client,
// the engine or the operations (a fake sharing the code under test repeats its bugs).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = fileURLToPath(new URL("../src", import.meta.url));
const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith(".ts") ? [join(dir, f)] : []));
const imports = (file: string) => [...readFileSync(file, "utf8").matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]!);

describe("layer walls", () => {
  it("product code does not import the sandbox", () => {
    const offenders = files(src)
      .filter((f) => !relative(src, f).startsWith("testing"))
      .flatMap((f) => imports(f).filter((i) => i.includes("/testing")).map((i) => `${relative(src, f)} -> ${i}`));
    expect(offenders).toEqual([]);
  });

  it("the sandbox imports nothing of the client, engine or operations (generated code is fine)", () => {
    const offenders = files(join(src, "testing")).flatMap((f) =>
      imports(f)
        .filter((i) => i.startsWith(".") && !i.includes("generated/") && /\/(konnect|reconcile|operations|deploy|aws|errors|internal|cli)\//.test(`/${relative(src, join(f, "..", i))}/`) && !relative(src, join(f, "..", i)).startsWith("testing"))
        .map((i) => `${relative(src, f)} -> ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it("operations call no AWS SDK command and no Konnect path: only resource kinds (and the AWS helpers) do", () => {
    // STYLE §3: the kind is the only place that calls AWS SDK commands or Konnect paths for that kind
    const direct = [
      /\bnew \w+\.\w+Command\(/,
      /\.send\(\s*new /,
      /\.api\.(GET|PUT|POST|PATCH|DELETE)\b/,
      /\.(collect|findOne|paginate)\(\s*"\/v\d/,
      // a Konnect path outside a comment
      /^(?!\s*(\*|\/\/)).*["`]\/v[23]\//m,
      // AWS SDK values (types are fine: operations accept the user's clients)
      /^import (?!type )[^;]*from "@aws-sdk\//m,
      /load(SecretsManager|Route53|ElastiCache|Lambda)\(\)\.then\(\(\w+\) => \w+\.\w+Command/,
    ];
    const offenders = files(join(src, "operations")).flatMap((f) => {
      const text = readFileSync(f, "utf8");
      return direct.filter((re) => re.test(text)).map((re) => `${relative(src, f)}: ${re.source}`);
    });
    expect(offenders).toEqual([]);
  });
});
