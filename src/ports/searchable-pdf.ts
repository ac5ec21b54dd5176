import type { ScannedPage } from './text-extractor.ts';

/**
 * Writes the searchable copy of a scanned document: each page the image OCR read, with the
 * words it found laid over it as invisible text in their places, so a PDF reader can search
 * and select them. The original is never changed; this is a separate file.
 */
export interface SearchablePdfWriter {
  /** One PDF page per scanned page, in the order given. */
  write(pages: ScannedPage[], meta: { title: string }): Promise<Buffer>;
}
