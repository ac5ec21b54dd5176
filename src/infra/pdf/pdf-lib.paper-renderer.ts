/**
 * Office papers laid out with pdf-lib: the register's table (Buku Agenda) and the disposition
 * sheet (Lembar Disposisi). Every page repeats the heading and the table's header row, and its
 * footer carries the page number "of N", so a printed stack can be put back in order. Fonts are
 * the letters' DejaVu (embedded, subset), so pdftotext reads the text back.
 */
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { PaperContent, PaperRenderer } from '../../ports/paper-renderer.ts';
import { clean, loadFontBytes } from './pdf-lib.letter-renderer.ts';
import { wrapText } from './text-wrap.ts';
import { sharedFontkit } from './shared-fontkit.ts';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 36;
const FOOTER = 28;
const SIZE = 8.5;
const LEADING = 10.5;
const PAD = 3;
/** A cell shows at most this many lines: one row never outgrows a page. */
const MAX_CELL_LINES = 24;
const BLACK = rgb(0, 0, 0);
const RULE = rgb(0.35, 0.35, 0.35);
const SHADE = rgb(0.9, 0.9, 0.9);

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** Text the fonts cannot draw shows as "?" rather than failing a whole register over one sender's name. */
const printable = (s: string, known: Set<number>): string =>
  [...clean(s).replace(/\s+/g, ' ').trim()].map((ch) => (known.has(ch.codePointAt(0)!) ? ch : '?')).join('');

const render = async (c: PaperContent): Promise<Uint8Array> => {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(sharedFontkit);
  const bytes = await loadFontBytes();
  const f: Fonts = { regular: await pdf.embedFont(bytes.serif, { subset: true }), bold: await pdf.embedFont(bytes.serifBold, { subset: true }) };
  const inBold = new Set(f.bold.getCharacterSet());
  const known = new Set(f.regular.getCharacterSet().filter((cp) => inBold.has(cp)));
  const text = (s: string) => printable(s, known);
  const [width, height] = c.orientation === 'landscape' ? [A4[1], A4[0]] : A4;
  const inner = width - 2 * MARGIN;
  const total = c.columns.reduce((a, col) => a + col.width, 0);
  const widths = c.columns.map((col) => (col.width / total) * inner);
  const pages: PDFPage[] = [];
  let page!: PDFPage;
  let y = 0;

  const centred = (s: string, font: PDFFont, size: number) => {
    for (const line of wrapText(text(s), font, size, inner)) {
      y -= size + 4;
      page.drawText(line, { x: MARGIN + (inner - font.widthOfTextAtSize(line, size)) / 2, y, size, font, color: BLACK });
    }
  };
  /** One table row of wrapped cells with rules around each; returns false when it does not fit here. */
  const row = (cells: string[], font: PDFFont, shade: boolean, force: boolean): boolean => {
    const lines = cells.map((cell, i) => wrapText(text(cell), font, SIZE, widths[i]! - 2 * PAD).slice(0, MAX_CELL_LINES));
    const h = Math.max(...lines.map((l) => l.length)) * LEADING + 2 * PAD;
    if (!force && y - h < MARGIN + FOOTER) return false;
    let x = MARGIN;
    lines.forEach((cellLines, i) => {
      const w = widths[i]!;
      page.drawRectangle({ x, y: y - h, width: w, height: h, borderColor: RULE, borderWidth: 0.5, ...(shade ? { color: SHADE } : {}) });
      cellLines.forEach((l, k) => page.drawText(l, { x: x + PAD, y: y - PAD - (k + 1) * LEADING + 2.5, size: SIZE, font, color: BLACK }));
      x += w;
    });
    y -= h;
    return true;
  };
  const newPage = () => {
    page = pdf.addPage([width, height]);
    pages.push(page);
    y = height - MARGIN + 6;
    c.heading.forEach((line, i) => centred(line, i === 0 ? f.bold : f.regular, i === 0 ? 12 : 10));
    y -= 4;
    centred(c.title, f.bold, 12);
    y -= 8;
  };

  newPage();
  if (c.fields.length > 0) {
    const saved = widths.splice(0, widths.length, inner * 0.14, inner * 0.36, inner * 0.14, inner * 0.36);
    for (let i = 0; i < c.fields.length; i += 2) {
      const pair = c.fields.slice(i, i + 2).flatMap((p) => [p.label, p.value]);
      while (pair.length < 4) pair.push('');
      row(pair, f.regular, false, true);
    }
    widths.splice(0, widths.length, ...saved);
    y -= 12;
  }
  const header = c.columns.map((col) => col.label);
  row(header, f.bold, true, true);
  if (c.rows.length === 0) centred(c.emptyText, f.regular, 10);
  for (const cells of c.rows) {
    if (row(cells, f.regular, false, false)) continue;
    newPage();
    row(header, f.bold, true, true);
    row(cells, f.regular, false, true);
  }

  pages.forEach((p, i) => {
    const label = text(c.pageLabel.replace('{n}', String(i + 1)).replace('{total}', String(pages.length)));
    p.drawText(text(c.footer), { x: MARGIN, y: MARGIN - 14, size: 8, font: f.regular, color: BLACK });
    p.drawText(label, { x: width - MARGIN - f.regular.widthOfTextAtSize(label, 8), y: MARGIN - 14, size: 8, font: f.regular, color: BLACK });
  });
  pdf.setTitle(text(c.title));
  pdf.setLanguage('id-ID');
  pdf.setCreator('Naskah');
  pdf.setProducer('Naskah (pdf-lib)');
  pdf.setCreationDate(c.renderedAt);
  pdf.setModificationDate(c.renderedAt);
  return pdf.save({ useObjectStreams: false });
};

/** The paper renderer the adapters switch wires in (there is one: pdf-lib). */
export const createPdfLibPaperRenderer = (): PaperRenderer => ({ render });
