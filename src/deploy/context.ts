import { createKonnectClient, type KonnectClient } from "../konnect/create-konnect-client.js";
import { isKonnectRegion } from "../konnect/regions.js";
import { isSecret } from "../secret.js";
import type { DeploymentConfig } from "./config.js";
import { literalSecrets } from "./load-config.js";
import { PENDING_CONTROL_PLANE_ID, PENDING_ID_TEXT, pendingControlPlaneClient } from "./pending-control-plane.js";
import { cloudGatewayDomain, controlPlaneLabels, type StepContext } from "./step-options.js";
import type { DeployOptions } from "./types.js";

/** The Konnect client of a deployment: the given one, or one for the configured region and token. @internal */
export function deploymentClient(config: DeploymentConfig, options: DeployOptions): KonnectClient {
  if (options.konnect) return options.konnect;
  const fromUrl = /^https:\/\/([a-z]{2})\.api\.konghq\.com/.exec(config.konnect_server_url ?? "")?.[1];
  const region = config.konnect_region ?? fromUrl ?? "us";
  const token = config.konnect_token === undefined ? undefined : isSecret(config.konnect_token) ? (config.konnect_token.reveal() as string) : config.konnect_token;
  return createKonnectClient({ ...(token !== undefined ? { token } : {}), region: isKonnectRegion(region) ? region : "us", ...(options.env ? { env: options.env } : {}), ...(options.logger ? { logger: options.logger } : {}) });
}

/** The step context before the control plane is known. @internal */
export function baseContext(config: DeploymentConfig, options: DeployOptions, dryRun: boolean): StepContext {
  return {
    config,
    konnect: deploymentClient(config, options),
    controlPlaneId: PENDING_CONTROL_PLANE_ID,
    aws: options.aws ?? {},
    wait: options.wait,
    common: {
      dryRun,
      ...(options.adopt !== undefined ? { adopt: options.adopt } : {}),
      ...(options.ownership ? { ownership: options.ownership } : {}),
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    },
  };
}

/** The context of the steps inside the control plane: its id, or the pending placeholder (and the client that answers for it). @internal */
export function withControlPlane(ctx: StepContext, id: string | undefined): StepContext {
  return id ? { ...ctx, controlPlaneId: id } : { ...ctx, controlPlaneId: PENDING_CONTROL_PLANE_ID, konnect: pendingControlPlaneClient(ctx.konnect, { name: ctx.config.control_plane_name!, cloudGateway: cloudGatewayDomain(ctx.config) }) };
}

/** Gives every step's operation the step's name on its events. @internal */
export function forStep(ctx: StepContext, step: string, options: DeployOptions): StepContext {
  const onEvent = options.onEvent;
  return onEvent ? { ...ctx, common: { ...ctx.common, onEvent: (e) => onEvent({ ...e, step }) } } : ctx;
}

/** Replaces the pending control plane's placeholder id in plans and outputs with a readable marker. @internal */
export function showPending<T>(value: T): T {
  if (typeof value === "string") return (value.includes(PENDING_CONTROL_PLANE_ID) ? value.split(PENDING_CONTROL_PLANE_ID).join(PENDING_ID_TEXT) : value) as T;
  if (Array.isArray(value)) return value.map(showPending) as T;
  if (value && typeof value === "object" && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, showPending(v)])) as T;
  }
  return value;
}

/** Warnings about a configuration: secrets written in its file, cost tags that cannot be labels. @internal */
export function configWarnings(config: DeploymentConfig): string[] {
  const warnings = literalSecrets(config).map((k) => `${k} is written in the configuration file: prefer ${k} = var.${k} with the TF_VAR_${k} environment variable${k === "konnect_token" ? " (or leave it out and set KONNECT_TOKEN)" : ""}, so the file holds no secret`);
  return [...warnings, ...controlPlaneLabels(config).warnings];
}
