/**
 * Reads untrusted files in the threads of a thread pool (page-reader.worker.ts): inspection at
 * upload and every page read for extraction, so a hostile file stalls or exhausts only a
 * thread, which is replaced, never the event loop.
 */
// sharp is loaded by the reader threads; loading it here too keeps its shared libraries open
// when a thread is replaced (glibc would unload them under the other threads' feet).
import 'sharp';
import type { AcceptedMimeType } from '../../domain/document.ts';
import type { RasterImage } from '../../ports/ocr-engine.ts';
import type { FileLimits } from '../../ports/text-extractor.ts';
import { createThreadPool, type ThreadPool } from '../threads/thread-pool.ts';

/** What every reader thread is started with. */
export interface PageReaderSettings {
  /** Largest size one compressed PDF stream may inflate to. */
  maxStreamBytes: number;
  /** Largest PDF read whole to take scanned pages' JPEGs directly. */
  jpegShortcutMaxBytes: number;
}

export interface PageReaderOptions extends Partial<PageReaderSettings> {
  /** Reader threads; default os.availableParallelism(). */
  threads?: number;
  /** Per-call limit (one inspection, or one page read and prepared); default 60 s. */
  timeoutMs?: number;
  /** Heap of one reader thread; default 256 MB. */
  maxHeapMb?: number;
}

export type ReadTarget = { filePath: string; mimeType: AcceptedMimeType; limits: FileLimits };
export type ReadPage = { kind: 'text'; text: string } | { kind: 'raster'; image: RasterImage };

/** The calls a reader thread serves. */
export type PageReaderOps = {
  /** Page count after every check of the file (completeness, stream sizes, limits), nothing decoded. */
  inspect(t: ReadTarget): Promise<number>;
  /** Page count of a file about to be read page by page (the thread keeps it open a while). */
  count(t: ReadTarget): Promise<number>;
  /** Page `n`'s text layer, or its raster cleaned for OCR (with `textOnly`, empty text instead of a raster). */
  page(t: ReadTarget & { page: number; textOnly?: boolean }): Promise<ReadPage>;
  /** Page `n` as a small JPEG for the browser. */
  preview(t: ReadTarget & { page: number; maxWidth: number }): Promise<Uint8Array>;
};

export type PageReader = ThreadPool<PageReaderOps>;

const MB = 2 ** 20;

export const createPageReader = (opts: PageReaderOptions = {}): PageReader => {
  const settings: PageReaderSettings = { maxStreamBytes: opts.maxStreamBytes ?? 128 * MB, jpegShortcutMaxBytes: opts.jpegShortcutMaxBytes ?? 128 * MB };
  return createThreadPool<PageReaderOps>({
    module: { base: import.meta.url, file: './page-reader.worker' },
    settings,
    what: 'reading the file',
    ...(opts.threads ? { threads: opts.threads } : {}),
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.maxHeapMb ? { maxHeapMb: opts.maxHeapMb } : {}),
  });
};
