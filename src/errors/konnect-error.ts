/**
 * Brand that marks every konnect-aws error with the names of its class chain. Duck-typed guards and
 * `instanceof` read it, so they keep working when two copies of the package are loaded (an ESM and a
 * CJS copy, or two versions in one tree), as smithy's `ServiceException.isInstance` does.
 * @internal
 */
export const ERROR_KINDS = Symbol.for("konnect-aws.error.kinds");

/**
 * Base class of every error konnect-aws throws.
 *
 * `instanceof` works across duplicate copies of the package: it checks the brand, not the prototype.
 *
 * @example
 * ```ts
 * import { KonnectError } from "konnect-aws";
 * try {
 *   await ensureSomething();
 * } catch (error) {
 *   if (error instanceof KonnectError) console.error(error.message);
 *   else throw error;
 * }
 * ```
 */
export class KonnectError extends Error {
  /** Stable class name used by the cross-copy brand. */
  static readonly kind: string = "KonnectError";

  declare readonly [ERROR_KINDS]: readonly string[];

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    const kinds: string[] = [];
    for (let c: unknown = new.target; typeof c === "function" && "kind" in c; c = Object.getPrototypeOf(c)) {
      kinds.push((c as { kind: string }).kind);
    }
    Object.defineProperty(this, ERROR_KINDS, { value: kinds, enumerable: false });
    this.name = kinds[0] ?? "KonnectError";
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasKind(value, this.kind);
  }
}

/** @internal */
export function hasKind(value: unknown, kind: string): boolean {
  if (typeof value !== "object" || value === null) return false;
  const kinds = (value as { [ERROR_KINDS]?: unknown })[ERROR_KINDS];
  return Array.isArray(kinds) && kinds.includes(kind);
}
