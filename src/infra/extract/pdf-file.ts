/**
 * PDF originals: inspection (pages, page sizes, encryption, truncation) and per-page text,
 * the text layer where there is one, OCR of a raster where there is not.
 */
import { open } from 'node:fs/promises';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { FileLimits } from '../../ports/text-extractor.ts';
import type { RasterImage } from '../../ports/ocr-engine.ts';
import { AppError } from '../../domain/errors.ts';
import { openPdf, pdfCall } from './pdfjs-document.ts';
import { assertStreamsBounded } from './pdf-stream-guard.ts';
import { pageSizeAt, renderPdfPage } from './pdf-page-raster.ts';
import { hasMeaningfulText, pageTextLayer } from './pdf-text-layer.ts';
import { openPageImages, type PageImageSource } from './pdf-embedded-jpeg.ts';
import { decodeImageBuffer } from './image-file.ts';
import { previewJpeg, renderPdfPreview } from './page-preview.ts';

/** Resolution scanned pages are rendered at for OCR. */
export const OCR_DPI = 300;

/**
 * A PDF starts with `%PDF-` in its first 1 KB and holds `%%EOF` in its last 1 KB (the rules
 * Acrobat applies): an upload cut short fails here instead of yielding fewer pages than sent.
 */
const assertComplete = async (filePath: string): Promise<void> => {
  const fh = await open(filePath, 'r');
  try {
    const { size } = await fh.stat();
    const len = Math.min(size, 1024);
    const head = Buffer.alloc(len);
    const tail = Buffer.alloc(len);
    await fh.read(head, 0, len, 0);
    await fh.read(tail, 0, len, size - len);
    if (!head.includes('%PDF-')) throw new AppError('invalid', 'the file is not a PDF');
    if (!tail.includes('%%EOF')) throw new AppError('invalid', 'the PDF is truncated (its end is missing); upload the complete file');
  } finally {
    await fh.close();
  }
};

const checkPages = async (doc: PDFDocumentProxy, limits: FileLimits): Promise<void> => {
  if (doc.numPages < 1) throw new AppError('invalid', 'the PDF has no pages');
  if (doc.numPages > limits.maxPages) throw new AppError('invalid', `the PDF has ${doc.numPages} pages; the limit is ${limits.maxPages}`);
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await pdfCall(() => doc.getPage(n));
    const { width, height } = pageSizeAt(page, OCR_DPI);
    if (width * height > limits.maxPixels) {
      throw new AppError('invalid', `page ${n} is too large to read (${width} × ${height} pixels at ${OCR_DPI} dpi)`);
    }
    page.cleanup();
  }
};

/** How far a PDF may make a reader expand it, besides the pages and pixels of FileLimits. */
export interface PdfReadLimits {
  /** Largest size one compressed stream may inflate to (see pdf-stream-guard.ts). */
  maxStreamBytes: number;
}

/** Checks what must hold before a PDF library parses the file, then opens it. */
const openChecked = async (filePath: string, limits: FileLimits, read: PdfReadLimits) => {
  await assertComplete(filePath);
  await assertStreamsBounded(filePath, { maxStreamBytes: read.maxStreamBytes });
  return openPdf(filePath, { maxImagePixels: limits.maxPixels });
};

/** Page count after checking completeness, stream sizes, encryption, structure and limits. */
export const inspectPdf = async (filePath: string, limits: FileLimits, read: PdfReadLimits): Promise<number> => {
  const pdf = await openChecked(filePath, limits, read);
  try {
    await checkPages(pdf.doc, limits);
    return pdf.doc.numPages;
  } finally {
    await pdf.close();
  }
};

/** What one page needs: its text layer, or an image to OCR. */
export type PageContent = { kind: 'text'; text: string } | { kind: 'raster'; image: RasterImage };

/** An opened file's pages (a PDF's, or an image file's). */
export interface PageSource {
  count: number;
  /** With `textOnly`, a page without a text layer is empty text, not decoded. */
  page(n: number, textOnly?: boolean): Promise<PageContent>;
  /** Page `n` as a JPEG at most `maxWidth` pixels wide. */
  preview(n: number, maxWidth: number): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * Opens a PDF for extraction. Scanned pages come as the embedded JPEG when the page is just
 * one (files up to `shortcutMaxBytes`), else rendered at 300 dpi.
 */
export const openPdfPages = async (filePath: string, limits: FileLimits, read: PdfReadLimits & { shortcutMaxBytes: number }): Promise<PageSource> => {
  const pdf = await openChecked(filePath, limits, read);
  let images: Promise<PageImageSource> | null = null;
  try {
    await checkPages(pdf.doc, limits);
  } catch (err) {
    await pdf.close();
    throw err;
  }
  return {
    count: pdf.doc.numPages,
    async page(n, textOnly) {
      const page = await pdfCall(() => pdf.doc.getPage(n));
      try {
        const text = await pdfCall(() => pageTextLayer(page));
        if (hasMeaningfulText(text)) return { kind: 'text', text };
        if (textOnly) return { kind: 'text', text: '' };
        images ??= openPageImages(filePath, read.shortcutMaxBytes);
        const embedded = (await images).pageJpeg(n - 1);
        if (embedded && embedded.width * embedded.height <= limits.maxPixels) {
          const image = await decodeImageBuffer(embedded.jpeg, limits.maxPixels).catch(() => null);
          if (image) return { kind: 'raster', image };
        }
        return { kind: 'raster', image: await pdfCall(() => renderPdfPage(pdf.doc, page, OCR_DPI, limits.maxPixels)) };
      } finally {
        page.cleanup();
      }
    },
    async preview(n, maxWidth) {
      if (n < 1 || n > pdf.doc.numPages) throw new AppError('invalid', `the PDF has no page ${n}`);
      images ??= openPageImages(filePath, read.shortcutMaxBytes);
      const embedded = (await images).pageJpeg(n - 1);
      if (embedded && embedded.width * embedded.height <= limits.maxPixels) {
        const shrunk = await previewJpeg(embedded.jpeg, maxWidth, limits.maxPixels).catch(() => null);
        if (shrunk) return shrunk;
      }
      const page = await pdfCall(() => pdf.doc.getPage(n));
      try {
        return await pdfCall(() => renderPdfPreview(pdf.doc, page, maxWidth, limits.maxPixels));
      } finally {
        page.cleanup();
      }
    },
    close: () => pdf.close(),
  };
};
