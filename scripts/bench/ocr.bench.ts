/**
 * OCR bars of docs/quality.md (rows ocr-time, ocr-accuracy, ocr-worst-page, ocr-pool) on
 * generated phone-scanned letter pages with the generator's text as ground truth.
 *
 * Pages: the HELD-OUT seeds 300–311 (--quick: 300–303). The preprocessing, the segmentation
 * choice and the model choice were tuned on seeds 100–111; `--tuning-pages` runs those instead
 * (in-sample, flattering) to show the gap. Both ranges come from the same generator with the
 * same mix (every fourth seed a hard page); the bench prints both ranges' parameters.
 *
 * Peers, each run with what the documented reference uses AND with what Naskah reads with:
 * - native `tesseract` CLI (OMP_THREAD_LIMIT=1, PSM 3, LSTM): `-l ind` and `-l ind+eng`, with
 *   Debian's models (tessdata_fast) and with Naskah's own (npm tessdata_best integer models,
 *   given to the CLI with --tessdata-dir);
 * - OCRmyPDF as Paperless-ngx runs it (`-l ind`, Debian models), and with `-l ind+eng` on
 *   Debian's and on Naskah's models.
 *
 * Warm and cold: Naskah's worker is started before the clock runs (warm, as in the product);
 * the CLI starts a process and loads its models for every page (cold). The CLI's start-up is
 * measured on a blank 64×64 image per setting, and the time bar is held against the CLI's
 * warm-equivalent time (cold minus start-up), the stricter of the two; cold is printed beside it.
 *
 * Bars: ours ≤ 1.5 × the warm-equivalent native CLI `-l ind` (Debian, the fastest setting);
 * pooled CER ≤ the best peer run's (whichever languages and models); on every page no more
 * than 1 CER point worse than the best peer run on that page; N workers ≥ 0.85 × N × one.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { type Bench, type BenchFigure, median } from './figure.ts';
import { ACCURACY_BAR, poolBar, TIME_BAR, WORST_PAGE_BAR } from './ocr/bars.ts';
import { pageCer, pageErrors, pooledCer, type PageErrors } from './ocr/cer.ts';
import { DEBIAN_TESSDATA, ensureNativeTools, nativeTesseract, npmModelsTessdata, ocrmypdfPages, type NativeSetting } from './ocr/native-tools.ts';
import { buildPageSet, describeSeeds, HELD_OUT_SEEDS, seedsOf, TUNING_SEEDS, type BenchPage } from './ocr/pages.ts';
import { createTesseractOcrEngine } from '../../src/infra/extract/tesseract-ocr.engine.ts';
import { decodeImagePage } from '../../src/infra/extract/image-file.ts';
import { preparePage } from '../../src/infra/extract/ocr-preprocess.ts';
import type { OcrEngine, RasterImage } from '../../src/ports/ocr-engine.ts';

const MAX_PIXELS = 100_000_000;
/** Runs of the blank page per native setting, before and after the pages each. */
const STARTUP_RUNS = 5;

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

const load = () => os.loadavg()[0]!.toFixed(2);

/** Seconds `engine` takes over `images`, all submitted at once. */
const throughputSeconds = async (engine: OcrEngine, images: RasterImage[]): Promise<number> =>
  (await seconds(() => Promise.all(images.map((img) => engine.recognize(img)))))[1];

interface Run {
  s: number;
  cpuS: number;
  err: PageErrors;
}

interface Peer {
  label: string;
  setting: NativeSetting;
}

const bench: Bench = async ({ quick, flags }) => {
  const log = (s: string) => console.log(`  ${s}`);
  ensureNativeTools(log);
  const cores = os.availableParallelism();
  const tuning = flags.includes('--tuning-pages');
  const range = tuning ? TUNING_SEEDS : HELD_OUT_SEEDS;
  const other = tuning ? HELD_OUT_SEEDS : TUNING_SEEDS;
  const seeds = seedsOf(range, quick);
  const pagesNote = `${range.name}, ${describeSeeds(seeds)}`;
  log(`pages: ${pagesNote}`);
  log(
    `the settings were tuned on seeds ${TUNING_SEEDS.first}–${TUNING_SEEDS.first + TUNING_SEEDS.count - 1}${tuning ? ' (these pages: in-sample)' : ''}; the other range, for comparison: ${describeSeeds(seedsOf(other, quick))}`,
  );
  const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-ocr-bench-'));
  try {
    const set = await buildPageSet(path.join(dir, 'pages'), seeds);
    const npmDir = await npmModelsTessdata(path.join(dir, 'tessdata-npm'), ['ind', 'eng']);
    const debianInd: Peer = { label: '-l ind, Debian tessdata_fast', setting: { lang: 'ind' } };
    const natives: Peer[] = [
      debianInd,
      { label: '-l ind+eng, Debian tessdata_fast', setting: { lang: 'ind+eng' } },
      { label: "-l ind+eng, Naskah's npm best_int models", setting: { lang: 'ind+eng', tessdataDir: npmDir } },
      { label: "-l ind, Naskah's npm best_int models", setting: { lang: 'ind', tessdataDir: npmDir } },
    ];

    // The CLI's start-up: a blank page (nothing to recognise) through the same wrapper.
    const blank = path.join(dir, 'blank.png');
    await sharp({ create: { width: 64, height: 64, channels: 3, background: '#ffffff' } })
      .png()
      .toFile(blank);
    const startupRuns = natives.map(() => [] as number[]);
    const measureStartup = async () => {
      for (let r = 0; r < STARTUP_RUNS; r++)
        for (const [i, n] of natives.entries()) startupRuns[i]!.push((await seconds(() => nativeTesseract(blank, path.join(dir, 'blank-out'), n.setting)))[1]);
    };
    await measureStartup();

    const scratchDir = path.join(dir, 'scratch');
    const one = createTesseractOcrEngine({ scratchDir, workers: 1 });
    const fast = createTesseractOcrEngine({ scratchDir, workers: 1, tessdataDir: DEBIAN_TESSDATA });
    await Promise.all([one.warm(), fast.warm()]);

    const loadBefore = load();
    const ours: Run[] = [];
    const oursFast: Run[] = [];
    const native: Run[][] = natives.map(() => []);
    const show = (r: Run) => `${r.s.toFixed(2)} s CER ${pageCer(r.err).toFixed(2)} %`;
    for (const page of set.pages) {
      for (const [i, n] of natives.entries()) {
        const [t, s] = await seconds(() => nativeTesseract(page.jpegPath, path.join(dir, `native-${page.seed}-${i}`), n.setting));
        native[i]!.push({ s, cpuS: t.cpuS, err: pageErrors(t.text, page.truth) });
      }
      const [o, os_] = await seconds(() => ourPage(one, page));
      ours.push({ s: os_, cpuS: o.cpuS, err: pageErrors(o.text, page.truth) });
      const [f, fs] = await seconds(() => ourPage(fast, page));
      oursFast.push({ s: fs, cpuS: f.cpuS, err: pageErrors(f.text, page.truth) });
      log(
        `page ${page.seed}: ours ${show(ours.at(-1)!)} | ours+Debian fast ${show(oursFast.at(-1)!)} | ${natives.map((n, i) => `native ${n.label} ${show(native[i]!.at(-1)!)}`).join(' | ')}`,
      );
    }
    await fast.close();
    const loadAfter = load();
    await measureStartup();
    const startup = startupRuns.map((r) => median(r));
    log(`native CLI start-up (blank page, median of ${STARTUP_RUNS * 2}): ${natives.map((n, i) => `${n.label} ${startup[i]!.toFixed(3)} s`).join(' | ')}`);
    const loadNote = `load average ${loadBefore} → ${loadAfter} on ${cores} cores`;

    // OCRmyPDF: as Paperless-ngx runs it, then with Naskah's languages on both model sets.
    const ocrmypdfPeers: Peer[] = [
      { label: 'OCRmyPDF as Paperless-ngx runs it (-l ind, Debian tessdata_fast)', setting: { lang: 'ind' } },
      { label: 'OCRmyPDF -l ind+eng, Debian tessdata_fast', setting: { lang: 'ind+eng' } },
      { label: "OCRmyPDF -l ind+eng, Naskah's npm best_int models", setting: { lang: 'ind+eng', tessdataDir: npmDir } },
    ];
    const ocrmypdf: { errs: PageErrors[]; sPerPage: number }[] = [];
    for (const [i, p] of ocrmypdfPeers.entries()) {
      const [texts, s] = await seconds(() => ocrmypdfPages(set.pdfPath, path.join(dir, `ocrmypdf-${i}.pdf`), set.pages.length, cores, p.setting));
      ocrmypdf.push({ errs: set.pages.map((pg, j) => pageErrors(texts[j] ?? '', pg.truth)), sPerPage: s / set.pages.length });
      log(
        `${p.label} per page CER: ${ocrmypdf
          .at(-1)!
          .errs.map((e) => pageCer(e).toFixed(2))
          .join(' ')}`,
      );
    }

    // Every peer run, for the accuracy bars: the best of them, pooled and on each page.
    const peers = [
      ...natives.map((n, i) => ({ label: `native CLI ${n.label}`, errs: native[i]!.map((r) => r.err) })),
      ...ocrmypdfPeers.map((p, i) => ({ label: p.label, errs: ocrmypdf[i]!.errs })),
    ];
    const best = peers.reduce((a, b) => (pooledCer(b.errs) < pooledCer(a.errs) ? b : a));
    const gaps = set.pages.map((pg, j) => {
      const bestHere = peers.reduce((a, b) => (pageCer(b.errs[j]!) < pageCer(a.errs[j]!) ? b : a));
      return { seed: pg.seed, gap: pageCer(ours[j]!.err) - pageCer(bestHere.errs[j]!), peer: bestHere.label };
    });
    const worst = gaps.reduce((a, b) => (b.gap > a.gap ? b : a));
    const paperlessGap = Math.max(...set.pages.map((_, j) => pageCer(ours[j]!.err) - pageCer(ocrmypdf[0]!.errs[j]!)));

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

    const oursS = median(ours.map((o) => o.s));
    const coldS = native.map((runs) => median(runs.map((r) => r.s)));
    const warmS = coldS.map((c, i) => c - startup[i]!);
    const oursHow = 'ours: warm worker, decode + preprocessing + PSM 3, and a PSM 6 pass on pages that look incomplete, -l ind+eng, npm best_int';
    const figures: BenchFigure[] = [
      {
        name: 'OCR time per scanned page, one worker, preprocessing included (median)',
        value: oursS,
        unit: 's/page',
        reference: {
          name: `native tesseract CLI ${debianInd.label}, OMP_THREAD_LIMIT=1, warm-equivalent (cold ${coldS[0]!.toFixed(2)} − start-up ${startup[0]!.toFixed(3)})`,
          value: warmS[0]!,
        },
        bar: TIME_BAR,
        note: `against the cold CLI (a process per page, as run) ratio ${(oursS / coldS[0]!).toFixed(2)}; ${oursHow}; ${set.pages.length} ${pagesNote}; run page by page in alternation; ${loadNote}`,
      },
      ...natives.slice(1).map((n, k): BenchFigure => {
        const i = k + 1;
        return {
          name: `OCR time per scanned page, ours vs native CLI ${n.label}, warm-equivalent`,
          value: oursS,
          unit: 's/page',
          reference: { name: `native CLI ${n.label} (cold ${coldS[i]!.toFixed(2)} − start-up ${startup[i]!.toFixed(3)})`, value: warmS[i]! },
          note: `information; against the cold CLI ratio ${(oursS / coldS[i]!).toFixed(2)}`,
        };
      }),
      {
        name: 'OCR CPU time per scanned page, one worker, preprocessing included (median)',
        value: median(ours.map((o) => o.cpuS)),
        unit: 'cpu s/page',
        reference: { name: `native tesseract CLI ${debianInd.label}, cold`, value: median(native[0]!.map((n) => n.cpuS)) },
        note: `information: CPU seconds are less distorted by a busy machine than wall time; native cold cpu ${natives.map((n, i) => `${n.label} ${median(native[i]!.map((r) => r.cpuS)).toFixed(2)}`).join(', ')}`,
      },
      {
        name: 'OCR time per scanned page, one worker, with Debian tessdata_fast (opt-in OCR_TESSDATA_DIR)',
        value: median(oursFast.map((o) => o.s)),
        unit: 's/page',
        reference: { name: `native CLI -l ind+eng, Debian tessdata_fast, warm-equivalent`, value: warmS[1]! },
        note: `information (not the default); cpu ${median(oursFast.map((o) => o.cpuS)).toFixed(2)} s/page; pooled CER ${pooledCer(oursFast.map((o) => o.err)).toFixed(2)} %`,
      },
      {
        name: 'OCR pooled character error rate, ours',
        value: pooledCer(ours.map((o) => o.err)),
        unit: '%',
        reference: { name: `best peer run: ${best.label}`, value: pooledCer(best.errs) },
        bar: ACCURACY_BAR,
        note: `best of ${peers.length} peer runs; ${set.pages.length} ${pagesNote}`,
      },
      ...natives.map(
        (n, i): BenchFigure => ({
          name: `OCR pooled character error rate, native CLI ${n.label}`,
          value: pooledCer(native[i]!.map((r) => r.err)),
          unit: '%',
          note: `information: raw engine, PSM 3, no preprocessing; cold ${coldS[i]!.toFixed(2)} s/page, warm-equivalent ${warmS[i]!.toFixed(2)} s/page`,
        }),
      ),
      ...ocrmypdfPeers.map(
        (p, i): BenchFigure => ({
          name: `OCR pooled character error rate, ${p.label}`,
          value: pooledCer(ocrmypdf[i]!.errs),
          unit: '%',
          note: `information; ${ocrmypdf[i]!.sPerPage.toFixed(1)} s/page wall with --jobs ${cores}`,
        }),
      ),
      {
        name: 'OCR worst page, CER points above the best peer run on that page',
        value: worst.gap,
        unit: 'points',
        bar: WORST_PAGE_BAR,
        note: `page ${worst.seed} against ${worst.peer}; per page ${gaps.map((g) => `${g.seed}:${g.gap.toFixed(2)}`).join(' ')}; against OCRmyPDF as Paperless runs it alone the worst is ${paperlessGap.toFixed(2)}`,
      },
      {
        name: `OCR pool throughput, ${cores} workers`,
        value: pooled,
        unit: 'pages/min',
        reference: { name: 'one worker', value: single },
        bar: poolBar(cores),
        note: `${rounds} round(s) of ${batch.length} cleaned pages submitted at once, alternating with one worker; load average ${load()}`,
      },
    ];
    return figures;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

export default bench;
