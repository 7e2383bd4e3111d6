import { createRequire } from "node:module";

let loaded: typeof import("node:crypto") | undefined;

/**
 * `node:crypto`, loaded on first use instead of at import: loading it costs about 4 ms of CPU (measured
 * with `npm run bench`), a fifth of importing the whole package, and most importers never hash anything
 * before their first request. `require` of a builtin resolves the same from any base path, so one
 * `createRequire` serves the ESM and the CommonJS builds alike (Node 20.3 has no
 * `process.getBuiltinModule`).
 * @internal
 */
export function nodeCrypto(): typeof import("node:crypto") {
  return (loaded ??= createRequire("/")("node:crypto") as typeof import("node:crypto"));
}
