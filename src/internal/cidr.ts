/** An IPv4 CIDR block as a range of addresses. @internal */
export interface Cidr {
  text: string;
  first: number;
  last: number;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * Parses an IPv4 CIDR block (`10.0.0.0/16`); `undefined` when it is not one, or when host bits are set
 * (`10.0.0.1/16`: AWS and Konnect expect the network address).
 * @internal
 */
export function parseCidr(text: string): Cidr | undefined {
  const m = CIDR.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const address = octets.reduce((a, o) => a * 256 + o, 0);
  const size = 2 ** (32 - bits);
  if (address % size !== 0) return undefined;
  return { text, first: address, last: address + size - 1 };
}

/** Whether two blocks share an address. @internal */
export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** Whether `inner` lies inside `outer`. @internal */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return outer.first <= inner.first && inner.last <= outer.last;
}
