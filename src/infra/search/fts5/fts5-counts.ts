import type { SearchResult } from '../../../ports/search-index.ts';
import type { SqliteConnection } from './sqlite-connection.ts';
import { type FacetKeys, countKeys } from './fts5-facets.ts';
import { forEachInt } from './int-list.ts';
import type { DocAttrs } from './fts5-doc-attrs.ts';
import { type DayRange, type KeyRules, whereDate } from './fts5-search-sql.ts';
import { DEFAULT_SAMPLE_LIMITS, type SampleLimits, coveredRows, sampleMatches, sampleSize, sampleWindows } from './fts5-sample.ts';

/**
 * Totals and facet counts of the visible matches of a query, computed in two parts:
 *
 * 1. a histogram of the matches over facet keys, plus the rowids of matches that have named
 *    readers. Both depend on the match and the dates only, not on who asks, since unit,
 *    classification, kind and clearance are all properties of the key. FTS5 streams the
 *    matching rowids out in one string (no join, no sort) and DocAttrs supplies key and day;
 *    the result is cached per match until anything is committed (PRAGMA data_version), so the
 *    common words many users type are counted once per change of the index;
 * 2. the user's own reader grants (a few rows), looked up among those shared matches and added
 *    where the scope does not already cover the key.
 *
 * On a big index, a query matching a large share of it is counted on a sample (fts5-sample.ts)
 * unless the caller asks for the exact count: the histogram is scaled up and marked estimated.
 */
export class MatchCounts {
  private readonly cache = new Map<string, Histogram>();
  private version: number | null = null;

  constructor(
    private readonly facetKeys: FacetKeys,
    private readonly attrs: DocAttrs,
    private readonly limits: SampleLimits = DEFAULT_SAMPLE_LIMITS,
  ) {}

  /**
   * Catches up with what was committed since the last query (PRAGMA data_version changes when
   * another connection commits): drops cached histograms, reloads DocAttrs and facet keys.
   * Call before building SQL from the facet keys.
   */
  async prepare(db: SqliteConnection): Promise<void> {
    const version = (await db.get<{ data_version: number }>('PRAGMA data_version'))?.data_version ?? null;
    if (version === this.version) return;
    this.cache.clear();
    await this.attrs.sync(db);
    await this.facetKeys.refresh(db);
    this.version = version;
  }

  /** PRAGMA data_version as the last prepare() read it (null before the first). */
  dataVersion(): number | null {
    return this.version;
  }

  /** Rowids handed out so far (after prepare()): about the number of documents. */
  indexSpan(): number {
    return this.attrs.span();
  }

  /** Past the size at which counts may be estimated. */
  isBig(): boolean {
    return this.attrs.span() > this.limits.exactUpToRows;
  }

  /** Past the size at which the most frequent words are left out of ranking. */
  ranksFrequentWordsOut(): boolean {
    return this.attrs.span() > (this.limits.rankAllWordsUpToRows ?? this.limits.exactUpToRows);
  }

  /**
   * Total and facets of the visible matches of `match` (all documents when null), after prepare();
   * `totalEstimated` when they were scaled up from a sample (never when `exact`). `atMost`: an
   * upper bound of the matches known beforehand (from the vocabulary), if any.
   */
  async count(
    db: SqliteConnection,
    match: string | null,
    range: DayRange,
    rules: KeyRules,
    exact = false,
    atMost = Number.POSITIVE_INFINITY,
  ): Promise<Pick<SearchResult, 'total' | 'facets' | 'totalEstimated'>> {
    // A query known to match few documents is counted exactly without sampling it first.
    const sampled = !exact && atMost > this.limits.exactUpToMatches;
    const [found, grants] = await Promise.all([this.histogram(db, match, range, !sampled), this.grants(db, rules)]);
    const { histogram } = found;
    await this.facetKeys.ensure(db, histogram.keys());
    const [inScope, passes] = [this.facetKeys.mask(rules, 'inScope'), this.facetKeys.mask(rules, 'passes')];
    const counts = new Map<number, number>();
    for (const [id, n] of histogram) if (inScope[id] === 1) counts.set(id, n);
    // From a sample, a granted match found in it stands for `scale` of them, like every other.
    for (const doc of grants) {
      if (!contains(found.shared, doc)) continue;
      const id = this.attrs.keyOf(doc);
      // Already counted when the scope covers the key; otherwise visible only as a reader.
      if (inScope[id] === 1 || passes[id] !== 1) continue;
      counts.set(id, (counts.get(id) ?? 0) + found.scale);
    }
    if (found.scale !== 1) for (const [id, n] of counts) counts.set(id, Math.max(1, Math.round(n)));
    const summary = this.facetKeys.summarize(counts);
    return found.estimated ? { ...summary, totalEstimated: true } : summary;
  }

  private async histogram(db: SqliteConnection, match: string | null, range: DayRange, exact: boolean): Promise<Histogram> {
    const key = JSON.stringify([match, range, exact]);
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key); // most recently used last, for the LRU below
      this.cache.set(key, hit);
      return hit;
    }
    const histogram = match === null ? await this.all(db, range) : await this.matching(db, match, range, exact);
    this.cache.set(key, histogram);
    if (this.cache.size > CACHED_MATCHES) this.cache.delete(this.cache.keys().next().value as string);
    return histogram;
  }

  /** Exact on small indexes, small match sets and on demand; else the scaled-up sample. */
  private async matching(db: SqliteConnection, match: string, range: DayRange, exact: boolean): Promise<Histogram> {
    const span = this.attrs.span();
    if (!exact && this.isBig()) {
      const windows = sampleWindows(span, sampleSize(span, this.limits));
      const sampled = this.tally(await sampleMatches(db, match, windows), range);
      const scale = span / coveredRows(windows);
      let predicted = 0;
      for (const n of sampled.histogram.values()) predicted += n * scale;
      if (predicted > this.limits.exactUpToMatches) {
        const histogram = new Map<number, number>();
        for (const [id, n] of sampled.histogram) histogram.set(id, n * scale);
        return { histogram, shared: sampled.shared, estimated: true, scale };
      }
    }
    const row = await db.get<{ ids: string | null }>('SELECT group_concat(rowid) AS ids FROM fts WHERE fts MATCH ?', [match]);
    return this.tally(row?.ids ?? '', range);
  }

  /** Matches per facet key (within the dates) of a comma-separated list of rowids. */
  private tally(csv: string, range: DayRange): Histogram {
    const tally: number[] = [];
    const shared: number[] = [];
    const dated = range.from !== null || range.to !== null;
    const [from, to] = [range.from ?? 0, range.to ?? Number.MAX_SAFE_INTEGER];
    // Parsed inline, not through forEachInt: this loop runs once per match, 100,000 times for a
    // common word, and a call per number doubled its cost.
    let value = 0;
    let negative = false;
    for (let i = 0; i <= csv.length; i++) {
      const c = i < csv.length ? csv.charCodeAt(i) : 44;
      if (c >= 48 && c <= 57) value = value * 10 + (c - 48);
      else if (c === 45) negative = true;
      else {
        const n = negative ? -value : value;
        value = 0;
        negative = false;
        if (n === 0) continue;
        if (dated) {
          const day = this.attrs.dayOf(n);
          if (day < from || day > to) continue;
        }
        const id = this.attrs.keyOf(n);
        tally[id] = (tally[id] ?? 0) + 1;
        if (this.attrs.isShared(n)) shared.push(n);
      }
    }
    const histogram = new Map<number, number>();
    tally.forEach((count, id) => histogram.set(id, count));
    return { histogram, shared: Int32Array.from(shared).sort(), estimated: false, scale: 1 };
  }

  /** The empty query: every document (removed ones linger in DocAttrs, so this reads the table). */
  private async all(db: SqliteConnection, range: DayRange): Promise<Histogram> {
    const date = whereDate(range);
    const row = await db.get<{ keys: string | null; shared: string | null }>(
      `SELECT group_concat(a.fkey) AS keys, group_concat(CASE WHEN a.shared = 1 THEN a.n END) AS shared FROM attrs a WHERE ${date.sql}`,
      date.params,
    );
    const shared: number[] = [];
    forEachInt(row?.shared ?? '', (n) => shared.push(n));
    return { histogram: countKeys(row?.keys ?? ''), shared: Int32Array.from(shared).sort(), estimated: false, scale: 1 };
  }

  /** The documents that name the user as a reader. */
  private async grants(db: SqliteConnection, rules: KeyRules): Promise<number[]> {
    if (rules.seesAll) return [];
    const rows = await db.all<{ doc: number }>('SELECT doc FROM readers WHERE user_id = ?', [rules.userId]);
    return rows.map((r) => r.doc);
  }
}

/** Matches per facet key, and the sorted rowids of matching documents that have named readers. */
interface Histogram {
  histogram: Map<number, number>;
  shared: Int32Array;
  /** Scaled up from a sample; `shared` then holds only the sample's. */
  estimated: boolean;
  /** Matches each sampled one stands for (1 when exact); counts are rounded after summing. */
  scale: number;
}

// Histograms kept: one entry per facet key plus 4 bytes per shared match (5 % of a million
// matches is 200 KB), so this bounds the cache to some tens of megabytes.
const CACHED_MATCHES = 128;

const contains = (sorted: Int32Array, n: number): boolean => {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === n) return true;
    if (sorted[mid]! < n) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
};
