import type { SqliteConnection } from './sqlite-connection.ts';

/**
 * When a query matches a large part of a big index, its exact total and facets cost a walk over
 * every match (FTS5 decodes the whole doclist of a word found in most documents: a million rowids
 * at a million documents, most of a search's time). Such queries are counted on a sample instead:
 * STRATA windows of consecutive rowids spread evenly over the whole range (so old and new
 * documents, and every year, are represented), each read with a rowid range that FTS5 seeks to.
 * The counts are scaled up and the answer says it is an estimate; `exactTotal` asks for the walk.
 * Typesense and Meilisearch make the same trade (estimated totals past a threshold).
 */
export interface SampleLimits {
  /** Indexes with at most this many rowids are always counted exactly. */
  exactUpToRows: number;
  /** A query whose sample predicts at most this many matches is counted exactly. */
  exactUpToMatches: number;
  /** Rowids read per sample, in STRATA windows (at most; see sampleShare). */
  sampleRows: number;
  /**
   * When set, a sample reads this share of the index's rowids instead, between sampleRows / 16
   * and sampleRows: at 100,000 documents a fixed 65,536 would read most of the index.
   */
  sampleShare?: number;
  /**
   * Indexes with at most this many rowids rank every word of a query (see scoringQuery in
   * fts5-search.ts); exactUpToRows when absent. Leaving the most frequent words out of bm25 saved
   * nothing measurable at 100,000 documents but reordered ties on some pages.
   */
  rankAllWordsUpToRows?: number;
}

/**
 * Past 20,000 documents a query predicted to match more than 10,000 is estimated: an exact count
 * costs about 1 ms of CPU per 5,000 matches (the whole doclist decoded, each rowid tallied), which
 * under a shared machine's load put the 100k index past its p95 bar on common words alone.
 * A sample of an eighth of the index (at least 4,096 rowids) keeps such totals within a few per cent.
 */
export const DEFAULT_SAMPLE_LIMITS: SampleLimits = {
  exactUpToRows: 20_000,
  exactUpToMatches: 10_000,
  sampleRows: 65_536,
  sampleShare: 1 / 8,
  rankAllWordsUpToRows: 200_000,
};

/** How many rowids a sample of an index of `span` rowids reads. */
export const sampleSize = (span: number, limits: SampleLimits): number =>
  limits.sampleShare === undefined
    ? limits.sampleRows
    : Math.min(limits.sampleRows, Math.max(Math.floor(limits.sampleRows / 16), Math.floor(span * limits.sampleShare)));

// Each window costs FTS5 a fresh seek into every term's doclist in every segment: at 100,000
// documents 32 windows of an eighth of the index cost as much as counting every match, 16 about
// a third of it, while still spreading the sample over the whole range of rowids (and so of years).
const STRATA = 16;

/** The windows [from, to] of a sample over rowids -span..-1 (rowids count down from -1). */
export const sampleWindows = (span: number, sampleRows: number): [number, number][] => {
  const width = Math.max(1, Math.floor(sampleRows / STRATA));
  const out: [number, number][] = [];
  for (let i = 0; i < STRATA; i++) {
    const from = -span + Math.floor((i * span) / STRATA);
    out.push([from, Math.min(-1, from + width - 1)]);
  }
  return out;
};

/** How many rowids the windows cover (the denominator of the scale factor). */
export const coveredRows = (windows: readonly [number, number][]): number => windows.reduce((n, [a, b]) => n + (b - a + 1), 0);

/** The matching rowids inside the windows, as one comma-separated list (one statement). */
export const sampleMatches = async (db: SqliteConnection, match: string, windows: readonly [number, number][]): Promise<string> => {
  const parts = windows.map(() => 'SELECT group_concat(rowid) AS ids FROM fts WHERE fts MATCH ?1 AND rowid BETWEEN ? AND ?');
  const params: (string | number)[] = [match];
  for (const [a, b] of windows) params.push(a, b);
  const rows = await db.all<{ ids: string | null }>(parts.join(' UNION ALL '), params);
  return rows
    .map((r) => r.ids)
    .filter((s): s is string => !!s)
    .join(',');
};
