/**
 * Search-box queries a person would type: 1–3 consecutive words of a corpus letter's text
 * (lower case, words of 4+ letters), about a third with two neighbouring letters swapped.
 */
import { createRandom, generateLetter } from '../../fixtures/letter-text.ts';
import { CORPUS_SEED } from './office.ts';

const typo = (w: string, at: number): string => (w.length < 5 ? w : w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2));

export const typedQueries = (count: number, corpus: number): string[] => {
  const r = createRandom(6);
  const out: string[] = [];
  while (out.length < count) {
    const words = generateLetter(CORPUS_SEED + r.int(0, corpus - 1))
      .text.toLowerCase()
      .split(/[^a-z]+/)
      .filter((w) => w.length >= 4);
    if (words.length < 3) continue;
    const n = r.int(1, 3);
    const at = r.int(0, words.length - n);
    const picked = words.slice(at, at + n);
    if (r.next() < 0.33) {
      const k = r.int(0, n - 1);
      picked[k] = typo(picked[k]!, r.int(1, Math.max(1, picked[k]!.length - 3)));
    }
    const q = picked.join(' ');
    if (!out.includes(q)) out.push(q);
  }
  return out;
};
