import { CLUSTER_TYPES } from "../../generated/enums.js";
import { check, checkOptionalBoolean, checkOptionalString, checkString, dict, show } from "../internal/validate.js";
import type { Change } from "../reconcile/change.js";
import { reconcileResources } from "../reconcile/reconcile-resources.js";
import { controlPlaneResource } from "../resources/konnect/control-plane.js";
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

/**
 * Checks the options of {@link ensureControlPlane} (and its teardown) before any request; returns the
 * labels to set (cost tags, labels and the ownership label).
 * @internal
 */
export function validateControlPlaneOptions(o: EnsureControlPlaneOptions, fn = "ensureControlPlane"): Record<string, string> {
  checkOperationOptions(o, fn, 'konnect, name: "payments-prod"');
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

/**
 * Makes sure a control plane with this name exists with these settings: creates it, updates what
 * differs (description, labels, auth type), or leaves it alone. Cost-allocation tags become labels.
 * Reads with one list call filtered by name. A create whose answer is lost (5xx, dropped connection) is
 * read back by name and ownership label before it is sent again. {@link deleteControlPlane} undoes it.
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

/**
 * The control-plane resource of an operation, from its (checked) options.
 * @internal
 */
export function declareControlPlane(options: EnsureControlPlaneOptions, labels: Record<string, string>, out: { controlPlane?: ControlPlane | undefined }) {
  return controlPlaneResource({
    konnect: options.konnect,
    name: options.name,
    description: options.description,
    clusterType: options.clusterType,
    cloudGateway: options.cloudGateway,
    authType: options.authType,
    labels,
    ownership: { ...DEFAULT_OWNERSHIP, ...options.ownership },
    adopt: options.adopt,
    signal: options.signal,
    out,
  });
}

async function ensureControlPlaneOnce(options: EnsureControlPlaneOptions): Promise<EnsureControlPlaneResult> {
  const labels = validateControlPlaneOptions(options);
  const out: { controlPlane?: ControlPlane | undefined } = {};
  const { changes } = await reconcileResources([declareControlPlane(options, labels, out)], { mode: "apply", dryRun: options.dryRun, adopt: options.adopt, concurrency: options.concurrency, signal: options.signal, onEvent: options.onEvent, logger: options.logger });
  return { controlPlane: result(out.controlPlane, options, labels), changes };
}
