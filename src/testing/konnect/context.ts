import type { SandboxClock } from "../clock.js";
import type { Random } from "../random.js";
import type { SpecValidator } from "./spec-validator.js";
import type { KonnectState } from "./state.js";

/** Everything a Konnect route handler gets. @internal */
export interface KonnectCtx {
  request: Request;
  url: URL;
  /** `us`, `eu`, ... or `global`. */
  host: string;
  /** The path template that matched, such as `/v2/control-planes/{controlPlaneId}`. */
  template: string;
  body: unknown;
  state: KonnectState;
  clock: SandboxClock;
  random: Random;
  validator: SpecValidator;
  provisioningMs: number;
  /** What a public DNS lookup finds (the Route 53 fake), for custom-domain verification. */
  lookup?: (name: string, type: string) => string[];
  /** Token kind from the Authorization header. */
  tokenKind: "kpat" | "spat";
}
