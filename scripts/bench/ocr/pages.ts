/**
 * The bench's page set: full scanned letter pages from the fixture generator (seeds 100+),
 * written once as JPEG files (what the native CLI reads) and as an image-only PDF (what
 * OCRmyPDF reads), with the generator's text as ground truth.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { scanPage, scansAsPdf, type ScanPage } from '../../fixtures/scan-fixtures.ts';

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

export const FIRST_SEED = 100;

export const buildPageSet = async (dir: string, count: number): Promise<BenchPageSet> => {
  await mkdir(dir, { recursive: true });
  const scans: ScanPage[] = [];
  const pages: BenchPage[] = [];
  for (let i = 0; i < count; i++) {
    const seed = FIRST_SEED + i;
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
