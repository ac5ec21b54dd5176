/**
 * Benchmark queries: 1–3 distinct words of an indexed document (so a query has somewhere to
 * land; drawn among the document's distinct words, not its running text, since people search
 * for what a letter is about more than for its function words), about 30 % of the words of 5+
 * letters misspelled by one random edit, as users type.
 */
import type { AccessScope, SearchDocument } from '../../../src/ports/search-index.ts';
import { createRandom, type Random } from '../../fixtures/letter-text.ts';
import { tokenize } from '../../../src/infra/search/text-fold.ts';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One random edit (substitute, delete, insert or transpose) away from the position 1 on. */
export const misspell = (word: string, r: Random): string => {
  const i = r.int(1, word.length - 2);
  switch (r.int(0, 3)) {
    case 0: {
      let c = r.pick([...LETTERS]);
      if (c === word[i]) c = c === 'a' ? 'e' : 'a';
      return word.slice(0, i) + c + word.slice(i + 1);
    }
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + r.pick([...LETTERS]) + word.slice(i);
    default:
      return word[i] === word[i + 1] ? `${word.slice(0, i)}x${word.slice(i + 1)}` : word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  }
};

/** A staff member's scope (two units, up to terbatas) or an admin's (everything), alternately. */
export const scopeFor = (i: number): AccessScope =>
  i % 2 === 0
    ? { userId: 'user-7', allUnits: false, unitCodes: ['BKD', 'DINKES', 'SETDA'], maxSecurityRank: 1 }
    : { userId: 'admin', allUnits: true, unitCodes: [], maxSecurityRank: 3 };

/** `count` queries drawn from documents `doc(0..size-1)`, deterministic for a seed. */
export const benchQueries = (doc: (i: number) => SearchDocument, size: number, count: number, seed = 7): { q: string; misspelled: number }[] => {
  const r = createRandom(seed);
  const out: { q: string; misspelled: number }[] = [];
  while (out.length < count) {
    const words = [...new Set(tokenize(doc(r.int(0, size - 1)).text).filter((w) => w.length >= 3))];
    if (words.length === 0) continue;
    const n = r.int(1, 3);
    const picked: string[] = [];
    let misspelled = 0;
    for (let k = 0; k < n; k++) {
      let w = r.pick(words);
      if (w.length >= 5 && r.next() < 0.3) {
        w = misspell(w, r);
        misspelled++;
      }
      picked.push(w);
    }
    out.push({ q: picked.join(' '), misspelled });
  }
  return out;
};
