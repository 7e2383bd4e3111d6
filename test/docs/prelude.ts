// What the @example blocks take as given: a client, a control-plane id, a sandbox, the options of the
// operation at hand, a caught error... Each is declared with the public type a reader would have, so
// an example that misuses it fails to compile. Never executed: it only feeds the type checker.
import type { EnableAwsVaultOptions, EnableAwsVaultResult, KonnectClient } from "konnect-aws";
import type { Sandbox } from "konnect-aws/testing";

export { expect } from "vitest";

export declare const konnect: KonnectClient;
export declare const controlPlaneId: string;
export declare const sandbox: Sandbox;
/** `enableAwsVault(options)` in the error and event examples. */
export declare const options: EnableAwsVaultOptions;
/** `summarizeChanges(result.changes)`. */
export declare const result: EnableAwsVaultResult;
/** The value caught by `catch (error)` in the error-guard examples. */
export declare const error: unknown;
/** A password read from somewhere safe. */
export declare const pw: string;
/** A Secrets Manager secret ARN. */
export declare const arn: string;
/** Stands for any call that may throw. */
export declare function ensureSomething(): Promise<void>;
