/**
 * Searchable copies with pdf-lib: the page JPEG drawn over the whole page, and each OCR word
 * shown in text render mode 3 (invisible) in its box: the font size follows the line's height
 * and a horizontal scale stretches the word to its box's width, so a selection in a PDF reader
 * covers the printed word. Helvetica (a standard font, WinAnsi encoded) needs no embedding;
 * letters it cannot encode are replaced by their base letter or '?'.
 * Not PDF/A: it lacks the XMP metadata and output intent PDF/A-2b asks for, and no independent
 * validator (veraPDF) is available here to check a claim of conformance.
 */
import {
  PDFDocument,
  type PDFName,
  StandardFonts,
  TextRenderingMode,
  beginText,
  endText,
  popGraphicsState,
  pushGraphicsState,
  setFontAndSize,
  setTextMatrix,
  setTextRenderingMode,
  showText,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import type { OcrLine } from '../../ports/ocr-engine.ts';
import type { SearchablePdfWriter } from '../../ports/searchable-pdf.ts';
import type { ScannedPage } from '../../ports/text-extractor.ts';

/** The text a standard font can show: base letters for accented ones, '?' for the rest. */
const encodable = (font: PDFFont, text: string, cache: Map<string, string>): string =>
  [...text.normalize('NFC')]
    .map((ch) => {
      let ok = cache.get(ch);
      if (ok === undefined) {
        const candidates = [ch, ch.normalize('NFKD').replace(/\p{M}/gu, '')];
        ok =
          candidates.find(
            (c) =>
              c.length > 0 &&
              (() => {
                try {
                  font.encodeText(c);
                  return true;
                } catch {
                  return false;
                }
              })(),
          ) ?? '?';
        cache.set(ch, ok);
      }
      return ok;
    })
    .join('');

const textLayer = (page: PDFPage, font: PDFFont, fontKey: PDFName, scan: ScannedPage, lines: OcrLine[], cache: Map<string, string>) => {
  const pt = 72 / scan.dpi;
  const pageHeight = scan.height * pt;
  const ops = [pushGraphicsState(), beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
  for (const line of lines) {
    const top = Math.min(...line.map((w) => w.box.y0));
    const bottom = Math.max(...line.map((w) => w.box.y1));
    const size = Math.max(1, (bottom - top) * pt * 0.85);
    // Baseline a little above the line's lowest ink (descenders hang below it).
    const baseline = pageHeight - bottom * pt + size * 0.2;
    ops.push(setFontAndSize(fontKey, size));
    for (const [i, word] of line.entries()) {
      // Each word but the last carries a space stretched over the gap to the next word: text
      // extraction sees where words end, and nothing overlaps the next word.
      const next = line[i + 1];
      const text = encodable(font, word.text, cache) + (next ? ' ' : '');
      const natural = font.widthOfTextAtSize(text, size);
      const boxWidth = Math.max(1, ((next && next.box.x0 > word.box.x1 ? next.box.x0 : word.box.x1) - word.box.x0) * pt);
      const stretch = natural > 0 ? boxWidth / natural : 1;
      ops.push(setTextMatrix(stretch, 0, 0, 1, word.box.x0 * pt, baseline), showText(font.encodeText(text)));
    }
  }
  ops.push(endText(), popGraphicsState());
  page.pushOperators(...ops);
};

export const createPdfLibSearchablePdfWriter = (): SearchablePdfWriter => ({
  async write(pages: ScannedPage[], meta) {
    const pdf = await PDFDocument.create();
    pdf.setTitle(meta.title);
    pdf.setCreator('Naskah');
    pdf.setProducer('Naskah (pdf-lib)');
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const cache = new Map<string, string>();
    for (const scan of pages) {
      const pt = 72 / scan.dpi;
      const page = pdf.addPage([scan.width * pt, scan.height * pt]);
      const image = await pdf.embedJpg(scan.jpeg);
      page.drawImage(image, { x: 0, y: 0, width: scan.width * pt, height: scan.height * pt });
      // The font must be in the page's resources before raw operators name it.
      const fontKey = page.node.newFontDictionary(font.name, font.ref);
      textLayer(page, font, fontKey, scan, scan.lines, cache);
    }
    return Buffer.from(await pdf.save({ useObjectStreams: false }));
  },
});
