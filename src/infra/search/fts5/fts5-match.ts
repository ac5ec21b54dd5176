import type { ParsedQuery } from '../query-parser.ts';

/**
 * Builds FTS5 MATCH expressions from a parsed query. Every token goes inside double quotes (an
 * FTS5 string), so nothing a user types can act as an operator, column filter or NEAR group.
 */

/** An FTS5 string literal: double quotes, inner quotes doubled. */
export const quoteFts = (token: string): string => `"${token.replace(/"/g, '""')}"`;

/** Alternatives per query word (folded word → completions and/or typo candidates). */
export type Expansions = ReadonlyMap<string, readonly string[]>;

/**
 * All groups joined by AND: each word an OR of itself (an FTS5 prefix for `word*`) and its
 * alternatives; each phrase and letter number an exact phrase. Empty string for an empty query.
 */
export const buildMatch = (parsed: ParsedQuery, expansions: Expansions = new Map()): string => {
  const groups: string[] = [];
  for (const w of parsed.words) {
    const alternatives = [quoteFts(w.text) + (w.prefix === 'typed' ? '*' : ''), ...(expansions.get(w.text) ?? []).map(quoteFts)];
    groups.push(alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`);
  }
  for (const p of parsed.phrases) groups.push(quoteFts(p.join(' ')));
  return groups.join(' AND ');
};

/** Merges alternative lists per word (completions first), without repeats. */
export const mergeExpansions = (...lists: Expansions[]): Map<string, string[]> => {
  const out = new Map<string, string[]>();
  for (const list of lists) for (const [word, terms] of list) out.set(word, [...new Set([...(out.get(word) ?? []), ...terms])]);
  return out;
};
