import type { AppDeps } from '../deps.ts';
import { loadSearchDocuments } from '../documents/search-document.ts';

/** How far a reindex has come (and, at the end, what it did). */
export interface ReindexProgress {
  /** Documents put into the index so far. */
  indexed: number;
  /** Documents still in `processing`, left to their pending index job. */
  skipped: number;
  elapsedMs: number;
  /**
   * Set when the index could not be opened or emptied (a damaged file, say): why, in the
   * engine's words. It was then dropped and created afresh before the rebuild.
   */
  recreatedBecause?: string;
}

/** Tuning and progress reporting for a reindex. */
export interface ReindexOptions {
  /** Documents read and upserted per round trip. */
  chunk?: number;
  /** Called after each chunk. */
  onProgress?: (p: ReindexProgress) => void;
  /** Called once the index is empty, with why it had to be dropped and created afresh (if it had to). */
  onEmptied?: (recreatedBecause: string | undefined) => void;
}

const CHUNK = 500;

/**
 * Empties the index for a rebuild. An index that cannot be opened or emptied is dropped whole and
 * created afresh: it is a derived cache and everything in it is about to be written again, so
 * nothing is lost, and no one has to remove its files by hand. Returns why, when it came to that.
 */
const emptyIndex = async (search: AppDeps['search']): Promise<string | undefined> => {
  try {
    await search.init();
    await search.clear();
    return undefined;
  } catch (e) {
    await search.reset();
    return (e as Error).message;
  }
};

/**
 * Rebuilds the search index from the database and the stored page text: empties it (which also
 * recreates it at its current schema version; a damaged index is dropped and created afresh),
 * then upserts every document in chunks, in id order. A document still `processing` is skipped:
 * its extraction or index job indexes it when it finishes, exactly as for a fresh upload.
 * Searches find less until it ends.
 */
export const reindex = async (deps: Pick<AppDeps, 'db' | 'search' | 'clock'>, o: ReindexOptions = {}): Promise<ReindexProgress> => {
  const chunk = o.chunk ?? CHUNK;
  const started = deps.clock.now().getTime();
  const progress: ReindexProgress = { indexed: 0, skipped: 0, elapsedMs: 0 };
  const read = async (after: string | null) => {
    const ids = await deps.db.documents.listIds(after, chunk);
    if (ids.length === 0) return null;
    const docs = (await deps.db.documents.findManyByIds(ids)).filter((d) => d.status !== 'processing');
    return { last: ids[ids.length - 1]!, skipped: ids.length - docs.length, docs: await loadSearchDocuments(deps.db, docs) };
  };
  const recreatedBecause = await emptyIndex(deps.search);
  if (recreatedBecause !== undefined) progress.recreatedBecause = recreatedBecause;
  o.onEmptied?.(recreatedBecause);
  let next = read(null);
  for (;;) {
    const part = await next;
    if (!part) break;
    // Database and index are separate stores: read the next chunk while this one is written.
    next = read(part.last);
    next.catch(() => undefined); // a failed read surfaces when awaited, not as an unhandled rejection
    await deps.search.upsert(part.docs);
    progress.indexed += part.docs.length;
    progress.skipped += part.skipped;
    progress.elapsedMs = deps.clock.now().getTime() - started;
    o.onProgress?.({ ...progress });
  }
  progress.elapsedMs = deps.clock.now().getTime() - started;
  return progress;
};
