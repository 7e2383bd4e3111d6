import type { IAMClient } from "@aws-sdk/client-iam";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { loadSecretsManager } from "../aws/load-sdk.js";
import type { KonnectClient } from "../konnect/create-konnect-client.js";
import { createReferenceHolderReader } from "../resources/konnect/reference-holders.js";
import { listVaults } from "../resources/konnect/vault.js";
import { describeError, fail, guarded, pass, skip } from "./check.js";
import { findVaultReferences, parseVaultReference } from "./parse-vault-reference.js";
import { simulatePrincipalPolicy } from "./simulate-policy.js";
import type { DoctorCheck, DoctorSecret, RunDoctorOptions } from "./types.js";

type Aws = NonNullable<RunDoctorOptions["aws"]>;

/** The Secrets Manager client of a region, or undefined when none is configured for it. */
function clientFor(aws: Aws | undefined, region: string): SecretsManagerClient | undefined {
  if (!aws) return undefined;
  if (region === aws.region && aws.secretsManager) return aws.secretsManager;
  return aws.secretsManagerFor?.(region);
}

/** Which of `keys` the secret string lacks; `undefined` keys mean the whole string is the value. */
function missingKeys(secretString: string | undefined, keys: string[]): string[] | "not-json" {
  if (keys.length === 0) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretString ?? "");
  } catch {
    return "not-json";
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return "not-json";
  return keys.filter((k) => !(k in parsed));
}

/** Reads a secret's value with the caller's credentials and checks its keys; never reports the value. */
async function readSecret(client: SecretsManagerClient, name: string, keys: string[], versionStage: string | undefined, signal?: AbortSignal): Promise<{ ok: true; arn: string } | { ok: false; evidence: string; fix: string }> {
  const sm = await loadSecretsManager();
  try {
    const out = await client.send(new sm.GetSecretValueCommand({ SecretId: name, ...(versionStage ? { VersionStage: versionStage } : {}) }), signal ? { abortSignal: signal } : {});
    const missing = missingKeys(out.SecretString, keys);
    if (missing === "not-json") return { ok: false, evidence: `${name} is not a JSON object, but keys ${keys.join(", ")} are referenced`, fix: `store the secret as JSON with the keys ${keys.join(", ")}` };
    if (missing.length > 0) return { ok: false, evidence: `${name} has no key ${missing.join(", ")}`, fix: `add ${missing.join(", ")} to the secret's JSON, or fix the reference's key` };
    return { ok: true, arn: out.ARN ?? name };
  } catch (e) {
    const what = (e as { name?: string }).name;
    if (what === "ResourceNotFoundException") return { ok: false, evidence: `${name}: ResourceNotFoundException${versionStage ? ` (stage ${versionStage})` : ""}`, fix: "create the secret (enableAwsVault does), or fix the name in the reference" };
    if (what === "AccessDeniedException") return { ok: false, evidence: `${name}: AccessDeniedException`, fix: "the guide's 'Secrets Manager Access Denied': grant secretsmanager:GetSecretValue on this secret (and kms:Decrypt on its key) to the role that reads it" };
    if (what === "InvalidRequestException") return { ok: false, evidence: `${name}: ${describeError(e)}`, fix: "the secret is scheduled for deletion or not readable now: restore it (RestoreSecret) or recreate it" };
    throw e;
  }
}

/**
 * Each configured secret: readable by the data planes' role (simulated with IAM when a role ARN and an
 * IAM client are given), else read with the caller's credentials; the keys must exist.
 * @internal
 */
export async function checkSecrets(o: RunDoctorOptions): Promise<DoctorCheck[]> {
  const secrets: DoctorSecret[] = o.secrets ?? [];
  if (secrets.length === 0) return [skip("secrets.readable", "not configured (no secrets)")];
  const out: DoctorCheck[] = [];
  for (const s of secrets) {
    const name = `secrets.readable ${s.name}`;
    out.push(
      ...(await guarded(name, "check the AWS credentials and region of this run", async () => {
        const region = s.region ?? o.aws?.region;
        const client = region ? clientFor(o.aws, region) : undefined;
        if (!client || !region) return skip(name, `not configured (no Secrets Manager client for ${region ?? "any region"})`);
        const read = await readSecret(client, s.name, s.keys ?? [], undefined, o.signal);
        if (!read.ok) return fail(name, read.evidence, read.fix);
        if (o.dataPlaneRoleArn && o.aws?.iam) return simulateRead(o.aws.iam, o.dataPlaneRoleArn, name, read.arn, o.signal);
        return pass(name, `read with this run's credentials${s.keys?.length ? `; keys ${s.keys.join(", ")} present` : ""}${o.dataPlaneRoleArn ? " (no IAM client to simulate the data planes' role)" : ""}`);
      })),
    );
  }
  return out;
}

async function simulateRead(iam: IAMClient, roleArn: string, name: string, secretArn: string, signal?: AbortSignal): Promise<DoctorCheck> {
  const decisions = await simulatePrincipalPolicy(iam, roleArn, ["secretsmanager:GetSecretValue"], [secretArn], signal);
  const denied = decisions.filter((d) => d.decision !== "allowed");
  if (decisions.length === 0) return fail(name, `IAM returned no evaluation for ${roleArn}`, "run the simulation again; check iam:SimulatePrincipalPolicy on the role");
  if (denied.length > 0) return fail(name, `${roleArn}: ${denied.map((d) => `${d.action} on ${d.resource} -> ${d.decision}`).join("; ")}`, `the guide's 'Secrets Manager Access Denied': allow secretsmanager:GetSecretValue on ${secretArn} in ${roleArn}'s policy (and kms:Decrypt on the secret's key when it is a customer key)`);
  return pass(name, `${roleArn} may GetSecretValue on ${secretArn} (IAM policy simulation); keys present`);
}

/**
 * Every `{vault://...}` reference in the control plane's plugins and partials resolves: its prefix names
 * a vault entity, and for an `aws` vault the secret exists in the vault's region with the key.
 * @internal
 */
export async function checkVaultReferences(o: RunDoctorOptions): Promise<DoctorCheck[]> {
  const name = "vault.references";
  if (!o.konnect || !o.controlPlaneId) return [skip(name, "not configured (no Konnect client or control plane id)")];
  const { konnect, controlPlaneId } = o as { konnect: KonnectClient; controlPlaneId: string };
  return guarded(name, "check the Konnect token and the control plane", async () => {
    const [holders, vaults] = await Promise.all([createReferenceHolderReader(konnect, controlPlaneId, o.signal)(), listVaults(konnect, controlPlaneId, o.signal)]);
    const refs = holders.flatMap((h) => findVaultReferences(h.text).map((ref) => ({ ref, holder: h.what })));
    if (refs.length === 0) return skip(name, `no {vault://...} reference in the control plane's ${holders.length} plugin(s) and partial(s)`);
    const checks: DoctorCheck[] = [];
    for (const { ref, holder } of refs) {
      const n = `vault.reference ${ref}`;
      const parsed = parseVaultReference(ref);
      if (!parsed) {
        checks.push(fail(n, `${holder}: Kong cannot parse this reference`, "build references with vaultReference({ prefix, name, key })"));
        continue;
      }
      const vault = vaults.find((v) => v.prefix === parsed.prefix);
      if (!vault) {
        checks.push(fail(n, `${holder}: no vault entity with prefix ${parsed.prefix} on the control plane`, "create the vault (enableAwsVault), or fix the prefix"));
        continue;
      }
      if (vault.name !== "aws") {
        checks.push(skip(n, `${holder}: vault ${parsed.prefix} is a ${vault.name} vault; only aws vaults are checked`));
        continue;
      }
      const region = (vault.config as { region?: string } | undefined)?.region ?? o.aws?.region;
      const client = region ? clientFor(o.aws, region) : undefined;
      if (!client) {
        checks.push(skip(n, `${holder}: no Secrets Manager client for region ${region ?? "(vault has no region)"}`));
        continue;
      }
      // Kong's aws vault: version 1 = AWSCURRENT (the default), 2 = AWSPREVIOUS (see VaultReferenceParts.version)
      const stage = parsed.version === 2 ? "AWSPREVIOUS" : undefined;
      checks.push(
        ...(await guarded(n, "check the AWS credentials of this run", async () => {
          const read = await readSecret(client, parsed.name, parsed.key !== undefined ? [parsed.key] : [], stage, o.signal);
          return read.ok ? pass(n, `${holder}: secret ${parsed.name} in ${region}${parsed.key !== undefined ? ` has key ${parsed.key}` : ""}`) : fail(n, `${holder}: ${read.evidence}`, read.fix);
        })),
      );
    }
    return checks;
  });
}
