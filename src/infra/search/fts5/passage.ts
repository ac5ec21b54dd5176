import type { ParsedQuery } from '../query-parser.ts';
import type { Expansions } from './fts5-match.ts';
import { MARK_CLOSE, MARK_OPEN, fold } from '../text-fold.ts';

/**
 * Cuts the highlight passage for a hit in JavaScript, from the stored text. FTS5's snippet()
 * re-runs the whole MATCH for each row, seeking every term's doclist to that row, which for
 * common words cost more than finding the page itself; the terms to mark are already known.
 */

/** What to mark: folded terms (words, completions, typo candidates), typed prefixes, phrases. */
export interface MarkTerms {
  exact: ReadonlySet<string>;
  prefixes: readonly string[];
  phrases: readonly string[][];
}

export const markTermsOf = (parsed: ParsedQuery, expansions: Expansions): MarkTerms => {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const w of parsed.words) {
    if (w.prefix === 'typed') prefixes.push(w.text);
    else exact.add(w.text);
    for (const t of expansions.get(w.text) ?? []) exact.add(t);
  }
  return { exact, prefixes, phrases: parsed.phrases };
};

const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;

interface Token {
  start: number;
  end: number;
  folded: string;
}

/**
 * The passage of about `size` tokens holding the most matches, with each match (a whole phrase
 * as one) wrapped in the private markers; null when nothing in `text` matches.
 */
export const cutPassage = (text: string, terms: MarkTerms, size = 16): string | null => {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) tokens.push({ start: m.index, end: m.index + m[0].length, folded: fold(m[0]) });
  // spanEnd[i] > i marks a match starting at token i and running to spanEnd[i] (exclusive).
  const spanEnd = new Int32Array(tokens.length);
  let any = false;
  tokens.forEach((t, i) => {
    if (terms.exact.has(t.folded) || terms.prefixes.some((p) => t.folded.startsWith(p))) {
      spanEnd[i] = i + 1;
      any = true;
    }
  });
  for (const phrase of terms.phrases) {
    for (let i = 0; i + phrase.length <= tokens.length; i++) {
      if (phrase.every((p, k) => tokens[i + k]!.folded === p)) {
        spanEnd[i] = Math.max(spanEnd[i]!, i + phrase.length);
        any = true;
      }
    }
  }
  if (!any) return null;
  const from = bestWindow(spanEnd, size);
  const to = Math.min(tokens.length, from + size);
  let out = from > 0 ? '…' : '';
  let cursor = tokens[from]!.start;
  for (let i = from; i < to; i++) {
    if (spanEnd[i]! <= i) continue;
    const last = Math.min(spanEnd[i]!, to) - 1;
    out += text.slice(cursor, tokens[i]!.start) + MARK_OPEN + text.slice(tokens[i]!.start, tokens[last]!.end) + MARK_CLOSE;
    cursor = tokens[last]!.end;
    i = last;
  }
  out += text.slice(cursor, tokens[to - 1]!.end);
  return to < tokens.length ? `${out}…` : out;
};

// The start of the window of `size` tokens with the most match starts (earliest on ties).
const bestWindow = (spanEnd: Int32Array, size: number): number => {
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < spanEnd.length; i++) {
    if (spanEnd[i]! > i) count++;
    if (i >= size && spanEnd[i - size]! > i - size) count--;
    const start = Math.max(0, i - size + 1);
    if (count > bestCount) {
      bestCount = count;
      best = start;
    }
  }
  // Start a little before the first match so it has some context on the left.
  const first = spanEnd.findIndex((e, i) => e > i && i >= best);
  return Math.max(0, Math.min(best, first - 2));
};
