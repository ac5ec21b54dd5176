import { EMPTY_ROOT, nodeHash } from './merkle.ts';

/**
 * The right edge of the tree (a "compact range"): the hash of each complete subtree the tree of
 * `size` leaves splits into, largest (leftmost) first; one per set bit of `size`. Kept with the
 * tree head so an append reads no stored node at all.
 */
export type Frontier = Buffer[];

export interface NewNode {
  level: number;
  index: number;
  hash: Buffer;
}

/** The root of the tree a frontier describes: its subtrees folded right to left (RFC 9162's MTH). */
export const frontierRoot = (f: Frontier): Buffer => {
  if (f.length === 0) return Buffer.from(EMPTY_ROOT);
  let acc = f[f.length - 1]!;
  for (let i = f.length - 2; i >= 0; i--) acc = nodeHash(f[i]!, acc);
  return acc;
};

/**
 * Appends leaf hashes to a tree of `size` leaves: the new frontier, and every inner node the
 * append completed (level ≥ 1; leaves themselves are stored as leaves). Each leaf merges with
 * the subtrees to its left while they are the same size, as binary addition carries.
 */
export const appendLeaves = (size: number, frontier: Frontier, leafHashes: Buffer[]): { frontier: Frontier; nodes: NewNode[]; size: number } => {
  // Levels of the frontier's subtrees, from the set bits of size, largest first.
  const levels: number[] = [];
  for (let l = 31; l >= 0; l--) if (Math.floor(size / 2 ** l) % 2 === 1) levels.push(l);
  if (levels.length !== frontier.length) throw new Error(`a frontier of ${frontier.length} subtrees cannot describe ${size} leaves`);
  const stack = frontier.map((hash, i) => ({ level: levels[i]!, hash }));
  const nodes: NewNode[] = [];
  let n = size;
  for (const h of leafHashes) {
    let cur = { level: 0, hash: h };
    const end = n + 1; // leaves covered so far, the new one included
    while (stack.length && stack[stack.length - 1]!.level === cur.level) {
      const left = stack.pop()!;
      cur = { level: cur.level + 1, hash: nodeHash(left.hash, cur.hash) };
      nodes.push({ level: cur.level, index: end / 2 ** cur.level - 1, hash: cur.hash });
    }
    stack.push(cur);
    n = end;
  }
  return { frontier: stack.map((s) => s.hash), nodes, size: n };
};
