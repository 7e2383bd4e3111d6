import type { ECSClient, RegisterTaskDefinitionCommandInput, TaskDefinition } from "@aws-sdk/client-ecs";
import { loadEcs } from "../../aws/load-sdk.js";
import { AwsStepError } from "../../errors/aws-step-error.js";
import { awsStep } from "../../aws/secrets-manager.js";
import type { FieldDiff } from "../../reconcile/change.js";
import { sameValue } from "../../reconcile/diff.js";
import type { Ownership } from "../../reconcile/ownership.js";
import type { Observation, Resource } from "../../reconcile/resource.js";

type Json = Record<string, unknown>;

/** The latest ACTIVE revision of a family and its tags. @internal */
export interface TaskDefinitionState {
  taskDefinition: TaskDefinition;
  tags: Record<string, string>;
}

/** What {@link ecsTaskDefinitionResource} manages. @internal */
export interface EcsTaskDefinitionDesired {
  client: () => Promise<ECSClient>;
  /** The definition to register, built when needed (it names secret ARNs that earlier writes may create). */
  definition: () => RegisterTaskDefinitionCommandInput;
  ownership: Ownership;
  dependsOn?: Resource[];
  signal?: AbortSignal | undefined;
  /** Filled by the run: the ARN of the revision in force (observed, or registered by this run). */
  out: { arn?: string | undefined; revision?: number | undefined };
}

const isMissing = (e: unknown) => {
  const cause = ((e as { cause?: unknown })?.cause ?? e) as { name?: string; message?: string };
  // DescribeTaskDefinition of an unknown family: ClientException "Unable to describe task definition."
  return cause?.name === "ClientException" && /unable to describe task definition/i.test(cause.message ?? "");
};

/** Task-level fields the SDK manages; every other field of an ECS answer is ECS's own (arn, revision, status, ...). */
const TASK_FIELDS = ["family", "taskRoleArn", "executionRoleArn", "networkMode", "requiresCompatibilities", "cpu", "memory", "runtimePlatform"] as const;

const byName = (list: unknown) => (Array.isArray(list) ? [...(list as Json[])].sort((a, b) => String(a.name).localeCompare(String(b.name))) : list);

/**
 * The differences between what is registered and what is desired, over the fields the SDK sets: ECS adds
 * defaults of its own (`cpu: 0`, `mountPoints: []`, ...) that are not differences. Lists of named items
 * (environment, secrets) compare in any order.
 */
/**
 * Whether every leaf the SDK sets is what ECS holds. ECS answers with members of its own inside the
 * objects it was given (`logConfiguration.secretOptions: []`, `healthCheck` defaults, ...): those are not
 * differences, or every re-run would register a new revision against the real service.
 */
function coveredBy(desired: unknown, actual: unknown): boolean {
  if (Array.isArray(desired)) return Array.isArray(actual) && actual.length === desired.length && desired.every((x, i) => coveredBy(x, actual[i]));
  if (desired !== null && typeof desired === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return false;
    return Object.entries(desired as Json).every(([k, v]) => v === undefined || coveredBy(v, (actual as Json)[k]));
  }
  return sameValue(desired, actual);
}

function diffDefinition(desired: RegisterTaskDefinitionCommandInput, actual: TaskDefinition | undefined): FieldDiff[] {
  const diff: FieldDiff[] = [];
  const a = (actual ?? {}) as Json;
  const d = desired as unknown as Json;
  for (const k of TASK_FIELDS) {
    if (d[k] === undefined) continue;
    if (!sameValue(a[k], d[k])) diff.push({ path: k, ...(actual && a[k] !== undefined ? { before: a[k] } : {}), after: d[k] });
  }
  const actualContainers = (a.containerDefinitions as Json[] | undefined) ?? [];
  for (const c of (desired.containerDefinitions ?? []) as Json[]) {
    const found = actualContainers.find((x) => x.name === c.name);
    for (const [k, v] of Object.entries(c)) {
      const before = found?.[k];
      const same = k === "environment" || k === "secrets" ? sameValue(byName(before), byName(v)) : coveredBy(v, before);
      if (!same) diff.push({ path: `containerDefinitions.${String(c.name)}.${k}`, ...(found && before !== undefined ? { before } : {}), after: v });
    }
  }
  if (actual && actualContainers.length !== (desired.containerDefinitions ?? []).length) diff.push({ path: "containerDefinitions", before: actualContainers.map((c) => c.name), after: (desired.containerDefinitions ?? []).map((c) => c.name) });
  return diff;
}

/**
 * An ECS task definition family, marked by the ownership AWS tag on its latest ACTIVE revision. ECS
 * revisions are immutable: a create or an update registers a new revision (RegisterTaskDefinition), and
 * only when the fields the SDK sets differ, so a re-run registers nothing. Deleting deregisters every
 * ACTIVE revision of the family that carries the tag (revisions registered by others stay).
 * @internal
 */
export function ecsTaskDefinitionResource(d: EcsTaskDefinitionDesired): Resource<TaskDefinitionState> {
  const abortSignal = d.signal;
  const family = () => d.definition().family!;
  const tag = d.ownership.awsTag;
  const register = async (): Promise<string | undefined> => {
    const [c, ecs] = await Promise.all([d.client(), loadEcs()]);
    const input = d.definition();
    const tags = [...(input.tags ?? []).filter((t) => t.key !== tag.key), { key: tag.key, value: tag.value }];
    const out = await awsStep(`RegisterTaskDefinition ${input.family}`, () => c.send(new ecs.RegisterTaskDefinitionCommand({ ...input, tags }), { abortSignal }));
    d.out.arn = out.taskDefinition?.taskDefinitionArn;
    d.out.revision = out.taskDefinition?.revision;
    return d.out.arn;
  };
  return {
    kind: "aws.ecs-task-definition",
    get key() {
      return family();
    },
    mark: `the ${tag.key}=${tag.value} tag`,
    field: "family",
    ...(d.dependsOn ? { dependsOn: d.dependsOn } : {}),
    async observe(): Promise<Observation<TaskDefinitionState>> {
      const [c, ecs] = await Promise.all([d.client(), loadEcs()]);
      let state: TaskDefinitionState;
      try {
        const out = await c.send(new ecs.DescribeTaskDefinitionCommand({ taskDefinition: family(), include: ["TAGS"] }), { abortSignal });
        state = { taskDefinition: out.taskDefinition!, tags: Object.fromEntries((out.tags ?? []).map((t) => [t.key ?? "", t.value ?? ""])) };
      } catch (error) {
        if (isMissing(error)) return { exists: false, owned: false, diff: diffDefinition(d.definition(), undefined) };
        throw new AwsStepError(`DescribeTaskDefinition ${family()}`, error);
      }
      d.out.arn = state.taskDefinition.taskDefinitionArn;
      d.out.revision = state.taskDefinition.revision;
      const diff = diffDefinition(d.definition(), state.taskDefinition);
      const owned = state.tags[tag.key] === tag.value;
      if (!owned) diff.push({ path: `tags.${tag.key}`, after: tag.value });
      return { exists: true, ...(state.taskDefinition.taskDefinitionArn ? { id: state.taskDefinition.taskDefinitionArn } : {}), owned, actual: state, diff };
    },
    create: () => register(),
    async update() {
      await register();
    },
    async delete() {
      const [c, ecs] = await Promise.all([d.client(), loadEcs()]);
      const arns: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await awsStep(`ListTaskDefinitions ${family()}`, () => c.send(new ecs.ListTaskDefinitionsCommand({ familyPrefix: family(), status: "ACTIVE", maxResults: 100, ...(nextToken ? { nextToken } : {}) }), { abortSignal }));
        arns.push(...(page.taskDefinitionArns ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
      for (const arn of arns) {
        const { tags } = await awsStep(`ListTagsForResource ${arn}`, () => c.send(new ecs.ListTagsForResourceCommand({ resourceArn: arn }), { abortSignal }));
        if (!(tags ?? []).some((t) => t.key === tag.key && t.value === tag.value)) continue;
        await awsStep(`DeregisterTaskDefinition ${arn}`, () => c.send(new ecs.DeregisterTaskDefinitionCommand({ taskDefinition: arn }), { abortSignal }));
      }
    },
    describe: (o) => [{ path: "family", before: family() }, { path: "revision", before: o.actual?.taskDefinition.revision }],
  };
}
