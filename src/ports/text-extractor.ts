import type { AcceptedMimeType, PageText } from '../domain/document.ts';
import type { OcrLine } from './ocr-engine.ts';

/** Hard limits checked before any full decode: hostile files fail fast and cheaply. */
export interface FileLimits {
  maxPages: number;
  /** Width × height of any single page image or raster. */
  maxPixels: number;
}

export interface FileInspection {
  mimeType: AcceptedMimeType;
  pages: number;
}

/** An OCR'd page as it was read: upright, level, with its words in place. */
export interface ScannedPage {
  page: number;
  /** The page image as read (turned upright, levelled), JPEG. */
  jpeg: Buffer;
  /** Size of `jpeg` in pixels and its resolution, which give the page size. */
  width: number;
  height: number;
  dpi: number;
  /** Words with boxes in pixels of `jpeg`. */
  lines: OcrLine[];
}

export interface ExtractOptions {
  /** Aborts the extraction (job lease lost, shutdown). */
  signal?: AbortSignal;
  /** Called as each page finishes, for progress. */
  onPage?: (page: PageText) => void;
  /** Called with each OCR'd page's image and word boxes (only when given: encoding costs). */
  onScan?: (scan: ScannedPage) => void;
  /**
   * Only PDF text layers, for a quick look on a request's path: a page without one comes back
   * with empty text, neither rendered nor OCR'd (issue 18's suggestions before registering).
   */
  textLayerOnly?: boolean;
  /** Reads only the first this many pages. */
  firstPages?: number;
  /**
   * Someone waits for these pages on a request (issue 18's suggestions from a scan): pages to
   * OCR are read within a small share of the OCR pool, ahead of the pipeline's queued pages.
   * Throws AppError `rate_limited` (problem `reading-busy`) at once when that share and its
   * short queue are full.
   */
  urgent?: boolean;
}

/**
 * Reads files: validates them at upload time and extracts their text later, in the worker.
 * Works on local files only (the pipeline stages remote originals first). Parsing and decoding
 * never run on the caller's event loop, and each file is read under limits of time and memory.
 */
export interface TextExtractor {
  /**
   * Parses just enough of the file to count pages and check `limits`, without decoding
   * page contents into memory (a 500 MB PDF must not be loaded whole).
   * Throws AppError `invalid` for corrupt, truncated or encrypted files and for files over a
   * page or pixel limit, with a detail a clerk can read.
   */
  inspect(filePath: string, mimeType: AcceptedMimeType, limits: FileLimits): Promise<FileInspection>;
  /**
   * Extracts text page by page: a PDF page's text layer when it has one (never OCR'd), OCR
   * for scanned PDF pages and for images (every TIFF page). Throws AppError `invalid` for
   * files that cannot be decoded; other errors are treated as transient by the pipeline.
   */
  extract(filePath: string, mimeType: AcceptedMimeType, limits: FileLimits, opts?: ExtractOptions): Promise<PageText[]>;
  /**
   * Renders page `page` (1-based) as a JPEG at most `maxWidth` pixels wide, for previews, in a
   * reader thread under the same limits. Throws AppError `invalid` for an unreadable file or a
   * page that does not exist.
   */
  preview(filePath: string, mimeType: AcceptedMimeType, limits: FileLimits, page: number, maxWidth: number): Promise<Buffer>;
  /** Starts what reads files ahead of the first one (so the first upload is not slow). */
  warm(): Promise<void>;
  /** Stops OCR workers and frees resources. */
  close(): Promise<void>;
}
