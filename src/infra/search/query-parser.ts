import { tokenize } from './text-fold.ts';

/**
 * A bare word of the query, typo-tolerant. `prefix` is 'typed' for `word*` (every term that
 * starts with it), 'last' for the last word typed (search as you type: its nearest completions),
 * 'none' otherwise.
 */
export interface QueryWord {
  text: string;
  prefix: 'none' | 'typed' | 'last';
}

/**
 * A query as the engines understand it, built only from folded tokens: nothing the user typed
 * reaches an engine's query syntax except through these lists.
 */
export interface ParsedQuery {
  words: QueryWord[];
  /** Exact token sequences: "quoted phrases" and letter numbers. */
  phrases: string[][];
  /** Letter numbers typed (folded tokens joined by a space), to rank their letter first. */
  letterKeys: string[];
}

/** Input beyond this is ignored: nobody types more, and it bounds the work per query. */
export const MAX_QUERY_CHARS = 512;
/** At most this many words plus phrases, and tokens per phrase. */
export const MAX_TERMS = 10;
/** Longer tokens are cut; no real word is longer. */
export const MAX_TOKEN_CHARS = 64;
/** Shorter prefixes would expand to a large share of the vocabulary. */
export const MIN_PREFIX_CHARS = 3;

// Users type these as if the engine understood boolean syntax; it does not, so they are noise.
const OPERATORS = new Set(['AND', 'OR', 'NOT', 'NEAR']);
// A letter number: alphanumeric parts joined by / . or -, at least one digit, e.g. 800/123/BKD/2025.
const LETTER_NUMBER = /^[\p{L}\p{N}]+(?:[/.-][\p{L}\p{N}]+)+$/u;
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}*]+$/gu;

const cut = (tokens: string[]): string[] => tokens.slice(0, MAX_TERMS).map((t) => t.slice(0, MAX_TOKEN_CHARS));

/** Parses free text: words, "quoted phrases", `prefix*`, letter numbers; never throws. */
export const parseQuery = (raw: unknown): ParsedQuery => {
  const q = typeof raw === 'string' ? raw.slice(0, MAX_QUERY_CHARS) : '';
  const out: ParsedQuery = { words: [], phrases: [], letterKeys: [] };
  const segments = q.split('"');
  // With an odd number of quotes the last one is unbalanced: its text is read as bare words.
  const closed = segments.length % 2 === 1 ? segments.length : segments.length - 1;
  let lastIsWord = false;
  segments.forEach((segment, i) => {
    const quoted = i % 2 === 1 && i < closed;
    if (quoted) {
      const tokens = cut(tokenize(segment));
      if (tokens.length > 0) out.phrases.push(tokens);
      lastIsWord = false;
      return;
    }
    for (const chunk of segment.split(/\s+/)) {
      if (chunk === '' || OPERATORS.has(chunk)) continue;
      const bare = chunk.replace(EDGE_PUNCTUATION, '');
      const star = bare.endsWith('*');
      const core = bare.replace(/\*+$/, '');
      const tokens = cut(tokenize(core));
      if (tokens.length === 0) continue;
      if (tokens.length > 1 && LETTER_NUMBER.test(core) && /\p{N}/u.test(core)) {
        out.phrases.push(tokens);
        out.letterKeys.push(tokens.join(' '));
        lastIsWord = false;
        continue;
      }
      tokens.forEach((text, k) => {
        const typed = star && k === tokens.length - 1 && text.length >= MIN_PREFIX_CHARS;
        out.words.push({ text, prefix: typed ? 'typed' : 'none' });
      });
      lastIsWord = true;
    }
  });
  // Search as you type: the last word typed may be unfinished, unless the user ended with a space.
  const last = out.words[out.words.length - 1];
  if (last && lastIsWord && last.prefix === 'none' && !/\s$/.test(q) && last.text.length >= MIN_PREFIX_CHARS) last.prefix = 'last';
  return limit(dedupe(out));
};

const RANK = { none: 0, last: 1, typed: 2 } as const;

const dedupe = (p: ParsedQuery): ParsedQuery => {
  const seen = new Map<string, QueryWord>();
  for (const w of p.words) {
    const had = seen.get(w.text);
    if (had) had.prefix = RANK[w.prefix] > RANK[had.prefix] ? w.prefix : had.prefix;
    else seen.set(w.text, { ...w });
  }
  return { ...p, words: [...seen.values()] };
};

const limit = (p: ParsedQuery): ParsedQuery => {
  const phrases = p.phrases.slice(0, MAX_TERMS);
  const words = p.words.slice(0, Math.max(0, MAX_TERMS - phrases.length));
  return { words, phrases, letterKeys: p.letterKeys.slice(0, MAX_TERMS) };
};

/** True when the query holds nothing to match: the engines then list documents newest first. */
export const isEmptyQuery = (p: ParsedQuery): boolean => p.words.length === 0 && p.phrases.length === 0;
