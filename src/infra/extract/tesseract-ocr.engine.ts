/**
 * OcrEngine on tesseract.js: a pool of WebAssembly workers (one per core by default) with
 * language data from npm, LSTM only, a per-page timeout and per-page segmentation choice.
 */
import os from 'node:os';
import { createWorker, OEM, PSM, type Worker, type Page } from 'tesseract.js';
import type { OcrEngine, OcrLine, OcrResult, PageTurn, RasterImage } from '../../ports/ocr-engine.ts';
import { halfSize, mayBeTurned, turnFromOsd, turnRaster } from './page-turn.ts';
import { AppError } from '../../domain/errors.ts';
import { prepareLangFolder, type TessdataVariant } from './tesseract-lang-data.ts';
import { WorkerPool } from '../threads/worker-pool.ts';
import { betterPass, inkLineCount, needsBlockPass, passScore, type PassSummary } from './ocr-page-choice.ts';

export interface TesseractOcrOptions {
  /** Pool size; default os.availableParallelism(). */
  workers?: number;
  /** tesseract language string; default 'ind+eng'. */
  languages?: string;
  /** A writable folder for the language data tesseract.js reads. */
  scratchDir: string;
  /** Per-page limit before the worker is killed and replaced; default 120 s. */
  pageTimeoutMs?: number;
  /**
   * Which npm model folder to use. Default '4.0.0_best_int': with LSTM only it read the 12
   * bench pages exactly as '4.0.0' did (same CER on every page; the LSTM part is the same
   * model) from a third of the bytes.
   */
  variant?: TessdataVariant;
  /**
   * A folder of uncompressed `<lang>.traineddata` files to use instead of the npm models,
   * e.g. Debian's /usr/share/tesseract-ocr/5/tessdata (tessdata_fast, from the
   * tesseract-ocr-ind package): about 1.6× faster than best_int at the same accuracy on our
   * bench. Opt-in, because it needs that system package.
   */
  tessdataDir?: string;
  /** Detect and undo turned pages (90/180/270°) when the first pass says so (default true). */
  orientation?: boolean;
  /** Decide per page whether a PSM 6 pass beats PSM 3 (default true). */
  adaptiveSegmentation?: boolean;
  /** Replace a worker after this many pages; default 200. */
  recycleAfterPages?: number;
  /** Where worker errors are reported (tesseract.js crashes the process without a handler). */
  onWorkerError?: (err: unknown) => void;
}

/** Binary PNM (P5 gray, P6 RGB): leptonica reads it with no decoding cost to speak of. */
export const toPnm = (img: RasterImage): Buffer => {
  const { width, height, channels, data } = img;
  if (channels === 1) return Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`), data.subarray(0, width * height)]);
  const rgb = channels === 3 ? data.subarray(0, width * height * 3) : Buffer.alloc(width * height * 3);
  if (channels === 4) for (let i = 0, o = 0; o < rgb.length; i += 4) (rgb[o++] = data[i]!), (rgb[o++] = data[i + 1]!), (rgb[o++] = data[i + 2]!);
  return Buffer.concat([Buffer.from(`P6\n${width} ${height}\n255\n`), rgb]);
};

const summarise = (page: Page): PassSummary => {
  const words: PassSummary['words'] = [];
  const layout: OcrLine[] = [];
  for (const block of page.blocks ?? [])
    for (const para of block.paragraphs)
      for (const line of para.lines) {
        const found = line.words.filter((w) => w.text.trim().length > 0);
        if (found.length > 0) layout.push(found.map((w) => ({ text: w.text.trim(), box: { ...w.bbox } })));
        for (const w of found) words.push({ text: w.text, confidence: w.confidence });
      }
  return { text: page.text.trim(), words, lines: layout.length, layout, confidence: page.confidence };
};

/** A pool slot: the reading worker, and an OSD worker started on first need; both end together. */
interface OcrSlot {
  main: Worker;
  osd(): Promise<Worker>;
  terminate(): Promise<unknown>;
}

const slotOf = (main: Worker, startOsd: () => Promise<Worker>): OcrSlot => {
  let osd: Promise<Worker> | null = null;
  return {
    main,
    osd: () => (osd ??= startOsd()),
    terminate: async () => {
      await Promise.allSettled([main.terminate(), osd?.then((w) => w.terminate())]);
    },
  };
};

const isRaster = (img: Buffer | RasterImage): img is RasterImage => !Buffer.isBuffer(img);

/** Creates the engine; workers start on warm() or on the first page. */
export const createTesseractOcrEngine = (opts: TesseractOcrOptions): OcrEngine => {
  const languages = opts.languages ?? 'ind+eng';
  const adaptive = opts.adaptiveSegmentation ?? true;
  const onError = opts.onWorkerError ?? (() => {});
  let langPath: Promise<string> | null = null;

  const orientation = opts.orientation ?? true;
  let osdPath: Promise<string> | null = null;
  /** The OSD worker of a slot starts at the first page that needs it (most never do). */
  const startOsd = async (): Promise<Worker> => {
    osdPath ??= prepareLangFolder(opts.scratchDir, 'osd', '4.0.0');
    const osd = await createWorker('osd', OEM.TESSERACT_ONLY, {
      langPath: await osdPath,
      gzip: true,
      cacheMethod: 'none',
      legacyCore: true,
      legacyLang: true,
      errorHandler: onError,
    });
    // It is shown half-size pages (see detectTurn).
    await osd.setParameters({ user_defined_dpi: '150' });
    return osd;
  };

  const pool = new WorkerPool<OcrSlot>({
    size: Math.max(1, opts.workers ?? os.availableParallelism()),
    jobTimeoutMs: opts.pageTimeoutMs ?? 120_000,
    recycleAfter: opts.recycleAfterPages ?? 200,
    create: async () => {
      langPath ??= opts.tessdataDir ? Promise.resolve(opts.tessdataDir) : prepareLangFolder(opts.scratchDir, languages, opts.variant ?? '4.0.0_best_int');
      const worker = await createWorker(languages, OEM.LSTM_ONLY, {
        langPath: await langPath,
        gzip: !opts.tessdataDir,
        cacheMethod: 'none',
        errorHandler: onError,
      });
      // Raw pixels carry no resolution; our rasters are 300 dpi (or scans close to it).
      await worker.setParameters({ user_defined_dpi: '300', tessedit_pageseg_mode: PSM.AUTO });
      return slotOf(worker, startOsd);
    },
  });

  const detectTurn = async (osd: Worker, image: RasterImage): Promise<PageTurn> => {
    const { data } = await osd.detect(toPnm(halfSize(image)));
    return turnFromOsd(data.orientation_degrees, data.orientation_confidence);
  };

  const pass = async (worker: Worker, input: Buffer, psm: PSM): Promise<PassSummary> => {
    await worker.setParameters({ tessedit_pageseg_mode: psm });
    const { data } = await worker.recognize(input, {}, { text: true, blocks: true });
    return summarise(data);
  };

  return {
    async recognize(image, { signal, urgent } = {}): Promise<OcrResult> {
      const input = isRaster(image) ? toPnm(image) : image;
      const inkLines = adaptive && isRaster(image) ? inkLineCount(image) : 0;
      try {
        const { best, turned } = await pool.run(
          async (slot) => {
            const read = async (pixels: Buffer, ink: number) => {
              const auto = await pass(slot.main, pixels, PSM.AUTO);
              if (!adaptive || !needsBlockPass(auto, ink)) return auto;
              return betterPass(auto, await pass(slot.main, pixels, PSM.SINGLE_BLOCK));
            };
            const first = await pass(slot.main, input, PSM.AUTO);
            if (orientation && isRaster(image) && mayBeTurned(first)) {
              const turn = await detectTurn(await slot.osd(), image);
              if (turn !== 0) {
                const upright = turnRaster(image, turn);
                const again = await read(toPnm(upright), adaptive ? inkLineCount(upright) : 0);
                // OSD can be wrong: the turned reading must carry about as much confident text (a
                // page turned 90° was often read well already, and is then kept the right way up).
                if (passScore(again) >= passScore(first) * 0.9) return { best: again, turned: turn };
              }
            }
            if (!adaptive || !needsBlockPass(first, inkLines)) return { best: first, turned: 0 as const };
            return { best: betterPass(first, await pass(slot.main, input, PSM.SINGLE_BLOCK)), turned: 0 as const };
          },
          signal,
          { urgent: urgent ?? false },
        );
        return { text: best.text, confidence: Math.round(best.confidence * 10) / 10, words: best.words.length, lines: best.layout, turned };
      } catch (err) {
        // tesseract.js rejects with a bare string when leptonica cannot read the image.
        if (typeof err === 'string' && /read image|Error attempting/i.test(err)) {
          throw new AppError('invalid', 'the page image cannot be decoded for OCR', { cause: err });
        }
        throw err instanceof Error || err instanceof AppError ? err : new Error(String(err));
      }
    },
    warm: () => pool.warm(),
    close: () => pool.close(),
  };
};
