import type { Random } from "../random.js";
import type { CognitoControls, CognitoPool } from "./cognito.js";

/**
 * How to seed a Cognito user pool with `sandbox.seedUserPool`.
 *
 * @example
 * ```ts
 * const seed: UserPoolSeed = { region: "eu-west-1", clients: ["3n4b5urk1ft4fl3mg5e62d9ado"] };
 * ```
 */
export interface UserPoolSeed {
  /** Pool id, `<region>_<letters and digits>`. @default a new id in `region` */
  id?: string;
  /** Region of the pool; must match the id's prefix when both are given. @default the id's region, else "us-east-1" */
  region?: string;
  /** App client ids of the pool. @default one new id */
  clients?: string[];
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
// App client ids: Cognito API reference, ClientIdType (1-128 chars, `[\w+]+`); the console makes 26
// lowercase letters and digits
const CLIENT_ID = /^[\w+]{1,128}$/;

/**
 * Seeds a user pool through the Cognito fake's own `pool()` (so it gets its two signing keys the same
 * way), then registers its app clients. Seeding an existing pool keeps its keys and adds the clients.
 * @internal
 */
export function seedUserPool(controls: CognitoControls, random: Random, seed: UserPoolSeed = {}): CognitoPool {
  const idRegion = seed.id?.split("_")[0];
  if (seed.id && seed.region && idRegion !== seed.region) throw new Error(`user pool ${seed.id} cannot be in ${seed.region}: its id names ${idRegion}`);
  // Pool ids are <region>_<9 letters and digits> (us-east-1_AbCdEf123)
  const id = seed.id ?? `${seed.region ?? "us-east-1"}_${random.chars(9, ALNUM)}`;
  const clients = seed.clients ?? [random.chars(26)];
  const bad = clients.find((c) => !CLIENT_ID.test(c));
  if (bad !== undefined) throw new Error(`not a Cognito app client id: ${JSON.stringify(bad)} (1-128 letters, digits, _ or +)`);
  const pool = controls.pool(id);
  pool.clients = [...new Set([...pool.clients, ...clients])];
  return pool;
}
