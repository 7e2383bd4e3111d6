// Extracts, from the official AWS API models (Smithy 2 JSON AST, ../shared/reference/aws-models, see
// SOURCES.md there), the input constraints of the operations the sandbox's AWS fakes implement, and writes
// them to generated/aws-constraints/<service>.ts for the fakes' request validation.
//
//   npm run extract:aws                      # reads ../shared/reference/aws-models
//   KONNECT_AWS_REFERENCE_DIR=/x npm run extract:aws   # reads /x/aws-models
//
// Only what validation and request decoding need is kept: the input shape tree of each operation with the
// constraint traits (required, length, pattern, range, enum; smithy 2 enum/intEnum shapes) and the
// serialization traits (httpLabel, httpQuery, httpHeader, httpPayload, xmlName, xmlFlattened, list member
// names). Documentation is dropped, except ElastiCache's "Constraints: minimum 20; maximum 100." sentences,
// which are the only place that service states its page-size limits (the model has no range trait there).
// test/aws-constraints.test.ts checks the committed files are what this script writes.
import fs from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * The operations each fake answers (src/testing/aws/<fake>.ts). A fake answering an operation missing
 * here fails loudly (src/testing/aws/reject-invalid.ts), so the list cannot silently fall behind.
 */
export const SERVICES = {
  "route-53": {
    constant: "ROUTE_53",
    operations: [
      "ChangeResourceRecordSets",
      "ChangeTagsForResource",
      "CreateHealthCheck",
      "CreateHostedZone",
      "DeleteHealthCheck",
      "GetChange",
      "GetHealthCheck",
      "GetHealthCheckStatus",
      "GetHostedZone",
      "ListHealthChecks",
      "ListHostedZones",
      "ListHostedZonesByName",
      "ListResourceRecordSets",
      "ListTagsForResource",
      "ListTagsForResources",
      "TestDNSAnswer",
      "UpdateHealthCheck",
    ],
  },
  "secrets-manager": {
    constant: "SECRETS_MANAGER",
    operations: [
      "BatchGetSecretValue",
      "CreateSecret",
      "DeleteSecret",
      "DescribeSecret",
      "GetSecretValue",
      "ListSecrets",
      "PutSecretValue",
      "RemoveRegionsFromReplication",
      "ReplicateSecretToRegions",
      "RestoreSecret",
      "TagResource",
      "UntagResource",
      "UpdateSecret",
    ],
  },
  elasticache: { constant: "ELASTICACHE", operations: ["DescribeReplicationGroups"] },
  lambda: { constant: "LAMBDA", operations: ["GetFunctionConfiguration"] },
  iam: { constant: "IAM", operations: ["SimulatePrincipalPolicy"] },
};

const PROTOCOLS = ["aws.protocols#awsJson1_0", "aws.protocols#awsJson1_1", "aws.protocols#restJson1", "aws.protocols#restXml", "aws.protocols#awsQuery", "aws.protocols#ec2Query"];

/** Where the reference folder is: KONNECT_AWS_REFERENCE_DIR (as test/reference-dir.ts) or ../shared/reference. */
export function referenceDir() {
  return process.env.KONNECT_AWS_REFERENCE_DIR ?? `${root}../shared/reference`;
}

/** Local name of a shape id (`com.amazonaws.route53#HealthCheckNonce` -> `HealthCheckNonce`); prelude ids stay whole. */
const local = (id) => (id.startsWith("smithy.api#") ? id : id.slice(id.indexOf("#") + 1));

/** The constraint traits of a shape or member, compacted. */
function constraints(traits = {}) {
  const out = {};
  const len = traits["smithy.api#length"];
  if (len) out.length = { ...(len.min !== undefined ? { min: len.min } : {}), ...(len.max !== undefined ? { max: len.max } : {}) };
  const range = traits["smithy.api#range"];
  if (range) out.range = { ...(range.min !== undefined ? { min: Number(range.min) } : {}), ...(range.max !== undefined ? { max: Number(range.max) } : {}) };
  if (traits["smithy.api#pattern"] !== undefined) out.pattern = traits["smithy.api#pattern"];
  // smithy 1 style enum trait on a string shape
  if (Array.isArray(traits["smithy.api#enum"])) out.enum = traits["smithy.api#enum"].map((e) => e.value);
  if (traits["smithy.api#sensitive"]) out.sensitive = true;
  return out;
}

/** A member: its target and the traits validation and decoding need. */
function member(m) {
  const t = m.traits ?? {};
  const out = { target: local(m.target) };
  if (t["smithy.api#required"]) out.required = true;
  Object.assign(out, constraints(t));
  if (t["smithy.api#httpLabel"]) out.httpLabel = true;
  if (t["smithy.api#httpQuery"] !== undefined) out.httpQuery = t["smithy.api#httpQuery"];
  if (t["smithy.api#httpQueryParams"]) out.httpQueryParams = true;
  if (t["smithy.api#httpHeader"] !== undefined) out.httpHeader = t["smithy.api#httpHeader"];
  if (t["smithy.api#httpPrefixHeaders"] !== undefined) out.httpPrefixHeaders = t["smithy.api#httpPrefixHeaders"];
  if (t["smithy.api#httpPayload"]) out.httpPayload = true;
  if (t["smithy.api#xmlName"] !== undefined) out.xmlName = t["smithy.api#xmlName"];
  if (t["smithy.api#xmlFlattened"]) out.xmlFlattened = true;
  if (t["smithy.api#xmlAttribute"]) out.xmlAttribute = true;
  if (t["smithy.api#jsonName"] !== undefined) out.jsonName = t["smithy.api#jsonName"];
  if (t["aws.protocols#ec2QueryName"] !== undefined) out.ec2QueryName = t["aws.protocols#ec2QueryName"];
  // ElastiCache states page-size limits only in prose: "<p>Constraints: minimum 20; maximum 100.</p>"
  const doc = /Constraints:\s*minimum\s+(\d+);\s*maximum\s+(\d+)\./i.exec(t["smithy.api#documentation"] ?? "");
  if (doc) out.documentedRange = { min: Number(doc[1]), max: Number(doc[2]) };
  return out;
}

/** A shape, compacted; returns the ids of the shapes it refers to as well. */
function shape(s) {
  const t = s.traits ?? {};
  const out = { type: s.type, ...constraints(t) };
  if (t["smithy.api#xmlName"] !== undefined) out.xmlName = t["smithy.api#xmlName"];
  const refs = [];
  if (s.type === "structure" || s.type === "union") {
    out.members = {};
    for (const [name, m] of Object.entries(s.members ?? {})) {
      out.members[name] = member(m);
      refs.push(m.target);
    }
  } else if (s.type === "enum" || s.type === "intEnum") {
    out.enum = Object.entries(s.members ?? {}).map(([name, m]) => m.traits?.["smithy.api#enumValue"] ?? name);
  } else if (s.type === "list" || s.type === "set") {
    out.member = member(s.member);
    refs.push(s.member.target);
  } else if (s.type === "map") {
    out.key = member(s.key);
    out.value = member(s.value);
    refs.push(s.key.target, s.value.target);
  }
  return { out, refs };
}

const PRELUDE = { Boolean: "boolean", PrimitiveBoolean: "boolean", String: "string", Integer: "integer", PrimitiveInteger: "integer", Long: "long", PrimitiveLong: "long", Float: "float", PrimitiveFloat: "float", Double: "double", PrimitiveDouble: "double", Short: "short", PrimitiveShort: "short", Byte: "byte", PrimitiveByte: "byte", BigInteger: "bigInteger", BigDecimal: "bigDecimal", Blob: "blob", Timestamp: "timestamp", Document: "document", Unit: "structure" };

/** Extracts one service's constraints from its model. */
export function extractService(model, operations) {
  const shapes = model.shapes;
  const [serviceId, service] = Object.entries(shapes).find(([, s]) => s.type === "service");
  const protocol = PROTOCOLS.find((p) => service.traits?.[p]);
  if (!protocol) throw new Error(`${serviceId}: no known protocol trait`);
  const namespace = serviceId.slice(0, serviceId.indexOf("#"));
  const ops = {};
  const out = {};
  const queue = [];
  for (const name of operations) {
    const op = shapes[`${namespace}#${name}`];
    if (op?.type !== "operation") throw new Error(`${serviceId}: no operation ${name}`);
    const input = op.input?.target ?? "smithy.api#Unit";
    const http = op.traits?.["smithy.api#http"];
    ops[name] = { input: local(input), ...(http ? { http: { method: http.method, uri: http.uri } } : {}) };
    queue.push(input);
  }
  // breadth-first over the input trees; the visited set makes recursive shapes terminate
  const seen = new Set();
  while (queue.length) {
    const id = queue.shift();
    if (seen.has(id)) continue;
    seen.add(id);
    if (id.startsWith("smithy.api#")) {
      out[local(id)] = { type: PRELUDE[id.slice("smithy.api#".length)] ?? "document" };
      continue;
    }
    const s = shapes[id];
    if (!s) throw new Error(`${serviceId}: dangling shape ${id}`);
    const { out: compact, refs } = shape(s);
    if (out[local(id)]) throw new Error(`${serviceId}: two shapes named ${local(id)}`);
    out[local(id)] = compact;
    queue.push(...refs);
  }
  const sorted = Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
  const xmlNamespace = service.traits?.["smithy.api#xmlNamespace"]?.uri;
  return { service: serviceId, protocol: protocol.slice(protocol.indexOf("#") + 1), version: service.version, ...(xmlNamespace ? { xmlNamespace } : {}), operations: ops, shapes: sorted };
}

/** The generated module for one service, as text. */
export function render(file, constant, extracted) {
  const shapeLines = Object.entries(extracted.shapes).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  const opLines = Object.entries(extracted.operations).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  return [
    `// Generated by \`npm run extract:aws\` from aws-models/${file}.json (aws/api-models-aws, Apache-2.0; see`,
    "// ../shared/reference/SOURCES.md). Input constraints of the operations the sandbox fakes. Do not edit by hand.",
    'import type { ServiceModel } from "../../src/testing/aws/model-types.js";',
    "",
    `/** ${extracted.service} (${extracted.protocol}, ${extracted.version}): inputs of the faked operations. */`,
    `export const ${constant}: ServiceModel = {`,
    `  service: ${JSON.stringify(extracted.service)},`,
    `  protocol: ${JSON.stringify(extracted.protocol)},`,
    `  version: ${JSON.stringify(extracted.version)},`,
    ...(extracted.xmlNamespace ? [`  xmlNamespace: ${JSON.stringify(extracted.xmlNamespace)},`] : []),
    "  operations: {",
    ...opLines,
    "  },",
    "  shapes: {",
    ...shapeLines,
    "  },",
    "};",
    "",
  ].join("\n");
}

/** Every generated file: path relative to the repository -> content. */
export function extractAll(dir = referenceDir()) {
  const files = {};
  for (const [file, { constant, operations }] of Object.entries(SERVICES)) {
    const model = JSON.parse(fs.readFileSync(`${dir}/aws-models/${file}.json`, "utf8"));
    files[`generated/aws-constraints/${file}.ts`] = render(file, constant, extractService(model, operations));
  }
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  const dir = referenceDir();
  if (!fs.existsSync(`${dir}/aws-models`)) {
    console.error(`extract:aws: no aws-models folder in ${dir}; set KONNECT_AWS_REFERENCE_DIR to the reference folder`);
    process.exit(1);
  }
  fs.mkdirSync(`${root}generated/aws-constraints`, { recursive: true });
  for (const [path, content] of Object.entries(extractAll(dir))) {
    fs.writeFileSync(`${root}${path}`, content);
    console.log(`${path} (${content.length} chars)`);
  }
}
