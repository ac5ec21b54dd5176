/**
 * Rasterises a PDF page for OCR: pdf.js draws it on an @napi-rs/canvas (prebuilt, no system
 * libraries) and we hand the pixels on raw, never PNG-encoded (encoding noisy scans is slow).
 * The canvas comes from the document's own factory: pdf.js bundles its own @napi-rs/canvas
 * version, and its Path2D objects are rejected by a canvas from another copy.
 */
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { RasterImage } from '../../ports/ocr-engine.ts';
import { AppError } from '../../domain/errors.ts';

/** The part of pdf.js's (untyped) canvas factory we use. */
interface CanvasFactory {
  create(width: number, height: number): { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D };
  destroy(target: { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D }): void;
}

/** Page size in pixels at `dpi`, for the pixel limit check before any drawing. */
export const pageSizeAt = (page: PDFPageProxy, dpi: number): { width: number; height: number } => {
  const vp = page.getViewport({ scale: dpi / 72 });
  return { width: Math.ceil(vp.width), height: Math.ceil(vp.height) };
};

/**
 * Renders `page` at `dpi` on white and returns RGBA pixels. Refuses pages whose raster would
 * exceed `maxPixels` (a 5 m × 5 m page at 300 dpi is a hostile file, not a letter).
 */
export const renderPdfPage = async (doc: PDFDocumentProxy, page: PDFPageProxy, dpi: number, maxPixels: number): Promise<RasterImage> => {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  if (width * height > maxPixels) {
    throw new AppError('invalid', `page ${page.pageNumber} is too large to read (${width} × ${height} pixels at ${dpi} dpi)`);
  }
  const factory = doc.canvasFactory as CanvasFactory;
  const target = factory.create(width, height);
  try {
    await page.render({ canvas: target.canvas, viewport, background: 'white' }).promise;
    const pixels = target.context.getImageData(0, 0, width, height).data;
    return { width, height, channels: 4, data: Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength) };
  } finally {
    factory.destroy(target);
  }
};
