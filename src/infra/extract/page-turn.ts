/**
 * Turned pages (scanned sideways or upside down). Deciding costs nothing on an upright page:
 * the first OCR pass already tells us. Tesseract's automatic layout reads a page turned 90°
 * anyway, but its word boxes come out taller than wide; a page turned 180° or 270° reads as
 * unsure garbage. Only then is orientation detection (OSD, tesseract's legacy classifier with the
 * npm `osd` data) asked which way is up, on a half-size copy of the page.
 */
import type { OcrLine, PageTurn, RasterImage } from '../../ports/ocr-engine.ts';

/** Below this mean confidence a first pass may be a turned page read wrongly. */
export const UNSURE_BELOW = 60;

/** Whether most longer words were found in boxes taller than wide: text running up or down the page. */
export const looksSideways = (layout: OcrLine[]): boolean => {
  const words = layout.flat().filter((w) => w.text.length >= 4);
  if (words.length < 5) return false;
  const tall = words.filter((w) => w.box.y1 - w.box.y0 > w.box.x1 - w.box.x0).length;
  return tall > words.length * 0.6;
};

/** Whether to ask OSD which way is up, from the first pass. */
export const mayBeTurned = (pass: { confidence: number; words: unknown[]; layout: OcrLine[] }): boolean =>
  (pass.words.length > 0 && pass.confidence < UNSURE_BELOW) || looksSideways(pass.layout);

/**
 * The clockwise turn that makes the page upright, from tesseract.js's `orientation_degrees`
 * (measured on generated pages: a page turned 90° clockwise reports 270), or 0 when OSD is unsure.
 */
export const turnFromOsd = (orientationDegrees: number | null, confidence: number | null): PageTurn => {
  if (orientationDegrees === null || confidence === null || confidence < 1.5) return 0;
  return ([0, 90, 180, 270] as const).find((d) => d === orientationDegrees) ?? 0;
};

/** Turns a raster clockwise by a quarter-turn multiple (8-bit, any channel count). */
export const turnRaster = (img: RasterImage, turn: PageTurn): RasterImage => {
  if (turn === 0) return img;
  const { width: w, height: h, channels: c, data } = img;
  const sideways = turn !== 180;
  const W = sideways ? h : w;
  const H = sideways ? w : h;
  const out = Buffer.allocUnsafe(w * h * c);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      // Where source pixel (x, y) lands after turning clockwise.
      const [nx, ny] = turn === 90 ? [h - 1 - y, x] : turn === 180 ? [w - 1 - x, h - 1 - y] : [y, w - 1 - x];
      const from = (y * w + x) * c;
      const to = (ny * W + nx) * c;
      for (let k = 0; k < c; k++) out[to + k] = data[from + k]!;
    }
  return { width: W, height: H, channels: c, data: out };
};

/** A half-size grayscale copy (every other pixel): OSD needs shapes, not detail. */
export const halfSize = (img: RasterImage): RasterImage => {
  const W = Math.max(1, Math.floor(img.width / 2));
  const H = Math.max(1, Math.floor(img.height / 2));
  const out = Buffer.allocUnsafe(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) out[y * W + x] = img.data[(2 * y * img.width + 2 * x) * img.channels]!;
  return { width: W, height: H, channels: 1, data: out };
};
