// The ECS fake answers the real SDK (awsJson1_1, AmazonEC2ContainerServiceV20141113) and refuses what ECS
// refuses: the model's constraints (required members, tag patterns) and the documented task definition
// rules (Fargate network mode and sizes, awsvpc port mappings, health check ranges, secrets needing an
// execution role).
import { DescribeTaskDefinitionCommand, DeregisterTaskDefinitionCommand, ListTagsForResourceCommand, ListTaskDefinitionsCommand, RegisterTaskDefinitionCommand, TagResourceCommand, type RegisterTaskDefinitionCommandInput } from "@aws-sdk/client-ecs";
import { describe, expect, it } from "vitest";
import { useSandbox } from "../use-sandbox.js";
import { ecsClient, EXECUTION_ROLE } from "../data-planes/setup.js";

const { sandbox } = useSandbox();
const ecs = ecsClient();

const valid = (): RegisterTaskDefinitionCommandInput => ({
  family: "kong-dp",
  networkMode: "awsvpc",
  requiresCompatibilities: ["FARGATE"],
  cpu: "1024",
  memory: "2048",
  executionRoleArn: EXECUTION_ROLE,
  containerDefinitions: [
    {
      name: "kong",
      image: "kong/kong-gateway:3.14",
      portMappings: [{ containerPort: 8000, hostPort: 8000 }],
      secrets: [{ name: "KONG_CLUSTER_CERT", valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:x-AbCdEf:cert::" }],
      logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/aws/kong/x", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "kong" } },
    },
  ],
  tags: [{ key: "team", value: "platform" }],
});

const refusal = async (input: RegisterTaskDefinitionCommandInput) => {
  const e = (await ecs.send(new RegisterTaskDefinitionCommand(input)).catch((x: unknown) => x)) as { name: string; message: string };
  return `${e.name}: ${e.message}`;
};

describe("ECS fake", () => {
  it("registers revisions, describes the latest, lists, tags and deregisters", async () => {
    const one = await ecs.send(new RegisterTaskDefinitionCommand(valid()));
    const two = await ecs.send(new RegisterTaskDefinitionCommand(valid()));
    expect([one.taskDefinition?.revision, two.taskDefinition?.revision]).toEqual([1, 2]);
    expect(two.taskDefinition?.taskDefinitionArn).toBe("arn:aws:ecs:us-east-1:123456789012:task-definition/kong-dp:2");
    const described = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "kong-dp", include: ["TAGS"] }));
    expect(described.taskDefinition).toMatchObject({ revision: 2, status: "ACTIVE", cpu: "1024", memory: "2048" });
    expect(described.tags).toEqual([{ key: "team", value: "platform" }]);
    await ecs.send(new TagResourceCommand({ resourceArn: two.taskDefinition!.taskDefinitionArn!, tags: [{ key: "env", value: "prod" }] }));
    expect((await ecs.send(new ListTagsForResourceCommand({ resourceArn: two.taskDefinition!.taskDefinitionArn! }))).tags).toHaveLength(2);
    await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: "kong-dp:2" }));
    expect((await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "kong-dp" }))).taskDefinition?.revision).toBe(1);
    expect((await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: "kong-dp" }))).taskDefinitionArns).toEqual([one.taskDefinition!.taskDefinitionArn]);
    expect(sandbox.writes("ecs").map((r) => r.operation)).toEqual(["RegisterTaskDefinition", "RegisterTaskDefinition", "TagResource", "DeregisterTaskDefinition"]);
  });

  it("answers an unknown task definition as ECS does", async () => {
    const e = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "nope" })).catch((x: unknown) => x);
    expect(e).toMatchObject({ name: "ClientException", message: "Unable to describe task definition." });
  });

  it("refuses what ECS refuses", async () => {
    const fargateBridge = { ...valid(), networkMode: "bridge" as const };
    expect(await refusal(fargateBridge)).toBe("ClientException: Fargate only supports network mode 'awsvpc'.");
    const { cpu: _c, ...noCpu } = valid();
    expect(await refusal(noCpu)).toBe("ClientException: Fargate requires that 'cpu' be defined at the task level.");
    expect(await refusal({ ...valid(), memory: "3000" })).toMatch(/^ClientException: No Fargate configuration exists for given values: 1024 CPU, 3000 memory/);
    const { executionRoleArn: _e, ...noRole } = valid();
    expect(await refusal(noRole)).toMatch(/^ClientException: .*executionRoleArn/);
    const c = valid().containerDefinitions![0]!;
    expect(await refusal({ ...valid(), containerDefinitions: [{ ...c, portMappings: [{ containerPort: 8000, hostPort: 80 }] }] })).toMatch(/host ports and container ports/);
    expect(await refusal({ ...valid(), containerDefinitions: [{ ...c, healthCheck: { command: ["CMD-SHELL", "true"], interval: 1 } }] })).toMatch(/interval must be between 5 and 300/);
    expect(await refusal({ ...valid(), family: "kong dp" })).toMatch(/^ClientException: Family/);
    // the model's own constraints: a tag key breaking the pattern
    expect(await refusal({ ...valid(), tags: [{ key: "bad*key", value: "x" }] })).toMatch(/^ClientException: 1 validation error detected: .*tags/);
    expect(sandbox.state.ecs.regions["us-east-1"]?.get("kong-dp") ?? []).toEqual([]);
  });
});
