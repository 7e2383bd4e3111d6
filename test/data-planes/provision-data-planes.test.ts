import { createPrivateKey, X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError, provisionDataPlanes, teardownDataPlanes } from "../../src/index.js";
import { generateClusterCertificate } from "../../src/internal/cluster-certificate.js";
import { KONG_DATA_PLANE_VARIABLES } from "../../src/operations/data-plane-environment.js";
import { useSandbox } from "../use-sandbox.js";
import { dataPlaneSetup } from "./setup.js";

const { sandbox, konnect, secretsManager } = useSandbox();
const sm = secretsManager("us-east-1");
const DAY = 86_400_000;

const setup = (extra = {}) => dataPlaneSetup({ sandbox, konnect, sm }, extra);
const writes = () => sandbox.writes().map((r) => `${r.service} ${r.operation}`);
const pinned = (cpId: string) => [...(sandbox.state.konnect.regions.us!.get(cpId)!.dataPlanes?.certificates.values() ?? [])];
const stored = (name: string) => JSON.parse(sandbox.state.secretsManager.regions["us-east-1"]!.get(name)!.versions.find((v) => v.stages.includes("AWSCURRENT"))!.secretString!) as { cert: string; key: string; previousCert?: string; retiredCerts?: string };
const revisions = (family: string) => sandbox.state.ecs.regions["us-east-1"]?.get(family) ?? [];

describe("provisionDataPlanes", () => {
  it("first apply pins one certificate, stores one secret and registers one task definition", async () => {
    const { options, controlPlane } = await setup();
    const res = await provisionDataPlanes(options);
    expect(writes()).toEqual(["secretsmanager CreateSecret", "konnect POST /v2/control-planes/{controlPlaneId}/dp-client-certificates", "ecs RegisterTaskDefinition"]);
    expect(res.changes.map((c) => [c.action, c.kind])).toEqual([
      ["create", "aws.secret"],
      ["create", "konnect.dp-client-certificate"],
      ["create", "aws.ecs-task-definition"],
    ]);
    const secretName = `konnect-aws/data-planes/${controlPlane.id}/cluster-certificate`;
    const record = sandbox.state.secretsManager.regions["us-east-1"]!.get(secretName)!;
    expect(record.tags).toEqual([{ Key: "Environment", Value: "prod" }, { Key: "konnect-aws:managed", Value: "true" }]);
    const [cert] = pinned(controlPlane.id!);
    expect(cert).toMatchObject({ id: res.certificate.id, cert: stored(secretName).cert, title: `konnect-aws ${secretName}` });
    expect(res.certificate).toMatchObject({ secretArn: record.arn, subject: "CN=konnect-aws-payments-prod", issued: true });
    expect(res.certificate.expiresAt.getTime()).toBe(sandbox.clock.now() + 365 * DAY);
    const [rev] = revisions("kong-dp-payments-prod");
    expect(res.taskDefinition).toMatchObject({ arn: rev!.taskDefinition.taskDefinitionArn, revision: 1 });
    expect(rev!.tags).toContainEqual({ key: "konnect-aws:managed", value: "true" });
  });

  it("applied again makes zero writes, and a dry run plans no change", async () => {
    const { options } = await setup();
    await provisionDataPlanes(options);
    sandbox.clearRequests();
    const again = await provisionDataPlanes(options);
    expect(sandbox.writes()).toEqual([]);
    expect(again.changes.every((c) => c.action === "noop")).toBe(true);
    expect(again.certificate.issued).toBe(false);
    const dry = await provisionDataPlanes({ ...options, dryRun: true });
    expect(dry.changes.map((c) => c.action)).toEqual(["noop", "noop", "noop"]);
    expect(sandbox.writes()).toEqual([]);
  });

  it("members ECS adds inside the registered objects are not changes (no new revision on a re-run)", async () => {
    const { options } = await setup();
    await provisionDataPlanes(options);
    const [rev] = revisions("kong-dp-payments-prod");
    const container = (rev!.taskDefinition.containerDefinitions as Array<Record<string, Record<string, unknown>>>)[0]!;
    // as DescribeTaskDefinition may answer: members of ECS's own next to the ones registered
    container.logConfiguration = { ...container.logConfiguration, secretOptions: [] };
    sandbox.clearRequests();
    const again = await provisionDataPlanes(options);
    expect(again.changes.filter((c) => c.action !== "noop").map((c) => c.diff)).toEqual([]);
    expect(sandbox.writes()).toEqual([]);
  });

  it("a dry run shows the changes the apply then makes, and writes nothing", async () => {
    const { options } = await setup();
    const dry = await provisionDataPlanes({ ...options, dryRun: true });
    expect(sandbox.writes()).toEqual([]);
    expect(dry.certificate.id).toBeUndefined();
    expect(dry.taskDefinition.arn).toBeUndefined();
    const res = await provisionDataPlanes(options);
    expect(res.changes.map((c) => [c.action, c.kind])).toEqual(dry.changes.map((c) => [c.action, c.kind]));
  });

  it("past the renewal window: a new certificate, secret update and revision, and NO unpin while the replaced certificate is valid; after its expiry one DELETE", async () => {
    const { options, controlPlane } = await setup();
    const secretName = `konnect-aws/data-planes/${controlPlane.id}/cluster-certificate`;
    const first = await provisionDataPlanes(options);
    const firstPem = stored(secretName).cert;
    // 336 days later the certificate (365 days) expires within the 30-day window
    sandbox.clock.advance(336 * DAY);
    const dryRotation = await provisionDataPlanes({ ...options, dryRun: true });
    sandbox.clearRequests();
    const renewed = await provisionDataPlanes(options);
    expect(writes()).toEqual(["secretsmanager PutSecretValue", "konnect POST /v2/control-planes/{controlPlaneId}/dp-client-certificates", "ecs RegisterTaskDefinition"]);
    expect(renewed.changes.map((c) => [c.action, c.kind])).toEqual(dryRotation.changes.map((c) => [c.action, c.kind]));
    expect(renewed.changes.some((c) => c.action === "delete")).toBe(false);
    expect(renewed.certificate.id).not.toBe(first.certificate.id);
    expect(renewed.certificate.issued).toBe(true);
    expect(renewed.taskDefinition.revision).toBe(2);
    // both pinned: tasks still on revision 1 present the first certificate and stay connected
    expect(pinned(controlPlane.id!).map((c) => c.id).sort()).toEqual([first.certificate.id, renewed.certificate.id].sort());
    // the secret records the replaced certificate, so it stays ours (and the teardown's)
    expect(stored(secretName).previousCert).toBe(firstPem);
    const previous = { id: first.certificate.id, sha256: first.certificate.sha256, subject: first.certificate.subject, expiresAt: first.certificate.expiresAt };
    expect(renewed.previousCertificates).toEqual([previous]);
    expect(dryRotation.previousCertificates).toEqual([previous]);
    expect(renewed.kept).toEqual([{ kind: "konnect.dp-client-certificate", key: `retired:${first.certificate.sha256.slice(0, 16)}`, id: first.certificate.id, reason: expect.stringContaining(first.certificate.expiresAt.toISOString()) }]);

    // a re-run while the replaced certificate is valid, up to its notAfter itself: no write
    sandbox.clearRequests();
    const again = await provisionDataPlanes(options);
    expect(sandbox.writes()).toEqual([]);
    expect(again.previousCertificates).toEqual([previous]);
    sandbox.clock.advance(first.certificate.expiresAt.getTime() - sandbox.clock.now());
    const atExpiry = await provisionDataPlanes(options);
    expect(sandbox.writes()).toEqual([]);
    expect(atExpiry.previousCertificates).toEqual([previous]);

    // the first run after its expiry: exactly one DELETE, of that certificate, and no other write
    sandbox.clock.advance(1000);
    const dry = await provisionDataPlanes({ ...options, dryRun: true });
    expect(dry.changes.filter((c) => c.action !== "noop").map((c) => [c.action, c.kind, c.id])).toEqual([["delete", "konnect.dp-client-certificate", first.certificate.id]]);
    sandbox.clearRequests();
    const after = await provisionDataPlanes(options);
    expect(writes()).toEqual(["konnect DELETE /v2/control-planes/{controlPlaneId}/dp-client-certificates/{certificateId}"]);
    expect(after.changes.filter((c) => c.action !== "noop").map((c) => [c.action, c.kind, c.id])).toEqual([["delete", "konnect.dp-client-certificate", first.certificate.id]]);
    expect(after.certificate).toMatchObject({ id: renewed.certificate.id, issued: false });
    expect(after.previousCertificates).toEqual([]);
    expect(after.kept).toEqual([]);
    expect(pinned(controlPlane.id!).map((c) => c.id)).toEqual([renewed.certificate.id]);

    sandbox.clearRequests();
    await provisionDataPlanes(options);
    expect(sandbox.writes()).toEqual([]);
  });

  it("a certificate pinned by hand is never removed: not by a rotation, not by the teardown", async () => {
    const { options, controlPlane } = await setup();
    // pinned by hand, even under the title konnect-aws gives its own: the title proves nothing
    const byHand = await generateClusterCertificate({ commonName: "kong_clustering", validityDays: 1095, now: sandbox.clock.now() });
    const secretName = `konnect-aws/data-planes/${controlPlane.id}/cluster-certificate`;
    const { data } = await konnect.api.POST("/v2/control-planes/{controlPlaneId}/dp-client-certificates", { params: { path: { controlPlaneId: controlPlane.id! } }, body: { cert: byHand.cert, title: `konnect-aws ${secretName}` } });
    const other = data!.item!;
    await provisionDataPlanes(options);
    sandbox.clock.advance(340 * DAY);
    await provisionDataPlanes(options);
    // the rotation kept its replaced certificate pinned (valid for 25 more days): both are ours, both go
    expect(pinned(controlPlane.id!)).toHaveLength(3);
    const down = await teardownDataPlanes({ ...options, forceDeleteWithoutRecovery: true });
    expect(down.changes.map((c) => [c.action, c.kind])).toEqual([
      ["delete", "aws.ecs-task-definition"],
      ["delete", "konnect.dp-client-certificate"],
      ["delete", "konnect.dp-client-certificate"],
      ["delete", "aws.secret"],
    ]);
    expect(pinned(controlPlane.id!).map((c) => c.id)).toEqual([other.id]);
  });

  it("refuses a secret it did not create unless adopt, before any write", async () => {
    const { options, controlPlane } = await setup();
    const name = `konnect-aws/data-planes/${controlPlane.id}/cluster-certificate`;
    await sm.send(new (await import("@aws-sdk/client-secrets-manager")).CreateSecretCommand({ Name: name, SecretString: "{}" }));
    sandbox.clearRequests();
    await expect(provisionDataPlanes(options)).rejects.toThrow(ConfigError);
    expect(sandbox.writes()).toEqual([]);
    const res = await provisionDataPlanes({ ...options, adopt: true });
    expect(res.changes.find((c) => c.kind === "aws.secret")).toMatchObject({ action: "update", adopted: true });
  });

  it("generates a certificate node's X509Certificate parses, whose key matches, with the validity and subject asked for", async () => {
    const { options, controlPlane } = await setup({ certificate: { commonName: "dp.example.internal", validityDays: 90, renewalWindowDays: 10 } });
    const res = await provisionDataPlanes(options);
    const { cert, key } = stored(`konnect-aws/data-planes/${controlPlane.id}/cluster-certificate`);
    const x = new X509Certificate(cert);
    expect(x.checkPrivateKey(createPrivateKey(key))).toBe(true);
    expect(x.subject).toBe("CN=dp.example.internal");
    expect(x.issuer).toBe("CN=dp.example.internal");
    expect(new Date(x.validFrom).getTime()).toBe(sandbox.clock.now());
    expect(new Date(x.validTo).getTime()).toBe(sandbox.clock.now() + 90 * DAY);
    expect(x.publicKey.asymmetricKeyDetails).toEqual({ namedCurve: "secp384r1" });
    expect(key.startsWith("-----BEGIN PRIVATE KEY-----\n")).toBe(true);
    expect(res.certificate.sha256).toBe(x.fingerprint256.replace(/:/g, "").toLowerCase());
  });

  it("the task definition carries the certificate only as valueFrom ARNs, and only variables Kong documents", async () => {
    const { options, controlPlane } = await setup({ environment: { KONG_CLUSTER_DP_LABELS: "env:prod" } });
    const res = await provisionDataPlanes(options);
    const registered = revisions("kong-dp-payments-prod")[0]!.taskDefinition as { containerDefinitions: Array<Record<string, unknown>> };
    const [container] = registered.containerDefinitions;
    const arn = res.certificate.secretArn!;
    expect(container!.secrets).toEqual([
      { name: "KONG_CLUSTER_CERT", valueFrom: `${arn}:cert::` },
      { name: "KONG_CLUSTER_CERT_KEY", valueFrom: `${arn}:key::` },
    ]);
    const env = container!.environment as Array<{ name: string; value: string }>;
    expect(env.some((e) => e.value.includes("BEGIN"))).toBe(false);
    // every variable the SDK sets is one of the documented list (the extra one is the caller's)
    for (const e of env) if (e.name !== "KONG_CLUSTER_DP_LABELS") expect(KONG_DATA_PLANE_VARIABLES).toContain(e.name);
    const cp = sandbox.state.konnect.regions.us!.get(controlPlane.id!)!.controlPlane as unknown as { config: { control_plane_endpoint: string; telemetry_endpoint: string } };
    const host = (u: string) => new URL(u).hostname;
    expect(res.environment).toMatchObject({
      KONG_ROLE: "data_plane",
      KONG_DATABASE: "off",
      KONG_KONNECT_MODE: "on",
      KONG_VITALS: "off",
      KONG_CLUSTER_MTLS: "pki",
      KONG_CLUSTER_CONTROL_PLANE: `${host(cp.config.control_plane_endpoint)}:443`,
      KONG_CLUSTER_SERVER_NAME: host(cp.config.control_plane_endpoint),
      KONG_CLUSTER_TELEMETRY_ENDPOINT: `${host(cp.config.telemetry_endpoint)}:443`,
      KONG_CLUSTER_TELEMETRY_SERVER_NAME: host(cp.config.telemetry_endpoint),
      KONG_STATUS_LISTEN: "0.0.0.0:8100",
      KONG_VAULT_AWS_REGION: "us-east-1",
      KONG_CLUSTER_CERT: { valueFrom: `${arn}:cert::` },
    });
    expect(container).toMatchObject({
      essential: true,
      portMappings: [
        { containerPort: 8000, hostPort: 8000 },
        { containerPort: 8443, hostPort: 8443 },
        { containerPort: 8100, hostPort: 8100 },
      ],
      healthCheck: { command: ["CMD-SHELL", "curl -fsS http://localhost:8100/status/ready || exit 1"] },
      logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/aws/kong/payments-prod", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "kong" } },
    });
    expect(registered).toMatchObject({ networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"], cpu: "1024", memory: "2048", executionRoleArn: options.executionRoleArn, taskRoleArn: options.taskRoleArn });
    // the other runtimes' forms hold no secret either
    expect(res.dotEnv).toContain("KONG_CLUSTER_CERT=/etc/kong/cluster/tls.crt\n");
    expect(res.dotEnv).not.toContain("BEGIN");
    expect(res.kubernetes).toContainEqual({ name: "KONG_CLUSTER_CERT_KEY", valueFrom: { secretKeyRef: { name: "kong-cluster-cert", key: "tls.key" } } });
  });

  it("returns the execution role's policy for exactly the secret and the log group, and the vault's policy for the task role", async () => {
    const vaultPolicy = { Version: "2012-10-17" as const, Statement: [{ Sid: "ReadKongSecrets", Effect: "Allow" as const, Action: "secretsmanager:GetSecretValue", Resource: ["arn:aws:secretsmanager:us-east-1:123456789012:secret:payments/redis-AbCdEf"] }] };
    const { options } = await setup({ vault: { iamPolicy: vaultPolicy }, image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/kong-gateway:3.14" });
    const res = await provisionDataPlanes(options);
    expect(res.iamPolicies.task).toBe(vaultPolicy);
    // without the vault's policy the task role needs none (and IAM refuses a policy with no statement)
    expect((await provisionDataPlanes({ ...options, vault: {}, dryRun: true })).iamPolicies.task).toBeUndefined();
    expect(res.iamPolicies.execution.Statement).toEqual([
      { Sid: "ReadClusterCertificate", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: res.certificate.secretArn },
      { Sid: "WriteDataPlaneLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/kong/payments-prod:*", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/kong/payments-prod:log-stream:*"] },
      { Sid: "EcrAuthorization", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
      { Sid: "PullDataPlaneImage", Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource: "arn:aws:ecr:us-east-1:123456789012:repository/kong-gateway" },
    ]);
  });

  it("without registerTaskDefinition returns the definition and calls no ECS API", async () => {
    const { options } = await setup({ registerTaskDefinition: false, executionRoleArn: undefined });
    const res = await provisionDataPlanes(options);
    expect(sandbox.requests.filter((r) => r.service === "ecs")).toEqual([]);
    expect(res.taskDefinition.arn).toBeUndefined();
    expect(res.taskDefinition.definition.family).toBe("kong-dp-payments-prod");
  });

  it("re-pins the stored certificate when it was unpinned by hand, without a new key", async () => {
    const { options, controlPlane } = await setup();
    const first = await provisionDataPlanes(options);
    sandbox.state.konnect.regions.us!.get(controlPlane.id!)!.dataPlanes!.certificates.clear();
    sandbox.clearRequests();
    const again = await provisionDataPlanes(options);
    expect(writes()).toEqual(["konnect POST /v2/control-planes/{controlPlaneId}/dp-client-certificates"]);
    expect(again.certificate).toMatchObject({ sha256: first.certificate.sha256, issued: false });
  });

  it("a no-change re-apply costs one read per object kind", async () => {
    const { options } = await setup();
    await provisionDataPlanes(options);
    // past the sandbox's ListSecrets lag (60 s by default): within it a DescribeSecret confirms the new secret
    sandbox.clock.advance(120_000);
    sandbox.clearRequests();
    await provisionDataPlanes(options);
    // control plane, pinned certificates; ListSecrets + BatchGetSecretValue; DescribeTaskDefinition
    expect(sandbox.requests.map((r) => `${r.service} ${r.operation}`).sort()).toEqual(
      [
        "konnect GET /v2/control-planes/{controlPlaneId}",
        "konnect GET /v2/control-planes/{controlPlaneId}/dp-client-certificates",
        "secretsmanager ListSecrets",
        "secretsmanager BatchGetSecretValue",
        "ecs DescribeTaskDefinition",
      ].sort(),
    );
  });

  it("a teardown keeps a secret without the ownership tag, and what it records, unless adopt", async () => {
    const { options, controlPlane } = await setup({ registerTaskDefinition: false, executionRoleArn: undefined });
    await provisionDataPlanes(options);
    const name = `konnect-aws/data-planes/${controlPlane.id}/cluster-certificate`;
    const record = sandbox.state.secretsManager.regions["us-east-1"]!.get(name)!;
    record.tags = record.tags.filter((t) => t.Key !== "konnect-aws:managed");
    const down = await teardownDataPlanes(options);
    expect(down.changes).toEqual([]);
    expect(down.kept.map((k) => k.kind).sort()).toEqual(["aws.secret", "konnect.dp-client-certificate"]);
    expect(pinned(controlPlane.id!)).toHaveLength(1);
    const adopted = await teardownDataPlanes({ ...options, adopt: true });
    expect(adopted.changes.map((c) => c.kind)).toEqual(["konnect.dp-client-certificate", "aws.secret"]);
  });

  it("a teardown run twice writes nothing the second time", async () => {
    const { options } = await setup();
    await provisionDataPlanes(options);
    await teardownDataPlanes(options);
    expect(revisions("kong-dp-payments-prod").map((r) => r.taskDefinition.status)).toEqual(["INACTIVE"]);
    sandbox.clearRequests();
    const again = await teardownDataPlanes(options);
    expect(again.changes).toEqual([]);
    expect(sandbox.writes()).toEqual([]);
  });
});
