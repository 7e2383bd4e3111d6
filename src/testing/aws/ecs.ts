import type { HttpHandler } from "msw";
import type { SandboxClock } from "../clock.js";
import type { Serve } from "../serve.js";
import { AwsFault } from "./json-protocol.js";
import { serveAwsJson } from "./serve-aws-json.js";

type Json = Record<string, unknown>;

/** One registered task definition revision, as `DescribeTaskDefinition` returns it, with its tags. */
export interface TaskDefinitionRecord {
  /** The `taskDefinition` object (`taskDefinitionArn`, `family`, `revision`, `status`, `containerDefinitions`, ...). */
  taskDefinition: Json;
  tags: Array<{ key: string; value: string }>;
}

/**
 * The ECS fake's state: task definitions by region, then by family (revisions in order, 1-based).
 *
 * @example
 * ```ts
 * const revisions = sandbox.state.ecs.regions["us-east-1"]?.get("kong-dp") ?? [];
 * console.log(revisions.at(-1)?.taskDefinition.revision);
 * ```
 */
export interface EcsState {
  regions: Record<string, Map<string, TaskDefinitionRecord[]>>;
}

/** @internal */
export interface EcsFakeOptions {
  state: () => EcsState;
  clock: SandboxClock;
  serve: Serve;
  accountId: string;
}

const WRITES = new Set(["RegisterTaskDefinition", "DeregisterTaskDefinition", "TagResource"]);
// RegisterTaskDefinitionRequest.family and ContainerDefinition.name (ecs.json documentation): "Up to 255
// letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed."
const NAME = /^[A-Za-z0-9_-]{1,255}$/;
// ContainerDefinition.image: "Up to 255 letters (uppercase and lowercase), numbers, hyphens, underscores,
// colons, periods, forward slashes, and number signs are allowed." (the '@' of a digest reference is
// documented in the same text: repository-url/image@digest)
const IMAGE = /^[A-Za-z0-9_\-:./#@]{1,255}$/;

/**
 * Fargate task sizes (RegisterTaskDefinitionRequest.cpu documentation in ecs.json): CPU units to the
 * memory values (MiB) they allow.
 */
function fargateMemory(cpu: number): number[] {
  const range = (from: number, to: number, step: number) => Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);
  switch (cpu) {
    case 256:
      return [512, 1024, 2048];
    case 512:
      return range(1024, 4096, 1024);
    case 1024:
      return range(2048, 8192, 1024);
    case 2048:
      return range(4096, 16384, 1024);
    case 4096:
      return range(8192, 30720, 1024);
    case 8192:
      return range(16384, 61440, 4096);
    case 16384:
      return range(32768, 122880, 8192);
    default:
      return [];
  }
}

/** "1 vCPU" / "1024" and "2 GB" / "2048" forms, converted as RegisterTaskDefinition documents. */
function units(v: unknown, unit: RegExp, factor: number): number | undefined {
  if (typeof v !== "string") return undefined;
  const m = unit.exec(v.trim());
  if (m) return Math.round(Number(m[1]) * factor);
  return /^\d+$/.test(v.trim()) ? Number(v) : undefined;
}

/**
 * Checks the rules ECS documents for RegisterTaskDefinition that the model's traits do not carry. Error
 * code ClientException, as ECS answers invalid task definitions (e.g. "ClientException: Fargate requires
 * that 'cpu' be defined at the task level.", "ClientException: No Fargate configuration exists for given
 * values", widely quoted from the ECS API); the other messages are the sandbox's own wording.
 */
function checkTaskDefinition(i: Json): void {
  const fail = (m: string) => {
    throw new AwsFault("ClientException", m);
  };
  if (typeof i.family !== "string" || !NAME.test(i.family)) fail("Family contains invalid characters: up to 255 letters, numbers, underscores and hyphens are allowed.");
  const containers = (i.containerDefinitions as Json[] | undefined) ?? [];
  if (containers.length === 0) fail("Container list cannot be empty.");
  const fargate = ((i.requiresCompatibilities as string[] | undefined) ?? []).includes("FARGATE");
  const mode = (i.networkMode as string | undefined) ?? "bridge";
  if (fargate) {
    if (mode !== "awsvpc") fail("Fargate only supports network mode 'awsvpc'.");
    if (i.cpu === undefined) fail("Fargate requires that 'cpu' be defined at the task level.");
    if (i.memory === undefined) fail("Fargate requires that 'memory' be defined at the task level.");
    const cpu = units(i.cpu, /^(\d+(?:\.\d+)?)\s*vcpu$/i, 1024);
    const memory = units(i.memory, /^(\d+(?:\.\d+)?)\s*gb$/i, 1024);
    if (cpu === undefined || memory === undefined || !fargateMemory(cpu).includes(memory)) fail(`No Fargate configuration exists for given values: ${String(i.cpu)} CPU, ${String(i.memory)} memory.`);
  }
  const names = new Set<string>();
  for (const c of containers) {
    if (typeof c.name !== "string" || !NAME.test(c.name)) fail("Container.name should not be null or empty, and may hold up to 255 letters, numbers, underscores and hyphens.");
    if (names.has(c.name as string)) fail(`Duplicate container name ${String(c.name)}.`);
    names.add(c.name as string);
    if (typeof c.image !== "string" || !IMAGE.test(c.image)) fail("Container.image should not be null or empty, and may hold up to 255 letters, numbers, hyphens, underscores, colons, periods, forward slashes and number signs.");
    for (const p of (c.portMappings as Json[] | undefined) ?? []) {
      const port = p.containerPort as number | undefined;
      if (port === undefined && p.containerPortRange === undefined) fail("Container port or container port range must be specified in port mappings.");
      if (port !== undefined && (port < 1 || port > 65535)) fail(`Invalid container port ${port}.`);
      // PortMapping.hostPort: with awsvpc "the hostPort can either be left blank or set to the same value as the containerPort"
      if ((mode === "awsvpc" || mode === "host") && p.hostPort !== undefined && p.hostPort !== port) fail(`When networkMode=${mode}, the host ports and container ports in port mappings must match.`);
    }
    const hc = c.healthCheck as Json | undefined;
    if (hc) {
      const cmd = hc.command as string[];
      // HealthCheck.command: "must start with CMD ... or CMD-SHELL"; ranges from the HealthCheck member docs
      if (!["CMD", "CMD-SHELL"].includes(cmd[0] ?? "")) fail("Health check command must start with CMD or CMD-SHELL.");
      const ranges: Array<[string, number, number]> = [
        ["interval", 5, 300],
        ["timeout", 2, 60],
        ["retries", 1, 10],
        ["startPeriod", 0, 300],
      ];
      for (const [k, min, max] of ranges) if (hc[k] !== undefined && ((hc[k] as number) < min || (hc[k] as number) > max)) fail(`Health check ${k} must be between ${min} and ${max}.`);
    }
    const secrets = (c.secrets as Json[] | undefined) ?? [];
    const log = c.logConfiguration as Json | undefined;
    // Fargate pulls secrets and ships awslogs with the task execution role: without one the task cannot start
    if (fargate && (secrets.length || log?.logDriver === "awslogs") && typeof i.executionRoleArn !== "string") fail("When using secrets or the awslogs log driver on Fargate, the task definition must have an executionRoleArn.");
    for (const s of secrets) if (typeof s.valueFrom !== "string" || s.valueFrom === "") fail("Secret.valueFrom must not be empty.");
    if (log?.logDriver === "awslogs") {
      const opts = (log.options as Record<string, string> | undefined) ?? {};
      if (!opts["awslogs-group"] || !opts["awslogs-region"]) fail("The awslogs log driver needs the awslogs-group and awslogs-region options.");
      // Fargate: "awslogs-stream-prefix ... Required: Yes, when using Fargate" (ECS developer guide, awslogs driver)
      if (fargate && !opts["awslogs-stream-prefix"]) fail("The awslogs log driver on Fargate needs the awslogs-stream-prefix option.");
    }
  }
}

/** @internal */
export function ecsHandlers(o: EcsFakeOptions): HttpHandler[] {
  const store = (region: string) => (o.state().regions[region] ??= new Map());

  /** A family (latest ACTIVE), `family:revision` or a full ARN. */
  const find = (region: string, ref: string): TaskDefinitionRecord => {
    const arn = /^arn:aws[a-z-]*:ecs:[^:]+:\d{12}:task-definition\/([^:]+):(\d+)$/.exec(ref);
    const [family, rev] = arn ? [arn[1]!, Number(arn[2])] : ref.includes(":") ? [ref.split(":")[0]!, Number(ref.split(":")[1])] : [ref, undefined];
    const revisions = store(region).get(family) ?? [];
    const found = rev === undefined ? [...revisions].reverse().find((r) => r.taskDefinition.status === "ACTIVE") : revisions[rev - 1];
    // ECS answers a missing task definition with ClientException "Unable to describe task definition."
    if (!found) throw new AwsFault("ClientException", "Unable to describe task definition.");
    return found;
  };

  /**
   * What DescribeTaskDefinition shows of a container beyond what was registered: `cpu: 0`, empty
   * `mountPoints`/`volumesFrom`, `protocol: "tcp"` on port mappings ("If no protocol is specified, the
   * default is tcp", PortMapping), and the health check's defaults (interval 30, timeout 5, retries 3,
   * HealthCheck in the ECS API reference). A client comparing whole objects would see a change on every
   * run; the fake shows them so the tests would catch it.
   */
  const withEcsDefaults = (c: Json): Json => ({
    cpu: 0,
    mountPoints: [],
    volumesFrom: [],
    ...c,
    ...(Array.isArray(c.portMappings) ? { portMappings: (c.portMappings as Json[]).map((m) => ({ protocol: "tcp", ...m })) } : {}),
    ...(c.healthCheck ? { healthCheck: { interval: 30, timeout: 5, retries: 3, ...(c.healthCheck as Json) } } : {}),
  });

  const ops: Record<string, (region: string, input: Json) => Json> = {
    RegisterTaskDefinition(region, i) {
      checkTaskDefinition(i);
      const family = i.family as string;
      const revisions = store(region).get(family) ?? [];
      store(region).set(family, revisions);
      const revision = revisions.length + 1;
      const { tags, ...def } = i;
      const fargate = ((i.requiresCompatibilities as string[] | undefined) ?? []).includes("FARGATE");
      const taskDefinition: Json = {
        ...def,
        containerDefinitions: ((def.containerDefinitions as Json[] | undefined) ?? []).map(withEcsDefaults),
        cpu: i.cpu === undefined ? undefined : String(units(i.cpu, /^(\d+(?:\.\d+)?)\s*vcpu$/i, 1024)),
        memory: i.memory === undefined ? undefined : String(units(i.memory, /^(\d+(?:\.\d+)?)\s*gb$/i, 1024)),
        taskDefinitionArn: `arn:aws:ecs:${region}:${o.accountId}:task-definition/${family}:${revision}`,
        revision,
        status: "ACTIVE",
        compatibilities: fargate ? ["EC2", "FARGATE"] : ["EC2"],
        registeredAt: o.clock.now() / 1000,
      };
      for (const k of Object.keys(taskDefinition)) if (taskDefinition[k] === undefined) delete taskDefinition[k];
      const record: TaskDefinitionRecord = { taskDefinition, tags: ((tags as Array<{ key: string; value: string }> | undefined) ?? []).map((t) => ({ key: t.key, value: t.value })) };
      revisions.push(record);
      return { taskDefinition, ...(record.tags.length ? { tags: record.tags } : {}) };
    },
    DescribeTaskDefinition(region, i) {
      const r = find(region, i.taskDefinition as string);
      const withTags = ((i.include as string[] | undefined) ?? []).includes("TAGS");
      return { taskDefinition: r.taskDefinition, ...(withTags ? { tags: r.tags } : {}) };
    },
    ListTaskDefinitions(region, i) {
      const status = (i.status as string | undefined) ?? "ACTIVE";
      const max = (i.maxResults as number | undefined) ?? 100;
      if (max < 1 || max > 100) throw new AwsFault("InvalidParameterException", "maxResults must be between 1 and 100.");
      const arns: string[] = [];
      for (const [family, revisions] of [...store(region)].sort(([a], [b]) => a.localeCompare(b))) {
        // familyPrefix: "The full family name to filter the ListTaskDefinitions results with" (ecs.json)
        if (typeof i.familyPrefix === "string" && family !== i.familyPrefix) continue;
        for (const r of revisions) if (r.taskDefinition.status === status) arns.push(r.taskDefinition.taskDefinitionArn as string);
      }
      if (i.sort === "DESC") arns.reverse();
      const start = typeof i.nextToken === "string" ? Number(i.nextToken) : 0;
      const page = arns.slice(start, start + max);
      return { taskDefinitionArns: page, ...(start + max < arns.length ? { nextToken: String(start + max) } : {}) };
    },
    DeregisterTaskDefinition(region, i) {
      const ref = i.taskDefinition as string;
      // a revision is required: "The family and revision (family:revision) or full Amazon Resource Name (ARN)"
      if (!ref.includes(":")) throw new AwsFault("ClientException", "A revision must be specified: family:revision or the full ARN.");
      const r = find(region, ref);
      r.taskDefinition.status = "INACTIVE";
      r.taskDefinition.deregisteredAt = o.clock.now() / 1000;
      return { taskDefinition: r.taskDefinition };
    },
    ListTagsForResource(region, i) {
      return { tags: find(region, i.resourceArn as string).tags };
    },
    TagResource(region, i) {
      const r = find(region, i.resourceArn as string);
      for (const t of i.tags as Array<{ key: string; value: string }>) {
        r.tags = r.tags.filter((x) => x.key !== t.key);
        r.tags.push({ key: t.key, value: t.value });
      }
      // ECS allows 50 tags per resource (Tags member: length max 50)
      if (r.tags.length > 50) throw new AwsFault("InvalidParameterException", "A resource can have at most 50 tags.");
      return {};
    },
  };

  return [serveAwsJson({ service: "ecs", targetPrefix: "AmazonEC2ContainerServiceV20141113.", ops, writes: WRITES, serve: o.serve })];
}
