import { describe, expect, it } from "vitest";
import { chainDepth } from "../../bench/chain-depth.js";

describe("chainDepth (the latency bench's dependency bound)", () => {
  it("counts waves: parallel requests are one, each dependent request adds one", () => {
    expect(chainDepth([])).toBe(0);
    // three parallel reads, then a write after them, then two parallel writes after that
    expect(chainDepth([{ start: 0, end: 50 }, { start: 1, end: 51 }, { start: 2, end: 52 }, { start: 52, end: 102 }, { start: 102, end: 152 }, { start: 103, end: 153 }])).toBe(3);
  });

  it("takes the longest chain, not the first one, and ignores input order", () => {
    // a long request overlapping two short sequential ones: the short pair is the chain
    expect(chainDepth([{ start: 20, end: 30 }, { start: 0, end: 100 }, { start: 0, end: 10 }])).toBe(2);
  });
});
