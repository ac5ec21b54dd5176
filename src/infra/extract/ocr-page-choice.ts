/**
 * Choosing a page segmentation per page. Automatic layout (PSM 3) reads tables and columns
 * right but sometimes drops whole paragraphs of a noisy page; one uniform block (PSM 6) reads
 * those paragraphs but wrecks tables. We run PSM 3, compare the lines it read with the text
 * lines the page's ink shows, and only when it read too little (or read it unsure) run PSM 6
 * and keep whichever result carries more confident text.
 */
import type { OcrLine, RasterImage } from '../../ports/ocr-engine.ts';

export interface WordSummary {
  text: string;
  confidence: number;
}

export interface PassSummary {
  text: string;
  words: WordSummary[];
  /** Lines that hold at least one word. */
  lines: number;
  /** Those lines' words with their boxes. */
  layout: OcrLine[];
  confidence: number;
}

/**
 * Counts bands of ink rows on a grayscale (or RGB) raster: roughly the printed text lines.
 * The outer tenth on each side is ignored (a photographed page's edge or the desk would ink
 * every row). Works on every 4th row and column: a few milliseconds on a 300 dpi page.
 */
export const inkLineCount = (img: RasterImage): number => {
  const { width, height, channels, data } = img;
  const step = 4;
  const left = Math.floor(width * 0.1);
  const right = Math.ceil(width * 0.9);
  const rowInk: number[] = [];
  for (let y = 0; y < height; y += step) {
    let dark = 0;
    for (let x = left; x < right; x += step) if (data[(y * width + x) * channels]! < 110) dark++;
    rowInk.push(dark / Math.ceil((right - left) / step));
  }
  // A text row has a little ink; a rule line or a dark border has a lot; blank has none.
  let lines = 0;
  let run = 0;
  for (const r of [...rowInk, 0]) {
    if (r > 0.02 && r < 0.5) run++;
    else {
      // A text line at 300 dpi is 20–60 px tall: at least 2 sampled rows.
      if (run >= 2) lines++;
      run = 0;
    }
  }
  return lines;
};

/** Confident characters: what a reader can use from a pass. Garbage from noise scores low. */
export const passScore = (p: PassSummary): number => p.words.reduce((sum, w) => sum + (w.confidence >= 50 ? w.text.length * (w.confidence / 100) : 0), 0);

/**
 * Whether PSM 3's pass looks incomplete: clearly fewer lines than the ink shows, or an
 * unsure read overall. `inkLines` is 0 when unknown (encoded input), then only confidence counts.
 */
export const needsBlockPass = (auto: PassSummary, inkLines: number): boolean => {
  if (auto.words.length === 0) return inkLines > 0;
  if (inkLines > 0 && auto.lines < 0.75 * inkLines) return true;
  return auto.confidence < 70;
};

/** The better of the two passes. */
export const betterPass = (auto: PassSummary, block: PassSummary): PassSummary => (passScore(block) > passScore(auto) * 1.05 ? block : auto);
