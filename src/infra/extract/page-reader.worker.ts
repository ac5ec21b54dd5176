/**
 * The page reader's thread: everything that parses or decodes an untrusted file (pdf.js,
 * pdf-lib, sharp, the preprocessing loops) runs here, so a hostile file can stall or exhaust
 * only this thread, which the pool then replaces. An opened file is kept for the next page and
 * closed when it has not been asked for a while.
 */
import { stat } from 'node:fs/promises';
import { workerData } from 'node:worker_threads';
import type { AcceptedMimeType } from '../../domain/document.ts';
import type { FileLimits } from '../../ports/text-extractor.ts';
import { decodeImagePage, inspectImage } from './image-file.ts';
import { preparePage } from './ocr-preprocess.ts';
import { imageFilePreview } from './page-preview.ts';
import { inspectPdf, openPdfPages, type PageContent, type PageSource } from './pdf-file.ts';
import { serveThread } from '../threads/serve-thread.ts';
import { AppError } from '../../domain/errors.ts';
import type { PageReaderOps, PageReaderSettings } from './page-reader.ts';

const settings = workerData as PageReaderSettings;
const IDLE_MS = 10_000;
const KEEP_OPEN = 4;

const imagePages = async (filePath: string, limits: FileLimits): Promise<PageSource> => ({
  // Every page header is checked here, so a preview of a page past a 10,000-page TIFF's limit never decodes.
  count: await inspectImage(filePath, limits),
  page: async (n): Promise<PageContent> => ({ kind: 'raster', image: await decodeImagePage(filePath, n - 1, limits.maxPixels) }),
  preview: (n, maxWidth) => imageFilePreview(filePath, n - 1, maxWidth, limits.maxPixels),
  close: async () => {},
});

interface Opened {
  pages: Promise<PageSource>;
  timer: NodeJS.Timeout;
}
const opened = new Map<string, Opened>();

const forget = (key: string) => {
  const o = opened.get(key);
  if (!o) return;
  opened.delete(key);
  clearTimeout(o.timer);
  void o.pages.then((p) => p.close()).catch(() => {});
};

/** The file opened for reading pages, from the cache when the same file (size and time) is. */
const pagesOf = async (filePath: string, mimeType: AcceptedMimeType, limits: FileLimits): Promise<PageSource> => {
  const s = await stat(filePath);
  const key = `${filePath}\0${s.size}\0${s.mtimeMs}\0${mimeType}\0${limits.maxPages}\0${limits.maxPixels}`;
  let o = opened.get(key);
  if (o) {
    opened.delete(key); // re-inserted below: the map's order is the order of last use
    clearTimeout(o.timer);
  } else {
    const pages =
      mimeType === 'application/pdf'
        ? openPdfPages(filePath, limits, { maxStreamBytes: settings.maxStreamBytes, shortcutMaxBytes: settings.jpegShortcutMaxBytes })
        : imagePages(filePath, limits);
    o = { pages, timer: undefined as unknown as NodeJS.Timeout };
    pages.catch(() => forget(key));
  }
  o.timer = setTimeout(() => forget(key), IDLE_MS);
  o.timer.unref();
  opened.set(key, o);
  while (opened.size > KEEP_OPEN) forget(opened.keys().next().value!);
  return o.pages;
};

const ops: PageReaderOps = {
  inspect: async (t) =>
    t.mimeType === 'application/pdf' ? inspectPdf(t.filePath, t.limits, { maxStreamBytes: settings.maxStreamBytes }) : inspectImage(t.filePath, t.limits),
  count: async (t) => (await pagesOf(t.filePath, t.mimeType, t.limits)).count,
  page: async (t) => {
    const content = await (await pagesOf(t.filePath, t.mimeType, t.limits)).page(t.page, t.textOnly);
    return content.kind === 'text' ? content : { kind: 'raster', image: (await preparePage(content.image)).image };
  },
  preview: async (t) => {
    const pages = await pagesOf(t.filePath, t.mimeType, t.limits);
    if (t.page > pages.count) throw new AppError('invalid', `the file has no page ${t.page}`);
    return pages.preview(t.page, t.maxWidth);
  },
};

serveThread(ops, { onExit: async () => [...opened.keys()].forEach(forget) });
