/**
 * Turns pdf.js text items into plain text: items are kept in content order, a line break is
 * put where the baseline moves (or pdf.js marks an end of line), and a space where there is a
 * visible gap between two items on the same line.
 */
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  hasEOL: boolean;
}

const toItems = (raw: unknown[]): Item[] =>
  raw.flatMap((r) => {
    const it = r as { str?: string; transform?: number[]; width?: number; hasEOL?: boolean };
    if (typeof it.str !== 'string' || !it.transform) return [];
    const [a = 0, b = 0, , , e = 0, f = 0] = it.transform;
    return [{ str: it.str, x: e, y: f, width: it.width ?? 0, size: Math.hypot(a, b) || 1, hasEOL: it.hasEOL === true }];
  });

/** Joins text items of one page into lines. Exported for tests of the spacing rules. */
export const joinTextItems = (raw: unknown[]): string => {
  let out = '';
  let prev: Item | null = null;
  for (const it of toItems(raw)) {
    if (it.str.length > 0) {
      if (prev) {
        const newLine = Math.abs(it.y - prev.y) > 0.5 * Math.min(it.size, prev.size);
        if (newLine) {
          if (!out.endsWith('\n')) out += '\n';
        } else {
          const gap = it.x - (prev.x + prev.width);
          if (gap > 0.15 * it.size && !/\s$/.test(out) && !/^\s/.test(it.str)) out += ' ';
        }
      }
      out += it.str;
      prev = it;
    }
    if (it.hasEOL && prev && !out.endsWith('\n')) out += '\n';
  }
  return out
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter((l, i, all) => l.length > 0 || (i > 0 && all[i - 1]!.length > 0))
    .join('\n')
    .trim();
};

/** The text layer of a page (empty when it has none). */
export const pageTextLayer = async (page: PDFPageProxy): Promise<string> => {
  const content = await page.getTextContent({ includeMarkedContent: false, disableNormalization: false });
  return joinTextItems(content.items);
};

/**
 * Whether a text layer is real text rather than a stray page number or a scanner's invisible
 * one-word stamp: enough letters to be worth indexing instead of OCR.
 */
export const hasMeaningfulText = (text: string): boolean => (text.match(/\p{L}/gu)?.length ?? 0) >= 20;
