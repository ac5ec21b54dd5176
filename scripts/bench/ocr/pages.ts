/**
 * The bench's page set: full scanned letter pages from the fixture generator, written once as
 * JPEG files (what the native CLI reads) and as an image-only PDF (what OCRmyPDF reads), with
 * the generator's text as ground truth.
 *
 * Two seed ranges of the same generator. The preprocessing, the segmentation choice and the
 * model choice were tuned on TUNING_SEEDS (100–111): a figure on those pages is in-sample and
 * flatters us. The bench reports on HELD_OUT_SEEDS (300–311), which nothing was tuned on; the
 * tuning pages stay available (`npm run bench -- ocr --tuning-pages`) to see the gap. Do not
 * tune anything on the held-out pages: move the range instead, and say so.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { scanPage, scansAsPdf, type ScanPage } from '../../fixtures/scan-fixtures.ts';
import { scanLook } from '../../fixtures/scan-degrade.ts';
import { generateLetter } from '../../fixtures/letter-text.ts';

export interface BenchPage {
  seed: number;
  jpegPath: string;
  truth: string;
}

export interface BenchPageSet {
  pages: BenchPage[];
  /** All pages as one image-only PDF, in order. */
  pdfPath: string;
}

/** What the settings were tuned on (in-sample). */
export const TUNING_SEEDS = { first: 100, count: 12, name: 'tuning pages (in-sample: the settings were tuned on them)' } as const;
/** What the bench reports on (held out: nothing was tuned on them). */
export const HELD_OUT_SEEDS = { first: 300, count: 12, name: 'held-out pages (nothing was tuned on them)' } as const;

/**
 * The seeds of a range; `quick` keeps the first 4, which hold one hard page (seed % 4 === 3,
 * see scanLook) like every 4 seeds of the full range.
 */
export const seedsOf = (range: { first: number; count: number }, quick: boolean): number[] =>
  Array.from({ length: quick ? 4 : range.count }, (_, i) => range.first + i);

/**
 * The kind and difficulty of a set of pages, from the generator's own parameters, so two
 * ranges can be seen to be alike: hard pages, mean rotation, blur, noise, JPEG quality,
 * pages with a table, characters of text.
 */
export const describeSeeds = (seeds: number[]): string => {
  const looks = seeds.map(scanLook);
  const letters = seeds.map(generateLetter);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  return [
    `seeds ${seeds[0]}–${seeds.at(-1)}`,
    `${seeds.filter((s) => s % 4 === 3).length} hard`,
    `|angle| ${mean(looks.map((l) => Math.abs(l.angle))).toFixed(2)}°`,
    `blur σ ${mean(looks.map((l) => l.blurSigma)).toFixed(2)}`,
    `noise ${mean(looks.map((l) => l.noise)).toFixed(1)}`,
    `shadow ${mean(looks.map((l) => l.shadow)).toFixed(2)}`,
    `JPEG q ${mean(looks.map((l) => l.jpegQuality)).toFixed(0)}`,
    `${letters.filter((l) => l.blocks.some((b) => b.kind === 'table')).length} with a table`,
    `${mean(letters.map((l) => l.text.length)).toFixed(0)} chars/page`,
  ].join(', ');
};

export const buildPageSet = async (dir: string, seeds: number[]): Promise<BenchPageSet> => {
  await mkdir(dir, { recursive: true });
  const scans: ScanPage[] = [];
  const pages: BenchPage[] = [];
  for (const seed of seeds) {
    const scan = await scanPage(seed);
    const jpegPath = path.join(dir, `page-${seed}.jpg`);
    await writeFile(jpegPath, scan.jpeg);
    scans.push(scan);
    pages.push({ seed, jpegPath, truth: scan.letter.text });
  }
  const pdfPath = path.join(dir, 'pages.pdf');
  await writeFile(pdfPath, await scansAsPdf(scans));
  return { pages, pdfPath };
};
