/** A decoded raster handed to OCR: 8-bit grayscale or RGB(A) pixels, row-major. */
export interface RasterImage {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  data: Buffer;
}

export interface OcrResult {
  text: string;
  /** Mean word confidence, 0–100. */
  confidence: number;
  words: number;
}

/**
 * Optical character recognition of one page image. Implementations keep a pool of workers
 * sized to the machine, run each page under a timeout, and replace a worker that crashed or
 * timed out, so one hostile page fails only its own call.
 */
export interface OcrEngine {
  /** Recognises the text on one page image (encoded PNG/JPEG bytes or raw pixels). */
  recognize(image: Buffer | RasterImage, opts?: { signal?: AbortSignal }): Promise<OcrResult>;
  /** Starts the workers ahead of the first page (so the first upload is not slow). */
  warm(): Promise<void>;
  /** Terminates all workers. */
  close(): Promise<void>;
}
