// Section of `npm run bench` (bench/index.ts): where the CPU of one AWS request goes, measured on this
// process: the AWS SDK alone (a request handler that answers at once, no HTTP), the SDK over loopback HTTP
// to the sandbox in its own process (what the latency table measures), and the SDK through msw in this
// process, once with a handler that answers at once and once with the sandbox (how the tests run). The
// difference between the last two is the sandbox's own work (model validation, the fake); between the
// loopback row and the msw row with the quick handler, what msw's interception of node:http costs over a
// real HTTP exchange. It explains why the latency table runs the sandbox in another process. Nothing here
// is asserted by the test suite.
import { Readable } from "node:stream";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { HttpResponse as SmithyResponse } from "@smithy/core/transport";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { createSandbox } from "konnect-aws/testing";
import { credentials } from "../test/scenario/full-chain.js";
import { startRemoteSandbox } from "./remote-sandbox.js";

const ANSWER = JSON.stringify({ ARN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:bench-AbCdEf", Name: "bench", VersionId: "00000000-0000-4000-8000-000000000000" });
const JSON_TYPE = { "content-type": "application/x-amz-json-1.1" };

/** Options of {@link measureRequestCpu}. */
export interface RequestCpuOptions {
  /** Batches of 10 concurrent CreateSecret requests per setting (after 5 of warm-up). */
  batches: number;
}

/** One markdown table: CPU per CreateSecret request under each setting. */
export async function measureRequestCpu({ batches }: RequestCpuOptions): Promise<string[]> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  let n = 0;
  /** Least CPU per request over `batches` batches of 10 concurrent requests (the least is the steadiest figure on a busy machine: GC and other processes only add); `before` runs outside the measure. */
  const perRequest = async (client: SecretsManagerClient, before: () => unknown = () => undefined): Promise<number> => {
    const batch = async () => {
      await before();
      const c0 = process.cpuUsage();
      await Promise.all(Array.from({ length: 10 }, () => client.send(new CreateSecretCommand({ Name: `bench-${n++}`, SecretString: "v", ClientRequestToken: crypto.randomUUID() }))));
      const c = process.cpuUsage(c0);
      return (c.user + c.system) / 1000 / 10;
    };
    for (let i = 0; i < 5; i++) await batch();
    const xs: number[] = [];
    for (let i = 0; i < batches; i++) xs.push(await batch());
    return Math.min(...xs);
  };

  const canned = new SecretsManagerClient({
    region: "us-east-1",
    credentials,
    requestHandler: { handle: async () => ({ response: new SmithyResponse({ statusCode: 200, headers: JSON_TYPE, body: Readable.from([Buffer.from(ANSWER)]) }) }) },
  });
  const sdkAlone = await perRequest(canned);

  const remote = await startRemoteSandbox();
  let overHttp: number;
  try {
    const client = new SecretsManagerClient({ region: "us-east-1", credentials });
    overHttp = await perRequest(client, () => remote.seed("chain"));
  } finally {
    await remote.close();
  }

  const trivial = setupServer(http.post("https://secretsmanager.us-east-1.amazonaws.com/", () => HttpResponse.json(JSON.parse(ANSWER), { headers: JSON_TYPE })));
  trivial.listen({ onUnhandledRequest: "error" });
  const mswTrivial = await perRequest(new SecretsManagerClient({ region: "us-east-1", credentials }));
  trivial.close();

  const sandbox = createSandbox({ seed: 7 });
  const inProcess = setupServer(...sandbox.handlers);
  inProcess.listen({ onUnhandledRequest: "error" });
  const mswSandbox = await perRequest(new SecretsManagerClient({ region: "us-east-1", credentials }), () => sandbox.reset());
  inProcess.close();

  const us = (ms: number) => String(Math.round(ms * 1000));
  return [
    "| CPU of one CreateSecret request in this process (10 concurrent, least of the batches) | us |",
    "|---|---|",
    `| AWS SDK alone (a request handler that answers at once) | ${us(sdkAlone)} |`,
    `| SDK over loopback HTTP to the sandbox in its own process (the latency table) | ${us(overHttp)} |`,
    `| SDK through msw in this process, a handler that answers at once | ${us(mswTrivial)} |`,
    `| SDK through msw in this process, the sandbox (how the tests run) | ${us(mswSandbox)} |`,
    "",
    `${batches} batches. In one process, msw's interception costs ${us(mswTrivial - overHttp)} us per request more than a real HTTP exchange over loopback (the SDK alone: ${us(sdkAlone)} us), and the sandbox's validation and fake about ${us(mswSandbox - mswTrivial)} us more (a difference of two least values: noisy), all on the client's thread, where a real service spends its share on its own machines: so the latency table runs the sandbox in a process of its own.`,
  ];
}
