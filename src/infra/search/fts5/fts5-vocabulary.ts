import type { SqliteConnection } from './sqlite-connection.ts';
import type { QueryWord } from '../query-parser.ts';
import { isVocabularyTerm } from '../text-fold.ts';
import { type Candidate, type Term, allowedTypos, deletions, pickCandidates, termDepth } from './typo-candidates.ts';

/**
 * The typo vocabulary of the embedded index: every indexed word with how many documents it was
 * indexed in (`vocab`), and its deletion neighbourhood (`vocab_del`), grown with each upsert.
 * It is append-only on purpose: finding out whether a removed document held a term's last
 * occurrence would cost a scan, and a stale term only adds an alternative that matches nothing.
 * So `df` is approximate (sampled, and re-indexing a document counts it again); it only ranks
 * candidates and spots frequent words.
 * clear() (before a reindex) empties it.
 */

// Pairs per INSERT: keeps each JSON parameter a few megabytes at most.
const PAIRS_PER_STATEMENT = 50_000;
// A query never needs more neighbours than this to pick its few candidates.
const MAX_NEIGHBOURS = 4_000;
/** How many completions the last word typed expands into: the most frequent ones. */
export const MAX_COMPLETIONS = 4;
// Terms read from the vocabulary's range before keeping the most frequent few.
const COMPLETION_SCAN = 2_000;
/**
 * A word already indexed in this many documents is taken as meant: it gets no typo candidates
 * and, typed last, no completions. Its own matches are plentiful, and OR-ing alternatives into a
 * word found in most documents multiplies the cost of every query with it. Typesense's
 * typo_tokens_threshold makes the same trade.
 */
export const FREQUENT_DF = 2_000;

/** One in DF_SAMPLE documents (by a hash of its id) counts towards df, scaled back up. */
export const DF_SAMPLE = 8;

/**
 * Grows the vocabulary as documents are indexed. Knows which terms exist (loaded once, then kept
 * current) so a batch writes only its new terms, and counts df on a sample of documents: df
 * only ranks candidates and spots frequent words, and updating the counts of every term of
 * every document cost a third of the indexing time.
 */
export class VocabularyWriter {
  private known: Set<string> | null = null;

  /** Forgets what it knew (after clear() or a failed transaction). */
  reset(): void {
    this.known = null;
  }

  /** Adds a batch's terms; `sampled` counts, per term, the sampled documents holding it. */
  async add(db: SqliteConnection, terms: Iterable<string>, sampled: ReadonlyMap<string, number>): Promise<void> {
    this.known ??= new Set((await db.all<{ term: string }>('SELECT term FROM vocab')).map((r) => r.term));
    const fresh = [...new Set(terms)].filter((t) => isVocabularyTerm(t) && !this.known!.has(t));
    if (fresh.length > 0) {
      // OR IGNORE: another process may have added some since we loaded them.
      const inserted = await db.all<{ id: number; term: string }>(
        'INSERT OR IGNORE INTO vocab(term, df) SELECT value, 0 FROM json_each(?) RETURNING id, term',
        [JSON.stringify(fresh)],
      );
      for (const t of fresh) this.known.add(t);
      await addNeighbourhoods(db, inserted);
    }
    const counts = [...sampled].filter(([t]) => isVocabularyTerm(t));
    if (counts.length > 0) {
      await db.run(`UPDATE vocab SET df = df + ${DF_SAMPLE} * (j.value ->> 1) FROM json_each(?) j WHERE vocab.term = j.value ->> 0`, [JSON.stringify(counts)]);
    }
  }
}

const addNeighbourhoods = async (db: SqliteConnection, inserted: { id: number; term: string }[]): Promise<void> => {
  let pairs: [string, number][] = [];
  const flush = async () => {
    if (pairs.length === 0) return;
    await db.run('INSERT OR IGNORE INTO vocab_del(del, term_id) SELECT value ->> 0, value ->> 1 FROM json_each(?)', [JSON.stringify(pairs)]);
    pairs = [];
  };
  for (const { id, term } of inserted) {
    for (const del of deletions(term, termDepth(term))) pairs.push([del, id]);
    if (pairs.length >= PAIRS_PER_STATEMENT) await flush();
  }
  await flush();
};

/** Whether a document counts towards df (a stable hash of its id). */
export const sampledForDf = (id: string): boolean => {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) % DF_SAMPLE === 0;
};

/** Document frequencies of the given words (absent words are not in the map). */
export const frequencies = async (db: SqliteConnection, words: readonly QueryWord[]): Promise<Map<string, number>> => {
  const terms = words.map((w) => w.text).filter(isVocabularyTerm);
  if (terms.length === 0) return new Map();
  const rows = await db.all<Term>('SELECT term, df FROM vocab WHERE term IN (SELECT value FROM json_each(?))', [JSON.stringify(terms)]);
  return new Map(rows.map((r) => [r.term, r.df]));
};

/**
 * Drops the alternatives of words that are frequent terms themselves (see FREQUENT_DF). Applied
 * after the lookups, so those run side by side with the frequency lookup instead of after it.
 */
export const withoutFrequent = <T>(found: Map<string, T>, df: ReadonlyMap<string, number>): Map<string, T> => {
  for (const word of [...found.keys()]) if ((df.get(word) ?? 0) >= FREQUENT_DF) found.delete(word);
  return found;
};

/**
 * Close vocabulary terms for each query word that allows typos (5+ letters); nearest, then
 * most frequent, first. One statement for all words.
 */
export const findCandidates = async (db: SqliteConnection, words: readonly QueryWord[]): Promise<Map<string, Candidate[]>> => {
  const out = new Map<string, Candidate[]>();
  const probes = new Set<string>();
  const typed = words.filter((w) => allowedTypos(w.text) > 0 && isVocabularyTerm(w.text));
  for (const w of typed) for (const d of deletions(w.text, allowedTypos(w.text))) probes.add(d);
  if (probes.size === 0) return out;
  const neighbours = await db.all<Term>(
    `SELECT DISTINCT v.term, v.df FROM vocab_del d JOIN vocab v ON v.id = d.term_id
      WHERE d.del IN (SELECT value FROM json_each(?)) LIMIT ${MAX_NEIGHBOURS}`,
    [JSON.stringify([...probes])],
  );
  for (const w of typed) {
    const picked = pickCandidates(w.text, neighbours);
    if (picked.length > 0) out.set(w.text, picked);
  }
  return out;
};

/**
 * Completions of the last word typed (search as you type): vocabulary terms that start with it,
 * most frequent first. An FTS5 prefix query would merge the doclists of every such term at
 * every keystroke; a handful of OR'd terms costs a fraction of that.
 */
export const findCompletions = async (db: SqliteConnection, words: readonly QueryWord[]): Promise<Map<string, string[]>> => {
  const out = new Map<string, string[]>();
  for (const w of words) {
    if (w.prefix !== 'last') continue;
    const rows = await db.all<{ term: string }>(
      `SELECT term FROM (SELECT term, df FROM vocab WHERE term > ? AND term < ? LIMIT ${COMPLETION_SCAN})
        ORDER BY df DESC, term LIMIT ${MAX_COMPLETIONS}`,
      [w.text, `${w.text}\u{10FFFF}`],
    );
    if (rows.length > 0)
      out.set(
        w.text,
        rows.map((r) => r.term),
      );
  }
  return out;
};
