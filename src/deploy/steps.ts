import { ConfigError } from "../errors/config-error.js";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { attachElastiCacheRateLimit, validateRateLimitOptions } from "../operations/attach-elasticache-rate-limit.js";
import { attachLambda, validateLambdaOptions } from "../operations/attach-lambda.js";
import { configureCognitoJwt, validateCognitoOptions } from "../operations/configure-cognito-jwt.js";
import { deleteControlPlane } from "../operations/delete-control-plane.js";
import { detachElastiCacheRateLimit } from "../operations/detach-elasticache-rate-limit.js";
import { detachLambda } from "../operations/detach-lambda.js";
import { disableAwsVault } from "../operations/disable-aws-vault.js";
import { enableAwsVault, validateVaultOptions } from "../operations/enable-aws-vault.js";
import { ensureControlPlane, validateControlPlaneOptions } from "../operations/ensure-control-plane.js";
import { removeCognitoJwt } from "../operations/remove-cognito-jwt.js";
import { setupMultiRegion, validateMultiRegionOptions } from "../operations/setup-multi-region.js";
import { teardownMultiRegion } from "../operations/teardown-multi-region.js";
import { connectTransitGateway, validateTransitGatewayOptions } from "../operations/connect-transit-gateway.js";
import { validateCustomDomainOptions } from "../operations/custom-domain-options.js";
import { validateDataPlaneOptions } from "../operations/data-plane-options.js";
import { disableObservability } from "../operations/disable-observability.js";
import { disconnectTransitGateway } from "../operations/disconnect-transit-gateway.js";
import { enableObservability } from "../operations/enable-observability.js";
import { planObservability } from "../operations/observability-plan.js";
import { provisionDataPlanes } from "../operations/provision-data-planes.js";
import { removeCustomDomain } from "../operations/remove-custom-domain.js";
import { setupCustomDomain } from "../operations/setup-custom-domain.js";
import { teardownDataPlanes } from "../operations/teardown-data-planes.js";
import type { TeardownOptions, TeardownResult } from "../operations/teardown-options.js";
import type { Change } from "../reconcile/change.js";
import type { DeploymentConfig, DeploymentConfigKey } from "./config.js";
import {
  cognitoOptions,
  controlPlaneOptions,
  customDomainOptions,
  dataPlanesOptions,
  elastiCacheOptions,
  lambdaOptions,
  multiRegionOptions,
  observabilityOptions,
  transitGatewayOptions,
  vaultOptions,
  type StepContext,
} from "./step-options.js";

/** What a step's apply returns: its changes, and what the operation returned besides (ids, references, policies). @internal */
export interface StepOutcome {
  changes: Change[];
  outputs: Record<string, unknown>;
}

/**
 * One operation of the deployment: when it runs, after what, and how it is applied (in dry run too) and
 * torn down. A step whose operation is not wired yet has no `apply`/`teardown`: a configuration that
 * turns it on is refused before any request, naming its key.
 * @internal
 */
export interface DeployStep {
  /** Short name, used in results and in `dependsOn`. */
  name: string;
  /** The operation and its teardown, for messages. */
  operation: string;
  /** The setting that turns it on (named in errors). */
  key: DeploymentConfigKey;
  /** Steps that must finish first (only those enabled count). */
  dependsOn: readonly string[];
  enabled(config: DeploymentConfig): boolean;
  apply?(ctx: StepContext): Promise<StepOutcome>;
  teardown?(ctx: StepContext, t: TeardownOptions): Promise<TeardownResult>;
  /** The operation's own option checks (no I/O), run for every step before the first request. */
  check?(ctx: StepContext): void;
}

/** An operation's result as a step outcome: `changes`, and the rest as outputs. */
function outcome<R extends { changes: Change[] }>(r: R): StepOutcome {
  const { changes, ...outputs } = r;
  return { changes, outputs };
}

const on = (key: DeploymentConfigKey) => (c: DeploymentConfig) => c[key] === true;

/**
 * The deployment's steps, in dependency order: the control plane, the vault, then everything that uses
 * them. Adding an operation is one entry here (and its options in step-options.ts).
 * @internal
 */
export const DEPLOY_STEPS: readonly DeployStep[] = [
  {
    name: "control-plane",
    operation: "ensureControlPlane / deleteControlPlane",
    key: "control_plane_name",
    dependsOn: [],
    enabled: () => true,
    apply: async (ctx) => outcome(await ensureControlPlane(controlPlaneOptions(ctx))),
    check: (ctx) => void validateControlPlaneOptions(controlPlaneOptions(ctx)),
    teardown: (ctx, t) => deleteControlPlane({ ...controlPlaneOptions(ctx), ...t }),
  },
  {
    name: "vault",
    operation: "enableAwsVault / disableAwsVault",
    key: "enable_aws_vault",
    dependsOn: ["control-plane"],
    enabled: on("enable_aws_vault"),
    apply: async (ctx) => outcome(await enableAwsVault(vaultOptions(ctx))),
    check: (ctx) => void validateVaultOptions(vaultOptions(ctx)),
    teardown: (ctx, t) => disableAwsVault({ ...vaultOptions(ctx), ...t }),
  },
  {
    name: "elasticache-rate-limit",
    operation: "attachElastiCacheRateLimit / detachElastiCacheRateLimit",
    key: "enable_aws_elasticache",
    // after the vault: the password's reference uses the vault entity enableAwsVault manages
    dependsOn: ["control-plane", "vault"],
    enabled: on("enable_aws_elasticache"),
    apply: async (ctx) => outcome(await attachElastiCacheRateLimit(elastiCacheOptions(ctx))),
    check: (ctx) => void validateRateLimitOptions(elastiCacheOptions(ctx)),
    teardown: (ctx, t) => detachElastiCacheRateLimit({ ...elastiCacheOptions(ctx), ...t }),
  },
  {
    name: "cognito",
    operation: "configureCognitoJwt / removeCognitoJwt",
    key: "enable_aws_cognito",
    dependsOn: ["control-plane"],
    enabled: on("enable_aws_cognito"),
    apply: async (ctx) => outcome(await configureCognitoJwt(cognitoOptions(ctx))),
    check: (ctx) => void validateCognitoOptions(cognitoOptions(ctx)),
    teardown: (ctx) => removeCognitoJwt(cognitoOptions(ctx)),
  },
  {
    name: "lambda",
    operation: "attachLambda / detachLambda",
    key: "enable_aws_lambda",
    dependsOn: ["control-plane"],
    enabled: on("enable_aws_lambda"),
    apply: async (ctx) => outcome(await attachLambda(lambdaOptions(ctx))),
    check: (ctx) => void validateLambdaOptions(lambdaOptions(ctx)),
    teardown: (ctx) => detachLambda(lambdaOptions(ctx)),
  },
  {
    name: "multi-region",
    operation: "setupMultiRegion / teardownMultiRegion",
    key: "enable_aws_multi_region",
    // replicates the secrets the vault and the rate limiting keep
    dependsOn: ["vault", "elasticache-rate-limit"],
    enabled: on("enable_aws_multi_region"),
    apply: async (ctx) => outcome(await setupMultiRegion(multiRegionOptions(ctx))),
    check: (ctx) => void validateMultiRegionOptions(multiRegionOptions(ctx)),
    teardown: (ctx, t) => teardownMultiRegion({ ...multiRegionOptions(ctx), ...t }),
  },
  {
    name: "data-planes",
    operation: "provisionDataPlanes / teardownDataPlanes",
    key: "enable_aws_data_planes",
    // after the vault: the task role's policy is the vault's read policy
    dependsOn: ["control-plane", "vault"],
    enabled: on("enable_aws_data_planes"),
    apply: async (ctx) => outcome(await provisionDataPlanes(dataPlanesOptions(ctx))),
    check: (ctx) => void validateDataPlaneOptions(dataPlanesOptions(ctx)),
    teardown: (ctx, t) => teardownDataPlanes({ ...dataPlanesOptions(ctx), ...t }),
  },
  {
    name: "custom-domain",
    operation: "setupCustomDomain / removeCustomDomain",
    key: "enable_aws_custom_domain",
    // the load-balancer path needs only the ALB (from the configuration) and could start beside the control
    // plane, but then a control plane refused (a name konnect-aws did not create) would come after writes
    // to the user's DNS, certificate and listener: every step waits for the control plane's checks
    dependsOn: ["control-plane"],
    enabled: on("enable_aws_custom_domain"),
    apply: async (ctx) => outcome(await setupCustomDomain(customDomainOptions(ctx))),
    check: (ctx) => validateCustomDomainOptions(customDomainOptions(ctx), "setupCustomDomain"),
    teardown: async (ctx) => removeCustomDomain(customDomainOptions(ctx)),
  },
  {
    name: "transit-gateway",
    operation: "connectTransitGateway / disconnectTransitGateway",
    key: "enable_aws_transit_gateway",
    dependsOn: ["control-plane"],
    enabled: on("enable_aws_transit_gateway"),
    apply: async (ctx) => {
      const { deleteNetwork: _, ...options } = transitGatewayOptions(ctx);
      return outcome(await connectTransitGateway(options));
    },
    check: (ctx) => void validateTransitGatewayOptions(transitGatewayOptions(ctx)),
    teardown: (ctx) => disconnectTransitGateway(transitGatewayOptions(ctx)),
  },
  {
    name: "observability",
    operation: "enableObservability / disableObservability",
    key: "enable_aws_cloudwatch",
    // after the data planes: both use the deployment's one log group, which observability then owns
    dependsOn: ["control-plane", "data-planes"],
    enabled: (c) => c.enable_aws_cloudwatch === true || c.enable_aws_datadog === true || c.aws_xray_collector_endpoint !== undefined,
    apply: async (ctx) => outcome(await enableObservability(observabilityOptions(ctx))),
    // planObservability is the operation's own option check (no I/O)
    check: (ctx) => void planObservability(observabilityOptions(ctx)),
    teardown: (ctx) => disableObservability(observabilityOptions(ctx)),
  },
];

/** The keys that turn a step on, as the configuration gives them (for the observability step, each of its switches). */
function enablingKeys(step: DeployStep, c: DeploymentConfig): string[] {
  if (step.name !== "observability") return [step.key];
  return (["enable_aws_cloudwatch", "enable_aws_datadog", "aws_xray_collector_endpoint"] as const).filter((k) => c[k] !== undefined && c[k] !== false);
}

/**
 * The steps a configuration turns on, in order; a step whose operation is not wired in this build is a
 * {@link ConfigError} naming its key, before any request (never skipped in silence).
 * @internal
 */
export function enabledSteps(config: DeploymentConfig, steps: readonly DeployStep[] = DEPLOY_STEPS): DeployStep[] {
  const enabled = steps.filter((s) => s.enabled(config));
  const missing = enabled.filter((s) => !s.apply || !s.teardown);
  if (missing.length) {
    const keys = missing.flatMap((s) => enablingKeys(s, config));
    throw new ConfigError({
      field: keys.join(", "),
      problem: `${missing.map((s) => `${s.operation} (${enablingKeys(s, config).join(", ")})`).join("; ")} ${missing.length === 1 ? "is" : "are"} not available in this build of konnect-aws, so the deployment cannot include ${missing.length === 1 ? "it" : "them"}`,
      fix: `set ${keys.map((k) => (k.startsWith("enable_") ? `${k} = false` : `remove ${k}`)).join(", ")} for now, or use a konnect-aws release that has ${missing.map((s) => s.operation).join(", ")}`,
    });
  }
  return enabled;
}

/**
 * Runs every step's own option checks before the first request, so a setting the operation refuses
 * (a Konnect label rule, a Route 53 tag limit, a Kong vault region) fails the whole run up front, named
 * after the setting's step, with every such problem at once.
 * @internal
 */
export function checkSteps(steps: readonly DeployStep[], ctx: StepContext): void {
  const problems: ConfigError[] = [];
  for (const s of steps) {
    try {
      s.check?.(ctx);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(new ConfigError({ field: `${s.key} (${s.operation.split(" / ")[0]} option ${error.field})`, problem: error.problem, fix: error.fix, cause: error }));
    }
  }
  if (problems.length === 1) throw problems[0]!;
  if (problems.length) throw new InvalidConfigError(problems);
}
