import { CLUSTER_TYPES } from "../../generated/enums.js";
import { ConfigError } from "../errors/config-error.js";
import { KonnectConnectionError } from "../errors/connection-error.js";
import { isKonnectApiError } from "../errors/guards.js";
import { check, checkOptionalBoolean, checkOptionalString, checkString, dict, show } from "../internal/validate.js";
import type { Change } from "../reconcile/change.js";
import { diffManaged } from "../reconcile/diff.js";
import { executePlan, type PlannedChange } from "../reconcile/executor.js";
import { DEFAULT_OWNERSHIP } from "../reconcile/ownership.js";
import type { KonnectSchemas } from "../konnect/types.js";
import { checkOperationOptions } from "./check-operation-options.js";
import { checkCostTags, checkLabels, definedTags, type CostAllocationTags } from "./cost-tags.js";
import type { OperationOptions } from "./operation-options.js";
import { replanOnConflict } from "./replan-on-conflict.js";

/** A control plane's cluster type (control-planes v2 `cluster_type` enum). */
export type ClusterType = (typeof CLUSTER_TYPES)[number];

/**
 * Options of {@link ensureControlPlane}.
 *
 * @example
 * ```ts
 * const options: EnsureControlPlaneOptions = { konnect, name: "payments-prod", costTags: { Environment: "prod" } };
 * ```
 */
export interface EnsureControlPlaneOptions extends OperationOptions {
  /** Name, unique in the organization (2-256 characters). */
  name: string;
  /** Description (up to 2048 characters). Managed only when given. */
  description?: string;
  /** Cluster type; fixed once created. @default "CLUSTER_TYPE_CONTROL_PLANE" */
  clusterType?: ClusterType;
  /** Dedicated Cloud Gateway control plane; fixed once created. @default false */
  cloudGateway?: boolean;
  /** Data-plane certificate mode. Managed only when given. */
  authType?: "pinned_client_certs" | "pki_client_certs";
  /** Labels to set (other labels on the control plane are kept). */
  labels?: Record<string, string>;
  /** Cost-allocation tags, set as labels (they must follow Konnect's label rules). */
  costTags?: CostAllocationTags;
}

/** The control plane as {@link ensureControlPlane} leaves it. */
export interface EnsuredControlPlane {
  /** Undefined only in a dry run that would create it. */
  id: string | undefined;
  name: string;
  description: string | undefined;
  labels: Record<string, string>;
  clusterType: string;
  cloudGateway: boolean;
  /** Where data planes connect (`cluster_control_plane`), when known. */
  controlPlaneEndpoint: string | undefined;
  /** Where data planes send telemetry (`cluster_telemetry_endpoint`), when known. */
  telemetryEndpoint: string | undefined;
}

/** Result of {@link ensureControlPlane}. */
export interface EnsureControlPlaneResult {
  controlPlane: EnsuredControlPlane;
  changes: Change[];
}

type ControlPlane = KonnectSchemas["ControlPlane"];

function validate(o: EnsureControlPlaneOptions): Record<string, string> {
  checkOperationOptions(o, "ensureControlPlane", 'konnect, name: "payments-prod"');
  checkString(o.name, "name", { what: "a control-plane name", min: 2, max: 256, example: "payments-prod" });
  check(o.name.trim() === o.name, "name", `${show(o.name)} has leading or trailing spaces`, "trim the name");
  checkOptionalString(o.description, "description", { what: "a description", max: 2048, allowNewlines: true });
  check(o.clusterType === undefined || (CLUSTER_TYPES as readonly string[]).includes(o.clusterType), "clusterType", `unknown cluster type ${show(o.clusterType)}`, `use one of ${CLUSTER_TYPES.join(", ")}`);
  checkOptionalBoolean(o.cloudGateway, "cloudGateway");
  check(o.authType === undefined || o.authType === "pinned_client_certs" || o.authType === "pki_client_certs", "authType", `unknown auth type ${show(o.authType)}`, "use pinned_client_certs or pki_client_certs");
  const ownership = { ...DEFAULT_OWNERSHIP, ...o.ownership };
  checkCostTags(o.costTags, "costTags");
  const cost = definedTags(o.costTags);
  checkLabels(cost, "costTags");
  if (o.labels !== undefined) checkLabels(o.labels, "labels");
  // prototype-less, so a label key such as "constructor" is an ordinary key
  const labels = dict([...Object.entries(cost), ...Object.entries(o.labels ?? {}), [ownership.label.key, ownership.label.value] as const]);
  checkLabels(labels, "labels");
  return labels;
}

function result(cp: ControlPlane | undefined, o: EnsureControlPlaneOptions, labels: Record<string, string>): EnsuredControlPlane {
  return {
    id: cp?.id,
    name: o.name,
    description: o.description ?? cp?.description,
    labels: dict([...Object.entries(cp?.labels ?? {}), ...Object.entries(labels)]),
    clusterType: cp?.config.cluster_type ?? o.clusterType ?? "CLUSTER_TYPE_CONTROL_PLANE",
    cloudGateway: cp?.config.cloud_gateway ?? o.cloudGateway ?? false,
    controlPlaneEndpoint: cp?.config.control_plane_endpoint,
    telemetryEndpoint: cp?.config.telemetry_endpoint,
  };
}

/** Attempts at creating a control plane whose POST failed in a way that may or may not have created it. */
const CREATE_ATTEMPTS = 3;

/** A 5xx or a lost connection: the server may have created the object before failing. */
const mayHaveBeenProcessed = (e: unknown) => e instanceof KonnectConnectionError || (isKonnectApiError(e) && e.status >= 500);

/**
 * Makes sure a control plane with this name exists with these settings: creates it, updates what
 * differs (description, labels, auth type), or leaves it alone. Cost-allocation tags become labels.
 * Reads with one list call filtered by name.
 *
 * @example
 * ```ts
 * import { createKonnectClient, ensureControlPlane } from "konnect-aws";
 *
 * const konnect = createKonnectClient({ region: "eu" });
 * const { controlPlane, changes } = await ensureControlPlane({
 *   konnect,
 *   name: "payments-prod",
 *   costTags: { Environment: "prod", Project: "payments", CostCenter: "cc-1234" },
 * });
 * console.log(controlPlane.id, controlPlane.controlPlaneEndpoint, changes);
 * ```
 */
export async function ensureControlPlane(options: EnsureControlPlaneOptions): Promise<EnsureControlPlaneResult> {
  // a run that loses a race to another identical run reads again and converges (replan-on-conflict.ts)
  return replanOnConflict(() => ensureControlPlaneOnce(options), options?.signal);
}

async function ensureControlPlaneOnce(options: EnsureControlPlaneOptions): Promise<EnsureControlPlaneResult> {
  const labels = validate(options);
  const { konnect, name, signal } = options;
  const ownership = { ...DEFAULT_OWNERSHIP, ...options.ownership };
  const existing = await konnect.findOne("/v2/control-planes", {
    params: { query: { filter: { name: { eq: name } } } },
    where: (cp) => cp.name === name,
    ...(signal ? { signal } : {}),
  });

  let state: ControlPlane | undefined = existing;
  const change: Change = { action: "noop", kind: "konnect.control-plane", key: name, diff: [] };
  const planned: PlannedChange = { change };

  if (!existing) {
    const body = {
      name,
      ...(options.description !== undefined ? { description: options.description } : {}),
      cluster_type: options.clusterType ?? "CLUSTER_TYPE_CONTROL_PLANE",
      ...(options.cloudGateway !== undefined ? { cloud_gateway: options.cloudGateway } : {}),
      ...(options.authType !== undefined ? { auth_type: options.authType } : {}),
      labels,
    };
    Object.assign(change, { action: "create", pending: true, diff: diffManaged(body, undefined) });
    planned.apply = async () => {
      // POST is not idempotent, so the client does not retry it on 5xx or a dropped connection: the
      // request may have been processed. Read back by name instead: ours (the ownership label) means it
      // was created; nothing means it was not, and sending it again is safe.
      for (let attempt = 1; ; attempt++) {
        try {
          const { data } = await konnect.api.POST("/v2/control-planes", { body, ...(signal ? { signal } : {}) });
          state = data;
          break;
        } catch (error) {
          if (!mayHaveBeenProcessed(error) || attempt >= CREATE_ATTEMPTS) throw error;
          const found = await konnect.findOne("/v2/control-planes", { params: { query: { filter: { name: { eq: name } } } }, where: (cp) => cp.name === name, ...(signal ? { signal } : {}) });
          if (found && found.labels?.[ownership.label.key] === ownership.label.value) {
            state = found;
            break;
          }
          if (found) throw error;
        }
      }
      change.id = state?.id;
      delete change.pending;
    };
  } else {
    change.id = existing.id;
    const owned = existing.labels?.[ownership.label.key] === ownership.label.value;
    if (!owned && !options.adopt) {
      throw new ConfigError({
        field: "name",
        problem: `control plane ${JSON.stringify(name)} exists but has no ${ownership.label.key}=${ownership.label.value} label, so konnect-aws does not manage it`,
        fix: "pass adopt: true to take it over (the label is then added), or choose another name",
      });
    }
    if (options.clusterType !== undefined && options.clusterType !== existing.config.cluster_type) {
      throw new ConfigError({ field: "clusterType", problem: `the existing control plane is ${existing.config.cluster_type}; Konnect cannot change a cluster type`, fix: "use the existing type, or another name for a new control plane" });
    }
    if (options.cloudGateway !== undefined && options.cloudGateway !== existing.config.cloud_gateway) {
      throw new ConfigError({ field: "cloudGateway", problem: "Konnect cannot change cloud_gateway on an existing control plane", fix: "use another name for a new control plane" });
    }
    const desired = {
      ...(options.description !== undefined ? { description: options.description } : {}),
      labels,
      ...(options.authType !== undefined ? { config: { auth_type: options.authType } } : {}),
    };
    const diff = diffManaged(desired, existing as unknown as Record<string, unknown>);
    if (diff.length) {
      Object.assign(change, { action: "update", diff, ...(owned ? {} : { adopted: true }) });
      const body = {
        ...(options.description !== undefined ? { description: options.description } : {}),
        // labels are sent whole, merged, so labels set by others survive whatever PATCH does with the map
        labels: { ...(existing.labels ?? {}), ...labels },
        ...(options.authType !== undefined ? { auth_type: options.authType } : {}),
      };
      planned.apply = async () => {
        const { data } = await konnect.api.PATCH("/v2/control-planes/{controlPlaneId}", { params: { path: { controlPlaneId: existing.id } }, body, ...(signal ? { signal } : {}) });
        state = data;
      };
    }
  }

  const changes = await executePlan([planned], { dryRun: options.dryRun, concurrency: options.concurrency, signal, onEvent: options.onEvent, logger: options.logger });
  return { controlPlane: result(state, options, labels), changes };
}
