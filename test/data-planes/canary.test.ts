// The data planes' private key is generated inside provisionDataPlanes and must only ever reach Secrets
// Manager: never a result, a change, an event, a log line, an error, the task definition or a Konnect
// request. The test reads the key back from the sandbox's secret and hunts for any line of it everywhere.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createKonnectClient, provisionDataPlanes, teardownDataPlanes, type Logger, type OperationEvent } from "../../src/index.js";
import { useSandbox } from "../use-sandbox.js";
import { dataPlaneSetup } from "./setup.js";

const { sandbox, konnect, secretsManager } = useSandbox();
const sm = secretsManager("us-east-1");
const DAY = 86_400_000;

function surfaces(value: unknown): string {
  const parts = [inspect(value, { depth: 14, showHidden: true })];
  try {
    parts.push(JSON.stringify(value));
  } catch {
    // circular: inspect covers it
  }
  if (value instanceof Error) parts.push(value.message, value.stack ?? "", String(value.cause), inspect(value.cause, { depth: 14 }));
  return parts.join("\n");
}

/** The base64 lines of every private key the sandbox's Secrets Manager ever stored. */
function keyLines(): string[] {
  const lines: string[] = [];
  for (const region of Object.values(sandbox.state.secretsManager.regions)) {
    for (const s of region.values()) {
      for (const v of s.versions) {
        const key = (JSON.parse(v.secretString ?? "{}") as { key?: string }).key;
        if (key) lines.push(...key.split("\n").filter((l) => l && !l.startsWith("-----")));
      }
    }
  }
  return lines;
}

describe("provisionDataPlanes never lets the private key out", () => {
  it("in results, changes, events, logs, errors, the task definition or the request log", async () => {
    const seen: unknown[] = [];
    const logger: Logger = { debug: (m, meta) => seen.push(m, meta), info: (m, meta) => seen.push(m, meta), warn: (m, meta) => seen.push(m, meta), error: (m, meta) => seen.push(m, meta) };
    const onEvent = (e: OperationEvent) => seen.push(e);
    const logged = createKonnectClient({ token: sandbox.token, env: {}, logger, logLevel: "debug", retry: { baseDelayMs: 1, maxDelayMs: 2 } });
    const { options } = await dataPlaneSetup({ sandbox, konnect: logged, sm }, { logger, onEvent });

    seen.push(await provisionDataPlanes({ ...options, dryRun: true }));
    const first = await provisionDataPlanes(options);
    seen.push(first);
    seen.push(await provisionDataPlanes(options));
    sandbox.clock.advance(340 * DAY);
    // the rotation keeps the first certificate pinned (valid 25 more days): no delete
    const rotated = await provisionDataPlanes(options);
    expect(rotated.changes.filter((c) => c.action !== "noop").map((c) => `${c.action} ${c.kind}`)).toEqual(["update aws.secret", "create konnect.dp-client-certificate", "update aws.ecs-task-definition"]);
    expect(rotated.previousCertificates.map((p) => p.id)).toEqual([first.certificate.id]);
    seen.push(rotated);
    // a failure part way through a rotation: the error and what it carries
    sandbox.clock.advance(340 * DAY);
    sandbox.faults.set({ failAfterWrites: 1 });
    const failed = await provisionDataPlanes(options).catch((e: unknown) => e);
    expect(failed).toMatchObject({ name: "ReconcileError" });
    seen.push(failed);
    sandbox.faults.clear();
    // the next run converges: pins the stored certificate and registers its revision, unpins the first
    // certificate (expired 315 days ago, still recorded), and keeps the one the rotation replaced (valid)
    const resumed = await provisionDataPlanes(options);
    expect(resumed.changes.filter((c) => c.action !== "noop").map((c) => `${c.action} ${c.kind}`)).toEqual(["create konnect.dp-client-certificate", "update aws.ecs-task-definition", "delete konnect.dp-client-certificate"]);
    expect(resumed.changes.find((c) => c.action === "delete")).toMatchObject({ id: first.certificate.id });
    expect(resumed.previousCertificates.map((p) => p.id)).toEqual([rotated.certificate.id]);
    seen.push(resumed);
    seen.push(await teardownDataPlanes({ ...options, dryRun: true }));
    seen.push(await teardownDataPlanes(options));
    seen.push(sandbox.requests, sandbox.state.ecs, [...sandbox.state.konnect.regions.us!.values()].map((r) => r.dataPlanes));

    const lines = keyLines();
    // three keys were issued (first apply and two rotations), 1 PEM = several base64 lines each
    expect(lines.length).toBeGreaterThan(6);
    const text = seen.map(surfaces).join("\n");
    expect(text.length).toBeGreaterThan(10_000);
    for (const line of lines) expect(text.includes(line), `a line of a private key leaked: ${line.slice(0, 8)}...`).toBe(false);
    // the same hunt finds the certificate, which is public: the search itself works
    expect(text).toContain("CN=konnect-aws-payments-prod");
  });

  it("a bad option fails before any request, and the error names the field", async () => {
    const { options } = await dataPlaneSetup({ sandbox, konnect, sm });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ executionRoleArn: undefined }, "executionRoleArn"],
      [{ memory: "3000" }, "memory"],
      [{ cpu: "300" }, "cpu"],
      [{ family: "kong dp" }, "family"],
      [{ environment: { KONG_ROLE: "traditional" } }, "environment.KONG_ROLE"],
      [{ environment: { cluster_dp_labels: "x" } }, "environment.cluster_dp_labels"],
      [{ certificate: { validityDays: 20, renewalWindowDays: 30 } }, "certificate.renewalWindowDays"],
      [{ logs: { group: "bad group" } }, "logs.group"],
      [{ statusPort: 8000 }, "statusPort"],
      [{ region: "moon-1" }, "region"],
      [{ controlPlaneId: "payments-prod" }, "controlPlaneId"],
    ];
    for (const [extra, field] of cases) {
      await expect(provisionDataPlanes({ ...options, ...extra } as never)).rejects.toMatchObject({ name: "ConfigError", field });
    }
    expect(sandbox.requests).toEqual([]);
  });
});
