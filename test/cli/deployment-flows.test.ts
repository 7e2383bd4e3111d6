// The CLI over the real deployment layer (src/cli/deployment-api.ts: loadConfig, plan, deploy, destroy)
// in one sandbox for a whole sequence: the built binary's `--sandbox` starts an empty sandbox in every
// process, so apply -> re-apply -> destroy of one deployment is driven here in-process, with the sandbox's
// clients passed exactly as `--sandbox` passes them ({ konnect, credentials }).
import { describe, expect, it } from "vitest";
import { deploymentApi, type DeploymentApi } from "../../src/cli/deployment-api.js";
import { EXIT, runCli, type CliIo } from "../../src/cli/run-cli.js";
import { useSandbox } from "../use-sandbox.js";

const { sandbox, konnect } = useSandbox();
const credentials = { accessKeyId: "AKIASANDBOX000000000", secretAccessKey: "sandbox" };
const tfvars = ["--var-file", "test/cli/fixtures/terraform.tfvars"];

/** The built-in API with this test's sandbox clients, as `--sandbox` gives them. */
const api: DeploymentApi = {
  loadConfig: (s) => deploymentApi!.loadConfig(s),
  plan: (c, o) => deploymentApi!.plan(c, { ...o, clients: { konnect, credentials } }),
  deploy: (c, o) => deploymentApi!.deploy(c, { ...o, clients: { konnect, credentials } }),
  destroy: (c, o) => deploymentApi!.destroy(c, { ...o, clients: { konnect, credentials } }),
};

function harness() {
  const out = { stdout: "", stderr: "" };
  const io: CliIo = {
    stdout: { write: (s: string) => (out.stdout += s), isTTY: false },
    stderr: { write: (s: string) => (out.stderr += s), isTTY: false },
    stdin: { isTTY: false },
    env: {},
    confirm: async () => false,
    signal: new AbortController().signal,
  };
  return {
    out,
    run: async (...argv: string[]) => {
      out.stdout = "";
      out.stderr = "";
      return runCli(argv, io, api);
    },
  };
}

describe("konnect-aws plan / apply / destroy over loadConfig, plan, deploy and destroy", () => {
  it("apply converges, a second apply writes nothing, plan then shows no changes, destroy removes it all", { timeout: 30_000 }, async () => {
    process.env.TF_VAR_elasticache_password = "redis-CANARY-pw";
    try {
      const h = harness();
      expect(await h.run("apply", "--auto-approve", ...tfvars)).toBe(EXIT.ok);
      expect(h.out.stderr).toMatch(/^Apply complete: 4 added, 0 changed, 0 destroyed\.$/m);
      sandbox.clearRequests();
      expect(await h.run("apply", "--auto-approve", ...tfvars)).toBe(EXIT.ok);
      expect(sandbox.writes()).toEqual([]);
      expect(await h.run("plan", "--detailed-exitcode", ...tfvars)).toBe(EXIT.ok);
      expect(h.out.stdout).toMatch(/No changes/);
      expect(await h.run("destroy", "--auto-approve", ...tfvars)).toBe(EXIT.ok);
      expect(h.out.stderr).toMatch(/^Destroy complete: 0 added, 0 changed, 4 destroyed\.$/m);
      // the preview lists nothing as kept: the vault its plugin used goes with it
      expect(h.out.stderr).not.toContain("kept:");
      expect([...Object.values(sandbox.state.konnect.regions)].flatMap((m) => [...m.values()])).toEqual([]);
      sandbox.clearRequests();
      expect(await h.run("destroy", "--auto-approve", ...tfvars)).toBe(EXIT.ok);
      expect(sandbox.writes()).toEqual([]);
      expect(h.out.stdout + h.out.stderr).not.toContain("CANARY");
    } finally {
      delete process.env.TF_VAR_elasticache_password;
    }
  });
});
