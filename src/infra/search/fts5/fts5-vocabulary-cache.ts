import type { SqliteConnection } from './sqlite-connection.ts';
import type { QueryWord } from '../query-parser.ts';
import type { Candidate } from './typo-candidates.ts';
import { findCandidates, findCompletions, frequencies } from './fts5-vocabulary.ts';

/** What the vocabulary says about a query's words: df, completions (last word), typo candidates. */
export interface WordFacts {
  df: Map<string, number>;
  completions: Map<string, string[]>;
  typos: Map<string, Candidate[]>;
}

// Words remembered per kind of lookup before the cache starts afresh.
const CACHED_WORDS = 20_000;

/**
 * The vocabulary's answers per word, kept until anything is committed to the index (PRAGMA
 * data_version, read by MatchCounts.prepare on the same reader each query). People type the
 * same words over and over; a query whose words are all known here runs no vocabulary lookup,
 * one round trip fewer through the thread pool, which on a loaded machine is most of the cost.
 */
export class VocabularyCache {
  private version: number | null = null;
  private df = new Map<string, number>();
  private completions = new Map<string, string[]>();
  private typos = new Map<string, Candidate[]>();

  /**
   * The facts of `words`, looked up for those not cached, side by side with `prepare` (which
   * reads the data version). Answers are kept only when the version did not move meanwhile.
   */
  async lookup(
    readers: readonly [SqliteConnection, SqliteConnection],
    words: readonly QueryWord[],
    prepare: () => Promise<void>,
    version: () => number | null,
  ): Promise<WordFacts> {
    const before = this.version;
    const lastWords = words.filter((w) => w.prefix === 'last');
    const uncached = [
      words.filter((w) => !this.df.has(w.text)),
      lastWords.filter((w) => !this.completions.has(w.text)),
      words.filter((w) => !this.typos.has(w.text)),
    ] as const;
    const lookupAll = (df: readonly QueryWord[], last: readonly QueryWord[], typed: readonly QueryWord[]) =>
      Promise.all([frequencies(readers[0], df), findCompletions(readers[1], last), findCandidates(readers[0], typed)]);
    const [, found] = await Promise.all([prepare(), lookupAll(...uncached)]);
    let [df, completions, typos] = found;
    const now = version();
    if (now === before) {
      this.keep(this.df, uncached[0], df, 0);
      this.keep(this.completions, uncached[1], completions, []);
      this.keep(this.typos, uncached[2], typos, []);
    } else {
      // The index changed: what was cached may be stale (looked up again now), and what was just
      // read ran beside the version check, so it is used but not kept.
      const cached = [
        words.filter((w) => !uncached[0].includes(w)),
        lastWords.filter((w) => !uncached[1].includes(w)),
        words.filter((w) => !uncached[2].includes(w)),
      ] as const;
      this.reset(now);
      const again = await lookupAll(...cached);
      df = new Map([...df, ...again[0]]);
      completions = new Map([...completions, ...again[1]]);
      typos = new Map([...typos, ...again[2]]);
    }
    // Fresh maps each query (callers prune them); words with nothing to say are left out, as the lookups do.
    const pick = <T extends number | unknown[]>(cache: Map<string, T>, ws: readonly QueryWord[], found: Map<string, T>) => {
      const out = new Map<string, T>();
      for (const w of ws) {
        const v = found.get(w.text) ?? cache.get(w.text);
        if (v !== undefined && (typeof v === 'number' ? v !== 0 : v.length > 0)) out.set(w.text, v);
      }
      return out;
    };
    return { df: pick(this.df, words, df), completions: pick(this.completions, lastWords, completions), typos: pick(this.typos, words, typos) };
  }

  private keep<T>(cache: Map<string, T>, looked: readonly QueryWord[], found: Map<string, T>, none: T): void {
    if (cache.size > CACHED_WORDS) cache.clear();
    for (const w of looked) cache.set(w.text, found.get(w.text) ?? none);
  }

  private reset(version: number | null): void {
    this.version = version;
    this.df = new Map();
    this.completions = new Map();
    this.typos = new Map();
  }
}
