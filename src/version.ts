/**
 * The version of konnect-aws, sent in the `User-Agent` header as `konnect-aws/<VERSION>`.
 * Kept equal to `package.json` by `test/version.test.ts`.
 *
 * @example
 * ```ts
 * import { VERSION } from "konnect-aws";
 * console.log(`running konnect-aws ${VERSION}`);
 * ```
 */
export const VERSION = "0.1.0";
