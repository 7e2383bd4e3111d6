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
