/** A seeded pseudo-random source (mulberry32): same seed, same ids and same faults. @internal */
export interface Random {
  next(): number;
  uuid(): string;
  /** Lowercase alphanumeric string of the given length. */
  chars(length: number, alphabet?: string): string;
}

/** @internal */
export function createRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join("");
  return {
    next,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(next() * 4)).toString(16)}${hex(3)}-${hex(12)}`,
    chars: (length, alphabet = "abcdefghijklmnopqrstuvwxyz0123456789") =>
      Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join(""),
  };
}
