/**
 * TextExtractor for PDFs and images: text layers as they are, everything else through
 * preprocessing and the OCR engine. Pages are OCR'd concurrently up to the engine's pool
 * size, and reported in page order.
 */
import os from 'node:os';
import type { AcceptedMimeType, PageText } from '../../domain/document.ts';
import type { ExtractOptions, FileInspection, FileLimits, TextExtractor } from '../../ports/text-extractor.ts';
import type { OcrEngine, RasterImage } from '../../ports/ocr-engine.ts';
import { decodeImagePage, inspectImage } from './image-file.ts';
import { inspectPdf, openPdfPages } from './pdf-file.ts';
import { preparePage } from './ocr-preprocess.ts';

export interface TextExtractorOptions {
  ocr: OcrEngine;
  /** Pages prepared and OCR'd at once per file; default os.availableParallelism(). */
  pageConcurrency?: number;
  /** Largest PDF (bytes) read whole to take scanned pages' JPEGs directly; default 128 MB. */
  jpegShortcutMaxBytes?: number;
}

/** A page source both PDFs and images provide. */
interface Pages {
  count: number;
  /** Text when the page has a text layer, else a raster for OCR. */
  page(n: number): Promise<{ kind: 'text'; text: string } | { kind: 'raster'; image: RasterImage }>;
  close(): Promise<void>;
}

const imagePages = (filePath: string, count: number, maxPixels: number): Pages => ({
  count,
  page: async (n) => ({ kind: 'raster', image: await decodeImagePage(filePath, n - 1, maxPixels) }),
  close: async () => {},
});

export const createTextExtractor = (opts: TextExtractorOptions): TextExtractor => {
  const concurrency = Math.max(1, opts.pageConcurrency ?? os.availableParallelism());
  const shortcutMax = opts.jpegShortcutMaxBytes ?? 128 * 2 ** 20;

  const inspect = async (filePath: string, mimeType: AcceptedMimeType, limits: FileLimits): Promise<FileInspection> => {
    const pages = mimeType === 'application/pdf' ? await inspectPdf(filePath, limits) : await inspectImage(filePath, limits);
    return { mimeType, pages };
  };

  const open = async (filePath: string, mimeType: AcceptedMimeType, limits: FileLimits): Promise<Pages> =>
    mimeType === 'application/pdf'
      ? openPdfPages(filePath, limits, shortcutMax)
      : imagePages(filePath, await inspectImage(filePath, limits), limits.maxPixels);

  const readPage = async (pages: Pages, n: number, signal?: AbortSignal): Promise<PageText> => {
    const content = await pages.page(n);
    if (content.kind === 'text') return { page: n, text: content.text, source: 'pdf-text' };
    signal?.throwIfAborted();
    const prepared = await preparePage(content.image);
    const result = await opts.ocr.recognize(prepared.image, signal ? { signal } : {});
    return { page: n, text: result.text, confidence: result.confidence, source: 'ocr' };
  };

  return {
    inspect,
    async extract(filePath, mimeType, limits, extractOpts: ExtractOptions = {}) {
      const { signal, onPage } = extractOpts;
      signal?.throwIfAborted();
      const pages = await open(filePath, mimeType, limits);
      const results: PageText[] = new Array(pages.count);
      let next = 1;
      let failure: { error: unknown } | null = null;
      try {
        // A few lanes pull page numbers in order, so at most `concurrency` rasters are in memory.
        // After a failure no lane starts another page, and all settle before the file closes.
        const lane = async () => {
          while (!failure && next <= pages.count) {
            const n = next++;
            try {
              signal?.throwIfAborted();
              const page = await readPage(pages, n, signal);
              results[n - 1] = page;
              onPage?.(page);
            } catch (error) {
              failure ??= { error };
            }
          }
        };
        await Promise.all(Array.from({ length: Math.min(concurrency, pages.count) }, lane));
        if (failure) throw (failure as { error: unknown }).error;
        return results;
      } finally {
        await pages.close();
      }
    },
    close: () => opts.ocr.close(),
  };
};
