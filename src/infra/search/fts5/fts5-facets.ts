import type { FacetName, SearchResult } from '../../../ports/search-index.ts';
import { forEachInt } from './int-list.ts';
import type { SqliteConnection } from './sqlite-connection.ts';

/**
 * Facet keys of the embedded index. Each document carries one small integer, its facet key:
 * the id of its (unit, classification, kind, year, security rank, retention phase) combination in `facet_keys`.
 * SQLite's GROUP BY sorts its input, which for a word found in 100,000 documents cost more than
 * the search itself; instead queries stream the keys out with group_concat (no sort) and the
 * counting happens here, in one pass over a string of digits (see fts5-counts.ts).
 */

/** One combination of facet values (and the security rank visibility depends on). */
export interface FacetKey {
  id: number;
  unit_code: string;
  classification_code: string;
  kind: string;
  year: string;
  sec_rank: number;
  phase: string;
}

/**
 * The facet_keys dictionary, cached: its ids never change meaning (the table only grows), so
 * the cache is refreshed only when a larger id appears. The access rule and the unit,
 * classification and kind filters are decided here, per key, so SQL tests one small integer.
 */
export class FacetKeys {
  private keys = new Map<number, FacetKey>();
  private maxId = 0;

  /** Reloads the dictionary if a writer (this process or another) added keys since. */
  async refresh(db: SqliteConnection): Promise<void> {
    const row = await db.get<{ m: number | null }>('SELECT max(id) AS m FROM facet_keys');
    if ((row?.m ?? 0) !== this.maxId) await this.reload(db);
  }

  /** Ids of the keys for which `test` holds. */
  select(test: (key: FacetKey) => boolean): number[] {
    const out: number[] = [];
    for (const key of this.keys.values()) if (test(key)) out.push(key.id);
    return out;
  }

  /** Makes sure every id is known, reloading once if a writer added keys since. */
  async ensure(db: SqliteConnection, ids: Iterable<number>): Promise<void> {
    for (const id of ids) {
      if (!this.keys.has(id)) return this.reload(db);
    }
  }

  /** Whether key `id` is known and satisfies `test`. */
  test(id: number, test: (key: FacetKey) => boolean): boolean {
    const key = this.keys.get(id);
    return key !== undefined && test(key);
  }

  /** Turns document counts per key into the port's total and facets. */
  summarize(counts: ReadonlyMap<number, number>): Pick<SearchResult, 'total' | 'facets'> {
    const facets: Record<FacetName, Record<string, number>> = { unitCode: {}, classificationCode: {}, kind: {}, year: {}, retentionPhase: {} };
    const add = (name: FacetName, value: string, n: number) => {
      if (value !== '') facets[name][value] = (facets[name][value] ?? 0) + n;
    };
    let total = 0;
    for (const [id, n] of counts) {
      const key = this.keys.get(id);
      if (!key) continue;
      total += n;
      add('unitCode', key.unit_code, n);
      add('classificationCode', key.classification_code, n);
      add('kind', key.kind, n);
      add('year', key.year, n);
      add('retentionPhase', key.phase, n);
    }
    return { total, facets };
  }

  private async reload(db: SqliteConnection): Promise<void> {
    const rows = await db.all<FacetKey>('SELECT id, unit_code, classification_code, kind, year, sec_rank, phase FROM facet_keys');
    this.keys = new Map(rows.map((r) => [r.id, r]));
    this.maxId = rows.reduce((m, r) => Math.max(m, r.id), 0);
  }
}

/** Parses "3,17,3,…" into counts per key without allocating a string per number. */
export const countKeys = (csv: string): Map<number, number> => {
  const counts = new Map<number, number>();
  forEachInt(csv, (n) => counts.set(n, (counts.get(n) ?? 0) + 1));
  return counts;
};
