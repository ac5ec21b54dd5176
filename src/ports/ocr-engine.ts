/** A decoded raster handed to OCR: 8-bit grayscale or RGB(A) pixels, row-major. */
export interface RasterImage {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  data: Buffer;
}

/** A word and its box in pixels of the image as read (after any turn), origin top left. */
export interface OcrWord {
  text: string;
  box: { x0: number; y0: number; x1: number; y1: number };
}

/** The words of one text line, in reading order. */
export type OcrLine = OcrWord[];

/** A quarter turn clockwise applied to the page before reading it (0: read as given). */
export type PageTurn = 0 | 90 | 180 | 270;

export interface OcrResult {
  text: string;
  /** Mean word confidence, 0–100. */
  confidence: number;
  words: number;
  /** The words with their boxes, line by line (for a searchable PDF's text layer). */
  lines: OcrLine[];
  /** How the page was turned (clockwise) to read it upright; boxes refer to the turned page. */
  turned: PageTurn;
}

/**
 * Optical character recognition of one page image. Implementations keep a pool of workers
 * sized to the machine, run each page under a timeout, and replace a worker that crashed or
 * timed out, so one hostile page fails only its own call.
 */
export interface OcrEngine {
  /**
   * Recognises the text on one page image (encoded PNG/JPEG bytes or raw pixels). `urgent`:
   * someone waits for this page on a request, so it takes the next free worker ahead of
   * queued pages.
   */
  recognize(image: Buffer | RasterImage, opts?: { signal?: AbortSignal; urgent?: boolean }): Promise<OcrResult>;
  /** Starts the workers ahead of the first page (so the first upload is not slow). */
  warm(): Promise<void>;
  /** Terminates all workers. */
  close(): Promise<void>;
}
