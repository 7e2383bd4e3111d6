import type { HttpHandler } from "msw";
import { fqdn, route53Handlers, type Route53State } from "./aws/route53.js";
import { buildHostedZone, type HostedZoneSeed } from "./aws/hosted-zone.js";
import { seedUserPool, type UserPoolSeed } from "./aws/user-pool.js";
import { createCognito, type CognitoControls, type CognitoPool, type CognitoState } from "./aws/cognito.js";
import { buildLambdaFunction, lambdaHandlers, type LambdaFunctionSeed, type LambdaState } from "./aws/lambda.js";
import { buildReplicationGroup, elastiCacheHandlers, type ElastiCacheState, type ReplicationGroupSeed } from "./aws/elasticache.js";
import { secretsManagerHandlers, type SecretsManagerState } from "./aws/secrets-manager.js";
import { cloudWatchLogsHandlers, type CloudWatchLogsState } from "./aws/cloudwatch-logs.js";
import { cloudWatchHandlers, type CloudWatchState } from "./aws/cloudwatch.js";
import { buildIamRole, iamHandlers, type IamRoleSeed, type IamState } from "./aws/iam.js";
import { createClock, type SandboxClock } from "./clock.js";
import { ACM_ISSUE_MS, acmHandlers, noticeValidation, seedIssuedCertificate, type AcmState, type IssuedCertificateSeed } from "./aws/acm.js";
import { lookupRecords } from "./aws/dns-lookup.js";
import { elbV2Handlers, seedLoadBalancer, type ElbV2State, type LoadBalancerSeed, type SeededLoadBalancer } from "./aws/elbv2.js";
import { konnectHandlers } from "./konnect/handlers.js";
import { sharedSpecValidator } from "./konnect/spec-validator.js";
import { createKonnectState, type KonnectState } from "./konnect/state.js";
import { createRandom } from "./random.js";
import { createServe } from "./serve.js";
import { createFaultResponder } from "./fault-response.js";
import { ecsHandlers, type EcsState } from "./aws/ecs.js";
import { connectDataPlane, type ConnectDataPlaneSeed } from "./konnect/data-planes.js";
import { ec2Handlers, seedRouteTable, seedTransitGateway, seedVpcAttachment, type Ec2State, type RouteTableSeed, type TransitGatewaySeed, type VpcAttachmentSeed } from "./aws/ec2.js";
import { ramHandlers, type RamState } from "./aws/ram.js";
import type { CloudGatewayFailure } from "./konnect/networks.js";
import type { FaultOptions, RequestLogEntry, SandboxOptions, SandboxService } from "./types.js";

/** Everything the fakes hold. Read it in assertions; write it to seed a scenario. */
export interface SandboxState {
  konnect: KonnectState;
  secretsManager: SecretsManagerState;
  route53: Route53State;
  elastiCache: ElastiCacheState;
  cognito: CognitoState;
  lambda: LambdaState;
  /** ECS task definitions. */
  ecs: EcsState;
  cloudWatchLogs: CloudWatchLogsState;
  cloudWatch: CloudWatchState;
  ec2: Ec2State;
  ram: RamState;
  acm: AcmState;
  elbv2: ElbV2State;
  iam: IamState;
}

/**
 * The sandbox: in-memory Konnect and AWS, served as msw handlers.
 *
 * @example
 * ```ts
 * import { setupServer } from "msw/node";
 * import { createSandbox } from "konnect-aws/testing";
 *
 * const sandbox = createSandbox();
 * const server = setupServer(...sandbox.handlers);
 * server.listen({ onUnhandledRequest: "error" });
 * // ... run your automation against the real endpoints; msw answers
 * expect(sandbox.requests.filter((r) => r.write)).toHaveLength(0);
 * ```
 */
export interface Sandbox {
  /** msw handlers for Konnect (all regions and the global server), Secrets Manager and Route 53. */
  readonly handlers: HttpHandler[];
  /** Every request answered, in order. Bodies are never recorded. */
  readonly requests: RequestLogEntry[];
  /** The fakes' state. */
  readonly state: SandboxState;
  /** The virtual clock that drives cloud-gateway provisioning and Route 53 propagation. */
  readonly clock: SandboxClock;
  /** Fault injection, deterministic under the seed. */
  readonly faults: {
    /** Replaces the fault settings. */
    set(faults: FaultOptions): void;
    /** Removes every fault. */
    clear(): void;
    /** The current settings. */
    readonly current: FaultOptions;
  };
  /** A token the Konnect fake accepts. */
  readonly token: string;
  /** The requests that changed state (optionally of one service). */
  writes(service?: SandboxService): RequestLogEntry[];
  /** Empties the request log. */
  clearRequests(): void;
  /** Cognito user pools: their keys, key rotation, and signed tokens. */
  readonly cognito: CognitoControls;
  /** Adds a Lambda function that `GetFunctionConfiguration` then returns. */
  seedLambdaFunction(seed: LambdaFunctionSeed): Record<string, unknown>;
  /** Adds an ElastiCache replication group that `DescribeReplicationGroups` then returns. */
  seedReplicationGroup(seed: ReplicationGroupSeed): Record<string, unknown>;
  /**
   * Adds a Route 53 hosted zone (public unless `private: true`) with the NS and SOA records
   * `CreateHostedZone` would make, without a request in the log. Returns its id, as `GetHostedZone` and
   * `ChangeResourceRecordSets` take it (`Z...`, no `/hostedzone/` prefix).
   *
   * @example
   * ```ts
   * const zoneId = sandbox.seedHostedZone({ name: "example.com" });
   * console.log(sandbox.state.route53.hostedZones.get(zoneId)?.name); // "example.com."
   * // then: setupMultiRegion({ ..., domain: "api.example.com" }) finds the zone by the domain
   * ```
   */
  seedHostedZone(seed: HostedZoneSeed): string;
  /**
   * Adds a Cognito user pool (its discovery document, JWKS and two signing keys, as {@link Sandbox.cognito}
   * makes them) with app clients; returns it. Seeding a pool that exists keeps its keys and adds the
   * clients.
   *
   * @example
   * ```ts
   * const pool = sandbox.seedUserPool({ region: "eu-west-1" });
   * const token = sandbox.cognito.signToken(pool.poolId, { tokenUse: "access", clientId: pool.clients[0]! });
   * ```
   */
  seedUserPool(seed?: UserPoolSeed): CognitoPool;
  /**
   * Adds an available EC2 transit gateway in the user's account (AWS's default: shared attachments wait
   * for acceptance unless `autoAccept`); returns its id.
   *
   * @example
   * ```ts
   * const transitGatewayId = sandbox.seedTransitGateway({ region: "us-east-2", autoAccept: false });
   * ```
   */
  seedTransitGateway(seed?: TransitGatewaySeed): string;
  /**
   * Adds a VPC route table (with its `local` route); returns its id.
   *
   * @example
   * ```ts
   * const routeTableId = sandbox.seedRouteTable({ region: "us-east-2", vpcCidr: "10.0.0.0/16" });
   * ```
   */
  seedRouteTable(seed?: RouteTableSeed): string;
  /**
   * Attaches one of the user's VPCs to a seeded transit gateway (an `available` VPC attachment by
   * default): EC2 refuses a route through the transit gateway in a route table of a VPC not attached to
   * it. Returns the attachment id.
   *
   * @example
   * ```ts
   * const transitGatewayId = sandbox.seedTransitGateway({ region: "us-east-2" });
   * const routeTableId = sandbox.seedRouteTable({ region: "us-east-2", vpcCidr: "10.0.0.0/16" });
   * sandbox.seedVpcAttachment({ transitGatewayId, vpcId: sandbox.state.ec2.routeTables.get(routeTableId)!.vpcId });
   * ```
   */
  seedVpcAttachment(seed: VpcAttachmentSeed): string;
  /**
   * Makes the cloud-gateway network or transit-gateway attachment of this name go to `error` or
   * `terminated` (with `state_metadata`) instead of `ready`, once, to test the error paths.
   *
   * @example
   * ```ts
   * sandbox.failCloudGateway("prod-net", { state: "error", stateMetadata: { reported_status: "failed", reason: "capacity" } });
   * ```
   */
  failCloudGateway(name: string, failure: CloudGatewayFailure): void;
  /**
   * Adds an Application Load Balancer (and its listeners) that `DescribeLoadBalancers` and
   * `DescribeListeners` then return, with the canonical hosted zone id AWS publishes for its region.
   *
   * @example
   * ```ts
   * const lb = sandbox.seedLoadBalancer({ name: "kong-dp", listeners: [{ port: 443, protocol: "HTTPS", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/..." }] });
   * console.log(lb.dnsName, lb.canonicalHostedZoneId);
   * ```
   */
  seedLoadBalancer(seed: LoadBalancerSeed): SeededLoadBalancer;
  /**
   * Adds an ISSUED ACM certificate (one you already have, such as the default certificate of a
   * listener), without a request in the log; returns its ARN.
   *
   * @example
   * ```ts
   * const arn = sandbox.seedIssuedCertificate({ domainName: "legacy.example.org" });
   * sandbox.seedLoadBalancer({ name: "kong-dp", listeners: [{ port: 443, protocol: "HTTPS", certificateArn: arn }] });
   * ```
   */
  seedIssuedCertificate(seed: IssuedCertificateSeed): string;
  /**
   * Adds an IAM role with its identity policies, which `SimulatePrincipalPolicy` then evaluates (explicit
   * deny, allow, implicit deny; statements with a Condition never match). Returns the role's ARN.
   *
   * @example
   * ```ts
   * const roleArn = sandbox.seedIamRole({ name: "kong-dp", policies: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" }] }] });
   * ```
   */
  seedIamRole(seed: IamRoleSeed): string;
  /** Back to a fresh state: empty fakes, empty log, no faults, clock at the start, same seed. */
  reset(): void;
  /**
   * Simulates a self-hosted data plane node connected to a control plane: `GET /nodes` then lists it
   * (pinging on every read), reporting the control plane's current config hash once in sync. Returns its
   * node id. No request is logged.
   *
   * @example
   * ```ts
   * sandbox.connectDataPlane({ controlPlaneId, version: "3.14.0.0", inSync: 60_000 }); // in sync after a minute
   * const { dataPlanes } = await waitForDataPlanes({ konnect, controlPlaneId, count: 1 });
   * ```
   */
  connectDataPlane(seed: ConnectDataPlaneSeed): string;
  /** Stops a simulated node: its `last_ping` stays where it was. */
  stopDataPlane(nodeId: string): void;
}

const DEFAULT_START = Date.UTC(2026, 0, 1);

/**
 * Creates a sandbox. Nothing is listened to until you pass `handlers` to msw's `setupServer` (Node) or
 * `setupWorker` (browser).
 *
 * @example
 * ```ts
 * const sandbox = createSandbox({ seed: 7, faults: { errorRate: { 503: 0.1 } } });
 * ```
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const seed = options.seed ?? 1;
  const start = options.startTime === undefined ? DEFAULT_START : typeof options.startTime === "number" ? options.startTime : options.startTime.getTime();
  const accountId = options.awsAccountId ?? "123456789012";
  const clock = createClock(start, options.autoAdvance ?? true);
  let random = createRandom(seed);
  const rnd = {
    next: () => random.next(),
    uuid: () => random.uuid(),
    chars: (n: number, a?: string) => random.chars(n, a),
  };
  const fresh = (): SandboxState => ({
    // the provider account is Kong's AWS account (the RAM share target), not the user's
    konnect: createKonnectState(rnd, clock.now(), "210987654321"),
    secretsManager: { regions: {} },
    route53: { hostedZones: new Map(), changes: new Map(), healthChecks: new Map(), tags: new Map(), resolverRegions: new Map(), callerReferences: { healthChecks: new Set(), hostedZones: new Set() } },
    elastiCache: { replicationGroups: {} },
    cognito: { pools: new Map() },
    lambda: { functions: {} },
    ecs: { regions: {} },
    cloudWatchLogs: { regions: {} },
    cloudWatch: { regions: {} },
    ec2: { transitGateways: new Map(), attachments: new Map(), routeTables: new Map() },
    ram: { shares: new Map() },
    acm: { certificates: {}, idempotencyTokens: new Map() },
    elbv2: { loadBalancers: {}, listeners: {} },
    iam: { roles: new Map() },
  });
  // a transit-gateway attachment in the Konnect fake checks the RAM share and attaches in the EC2 fake
  const link = (s: SandboxState): SandboxState => {
    s.konnect.cloudGateways.aws = { ec2: () => state.ec2, ram: () => state.ram, accountId };
    return s;
  };
  const log: RequestLogEntry[] = [];
  const faults = { current: { ...options.faults } as FaultOptions, writes: 0 };
  const state = fresh();
  link(state);

  const serve = createServe({ log, clock, random: rnd, faults, faultBody: createFaultResponder() });
  const validator = sharedSpecValidator();
  const cognito = createCognito({ state: () => state.cognito, clock, random: rnd, serve });

  const handlers = [
    ...konnectHandlers({ state: () => state.konnect, clock, random: rnd, validator, serve, token: options.token, provisioningMs: options.provisioningMs ?? 30 * 60_000, lookup: (name, type) => lookupRecords(state.route53, name, type) }),
    ...secretsManagerHandlers({ state: () => state.secretsManager, clock, random: rnd, serve, accountId, listLagMs: options.listSecretsLagMs ?? 60_000 }),
    ...cognito.handlers,
    ...lambdaHandlers({ state: () => state.lambda, serve }),
    ...elastiCacheHandlers({ state: () => state.elastiCache, random: rnd, serve, accountId }),
    ...ecsHandlers({ state: () => state.ecs, clock, serve, accountId }),
    ...acmHandlers({
      state: () => state.acm,
      clock,
      random: rnd,
      serve,
      accountId,
      lookup: (name, type) => lookupRecords(state.route53, name, type),
      // a certificate is in use while a listener of the region holds it (default or SNI)
      inUseBy: (region, arn) => [...new Set([...(state.elbv2.listeners[region]?.values() ?? [])].filter((l) => l.defaultCertificateArn === arn || l.certificateArns.includes(arn)).map((l) => l.loadBalancerArn))],
    }),
    ...elbV2Handlers({ state: () => state.elbv2, random: rnd, serve, certificateIssued: (region, arn) => acmIssued(state, clock, accountId, region, arn) }),
    ...route53Handlers({ state: () => state.route53, clock, random: rnd, serve, propagationMs: options.route53PropagationMs ?? 60_000 }),
    ...cloudWatchLogsHandlers({ state: () => state.cloudWatchLogs, clock, serve, accountId }),
    ...cloudWatchHandlers({ state: () => state.cloudWatch, clock, serve, accountId }),
    ...ec2Handlers({ state: () => state.ec2, random: rnd, clock, serve, accountId }),
    ...ramHandlers({ state: () => state.ram, random: rnd, clock, serve, accountId }),
    ...iamHandlers({ state: () => state.iam, random: rnd, serve }),
  ];

  const token = options.token ?? "kpat_SANDBOX0000000000000000000000000000000000000000";

  return {
    handlers,
    requests: log,
    state,
    clock,
    token,
    faults: {
      set: (f) => {
        faults.current = { ...f };
        faults.writes = 0;
      },
      clear: () => {
        faults.current = {};
        faults.writes = 0;
      },
      get current() {
        return faults.current;
      },
    },
    cognito: cognito.controls,
    seedLambdaFunction: (seed) => {
      const fn = buildLambdaFunction(seed, accountId);
      (state.lambda.functions[seed.region ?? "us-east-1"] ??= new Map()).set(seed.name, fn);
      return fn;
    },
    seedReplicationGroup: (seed) => {
      const group = buildReplicationGroup(seed, rnd, accountId);
      const region = seed.region ?? "us-east-1";
      (state.elastiCache.replicationGroups[region] ??= new Map()).set(seed.id, group);
      return group;
    },
    seedHostedZone: (seed) => {
      const name = fqdn(seed.name);
      const zone = buildHostedZone({ name, callerReference: `sandbox-seed-${rnd.uuid()}`, ...(seed.comment ? { comment: seed.comment } : {}), privateZone: seed.private ?? false }, rnd);
      state.route53.hostedZones.set(zone.id, zone);
      return zone.id;
    },
    seedLoadBalancer: (seed) => seedLoadBalancer(state.elbv2, rnd, accountId, seed),
    seedIssuedCertificate: (seed) => seedIssuedCertificate(state.acm, rnd, clock, accountId, seed),
    seedUserPool: (seed) => seedUserPool(cognito.controls, rnd, seed),
    connectDataPlane: (seed) => connectDataPlane(state.konnect, seed, rnd, clock.now()).id,
    stopDataPlane: (nodeId) => {
      for (const region of Object.values(state.konnect.regions)) {
        for (const cp of region.values()) {
          const node = cp.dataPlanes?.nodes.get(nodeId);
          if (node) node.stoppedAt ??= clock.now();
        }
      }
    },
    seedTransitGateway: (seed) => seedTransitGateway(state.ec2, rnd, clock, accountId, seed),
    seedRouteTable: (seed) => seedRouteTable(state.ec2, rnd, accountId, seed),
    seedVpcAttachment: (seed) => seedVpcAttachment(state.ec2, rnd, clock, accountId, seed),
    failCloudGateway: (name, failure) => {
      (state.konnect.cloudGateways.failures ??= new Map()).set(name, failure);
    },
    seedIamRole: (seed) => {
      const role = buildIamRole(seed, accountId);
      state.iam.roles.set(seed.name, role);
      return role.arn;
    },
    writes: (service) => log.filter((r) => r.write && (!service || r.service === service)),
    clearRequests: () => {
      log.length = 0;
    },
    reset: () => {
      random = createRandom(seed);
      clock.set(start);
      clock.autoAdvance = options.autoAdvance ?? true;
      Object.assign(state, link(fresh()));
      log.length = 0;
      faults.current = { ...options.faults };
      faults.writes = 0;
    },
  };
}

/** Whether an ACM certificate of the fake is ISSUED (validated and past its issuing time), for the ELBv2 fake. */
function acmIssued(state: SandboxState, clock: SandboxClock, accountId: string, region: string, arn: string): boolean {
  const c = state.acm.certificates[region]?.get(arn);
  if (c) noticeValidation(c, clock.now(), accountId, (name, type) => lookupRecords(state.route53, name, type));
  return Boolean(c && c.validatedAt !== undefined && clock.now() >= c.validatedAt + ACM_ISSUE_MS);
}
