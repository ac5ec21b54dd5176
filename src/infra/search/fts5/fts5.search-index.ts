import { rm } from 'node:fs/promises';
import type { SearchDocument, SearchIndex, SearchQuery, SearchResult } from '../../../ports/search-index.ts';
import { isAppError } from '../../../domain/errors.ts';
import { SqliteConnection, isDamaged, unavailable } from './sqlite-connection.ts';
import { PRAGMAS, ensureSchema, recreate } from './fts5-schema.ts';
import { chunksById, removeChunk, upsertChunk } from './fts5-writer.ts';
import { searchFts5 } from './fts5-search.ts';
import { FacetKeys } from './fts5-facets.ts';
import { VocabularyWriter } from './fts5-vocabulary.ts';
import { VocabularyCache } from './fts5-vocabulary-cache.ts';
import { MatchCounts } from './fts5-counts.ts';
import { DocAttrs } from './fts5-doc-attrs.ts';
import { DEFAULT_SAMPLE_LIMITS, type SampleLimits } from './fts5-sample.ts';

/** Where the embedded index lives: one SQLite file of its own (plus its -wal and -shm). */
export interface Fts5SearchIndexOptions {
  file: string;
  /** When a query's total and facets are estimated from a sample (tests set small ones). */
  sampleLimits?: SampleLimits;
}

/**
 * The embedded search index: SQLite FTS5 through the `sqlite3` package, on its own file.
 * One connection writes (behind a lock, one IMMEDIATE transaction per call); two read, so a
 * query's page and its counts run side by side and searches never wait for indexing (WAL).
 */
export const createFts5SearchIndex = (opts: Fts5SearchIndexOptions): SearchIndex => new Fts5SearchIndex(opts.file, opts.sampleLimits ?? DEFAULT_SAMPLE_LIMITS);

interface Connections {
  writer: SqliteConnection;
  readers: [SqliteConnection, SqliteConnection];
}

class Fts5SearchIndex implements SearchIndex {
  private opened: Promise<Connections> | null = null;
  private writeLock: Promise<unknown> = Promise.resolve();
  private facetKeys = new FacetKeys();
  private readonly vocabulary = new VocabularyWriter();
  private counts: MatchCounts;
  private words = new VocabularyCache();

  constructor(
    private readonly file: string,
    private readonly sampleLimits: SampleLimits,
  ) {
    this.counts = new MatchCounts(this.facetKeys, new DocAttrs(), sampleLimits);
  }

  init(): Promise<void> {
    return this.connections().then(() => undefined);
  }

  upsert(docs: SearchDocument[]): Promise<void> {
    if (docs.length === 0) return Promise.resolve();
    return this.write(async (db) => {
      for (const chunk of chunksById(docs)) await upsertChunk(db, this.vocabulary, chunk);
    });
  }

  remove(ids: string[]): Promise<void> {
    if (ids.length === 0) return Promise.resolve();
    return this.write(async (db) => {
      for (const chunk of chunksById(ids.map((id) => ({ id: String(id) }))))
        await removeChunk(
          db,
          chunk.map((c) => c.id),
        );
    });
  }

  search(query: SearchQuery): Promise<SearchResult> {
    return this.reading(async ({ readers }) => searchFts5(readers, this.facetKeys, this.counts, this.words, query));
  }

  async *ids(): AsyncIterable<string> {
    let after = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const rows = await this.reading(({ readers }) =>
        readers[0].all<{ n: number; id: string }>('SELECT n, id FROM docs WHERE n > ? ORDER BY n LIMIT 1000', [after]),
      );
      for (const r of rows) yield r.id;
      if (rows.length < 1000) return;
      after = rows[rows.length - 1]!.n;
    }
  }

  clear(): Promise<void> {
    return this.exclusive(async ({ writer }) => {
      this.vocabulary.reset();
      await recreate(writer);
    });
  }

  async ping(): Promise<void> {
    await this.reading(({ readers }) => readers[0].get('SELECT count(*) FROM meta'));
  }

  /**
   * Empties the index as clear() does when the file can be opened; deletes it (with its -wal and
   * -shm) and creates it afresh only when SQLite reports it damaged. Never deleted for any other
   * failure (busy, a full disk): other processes may hold a healthy file open and would go on
   * writing into the deleted one unseen; a damaged one they let go of at their next read.
   */
  reset(): Promise<void> {
    const run = this.writeLock.then(async () => {
      this.vocabulary.reset();
      try {
        await recreate((await this.connections()).writer);
      } catch (err) {
        if (!isDamaged(err)) throw err;
        await this.forget();
        for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(`${this.file}${suffix}`, { force: true });
        await this.connections();
      }
    });
    this.writeLock = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.writeLock.catch(() => undefined);
    await this.forget();
  }

  /**
   * Closes the connections and drops every cache of their contents, so the next call opens the
   * file anew: after a reset, or after a damaged read (another process may have rebuilt the file
   * since; these connections would still hold the old, deleted one).
   */
  private async forget(): Promise<void> {
    const opened = this.opened;
    this.opened = null;
    this.facetKeys = new FacetKeys();
    this.counts = new MatchCounts(this.facetKeys, new DocAttrs(), this.sampleLimits);
    this.words = new VocabularyCache();
    const c = await opened?.catch(() => null);
    if (!c) return;
    // Readers first, the writer last: the last connection to close checkpoints the WAL into the
    // file and removes it, which a read-only reader cannot do. Closing them all at once sometimes
    // left the WAL behind, holding pages the file itself no longer had.
    await Promise.all(c.readers.map((conn) => conn.close().catch(() => undefined)));
    await c.writer.close().catch(() => undefined);
  }

  /** Runs a read; a damaged file is let go of so the next call looks at the file again. */
  private async reading<T>(fn: (c: Connections) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.connections());
    } catch (err) {
      if (isDamaged(err)) await this.forget();
      throw err;
    }
  }

  /** Opens the connections once: writer first (it creates and migrates), then the readers. */
  private connections(): Promise<Connections> {
    if (this.opened) return this.opened;
    const opening = (async () => {
      const writer = await SqliteConnection.open(this.file);
      try {
        await writer.exec(PRAGMAS);
        await ensureSchema(writer);
        const readers: [SqliteConnection, SqliteConnection] = [
          await SqliteConnection.open(this.file, { readOnly: true }),
          await SqliteConnection.open(this.file, { readOnly: true }),
        ];
        await Promise.all(readers.map((r) => r.exec('PRAGMA busy_timeout = 10000; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;')));
        return { writer, readers };
      } catch (err) {
        await writer.close().catch(() => undefined);
        throw err;
      }
    })();
    this.opened = opening;
    // A failed open is not cached: the next call tries again (the disk may be back).
    opening.catch(() => {
      if (this.opened === opening) this.opened = null;
    });
    return opening;
  }

  /** Runs `fn` alone on the writer, inside one IMMEDIATE transaction. */
  private write(fn: (db: SqliteConnection) => Promise<void>): Promise<void> {
    return this.exclusive(async ({ writer }) => {
      await writer.exec('BEGIN IMMEDIATE');
      try {
        await fn(writer);
        await writer.exec('COMMIT');
      } catch (err) {
        await writer.exec('ROLLBACK').catch(() => undefined);
        this.vocabulary.reset(); // it may hold terms the rollback just undid
        if (isDamaged(err)) await this.forget();
        throw isAppError(err) ? err : unavailable('write', err);
      }
    });
  }

  private exclusive(fn: (c: Connections) => Promise<void>): Promise<void> {
    const run = this.writeLock.then(async () => fn(await this.connections()));
    this.writeLock = run.catch(() => undefined);
    return run;
  }
}
