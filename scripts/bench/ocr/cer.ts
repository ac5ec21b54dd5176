/**
 * Character error rate the way QUALITY.md pools it: edits (Levenshtein) between recognised
 * text and ground truth after whitespace normalisation, summed over pages and divided by the
 * total ground-truth characters, so one failed page weighs in full.
 */

/** Collapses every whitespace run to one space; OCR line breaks and spacing are not errors. */
export const normaliseWhitespace = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Levenshtein distance with two rolling rows (texts of a page are a few thousand chars). */
export const editDistance = (a: string, b: string): number => {
  if (a.length < b.length) [a, b] = [b, a];
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      cur[j] = sub < del ? Math.min(sub, ins) : Math.min(del, ins);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
};

export interface PageErrors {
  edits: number;
  chars: number;
}

export const pageErrors = (recognised: string, truth: string): PageErrors => {
  const t = normaliseWhitespace(truth);
  return { edits: editDistance(normaliseWhitespace(recognised), t), chars: t.length };
};

/** Pooled CER in percent. */
export const pooledCer = (pages: PageErrors[]): number =>
  (100 * pages.reduce((s, p) => s + p.edits, 0)) /
  Math.max(
    1,
    pages.reduce((s, p) => s + p.chars, 0),
  );

/** One page's CER in percent. */
export const pageCer = (p: PageErrors): number => (100 * p.edits) / Math.max(1, p.chars);
