import { createHash } from 'node:crypto';

/**
 * The Merkle tree of RFC 6962 / RFC 9162 section 2.1: leaves hashed with a 0x00 prefix, inner
 * nodes with 0x01, so a leaf can never pass for a node. Hashes are 32 raw bytes.
 */
export const leafHash = (leaf: Uint8Array): Buffer => createHash('sha256').update(Buffer.of(0)).update(leaf).digest();
export const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer => createHash('sha256').update(Buffer.of(1)).update(left).update(right).digest();
/** The root of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT = createHash('sha256').digest();

/** A complete subtree: 2^level leaves starting at index × 2^level. Every node the log stores is one. */
export interface NodeId {
  level: number;
  index: number;
}

/** The largest power of two strictly below n (n ≥ 2): where RFC 9162 splits a range. */
export const splitPoint = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

/**
 * The complete subtrees whose hashes make up the range [start, end), left to right, as the RFC's
 * recursion meets them. Every range a proof names starts at a multiple of its split, so each
 * piece is aligned and stored.
 */
export const rangeNodes = (start: number, end: number): NodeId[] => {
  const n = end - start;
  if (n <= 0) throw new Error(`empty range [${start}, ${end})`);
  if ((n & (n - 1)) === 0 && start % n === 0) return [{ level: Math.log2(n), index: start / n }];
  const k = splitPoint(n);
  return [...rangeNodes(start, start + k), ...rangeNodes(start + k, end)];
};

/** The hash of a range from the hashes of its pieces (see rangeNodes), folded as the RFC's recursion does: right to left. */
export const foldRange = (pieces: Uint8Array[]): Buffer => {
  if (pieces.length === 0) throw new Error('no pieces');
  let acc: Buffer = Buffer.from(pieces[pieces.length - 1]!);
  for (let i = pieces.length - 2; i >= 0; i--) acc = nodeHash(pieces[i]!, acc);
  return acc;
};

/** The ranges whose hashes are the inclusion proof of leaf m in a tree of n leaves (RFC 9162 2.1.3.1, PATH), nearest the leaf first. */
export const inclusionRanges = (m: number, n: number): [number, number][] => {
  if (!(m >= 0 && m < n)) throw new RangeError(`leaf ${m} is not in a tree of ${n}`);
  const path = (m: number, lo: number, hi: number): [number, number][] => {
    if (hi - lo === 1) return [];
    const k = splitPoint(hi - lo);
    return m < lo + k ? [...path(m, lo, lo + k), [lo + k, hi]] : [...path(m, lo + k, hi), [lo, lo + k]];
  };
  return path(m, 0, n);
};

/** The ranges whose hashes are the consistency proof from size m to size n (RFC 9162 2.1.4.1, SUBPROOF), in proof order. */
export const consistencyRanges = (m: number, n: number): [number, number][] => {
  if (!(m > 0 && m <= n)) throw new RangeError(`no consistency proof from ${m} to ${n}`);
  const sub = (m: number, lo: number, hi: number, b: boolean): [number, number][] => {
    if (m === hi - lo) return b ? [] : [[lo, hi]];
    const k = splitPoint(hi - lo);
    return m <= k ? [...sub(m, lo, lo + k, b), [lo + k, hi]] : [...sub(m - k, lo + k, hi, false), [lo, lo + k]];
  };
  return sub(m, 0, n, true);
};

/** Every stored node a set of ranges needs, without repeats. */
export const nodesFor = (ranges: [number, number][]): NodeId[] => {
  const seen = new Map<string, NodeId>();
  for (const [a, b] of ranges) for (const id of rangeNodes(a, b)) seen.set(`${id.level}:${id.index}`, id);
  return [...seen.values()];
};
