/**
 * TextExtractor for PDFs and images: text layers as they are, everything else through
 * preprocessing and the OCR engine. Files are parsed, decoded and cleaned by the page reader's
 * threads (never on the event loop); pages are OCR'd concurrently up to the engine's pool
 * size, and reported in page order.
 */
import os from 'node:os';
import type { PageText } from '../../domain/document.ts';
import type { ExtractOptions, FileInspection, TextExtractor } from '../../ports/text-extractor.ts';
import type { OcrEngine } from '../../ports/ocr-engine.ts';
import { createPageReader, type PageReader, type PageReaderOptions } from './page-reader.ts';

export interface TextExtractorOptions {
  ocr: OcrEngine;
  /** Pages prepared and OCR'd at once per file; default os.availableParallelism(). */
  pageConcurrency?: number;
  /** The threads that parse and decode files (limits on time, memory and stream sizes). */
  reader?: PageReaderOptions;
}

export const createTextExtractor = (opts: TextExtractorOptions): TextExtractor => {
  const concurrency = Math.max(1, opts.pageConcurrency ?? os.availableParallelism());
  const reader: PageReader = createPageReader(opts.reader);

  return {
    async inspect(filePath, mimeType, limits): Promise<FileInspection> {
      return { mimeType, pages: await reader.call('inspect', { filePath, mimeType, limits }) };
    },
    async extract(filePath, mimeType, limits, extractOpts: ExtractOptions = {}) {
      const { signal, onPage } = extractOpts;
      signal?.throwIfAborted();
      const target = { filePath, mimeType, limits };
      const count = await reader.call('count', target, signal);
      const readPage = async (n: number): Promise<PageText> => {
        const content = await reader.call('page', { ...target, page: n }, signal);
        if (content.kind === 'text') return { page: n, text: content.text, source: 'pdf-text' };
        signal?.throwIfAborted();
        // Pixels come back from the thread as a plain Uint8Array.
        const { data } = content.image;
        const image = { ...content.image, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
        const result = await opts.ocr.recognize(image, signal ? { signal } : {});
        return { page: n, text: result.text, confidence: result.confidence, source: 'ocr' };
      };
      const results: PageText[] = new Array(count);
      let next = 1;
      let failure: { error: unknown } | null = null;
      // A few lanes pull page numbers in order, so at most `concurrency` rasters are in memory.
      // After a failure no lane starts another page.
      const lane = async () => {
        while (!failure && next <= count) {
          const n = next++;
          try {
            signal?.throwIfAborted();
            const page = await readPage(n);
            results[n - 1] = page;
            onPage?.(page);
          } catch (error) {
            failure ??= { error };
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
      if (failure) throw (failure as { error: unknown }).error;
      return results;
    },
    warm: () => reader.warm(),
    async close() {
      await reader.close();
      await opts.ocr.close();
    },
  };
};
