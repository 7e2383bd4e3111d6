import type { KonnectClient } from "../konnect/create-konnect-client.js";
import type { Logger } from "../konnect/logger.js";
import type { OperationEvent } from "../reconcile/executor.js";
import type { Ownership } from "../reconcile/ownership.js";

/**
 * Options every operation takes.
 *
 * @example
 * ```ts
 * const common: OperationOptions = { konnect, dryRun: true, onEvent: (e) => console.log(e) };
 * ```
 */
export interface OperationOptions {
  /** The Konnect client (see {@link createKonnectClient}). */
  konnect: KonnectClient;
  /** Read and plan only: return the changes a real run would make, and write nothing. @default false */
  dryRun?: boolean;
  /** Take over existing objects that lack the ownership mark (they are then marked). @default false */
  adopt?: boolean;
  /** Ownership marks. @default DEFAULT_OWNERSHIP */
  ownership?: Partial<Ownership>;
  /** Writes in flight at once (Konnect writes stay capped by the client's limiter). @default 16 */
  concurrency?: number;
  /** Cancels the operation. */
  signal?: AbortSignal;
  /** Progress events. */
  onEvent?: (event: OperationEvent) => void;
  /** Diagnostics (redacted). */
  logger?: Logger;
}
