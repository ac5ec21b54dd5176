import type { SearchHit, SearchQuery, SearchResult } from '../../../ports/search-index.ts';
import type { DocumentKind } from '../../../domain/document.ts';
import type { SqliteConnection } from './sqlite-connection.ts';
import { type ParsedQuery, isEmptyQuery, parseQuery } from '../query-parser.ts';
import { type Expansions, buildMatch, mergeExpansions } from './fts5-match.ts';
import { withoutFrequent } from './fts5-vocabulary.ts';
import type { VocabularyCache } from './fts5-vocabulary-cache.ts';
import { type PageRow, type Sql, datedSql, dayRange, keyRules, newestSql, rankedSql, whereDate, whereVisible } from './fts5-search-sql.ts';
import type { MatchCounts } from './fts5-counts.ts';
import type { FacetKeys } from './fts5-facets.ts';
import { type MarkTerms, cutPassage, markTermsOf } from './passage.ts';
import { toHighlight } from '../highlight.ts';
import { clampPaging } from '../paging.ts';

// The stored fields of a page's rows, in one statement, to cut highlights from.
const FIELDS_SQL = 'SELECT rowid AS n, body, title, letter_number, sender, tags FROM fts WHERE rowid IN (SELECT value FROM json_each(?))';

interface Fields {
  n: number;
  body: string;
  title: string;
  letter_number: string;
  sender: string;
  tags: string;
}

/**
 * One query against the embedded index. The page (ranked, LIMIT/OFFSET) runs on one reader
 * while the total and facets (fts5-counts.ts) are worked out on the other; then highlights are
 * cut for the page's rows only (passage.ts).
 */
export const searchFts5 = async (
  readers: readonly [SqliteConnection, SqliteConnection],
  facetKeys: FacetKeys,
  counts: MatchCounts,
  vocabulary: VocabularyCache,
  query: SearchQuery,
): Promise<SearchResult> => {
  const { limit, offset } = clampPaging(query.page, query.limit);
  const parsed = parseQuery(query.q);
  let match: string | null = null;
  const tiers: Tier[] = [];
  let marks: MarkTerms | null = null;
  let widest: Expansions = new Map();
  const empty = isEmptyQuery(parsed);
  const {
    df,
    completions: foundCompletions,
    typos: foundTypos,
  } = await vocabulary.lookup(
    readers,
    empty ? [] : parsed.words,
    () => counts.prepare(readers[1]),
    () => counts.dataVersion(),
  );
  if (!empty) {
    const completions = withoutFrequent(foundCompletions, df);
    const typos = withoutFrequent(foundTypos, df);
    const upTo = (n: number) => new Map([...typos].map(([w, cs]) => [w, cs.filter((c) => c.typos <= n).map((c) => c.term)]));
    const expansions = mergeExpansions(completions, upTo(2));
    widest = expansions;
    match = buildMatch(parsed, expansions);
    marks = markTermsOf(parsed, expansions);
    // Meilisearch's "typo" rule: no typo, then one, then two. Completions count as exact (a
    // prefix match has no typo). Each tier holds the one before it.
    const scoring = scoringQuery(parsed, df, counts.indexSpan(), counts.ranksFrequentWordsOut());
    const seen = new Set<string>();
    for (const e of [completions, mergeExpansions(completions, upTo(1)), expansions]) {
      const m = buildMatch(parsed, e);
      if (seen.has(m)) continue;
      seen.add(m);
      tiers.push({ match: m, score: scoring === undefined ? undefined : scoring === null ? null : buildMatch(scoring, e) });
    }
  }
  const bound = empty ? Number.POSITIVE_INFINITY : matchBound(parsed, df, widest);
  const filters = query.filters ?? {};
  const rules = keyRules(query.scope, filters);
  const range = dayRange(filters);
  const where = whereVisible(rules, whereDate(range), facetKeys);
  // The page's highlights are cut as soon as its rows are in, while the counts may still run.
  const page: Promise<PageRow[]> =
    offset === null
      ? Promise.resolve([])
      : query.sort === 'date'
        ? fetchDated(readers[0], datedSql(match, where, limit, offset))
        : fetchPage(readers[0], tiers, where, parsed.letterKeys, limit, offset);
  const [items, counted] = await Promise.all([
    page.then((rows) => toHits(readers[0], rows, marks)),
    counts.count(readers[1], match, range, rules, query.exactTotal === true, bound),
  ]);
  return { items, ...counted };
};

/**
 * An upper bound of a query's matches from the vocabulary: the smallest df of a word that matches
 * only itself (no prefix, completion or typo alternative in the widest tier), doubled because df
 * is estimated on a sample; infinite when no word is that plain.
 */
const matchBound = (parsed: ParsedQuery, df: ReadonlyMap<string, number>, expansions: Expansions): number => {
  let bound = Number.POSITIVE_INFINITY;
  for (const w of parsed.words) {
    if (w.prefix === 'typed' || (expansions.get(w.text)?.length ?? 0) > 0) continue;
    bound = Math.min(bound, 2 * (df.get(w.text) ?? 0));
  }
  return bound;
};

/** A typo tier's MATCH, and what ranks it: see scoringQuery (undefined: the match itself). */
interface Tier {
  match: string;
  score: string | null | undefined;
}

/**
 * A word in most documents of a big index weighs nothing in bm25 (FTS5 clamps the IDF of a term
 * in more than half the rows to 1e-6) yet costs a read of its whole doclist to work that out: a
 * million entries for "dan" at a million documents, most of such a query's time. On a big index
 * those words still select the matches but are left out of the ranking: the query without them
 * (undefined when no word is that frequent; null when nothing is left, and the window is then
 * ranked newest first). `df` is the vocabulary's estimate; NEGLIGIBLE_SHARE keeps a margin above
 * one half.
 */
const scoringQuery = (parsed: ParsedQuery, df: ReadonlyMap<string, number>, span: number, big: boolean): ParsedQuery | null | undefined => {
  if (!big) return undefined;
  const words = parsed.words.filter((w) => (df.get(w.text) ?? 0) < NEGLIGIBLE_SHARE * span);
  if (words.length === parsed.words.length) return undefined;
  return words.length === 0 && parsed.phrases.length === 0 ? null : { ...parsed, words };
};

const NEGLIGIBLE_SHARE = 0.6;

/**
 * A page across the typo tiers: tier k's own matches are `tier_k NOT tier_k-1`, ranked by bm25
 * in their window; a page takes what it needs from each tier in turn. Bounded window queries
 * only; no set of all matches of a tier is ever built. No tiers: the newest documents.
 */
const fetchPage = async (db: SqliteConnection, tiers: Tier[], where: Sql, letterKeys: string[], limit: number, offset: number): Promise<PageRow[]> => {
  if (tiers.length === 0) {
    const q = newestSql(where, limit, offset);
    return db.all<PageRow>(q.sql, q.params);
  }
  const out: PageRow[] = [];
  let skip = offset;
  for (let k = 0; k < tiers.length && out.length < limit; k++) {
    const own = k === 0 ? tiers[0]!.match : `(${tiers[k]!.match}) NOT (${tiers[k - 1]!.match})`;
    // A typo tier is ranked by its own match, never through the NOT: FTS5's bm25 reads the whole
    // doclist of every phrase of the expression for its IDF, the NOT side's included, though
    // those phrases never score a row it returns (1M: CPU per query p95 68 -> 54 ms, same pages).
    const score = k > 0 ? (tiers[k]!.score ?? tiers[k]!.match) : tiers[k]!.score;
    const q = rankedSql(own, where, letterKeys, skip + limit - out.length, 0, score);
    const rows = await db.all<PageRow>(q.sql, q.params);
    out.push(...rows.slice(skip));
    skip = Math.max(0, skip - rows.length);
  }
  return out;
};

const fetchDated = (db: SqliteConnection, q: Sql): Promise<PageRow[]> => db.all<PageRow>(q.sql, q.params);

/** Hits with their highlight: the body's best passage, else the first other field that matches. */
const toHits = async (db: SqliteConnection, rows: PageRow[], marks: MarkTerms | null): Promise<SearchHit[]> => {
  const fields = new Map<number, Fields>();
  if (marks !== null && rows.length > 0) {
    for (const f of await db.all<Fields>(FIELDS_SQL, [JSON.stringify(rows.map((r) => r.n))])) fields.set(f.n, f);
  }
  return rows.map((row) => {
    const hit: SearchHit = { id: row.id, title: row.title, kind: row.kind as DocumentKind, highlights: [] };
    if (row.score !== null) hit.score = -row.score; // bm25 is lower-is-better; the port's score is higher-is-better
    const f = fields.get(row.n);
    if (f && marks) {
      for (const text of [f.body, f.title, f.letter_number, f.sender, f.tags]) {
        const passage = toHighlight(cutPassage(text ?? '', marks));
        if (passage !== null) {
          hit.highlights = [passage];
          break;
        }
      }
    }
    return hit;
  });
};
