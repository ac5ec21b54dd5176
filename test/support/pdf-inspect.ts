/** What poppler sees in a PDF beyond its plain text: where each word sits, and the images drawn. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const withFile = async <T>(pdf: Uint8Array, fn: (file: string) => Promise<T>): Promise<T> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-inspect-'));
  try {
    await writeFile(path.join(dir, 'in.pdf'), pdf);
    return await fn(path.join(dir, 'in.pdf'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

export interface PdfWord {
  page: number;
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** Every word with its box (pdftotext -bbox; y grows downwards from the page's top). */
export const pdfWords = (pdf: Uint8Array): Promise<PdfWord[]> =>
  withFile(pdf, async (file) => {
    const { stdout } = await run('pdftotext', ['-bbox', file, '-'], { maxBuffer: 16 * 1024 * 1024 });
    const words: PdfWord[] = [];
    let page = 0;
    for (const l of stdout.split('\n')) {
      if (/<page /.test(l)) page++;
      const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(l);
      if (m) words.push({ page, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5]!.replace(/&amp;/g, '&') });
    }
    return words;
  });

/** The images drawn on the pages (pdfimages -list): page, width and height in pixels, and type. */
export const pdfImages = (pdf: Uint8Array): Promise<{ page: number; width: number; height: number; type: string }[]> =>
  withFile(pdf, async (file) => {
    const { stdout } = await run('pdfimages', ['-list', file]);
    return stdout
      .split('\n')
      .slice(2)
      .map((l) => l.trim().split(/\s+/))
      .filter((c) => c.length > 5)
      .map((c) => ({ page: Number(c[0]), width: Number(c[3]), height: Number(c[4]), type: c[2]! }));
  });
