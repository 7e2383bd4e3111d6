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
import zlib from "node:zlib";

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
  ecs: { constant: "ECS", operations: ["DeregisterTaskDefinition", "DescribeTaskDefinition", "ListTagsForResource", "ListTaskDefinitions", "RegisterTaskDefinition", "TagResource"] },
  "cloudwatch-logs": {
    constant: "CLOUDWATCH_LOGS",
    operations: ["AssociateKmsKey", "CreateLogGroup", "DeleteLogGroup", "DeleteRetentionPolicy", "DescribeLogGroups", "DisassociateKmsKey", "ListTagsForResource", "PutRetentionPolicy", "TagResource", "UntagResource"],
  },
  // The reference model (2025-04) says awsQuery, but CloudWatch has since moved to JSON: the installed
  // @aws-sdk/client-cloudwatch (3.1164.0, dist-cjs/index.js) sends AwsJson1_0Protocol with
  // awsQueryCompatible (X-Amz-Target GraniteServiceVersion20100801.<Operation>, x-amzn-query-mode: true).
  // The shapes and their constraints are the same in both; `wireProtocol` makes the fake decode what the
  // SDK really sends.
  cloudwatch: {
    constant: "CLOUDWATCH",
    wireProtocol: "awsJson1_0",
    operations: ["DeleteAlarms", "DescribeAlarms", "ListTagsForResource", "PutMetricAlarm", "TagResource", "UntagResource"],
  },
  ram: { constant: "RAM", operations: ["CreateResourceShare", "DeleteResourceShare", "GetResourceShareAssociations", "GetResourceShares"] },
  acm: { constant: "ACM", operations: ["AddTagsToCertificate", "DeleteCertificate", "DescribeCertificate", "ListCertificates", "ListTagsForCertificate", "RequestCertificate"] },
  "elastic-load-balancing-v2": {
    constant: "ELASTIC_LOAD_BALANCING_V2",
    operations: ["AddListenerCertificates", "DescribeListenerCertificates", "DescribeListeners", "DescribeLoadBalancers", "ModifyListener", "RemoveListenerCertificates"],
  },
  iam: { constant: "IAM", operations: ["SimulatePrincipalPolicy"] },
};

/**
 * Services whose official model is not in the reference folder (the EC2 model, ~5.5 MB, is not kept
 * there): each names the environment variable giving the path of its model file
 * (aws/api-models-aws, models/ec2/service/2016-11-15/ec2-2016-11-15.json). `extractAll` includes such a
 * service only when its file is present, so the freshness test compares it only then.
 */
export const OPTIONAL_SERVICES = {
  ec2: {
    constant: "EC2",
    env: "KONNECT_AWS_EC2_MODEL",
    operations: ["AcceptTransitGatewayVpcAttachment", "CreateRoute", "DeleteRoute", "DescribeRouteTables", "DescribeTransitGatewayVpcAttachments", "DescribeTransitGateways"],
  },
};

/**
 * The same AWS API model in botocore's JSON form (`botocore/data/<service>/<version>/service-2.json[.gz]`,
 * shipped by AWS in botocore, Apache-2.0), turned into the Smithy JSON AST this script reads: the
 * aws/api-models-aws Smithy files are generated from these models. Constraint traits map one to one
 * (`required`, `min`/`max` as length or range, `pattern`, `enum` as a Smithy 2 enum shape, `sensitive`);
 * `locationName` becomes `xmlName`, and, for the ec2 protocol, `queryName` (or a lower-case
 * `locationName` capitalised) becomes `aws.protocols#ec2QueryName`, as in the Smithy EC2 model.
 */
export function botocoreToSmithy(model) {
  const ns = `com.amazonaws.${model.metadata.endpointPrefix}`;
  const id = (name) => `${ns}#${name}`;
  const protocol = { ec2: "aws.protocols#ec2Query", query: "aws.protocols#awsQuery", json: "aws.protocols#awsJson1_1", "rest-json": "aws.protocols#restJson1", "rest-xml": "aws.protocols#restXml" }[model.metadata.protocol];
  const ec2 = model.metadata.protocol === "ec2";
  const memberTraits = (m, required) => {
    const t = {};
    if (required) t["smithy.api#required"] = {};
    if (m.locationName !== undefined) t["smithy.api#xmlName"] = m.locationName;
    const queryName = m.queryName ?? (ec2 && m.locationName && /^[a-z]/.test(m.locationName) ? m.locationName[0].toUpperCase() + m.locationName.slice(1) : undefined);
    if (ec2 && queryName !== undefined) t["aws.protocols#ec2QueryName"] = queryName;
    return t;
  };
  const shapes = {
    [id(model.metadata.serviceId.replace(/\s/g, ""))]: { type: "service", version: model.metadata.apiVersion, traits: { [protocol]: {}, ...(model.metadata.xmlNamespace ? { "smithy.api#xmlNamespace": { uri: model.metadata.xmlNamespace } } : {}) } },
  };
  for (const [name, op] of Object.entries(model.operations)) shapes[id(name)] = { type: "operation", input: { target: op.input ? id(op.input.shape) : "smithy.api#Unit" } };
  for (const [name, s] of Object.entries(model.shapes)) {
    const traits = {};
    if (s.sensitive) traits["smithy.api#sensitive"] = {};
    if (s.pattern !== undefined) traits["smithy.api#pattern"] = s.pattern;
    const bounds = { ...(s.min !== undefined ? { min: s.min } : {}), ...(s.max !== undefined ? { max: s.max } : {}) };
    if (Object.keys(bounds).length) traits[["integer", "long", "float", "double"].includes(s.type) ? "smithy.api#range" : "smithy.api#length"] = bounds;
    if (s.type === "string" && s.enum) {
      shapes[id(name)] = { type: "enum", members: Object.fromEntries(s.enum.map((v, i) => [`V${i}`, { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": v } }])), traits };
    } else if (s.type === "structure") {
      const required = new Set(s.required ?? []);
      shapes[id(name)] = { type: "structure", members: Object.fromEntries(Object.entries(s.members ?? {}).map(([k, m]) => [k, { target: id(m.shape), traits: memberTraits(m, required.has(k)) }])), traits };
    } else if (s.type === "list") {
      shapes[id(name)] = { type: "list", member: { target: id(s.member.shape), traits: memberTraits(s.member, false) }, traits };
    } else if (s.type === "map") {
      shapes[id(name)] = { type: "map", key: { target: id(s.key.shape), traits: memberTraits(s.key, false) }, value: { target: id(s.value.shape), traits: memberTraits(s.value, false) }, traits };
    } else {
      shapes[id(name)] = { type: s.type, traits };
    }
  }
  return { smithy: "2.0", shapes };
}

/** Reads a model file: Smithy JSON AST, or botocore's service-2.json (optionally .gz), converted. */
function readModel(path) {
  const raw = fs.readFileSync(path);
  const model = JSON.parse((path.endsWith(".gz") ? zlib.gunzipSync(raw) : raw).toString("utf8"));
  return model.smithy ? model : botocoreToSmithy(model);
}

/** Path of an optional service's model: its environment variable, else `<reference>/aws-models/<file>.json`. */
export function optionalModelPath(file, dir = referenceDir()) {
  return process.env[OPTIONAL_SERVICES[file].env] ?? `${dir}/aws-models/${file}.json`;
}

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
export function extractService(model, operations, wireProtocol) {
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
  return { service: serviceId, protocol: wireProtocol ?? protocol.slice(protocol.indexOf("#") + 1), version: service.version, ...(xmlNamespace ? { xmlNamespace } : {}), operations: ops, shapes: sorted };
}

/** The generated module for one service, as text. */
export function render(file, constant, extracted, source) {
  const shapeLines = Object.entries(extracted.shapes).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  const opLines = Object.entries(extracted.operations).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  return [
    ...(source
      ? [`// Generated by \`npm run extract:aws\` from ${source.slice(source.lastIndexOf("/", source.lastIndexOf("/", source.lastIndexOf("/") - 1) - 1) + 1)}`, `// (${OPTIONAL_SERVICES[file].env}; see scripts/extract-aws-constraints.mjs). Input constraints of the operations the sandbox fakes. Do not edit by hand.`]
      : [`// Generated by \`npm run extract:aws\` from aws-models/${file}.json (aws/api-models-aws, Apache-2.0; see`, "// ../shared/reference/SOURCES.md). Input constraints of the operations the sandbox fakes. Do not edit by hand."]),
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
  for (const [file, { constant, operations, wireProtocol }] of Object.entries(SERVICES)) {
    const model = JSON.parse(fs.readFileSync(`${dir}/aws-models/${file}.json`, "utf8"));
    files[`generated/aws-constraints/${file}.ts`] = render(file, constant, extractService(model, operations, wireProtocol));
  }
  for (const [file, { constant, operations }] of Object.entries(OPTIONAL_SERVICES)) {
    const path = optionalModelPath(file, dir);
    if (!fs.existsSync(path)) continue;
    files[`generated/aws-constraints/${file}.ts`] = render(file, constant, extractService(readModel(path), operations), path);
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
