/** Line breaking at real glyph widths for the letter renderer (pdf-lib fonts). */
import type { PDFFont } from 'pdf-lib';

/** Advance widths of single characters, measured once per font, size and character. */
const charWidths = new WeakMap<PDFFont, Map<number, Map<string, number>>>();
const widthsFor = (font: PDFFont, size: number): Map<string, number> => {
  let bySize = charWidths.get(font);
  if (!bySize) charWidths.set(font, (bySize = new Map()));
  let widths = bySize.get(size);
  if (!widths) bySize.set(size, (widths = new Map()));
  return widths;
};

/**
 * How far the sum of single-character widths may be from the width of the shaped text, as a
 * fraction of the line. Shaping only ever narrows Latin text in these fonts (ligatures: "fi" in
 * DejaVu Serif Bold by up to 11 %); it never widens it, the small margin is for safety. A sum
 * outside these bounds decides alone; inside, the text is measured as pdf-lib will draw it.
 */
const SHAPED_NARROWER = 0.25;
const SHAPED_WIDER = 0.02;

/** The largest n in [1, count] for which `ok(n)` holds (1 when none does), `ok` being monotone; starts from `guess`. */
const lastHolding = (count: number, guess: number, ok: (n: number) => boolean): number => {
  // ok(lo) holds (or lo = 0), ok(hi) does not (or hi = count + 1); gallop away from the guess, then halve.
  let lo = 0;
  let hi = count + 1;
  let step = 1;
  if (ok(guess)) {
    lo = guess;
    while (lo + step <= count) {
      if (!ok(lo + step)) {
        hi = lo + step;
        break;
      }
      lo += step;
      step *= 2;
    }
  } else {
    hi = guess;
    while (hi - step >= 1) {
      if (ok(hi - step)) {
        lo = hi - step;
        break;
      }
      hi -= step;
      step *= 2;
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return Math.max(1, lo);
};

/**
 * Greedy wrap at real glyph widths; a word wider than the line is broken between letters.
 * Linear in the text: each character's width is measured once and summed, and text is shaped
 * and measured only when that sum is near the line width, so about a line's worth at a time.
 */
export const wrapText = (text: string, font: PDFFont, size: number, width: number): string[] => {
  const cache = widthsFor(font, size);
  const charWidth = (ch: string): number => {
    let w = cache.get(ch);
    if (w === undefined) cache.set(ch, (w = font.widthOfTextAtSize(ch, size)));
    return w;
  };
  /** Whether the text fits, given the sum of its characters' widths; `text` is built and measured only when that is close. */
  const fits = (estimate: number, text: () => string): boolean => {
    if (estimate > width * (1 + SHAPED_NARROWER)) return false;
    if (estimate <= width * (1 - SHAPED_WIDER)) return true;
    return font.widthOfTextAtSize(text(), size) <= width;
  };
  const space = charWidth(' ');
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0; // the sum of its characters' widths
  for (const word of text.split(/ +/).filter(Boolean)) {
    const chars = [...word];
    // sum[i]: the widths of the first i characters added up.
    const sum = new Float64Array(chars.length + 1);
    for (let i = 0; i < chars.length; i++) sum[i + 1] = sum[i]! + charWidth(chars[i]!);
    const next = () => (line ? `${line} ${word}` : word);
    const nextWidth = line ? lineWidth + space + sum[chars.length]! : sum[chars.length]!;
    if (fits(nextWidth, next)) {
      line = next();
      lineWidth = nextWidth;
      continue;
    }
    if (line) lines.push(line);
    // Cut off the longest prefix that fits (a letter at least) until the rest fits.
    let from = 0;
    const part = (n: number) => chars.slice(from, from + n).join('');
    const partFits = (n: number) => fits(sum[from + n]! - sum[from]!, () => part(n));
    while (!partFits(chars.length - from)) {
      const left = chars.length - from;
      const guess = lastHolding(left, 1, (n) => sum[from + n]! - sum[from]! <= width);
      const n = lastHolding(left, guess, partFits);
      lines.push(part(n));
      from += n;
    }
    line = part(chars.length - from);
    lineWidth = sum[chars.length]! - sum[from]!;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
};
