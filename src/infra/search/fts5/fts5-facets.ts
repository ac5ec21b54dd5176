import type { FacetName, SearchResult } from '../../../ports/search-index.ts';
import { forEachInt } from './int-list.ts';
import type { SqliteConnection } from './sqlite-connection.ts';
import type { KeyRules } from './fts5-search-sql.ts';

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
  /**
   * Per rules (their signature) and test: which key ids pass, as a mask by id and as the JSON
   * list SQL takes. A big index has some 15,000 keys; deciding and serialising them all on every
   * query cost more than some of its statements. Dropped whenever the dictionary is reloaded.
   */
  private decided = new Map<string, { mask: Uint8Array; json: string }>();

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

  /** Ids of the keys that pass `rules[test]`, as a JSON list (for json_each); memoized. */
  selectJson(rules: KeyRules, test: 'inScope' | 'passes'): string {
    return this.decide(rules, test).json;
  }

  /** A mask by key id: 1 where the key passes `rules[test]` (ids past its end do not); memoized. */
  mask(rules: KeyRules, test: 'inScope' | 'passes'): Uint8Array {
    return this.decide(rules, test).mask;
  }

  private decide(rules: KeyRules, test: 'inScope' | 'passes'): { mask: Uint8Array; json: string } {
    const memo = `${test} ${rules.signature}`;
    let found = this.decided.get(memo);
    if (!found) {
      const ids = this.select(rules[test]);
      const mask = new Uint8Array(this.maxId + 1);
      for (const id of ids) mask[id] = 1;
      found = { mask, json: JSON.stringify(ids) };
      if (this.decided.size >= DECIDED_RULES) this.decided.delete(this.decided.keys().next().value as string);
      this.decided.set(memo, found);
    }
    return found;
  }

  /** Makes sure every id is known, reloading once if a writer added keys since. */
  async ensure(db: SqliteConnection, ids: Iterable<number>): Promise<void> {
    for (const id of ids) {
      if (!this.keys.has(id)) return this.reload(db);
    }
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
    this.decided = new Map();
  }
}

// Rules remembered: a few per user and filter in use; each holds a mask and a list of the keys.
const DECIDED_RULES = 256;

/** Parses "3,17,3,…" into counts per key without allocating a string per number. */
export const countKeys = (csv: string): Map<number, number> => {
  const counts = new Map<number, number>();
  forEachInt(csv, (n) => counts.set(n, (counts.get(n) ?? 0) + 1));
  return counts;
};
