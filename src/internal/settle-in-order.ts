/**
 * Awaits reads started together and answers as if they had run one after the other: every value when all
 * succeed, else the error of the first failed one in argument order (not the first to fail in time). An
 * operation that overlaps independent reads thus keeps the refusal it gave when they were sequential (the
 * missing hosted zone before the missing load balancer), whatever answers first; and no read is left to
 * fail unobserved.
 * @internal
 */
export async function settleInOrder<const T extends readonly unknown[]>(reads: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(reads);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}

/**
 * Runs `declare` with a list into which it puts the reads it starts early (before the refusals that
 * precede their use); when it fails, those reads end before the failure is reported, so no request of
 * the operation outlives the call (nor lands in the next run's request log).
 * @internal
 */
export async function drainOnFailure<T>(declare: (inFlight: Array<Promise<unknown>>) => Promise<T>): Promise<T> {
  const inFlight: Array<Promise<unknown>> = [];
  try {
    return await declare(inFlight);
  } catch (error) {
    await Promise.allSettled(inFlight);
    throw error;
  }
}
