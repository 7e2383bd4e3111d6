import { checkAwsTags } from "../aws/validate.js";
import {
  check,
  checkKonnectClient,
  checkNumber,
  checkOptionalBoolean,
  checkOptionalFunction,
  checkOptionalLogger,
  checkOptionalPlainObject,
  checkOptionalSignal,
  checkOptionsObject,
  checkString,
} from "../internal/validate.js";
import { checkLabels } from "./cost-tags.js";

/** Most writes an operation may run at once: more only trips the APIs' rate limits. @internal */
export const MAX_CONCURRENCY = 32;

/**
 * Checks the options every operation takes ({@link OperationOptions}), the options object itself
 * first. `konnect` is checked unless the operation can run without it.
 * @internal
 */
export function checkOperationOptions(options: unknown, fn: string, example: string, { konnect = true } = {}): asserts options is Record<string, unknown> {
  checkOptionsObject(options, fn, example);
  const o = options;
  if (konnect) checkKonnectClient(o.konnect);
  checkOptionalBoolean(o.dryRun, "dryRun");
  checkOptionalBoolean(o.adopt, "adopt");
  if (o.concurrency !== undefined) checkNumber(o.concurrency, "concurrency", { min: 1, max: MAX_CONCURRENCY, integer: true });
  checkOptionalSignal(o.signal);
  checkOptionalFunction(o.onEvent, "onEvent", "(event) => console.log(event)");
  checkOptionalLogger(o.logger);
  checkOwnership(o.ownership);
}

/** A partial {@link Ownership}: each mark must be usable where it goes (Kong tag, Konnect label, AWS tag). */
function checkOwnership(value: unknown): void {
  checkOptionalPlainObject(value, "ownership", 'konnectTag: "team-a-managed"');
  const own = (value ?? {}) as Record<string, unknown>;
  if (own.konnectTag !== undefined) {
    checkString(own.konnectTag, "ownership.konnectTag", { what: "a Kong tag", max: 128 });
    // Kong tags: printable, no ',' or '/' (they separate tags in filters); Konnect caps them at 128
    check(/^[\x21-\x2b\x2d\x2e\x30-\x7e]+$/.test(own.konnectTag), "ownership.konnectTag", "Kong tags are printable characters without spaces, ',' or '/'", "use letters, digits and '-', such as team-a-managed");
  }
  for (const key of ["label", "awsTag"] as const) {
    const mark = own[key];
    if (mark === undefined) continue;
    checkOptionalPlainObject(mark, `ownership.${key}`, 'key: "managed-by", value: "team-a"');
    const { key: k, value: v } = mark as { key?: unknown; value?: unknown };
    checkString(k, `ownership.${key}.key`, { what: "a key", max: 128 });
    checkString(v, `ownership.${key}.value`, { what: "a value", max: 256 });
    if (key === "label") checkLabels({ [k]: v }, "ownership.label");
    else checkAwsTags({ [k]: v }, "ownership.awsTag");
  }
}
