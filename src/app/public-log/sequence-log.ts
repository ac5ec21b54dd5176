import { appendLeaves, frontierRoot } from '../../domain/public-log/frontier.ts';
import { leafHash } from '../../domain/public-log/merkle.ts';
import type { StoredHead } from '../../ports/public-log-repository.ts';
import type { AppDeps } from '../deps.ts';

/** How many queued leaves one transaction appends. */
export const SEQUENCE_BATCH = 10_000;

/**
 * Appends queued leaves to the tree, oldest first, in one transaction that holds the head row:
 * leaves get consecutive positions, the completed subtrees are stored, the head moves and the
 * queue rows go, together. Of two processes sequencing at once, the second waits for the head and
 * then finds the queue empty, so a leaf is appended exactly once. Returns the new head, or null
 * when nothing was queued.
 */
export const sequenceLog = async (deps: AppDeps, limit = SEQUENCE_BATCH): Promise<StoredHead | null> => {
  // A plain read first: the poll finds the queue empty almost always, and a write transaction
  // (SQLite's takes the database's write lock) would then be spent on nothing every second.
  if ((await deps.db.publicLog.queued(1)).length === 0) return null;
  return deps.db.transaction(async (tx) => {
    const head = await tx.publicLog.lockHead();
    const taken = await tx.publicLog.queued(limit);
    if (taken.length === 0) return null;
    // A key the log holds already, or met earlier in this batch (queued again by a retried
    // signing), is dropped: never twice.
    const seen = new Set<string>();
    const queued = taken.filter((q) => !q.logged && !seen.has(q.key) && seen.add(q.key));
    const hashes = queued.map((q) => leafHash(Buffer.from(q.text)));
    const hex = hashes.map((h) => h.toString('hex'));
    const grown = appendLeaves(
      head.size,
      head.frontier.map((h) => Buffer.from(h, 'hex')),
      hashes,
    );
    const next: StoredHead = { size: grown.size, root: frontierRoot(grown.frontier).toString('hex'), frontier: grown.frontier.map((h) => h.toString('hex')) };
    await tx.publicLog.store({
      leaves: queued.map((q, i) => ({ index: head.size + i, key: q.key, hash: hex[i]!, text: q.text })),
      // Leaf hashes are nodes of level 0 too, kept apart from the leaf rows: proofs come from the
      // tree's own record, so a leaf row rewritten later fails its own proof and not its neighbour's.
      nodes: [
        ...hex.map((h, i) => ({ level: 0, index: head.size + i, hash: h })),
        ...grown.nodes.map((n) => ({ level: n.level, index: n.index, hash: n.hash.toString('hex') })),
      ],
      head: next,
      queueIds: taken.map((q) => q.id),
      at: deps.clock.now(),
    });
    return next;
  });
};
