// Types of extract-aws-constraints.mjs, for test/aws-constraints.test.ts. (Its output is typed by
// src/testing/aws/model-types.ts, which scripts may not import: eslint's DESIGN.md walls.)

/** The faked operations per model file, and the constant each generated module exports. */
export const SERVICES: Record<string, { constant: string; operations: string[]; wireProtocol?: string }>;
/** KONNECT_AWS_REFERENCE_DIR, or ../shared/reference. */
export function referenceDir(): string;
/** One service's constraints, extracted from its Smithy JSON AST model. */
export function extractService(model: unknown, operations: string[], wireProtocol?: string): Record<string, unknown>;
/** The text of one generated module. */
export function render(file: string, constant: string, extracted: Record<string, unknown>): string;
/** Every generated file: path relative to the repository -> content. */
export function extractAll(dir?: string): Record<string, string>;
export const OPTIONAL_SERVICES: Record<string, { constant: string; env: string; operations: string[] }>;
export function optionalModelPath(file: string, dir?: string): string;
