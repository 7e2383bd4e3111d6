import type { HttpHandler } from "msw";
import { fqdn, route53Handlers, type Route53State } from "./aws/route53.js";
import { buildHostedZone, type HostedZoneSeed } from "./aws/hosted-zone.js";
import { seedUserPool, type UserPoolSeed } from "./aws/user-pool.js";
import { createCognito, type CognitoControls, type CognitoPool, type CognitoState } from "./aws/cognito.js";
import { buildLambdaFunction, lambdaHandlers, type LambdaFunctionSeed, type LambdaState } from "./aws/lambda.js";
import { buildReplicationGroup, elastiCacheHandlers, type ElastiCacheState, type ReplicationGroupSeed } from "./aws/elasticache.js";
import { secretsManagerHandlers, type SecretsManagerState } from "./aws/secrets-manager.js";
import { buildIamRole, iamHandlers, type IamRoleSeed, type IamState } from "./aws/iam.js";
import { createClock, type SandboxClock } from "./clock.js";
import { konnectHandlers } from "./konnect/handlers.js";
import { sharedSpecValidator } from "./konnect/spec-validator.js";
import { createKonnectState, type KonnectState } from "./konnect/state.js";
import { createRandom } from "./random.js";
import { createServe } from "./serve.js";
import { createFaultResponder } from "./fault-response.js";
import type { FaultOptions, RequestLogEntry, SandboxOptions, SandboxService } from "./types.js";

/** Everything the fakes hold. Read it in assertions; write it to seed a scenario. */
export interface SandboxState {
  konnect: KonnectState;
  secretsManager: SecretsManagerState;
  route53: Route53State;
  elastiCache: ElastiCacheState;
  cognito: CognitoState;
  lambda: LambdaState;
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
    iam: { roles: new Map() },
  });
  const log: RequestLogEntry[] = [];
  const faults = { current: { ...options.faults } as FaultOptions, writes: 0 };
  const state = fresh();

  const serve = createServe({ log, clock, random: rnd, faults, faultBody: createFaultResponder() });
  const validator = sharedSpecValidator();
  const cognito = createCognito({ state: () => state.cognito, clock, random: rnd, serve });

  const handlers = [
    ...konnectHandlers({ state: () => state.konnect, clock, random: rnd, validator, serve, token: options.token, provisioningMs: options.provisioningMs ?? 30 * 60_000 }),
    ...secretsManagerHandlers({ state: () => state.secretsManager, clock, random: rnd, serve, accountId, listLagMs: options.listSecretsLagMs ?? 60_000 }),
    ...cognito.handlers,
    ...lambdaHandlers({ state: () => state.lambda, serve }),
    ...elastiCacheHandlers({ state: () => state.elastiCache, random: rnd, serve, accountId }),
    ...route53Handlers({ state: () => state.route53, clock, random: rnd, serve, propagationMs: options.route53PropagationMs ?? 60_000 }),
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
    seedUserPool: (seed) => seedUserPool(cognito.controls, rnd, seed),
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
      Object.assign(state, fresh());
      log.length = 0;
      faults.current = { ...options.faults };
      faults.writes = 0;
    },
  };
}
