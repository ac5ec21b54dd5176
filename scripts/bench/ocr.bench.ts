/**
 * OCR bars from QUALITY.md on generated phone-scanned letter pages (12; --quick 3) with the
 * generator's text as ground truth:
 * - time per page, preprocessing included, one worker, vs the native `tesseract` CLI
 *   (OMP_THREAD_LIMIT=1, -l ind) on the same JPEGs, run page by page in alternation so
 *   a noisy machine slows both alike (bar: ratio ≤ 1.5); the same with Debian's
 *   tessdata_fast model (the engine's opt-in `tessdataDir`) for comparison;
 * - pooled CER of ours, the native CLI and OCRmyPDF as Paperless-ngx runs it, text from its
 *   sidecar (bar: ours ≤ OCRmyPDF's, and no page more than 5 points worse than OCRmyPDF's);
 * - pool throughput with N = cores workers vs one (bar: ≥ 0.85 × N).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Bench, type BenchFigure, median } from './figure.ts';
import { pageCer, pageErrors, pooledCer, type PageErrors } from './ocr/cer.ts';
import { ensureNativeTools, nativeTesseract, ocrmypdfPages } from './ocr/native-tools.ts';
import { buildPageSet, type BenchPage } from './ocr/pages.ts';
import { createTesseractOcrEngine } from '../../src/infra/extract/tesseract-ocr.engine.ts';
import { decodeImagePage } from '../../src/infra/extract/image-file.ts';
import { preparePage } from '../../src/infra/extract/ocr-preprocess.ts';
import type { OcrEngine, RasterImage } from '../../src/ports/ocr-engine.ts';

const MAX_PIXELS = 100_000_000;
/** Debian's tessdata_fast models (tesseract-ocr-ind, -eng), for the opt-in `tessdataDir`. */
const DEBIAN_TESSDATA = '/usr/share/tesseract-ocr/5/tessdata';

const seconds = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const v = await fn();
  return [v, (performance.now() - t) / 1000];
};

/** Our whole path for an image page: decode, clean, recognise; with this process's CPU seconds. */
const ourPage = async (engine: OcrEngine, page: BenchPage): Promise<{ text: string; cpuS: number }> => {
  const cpu = process.cpuUsage();
  const prepared = await preparePage(await decodeImagePage(page.jpegPath, 0, MAX_PIXELS));
  const { text } = await engine.recognize(prepared.image);
  const used = process.cpuUsage(cpu);
  return { text, cpuS: (used.user + used.system) / 1e6 };
};

const load = () => os.loadavg()[0]!.toFixed(1);

/** Seconds `engine` takes over `images`, all submitted at once. */
const throughputSeconds = async (engine: OcrEngine, images: RasterImage[]): Promise<number> =>
  (await seconds(() => Promise.all(images.map((img) => engine.recognize(img)))))[1];

const bench: Bench = async ({ quick }) => {
  const log = (s: string) => console.log(`  ${s}`);
  ensureNativeTools(log);
  const cores = os.availableParallelism();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-ocr-bench-'));
  try {
    const set = await buildPageSet(path.join(dir, 'pages'), quick ? 3 : 12);
    const scratchDir = path.join(dir, 'scratch');
    const one = createTesseractOcrEngine({ scratchDir, workers: 1 });
    const fast = createTesseractOcrEngine({ scratchDir, workers: 1, tessdataDir: DEBIAN_TESSDATA });
    await Promise.all([one.warm(), fast.warm()]);

    const loadBefore = load();
    const ours: { s: number; cpuS: number; err: PageErrors }[] = [];
    const native: { s: number; cpuS: number; err: PageErrors }[] = [];
    const oursFast: { s: number; cpuS: number; err: PageErrors }[] = [];
    const show = (r: { s: number; cpuS: number; err: PageErrors }) => `${r.s.toFixed(2)} s (cpu ${r.cpuS.toFixed(2)}) CER ${pageCer(r.err).toFixed(2)} %`;
    for (const page of set.pages) {
      const [n, ns] = await seconds(() => nativeTesseract(page.jpegPath, path.join(dir, `native-${page.seed}`)));
      native.push({ s: ns, cpuS: n.cpuS, err: pageErrors(n.text, page.truth) });
      const [o, os_] = await seconds(() => ourPage(one, page));
      ours.push({ s: os_, cpuS: o.cpuS, err: pageErrors(o.text, page.truth) });
      const [f, fs] = await seconds(() => ourPage(fast, page));
      oursFast.push({ s: fs, cpuS: f.cpuS, err: pageErrors(f.text, page.truth) });
      log(`page ${page.seed}: ours ${show(ours.at(-1)!)} | ours+fast ${show(oursFast.at(-1)!)} | native ${show(native.at(-1)!)}`);
    }
    await fast.close();
    const loadNote = `load average ${loadBefore} → ${load()} on ${cores} cores`;

    const [ocrmypdfTexts, ocrmypdfS] = await seconds(() => ocrmypdfPages(set.pdfPath, path.join(dir, 'ocrmypdf.pdf'), set.pages.length, cores));
    const reference = set.pages.map((p, i) => pageErrors(ocrmypdfTexts[i] ?? '', p.truth));
    const gaps = ours.map((o, i) => pageCer(o.err) - pageCer(reference[i]!));
    log(`ocrmypdf per page CER: ${reference.map((r) => pageCer(r).toFixed(2)).join(' ')}`);

    // Throughput on already-cleaned rasters: this measures the pool, not preprocessing. One
    // worker and the pool take turns over the same batch, so a load change hits both alike.
    const images = await Promise.all(set.pages.map(async (p) => (await preparePage(await decodeImagePage(p.jpegPath, 0, MAX_PIXELS))).image));
    // A whole number of pages per worker, so the pool is never waiting on one straggler.
    const batch = Array.from({ length: cores * 2 }, (_, i) => images[i % images.length]!);
    const pool = createTesseractOcrEngine({ scratchDir, workers: cores });
    await pool.warm();
    let singleS = 0;
    let pooledS = 0;
    const rounds = quick ? 1 : 3;
    for (let r = 0; r < rounds; r++) {
      singleS += await throughputSeconds(one, batch);
      pooledS += await throughputSeconds(pool, batch);
    }
    await Promise.all([one.close(), pool.close()]);
    const single = ((batch.length * rounds) / singleS) * 60;
    const pooled = ((batch.length * rounds) / pooledS) * 60;

    const oursCer = pooledCer(ours.map((o) => o.err));
    const figures: BenchFigure[] = [
      {
        name: 'OCR time per scanned page, one worker, preprocessing included (median)',
        value: median(ours.map((o) => o.s)),
        unit: 's/page',
        reference: { name: 'native tesseract CLI (OMP_THREAD_LIMIT=1, -l ind)', value: median(native.map((n) => n.s)) },
        bar: { op: '<=', limit: 1.5, of: 'ratio' },
        note: `${set.pages.length} pages of 300 dpi phone scans, run alternately; ours reads ind+eng; ${loadNote}`,
      },
      {
        name: 'OCR CPU time per scanned page, one worker, preprocessing included (median)',
        value: median(ours.map((o) => o.cpuS)),
        unit: 'cpu s/page',
        reference: { name: 'native tesseract CLI', value: median(native.map((n) => n.cpuS)) },
        note: 'information: CPU seconds are less distorted by a busy machine than wall time',
      },
      {
        name: 'OCR time per scanned page, one worker, with Debian tessdata_fast (opt-in tessdataDir)',
        value: median(oursFast.map((o) => o.s)),
        unit: 's/page',
        reference: { name: 'native tesseract CLI', value: median(native.map((n) => n.s)) },
        bar: { op: '<=', limit: 1.5, of: 'ratio' },
        note: `cpu ${median(oursFast.map((o) => o.cpuS)).toFixed(2)} s/page; pooled CER ${pooledCer(oursFast.map((o) => o.err)).toFixed(2)} %`,
      },
      {
        name: 'OCR pooled character error rate, ours',
        value: oursCer,
        unit: '%',
        reference: { name: 'OCRmyPDF (Paperless-ngx defaults)', value: pooledCer(reference) },
        bar: { op: '<=', limit: 1, of: 'ratio' },
      },
      {
        name: 'OCR pooled character error rate, native tesseract CLI',
        value: pooledCer(native.map((n) => n.err)),
        unit: '%',
        note: 'information: the raw native engine, PSM 3, no preprocessing',
      },
      {
        name: 'OCRmyPDF time per page',
        value: ocrmypdfS / set.pages.length,
        unit: 's/page',
        note: `wall time with --jobs ${cores}; information only`,
      },
      {
        name: 'OCR worst page, CER points above OCRmyPDF on that page',
        value: Math.max(...gaps),
        unit: 'points',
        bar: { op: '<=', limit: 5, of: 'value' },
      },
      {
        name: `OCR pool throughput, ${cores} workers`,
        value: pooled,
        unit: 'pages/min',
        reference: { name: 'one worker', value: single },
        bar: { op: '>=', limit: 0.85 * cores, of: 'ratio' },
        note: `${rounds} round(s) of ${batch.length} cleaned pages submitted at once, alternating with one worker; load average ${load()}`,
      },
    ];
    return figures;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

export default bench;
