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
  /** Rowids read per sample, in STRATA windows. */
  sampleRows: number;
}

export const DEFAULT_SAMPLE_LIMITS: SampleLimits = { exactUpToRows: 200_000, exactUpToMatches: 30_000, sampleRows: 65_536 };

const STRATA = 32;

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
