/**
 * The number of sequential round trips in a run: the longest chain of requests r1, ..., rk in which each
 * starts only after the previous one ended (end(ri) <= start(ri+1)), a longest path in the interval order
 * found by dynamic programming over the requests sorted by start (O(n^2), n is small). Times in any unit.
 */
export function chainDepth(intervals: ReadonlyArray<{ start: number; end: number }>): number {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const depth: number[] = [];
  let best = 0;
  for (let j = 0; j < sorted.length; j++) {
    let d = 1;
    for (let i = 0; i < j; i++) if (sorted[i]!.end <= sorted[j]!.start) d = Math.max(d, depth[i]! + 1);
    depth.push(d);
    best = Math.max(best, d);
  }
  return best;
}
