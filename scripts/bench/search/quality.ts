/**
 * Search quality on generated letters: recall@10 and MRR for the queries staff type — a quoted
 * phrase, a rare word, a misspelled word, a letter number, a sender's name. The relevant set of
 * each query is decided by brute force over the letters' own text (folded as the index folds),
 * never by the engine under test.
 */
import type { SearchDocument, SearchIndex } from '../../../src/ports/search-index.ts';
import { tokenize } from '../../../src/infra/search/text-fold.ts';
import { createRandom, generateLetter, type GeneratedLetter, type Random } from '../../fixtures/letter-text.ts';
import { misspell } from './queries.ts';

export type QueryKind = 'phrase' | 'rare word' | 'misspelled word' | 'letter number' | 'sender';

interface Judged {
  kind: QueryKind;
  q: string;
  relevant: Set<string>;
}

/** A generated letter as the index receives it. */
export const letterDocument = (letter: GeneratedLetter): SearchDocument => ({
  id: `letter-${letter.seed}`,
  kind: 'incoming',
  title: letter.subject,
  text: letter.text,
  letterNumber: letter.letterNumber,
  sender: letter.sender,
  tags: [],
  classificationCode: letter.classificationCode,
  unitCode: letter.letterNumber.split('/')[2] ?? 'SETDA',
  securityLevel: 'biasa',
  documentDate: letter.letterDate,
  createdAt: `${letter.letterDate}T08:00:00.000Z`,
  readers: [],
  retentionPhase: 'active',
});

const ADMIN = { userId: 'bench', allUnits: true, unitCodes: [], maxSecurityRank: 3 };

/** Builds `perKind` queries of each kind over the letters, with their relevant sets. */
const judgedQueries = (letters: GeneratedLetter[], perKind: number, r: Random): Judged[] => {
  const texts = letters.map((l) => ` ${tokenize(`${l.subject} ${l.sender} ${l.letterNumber} ${l.text}`).join(' ')} `);
  const ids = letters.map((l) => `letter-${l.seed}`);
  const containing = (phrase: string) => new Set(ids.filter((_, i) => texts[i]!.includes(` ${phrase} `)));
  const df = new Map<string, number>();
  for (const t of texts) for (const w of new Set(t.trim().split(' '))) df.set(w, (df.get(w) ?? 0) + 1);
  const out: Judged[] = [];
  for (let k = 0; k < perKind; k++) {
    const letter = r.pick(letters);
    const paragraph = tokenize(r.pick(letter.paragraphs));
    const ws = paragraph.filter((w) => !/\d/.test(w));
    const start = r.int(0, Math.max(0, paragraph.length - 3));
    const phrase = paragraph.slice(start, start + 3).join(' ');
    out.push({ kind: 'phrase', q: `"${phrase}"`, relevant: containing(phrase) });
    const rare = [...ws].sort((a, b) => df.get(a)! - df.get(b)! || (a < b ? -1 : 1))[0]!;
    out.push({ kind: 'rare word', q: rare, relevant: containing(rare) });
    // Typo tolerance starts at 5 letters, so a word stays at least that long once misspelled.
    const long = ws.filter((w) => w.length >= 6 && df.get(w)! <= letters.length / 2);
    if (long.length > 0) {
      const target = r.pick(long);
      out.push({ kind: 'misspelled word', q: misspell(target, r), relevant: containing(target) });
    }
    out.push({ kind: 'letter number', q: letter.letterNumber, relevant: containing(tokenize(letter.letterNumber).join(' ')) });
    out.push({ kind: 'sender', q: letter.sender, relevant: new Set(ids.filter((_, i) => letters[i]!.sender === letter.sender)) });
  }
  return out.filter((j) => j.relevant.size > 0);
};

export interface QualityFigures {
  kind: QueryKind | 'all';
  recallAt10: number;
  mrr: number;
  queries: number;
}

/** Indexes `count` generated letters into `index` and measures recall@10 and MRR per query kind. */
export const measureQuality = async (index: SearchIndex, count: number, perKind: number): Promise<QualityFigures[]> => {
  const letters = Array.from({ length: count }, (_, i) => generateLetter(100_000 + i));
  await index.upsert(letters.map(letterDocument));
  const judged = judgedQueries(letters, perKind, createRandom(2025));
  const scores: { kind: QueryKind; recall: number; rr: number }[] = [];
  for (const j of judged) {
    const found = (await index.search({ q: j.q, filters: {}, scope: ADMIN, page: 1, limit: 10 })).items.map((h) => h.id);
    const hits = found.filter((id) => j.relevant.has(id)).length;
    const first = found.findIndex((id) => j.relevant.has(id));
    scores.push({ kind: j.kind, recall: hits / Math.min(10, j.relevant.size), rr: first === -1 ? 0 : 1 / (first + 1) });
  }
  const summarize = (kind: QueryKind | 'all'): QualityFigures => {
    const s = kind === 'all' ? scores : scores.filter((x) => x.kind === kind);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    return { kind, recallAt10: mean(s.map((x) => x.recall)), mrr: mean(s.map((x) => x.rr)), queries: s.length };
  };
  const kinds: QueryKind[] = ['phrase', 'rare word', 'misspelled word', 'letter number', 'sender'];
  return [...kinds.map(summarize), summarize('all')];
};
