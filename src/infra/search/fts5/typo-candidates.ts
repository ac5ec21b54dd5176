/**
 * Typo tolerance for an engine without it (FTS5), the SymSpell way: every vocabulary term is
 * stored under the strings reached by deleting up to N of its characters, and a query word
 * finds its neighbours by looking up its own deletions. Only the first PREFIX_CHARS characters
 * take part, which bounds the neighbourhood (SymSpell's prefix length); candidates are then
 * checked with the full Damerau-Levenshtein distance.
 */

/** Deletion neighbourhoods are built over this many leading characters. */
export const PREFIX_CHARS = 7;

/** Meilisearch's defaults: one typo from 5 letters, two from 9. */
export const allowedTypos = (word: string): number => (word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0);

/**
 * How deep a vocabulary term's neighbourhood must go: as deep as the typos allowed to any query
 * word that could be within reach. A term of 4–6 letters is never within two typos of a word of
 * 9 or more, so one level is enough for it.
 */
export const termDepth = (term: string): number => (term.length >= 7 ? 2 : term.length >= 4 ? 1 : 0);

/** The strings reachable from `word`'s prefix by deleting up to `depth` characters, itself included. */
export const deletions = (word: string, depth: number): string[] => {
  const start = [...word].slice(0, PREFIX_CHARS).join('');
  const out = new Set<string>([start]);
  let frontier = [start];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const s of frontier) {
      const chars = [...s];
      if (chars.length <= 1) continue;
      for (let i = 0; i < chars.length; i++) {
        const del = chars.slice(0, i).join('') + chars.slice(i + 1).join('');
        if (!out.has(del)) {
          out.add(del);
          next.push(del);
        }
      }
    }
    frontier = next;
  }
  return [...out];
};

/**
 * Optimal-string-alignment distance (insert, delete, substitute, transpose adjacent), giving up
 * early: returns `max + 1` as soon as the distance must exceed `max`.
 */
export const typoDistance = (a: string, b: string, max: number): number => {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[y.length]!;
};

/** How many close terms one query word may expand into; the nearest are kept. */
export const MAX_CANDIDATES = 8;

/** A vocabulary term with its (approximate) document frequency. */
export interface Term {
  term: string;
  df: number;
}

/** A close vocabulary term and how many typos away it is. */
export interface Candidate {
  term: string;
  typos: number;
}

/**
 * Keeps the terms within the typos allowed for `word` (excluding the word itself): nearest
 * first, then the most frequent (as SymSpell does: a common word is the likelier intent), then
 * alphabetically so results are stable.
 */
export const pickCandidates = (word: string, terms: Iterable<Term>): Candidate[] => {
  const max = allowedTypos(word);
  if (max === 0) return [];
  const scored: { term: string; d: number; df: number }[] = [];
  const seen = new Set<string>();
  for (const { term, df } of terms) {
    if (term === word || seen.has(term)) continue;
    seen.add(term);
    const d = typoDistance(word, term, max);
    if (d <= max) scored.push({ term, d, df });
  }
  scored.sort((p, q) => p.d - q.d || q.df - p.df || (p.term < q.term ? -1 : 1));
  return scored.slice(0, MAX_CANDIDATES).map((s) => ({ term: s.term, typos: s.d }));
};
