/**
 * JPEG, PNG and TIFF originals through sharp (libvips). Inspection reads headers only, so
 * limits are checked before any pixel is decoded; decoding reads one page at a time (every
 * page of a TIFF, JPEG-compressed ones included, which tesseract.js cannot read itself).
 */
import sharp, { type Metadata } from 'sharp';
import type { FileLimits } from '../../ports/text-extractor.ts';
import type { RasterImage } from '../../ports/ocr-engine.ts';
import { AppError } from '../../domain/errors.ts';

const unreadable = (err: unknown) => new AppError('invalid', 'the image is damaged or not a readable JPEG, PNG or TIFF', { cause: err });

const tooLarge = (page: number, width: number, height: number) =>
  new AppError('invalid', `image page ${page} is too large to read (${width} × ${height} pixels)`);

/** Page count of an image file after checking every page header against `limits`. */
export const inspectImage = async (filePath: string, limits: FileLimits): Promise<number> => {
  let meta: Metadata;
  try {
    // Headers only: no decode happens in metadata(), so no pixel limit is needed here.
    meta = await sharp(filePath, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw unreadable(err);
  }
  const pages = meta.pages ?? 1;
  if (pages > limits.maxPages) throw new AppError('invalid', `the image has ${pages} pages; the limit is ${limits.maxPages}`);
  if (!meta.width || !meta.height) throw unreadable(new Error('no dimensions'));
  if (meta.width * meta.height > limits.maxPixels) throw tooLarge(1, meta.width, meta.height);
  for (let page = 1; page < pages; page++) {
    // TIFF pages can differ in size: a small first page must not hide a huge second one.
    const m = await sharp(filePath, { page, limitInputPixels: false })
      .metadata()
      .catch((err: unknown) => {
        throw unreadable(err);
      });
    if (!m.width || !m.height) throw unreadable(new Error(`page ${page + 1} has no dimensions`));
    if (m.width * m.height > limits.maxPixels) throw tooLarge(page + 1, m.width, m.height);
  }
  return pages;
};

/**
 * Decodes page `index` (0-based) to 8-bit grayscale, upright per its EXIF orientation.
 * libvips enforces `maxPixels` itself, so a lying header cannot make it allocate more.
 */
export const decodeImagePage = async (filePath: string, index: number, maxPixels: number): Promise<RasterImage> => {
  try {
    const { data, info } = await sharp(filePath, { page: index, limitInputPixels: maxPixels, failOn: 'error' })
      .rotate()
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, channels: 1, data };
  } catch (err) {
    throw unreadable(err);
  }
};

/** Decodes an encoded image held in memory (a PDF page's embedded JPEG) the same way. */
export const decodeImageBuffer = async (bytes: Buffer, maxPixels: number): Promise<RasterImage> => {
  const { data, info } = await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 1, data };
};
