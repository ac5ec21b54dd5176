import { AppError } from '../../domain/errors.ts';
import { consistencyRanges, foldRange, inclusionRanges, nodesFor, rangeNodes } from '../../domain/public-log/merkle.ts';
import type { PublicLogRepository } from '../../ports/public-log-repository.ts';
import type { AppDeps } from '../deps.ts';

/** The hashes (hex) of ranges of leaves, from the stored subtrees they split into: one query for all. */
const rangeHashes = async (log: PublicLogRepository, ranges: [number, number][]): Promise<string[]> => {
  const stored = await log.nodes(nodesFor(ranges));
  return ranges.map(([a, b]) =>
    foldRange(
      rangeNodes(a, b).map((id) => {
        const h = stored.get(`${id.level}:${id.index}`);
        // A subtree inside the tree that is not stored means rows were removed behind the log's back.
        if (!h) throw new AppError('unavailable', `the log is missing its subtree ${id.level}:${id.index}`, { backend: 'database' });
        return Buffer.from(h, 'hex');
      }),
    ).toString('hex'),
  );
};

/** The tree size a proof is asked against: at most what has been appended. */
const checkedSize = async (deps: AppDeps, size: number | undefined, field: string): Promise<number> => {
  const head = await deps.db.publicLog.head();
  if (size === undefined) return head.size;
  if (size > head.size) throw new AppError('invalid', `the log holds ${head.size} leaves`, { errors: [{ field, message: `at most ${head.size}` }] });
  return size;
};

/** The root (hex) of the tree of the first `size` leaves. */
export const rootAt = async (deps: AppDeps, size: number): Promise<string> => (size === 0 ? 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' : (await rangeHashes(deps.db.publicLog, [[0, size]]))[0]!);

/**
 * The inclusion proof (RFC 9162 2.1.3) of a leaf, named by its position or its leaf hash (hex),
 * in the tree of `size` leaves (the current size when not given).
 */
export const inclusionProof = async (deps: AppDeps, leaf: { index: number } | { hash: string }, size?: number) => {
  const n = await checkedSize(deps, size, 'size');
  const stored = 'hash' in leaf ? await deps.db.publicLog.leafByHash(leaf.hash) : (await deps.db.publicLog.leaves(leaf.index, leaf.index + 1))[0];
  if (!stored) throw new AppError('not_found', 'no such leaf in the log');
  if (stored.index >= n) throw new AppError('invalid', `leaf ${stored.index} is not in a tree of ${n} leaves`, { errors: [{ field: 'size', message: `more than ${stored.index}` }] });
  return { index: stored.index, size: n, leafHash: stored.hash, inclusionProof: await rangeHashes(deps.db.publicLog, inclusionRanges(stored.index, n)) };
};

/** The consistency proof (RFC 9162 2.1.4) from the tree of `from` leaves to the one of `to`. */
export const consistencyProof = async (deps: AppDeps, from: number, to: number) => {
  const n = await checkedSize(deps, to, 'to');
  if (from < 1 || from > n) throw new AppError('invalid', 'from must be between 1 and to', { errors: [{ field: 'from', message: `between 1 and ${n}` }] });
  return { from, to: n, consistencyProof: await rangeHashes(deps.db.publicLog, consistencyRanges(from, n)) };
};
