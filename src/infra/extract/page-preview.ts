/**
 * Page previews (thumbnails and page images for the browser): small JPEGs, made in the reader
 * threads under the same limits as reading for OCR. A scanned PDF page's own JPEG is shrunk
 * (no rendering); other PDF pages are drawn by pdf.js at the preview's size, never at 300 dpi.
 */
import sharp, { type Sharp } from 'sharp';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { RasterImage } from '../../ports/ocr-engine.ts';
import { AppError } from '../../domain/errors.ts';
import { renderPdfPage } from './pdf-page-raster.ts';

const QUALITY = 78;

/** Upright per EXIF, shrunk (never enlarged) to `maxWidth`, on white, as JPEG. */
const shrink = (image: Sharp, maxWidth: number): Promise<Buffer> =>
  image
    .rotate()
    .resize({ width: maxWidth, height: maxWidth * 4, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: QUALITY, mozjpeg: true })
    .toBuffer();

/** Encoded or raw image pixels as a preview JPEG. */
export const previewJpeg = async (input: Buffer | RasterImage, maxWidth: number, maxPixels: number): Promise<Buffer> =>
  shrink(
    Buffer.isBuffer(input)
      ? sharp(input, { limitInputPixels: maxPixels, failOn: 'error' })
      : sharp(input.data, { raw: { width: input.width, height: input.height, channels: input.channels } }),
    maxWidth,
  );

/** Page `index` (0-based) of a JPEG, PNG or TIFF file, upright per EXIF. */
export const imageFilePreview = async (filePath: string, index: number, maxWidth: number, maxPixels: number): Promise<Buffer> => {
  try {
    return await shrink(sharp(filePath, { page: index, limitInputPixels: maxPixels, failOn: 'error' }), maxWidth);
  } catch (err) {
    throw new AppError('invalid', `page ${index + 1} of the image cannot be shown`, { cause: err });
  }
};

/** A PDF page drawn at the resolution that makes it `maxWidth` pixels wide (at most 150 dpi). */
export const renderPdfPreview = async (doc: PDFDocumentProxy, page: PDFPageProxy, maxWidth: number, maxPixels: number): Promise<Buffer> => {
  const widthPt = page.getViewport({ scale: 1 }).width;
  const dpi = Math.min(150, (72 * maxWidth) / Math.max(1, widthPt));
  return previewJpeg(await renderPdfPage(doc, page, dpi, maxPixels), maxWidth, maxPixels);
};
