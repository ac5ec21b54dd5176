import { AppError } from '../../domain/errors.ts';
import { consistencyRanges, EMPTY_ROOT, foldRange, inclusionRanges, type NodeId, nodesFor, rangeNodes } from '../../domain/public-log/merkle.ts';
import type { AppDeps } from '../deps.ts';

/** Node hashes by `level:index`, read in one query. */
type Stored = Map<string, string>;

const foldFrom = (stored: Stored, [a, b]: [number, number]): string | null => {
  const pieces: Buffer[] = [];
  for (const id of rangeNodes(a, b)) {
    const h = stored.get(`${id.level}:${id.index}`);
    if (!h) return null;
    pieces.push(Buffer.from(h, 'hex'));
  }
  return foldRange(pieces).toString('hex');
};

/**
 * The hashes (hex) of ranges of leaves (and of `extra` nodes) from the stored subtrees they split
 * into, in one query. A node missing means the tree is smaller than asked (422) or rows were
 * removed behind the log's back (503): only then is the head read, to tell which.
 */
const rangeHashes = async (deps: AppDeps, size: number, ranges: [number, number][], extra: NodeId[] = []): Promise<{ ranges: string[]; stored: Stored }> => {
  const stored = await deps.db.publicLog.nodes([...nodesFor(ranges), ...extra]);
  const out = ranges.map((r) => foldFrom(stored, r));
  if (out.every((h): h is string => h !== null) && extra.every((id) => stored.has(`${id.level}:${id.index}`))) return { ranges: out, stored };
  const head = await deps.db.publicLog.head();
  if (size > head.size) throw new AppError('invalid', `the log holds ${head.size} leaves`, { errors: [{ field: 'size', message: `at most ${head.size}` }] });
  throw new AppError('unavailable', 'the log is missing subtrees it once stored', { backend: 'database' });
};

/** The root (hex) of the tree of the first `size` leaves. */
export const rootAt = async (deps: AppDeps, size: number): Promise<string> =>
  size === 0 ? EMPTY_ROOT.toString('hex') : (await rangeHashes(deps, size, [[0, size]])).ranges[0]!;

/**
 * The inclusion proof (RFC 9162 2.1.3) of a leaf, named by its position or its leaf hash (hex),
 * in the tree of `size` leaves (the current size when not given). By position it is one query:
 * the leaf's own hash is the stored node of level 0.
 */
export const inclusionProof = async (deps: AppDeps, leaf: { index: number } | { hash: string }, size?: number) => {
  const n = size ?? (await deps.db.publicLog.head()).size;
  let index: number;
  if ('hash' in leaf) {
    const found = await deps.db.publicLog.leafByHash(leaf.hash);
    if (!found) throw new AppError('not_found', 'no such leaf in the log');
    index = found.index;
  } else index = leaf.index;
  if (index >= n) {
    if (index >= (await deps.db.publicLog.head()).size) throw new AppError('not_found', 'no such leaf in the log');
    throw new AppError('invalid', `leaf ${index} is not in a tree of ${n} leaves`, { errors: [{ field: 'size', message: `more than ${index}` }] });
  }
  const self = { level: 0, index };
  const { ranges, stored } = await rangeHashes(deps, n, inclusionRanges(index, n), [self]);
  return { index, size: n, leafHash: stored.get(`0:${index}`)!, inclusionProof: ranges };
};

/** The consistency proof (RFC 9162 2.1.4) from the tree of `from` leaves to the one of `to`. */
export const consistencyProof = async (deps: AppDeps, from: number, to: number) => {
  if (from < 1 || from > to) throw new AppError('invalid', 'from must be between 1 and to', { errors: [{ field: 'from', message: `between 1 and ${to}` }] });
  return { from, to, consistencyProof: (await rangeHashes(deps, to, consistencyRanges(from, to))).ranges };
};
