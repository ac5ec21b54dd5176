/**
 * The clean rewrite and the visible signature block, with pdf-lib. The source pages are
 * stripped to their contents, resources and boxes before they are copied, so nothing else they
 * reference (annotations and their actions, forms, page actions, thumbnails) is even copied;
 * the new document gets a fresh catalog (no OpenAction, Names/JavaScript/EmbeddedFiles,
 * outlines, AcroForm but ours) and is saved as one revision. The block is a QR code
 * (`qrcode`'s module matrix drawn as vector paths) and text in DejaVu Sans, embedded (subset)
 * from the dejavu-fonts-ttf package; an empty signature field's widget covers it.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { sharedFontkit } from '../pdf/shared-fontkit.ts';
import { EncryptedPDFError, ParseSpeeds, PDFDocument, PDFName, PDFString, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import { AppError } from '../../domain/errors.ts';
import type { PageArea, TextSlot } from '../../ports/letter-renderer.ts';
import type { LetterStamper, SignatureStamp, StampedLetter, StampOptions } from '../../ports/pdf-signing.ts';

/** Page keys that survive the rewrite; everything else (Annots, AA, B, Thumb, PieceInfo, …) goes. */
const KEEP_PAGE_KEYS = new Set([
  'Type',
  'Parent',
  'MediaBox',
  'CropBox',
  'BleedBox',
  'TrimBox',
  'ArtBox',
  'Rotate',
  'Resources',
  'Contents',
  'UserUnit',
  'Group',
]);
export const SIGNATURE_FIELD_NAME = 'Tanda Tangan Elektronik';
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);

const require = createRequire(import.meta.url);
let fontBytes: Promise<{ regular: Uint8Array; bold: Uint8Array; serif: Uint8Array }> | null = null;
const loadFonts = () =>
  (fontBytes ??= Promise.all([
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
    // The letter renderer's text face: the number is written as its "Nomor" label is.
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf')),
  ]).then(([regular, bold, serif]) => ({ regular, bold, serif })));

// eslint-disable-next-line no-control-regex
const clean = (s: string): string =>
  s
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]+/g, ' ')
    .trim();

const wrap = (text: string, font: PDFFont, size: number, width: number): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/ +/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= width || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
};

/** The bottom right of the last page, when the caller names no area. */
const defaultArea = (page: PDFPage, pageNo: number): PageArea => {
  const { width } = page.getSize();
  return { page: pageNo, x: width - 56 - 240, y: 64, width: 240, height: 96 };
};

/** Draws the QR code as one filled path of row runs (crisp at any zoom, a few hundred bytes). */
const drawQr = (page: PDFPage, text: string, x: number, y: number, size: number): void => {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const unit = size / (n + 2 * quiet);
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  let path = '';
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && qr.modules.get(r, c)) c++;
      // SVG coordinates (y down) from the square's top-left; drawSvgPath flips them.
      path += `M${((start + quiet) * unit).toFixed(3)} ${((r + quiet) * unit).toFixed(3)}h${((c - start) * unit).toFixed(3)}v${unit.toFixed(3)}h${(-(c - start) * unit).toFixed(3)}z`;
    }
  }
  page.drawSvgPath(path, { x, y: y + size, color: BLACK, borderWidth: 0 });
};

interface Line {
  text: string;
  font: PDFFont;
  scale: number;
  color: typeof BLACK;
}

const drawBlock = (page: PDFPage, area: PageArea, s: SignatureStamp, url: string, fonts: { regular: PDFFont; bold: PDFFont }): void => {
  const qrSize = Math.min(area.height, area.width * 0.42);
  drawQr(page, url, area.x, area.y + (area.height - qrSize) / 2, qrSize);
  const tx = area.x + qrSize + 6;
  const tw = area.width - qrSize - 6;
  const spec: Omit<Line, 'text'>[] = [];
  const texts: string[] = [];
  const add = (text: string, font: PDFFont, scale: number, color = BLACK) => {
    texts.push(text);
    spec.push({ font, scale, color });
  };
  add('Ditandatangani secara elektronik oleh:', fonts.regular, 0.85, GREY);
  add(s.name, fonts.bold, 1.05);
  add(s.title, fonts.regular, 1);
  if (s.nip) add(`NIP. ${s.nip}`, fonts.regular, 1);
  add(`Tanggal: ${s.date}`, fonts.regular, 0.95);
  add(`Nomor: ${s.letterNumber}`, fonts.regular, 0.95);
  // The largest base size (7.5 pt down to 4.5 pt) at which the wrapped lines fit the area.
  for (let size = 7.5; ; size -= 0.25) {
    const lines: Line[] = texts.flatMap((t, i) => wrap(t, spec[i]!.font, size * spec[i]!.scale, tw).map((text) => ({ text, ...spec[i]! })));
    const height = lines.reduce((h, l) => h + size * l.scale * 1.25, 0);
    if (height <= area.height || size <= 4.5) {
      let y = area.y + area.height / 2 + Math.min(height, area.height) / 2;
      for (const l of lines) {
        const sz = size * l.scale;
        y -= sz * 1.25;
        page.drawText(l.text, { x: tx, y: y + sz * 0.25, size: sz, font: l.font, color: l.color });
      }
      return;
    }
  }
};

const checkArea = (doc: PDFDocument, area: PageArea, what: string): PDFPage => {
  const page = doc.getPages()[area.page - 1];
  if (!page) throw new AppError('invalid', `the ${what} is on page ${area.page}, but the letter has ${doc.getPageCount()}`);
  const { width, height } = page.getSize();
  const ok =
    [area.x, area.y, area.width, area.height].every(Number.isFinite) &&
    area.width > 0 &&
    area.height > 0 &&
    area.x >= 0 &&
    area.y >= 0 &&
    area.x + area.width <= width + 0.01 &&
    area.y + area.height <= height + 0.01;
  if (!ok) throw new AppError('invalid', `the ${what} lies outside the page`);
  if (what === 'signature area' && (area.width < 120 || area.height < 48))
    throw new AppError('invalid', 'the signature area is too small for the block (at least 120 × 48 pt)');
  return page;
};

const missing = (texts: string[], fonts: PDFFont[]): string[] => {
  const sets = fonts.map((f) => new Set(f.getCharacterSet()));
  return [...new Set([...texts.join('').replace(/\s/g, '')])].filter((ch) => sets.some((s) => !s.has(ch.codePointAt(0)!)));
};

/** The stamper. `publicUrl` is where `/verify/<code>` is served (Config.publicUrl). */
export const createPdfLibLetterStamper = (opts: { publicUrl: string; now?: () => Date }): LetterStamper => ({
  async stamp(input: Uint8Array, raw: SignatureStamp, options: StampOptions = {}): Promise<StampedLetter> {
    const s: SignatureStamp = {
      name: clean(raw.name),
      title: clean(raw.title),
      nip: raw.nip ? clean(raw.nip) : null,
      date: clean(raw.date),
      letterNumber: clean(raw.letterNumber),
      verifyCode: raw.verifyCode,
    };
    if (!/^[A-Za-z0-9_-]{4,128}$/.test(s.verifyCode)) throw new AppError('invalid', 'the verification code must be 4–128 letters, digits, - or _');
    if (!s.name || !s.title || !s.date || !s.letterNumber) throw new AppError('invalid', 'the signature block needs a name, title, date and letter number');
    let source: PDFDocument;
    try {
      source = await PDFDocument.load(input, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
    } catch (err) {
      // pdf-lib's errors are ES5 subclasses: instanceof does not hold, the message does.
      if (err instanceof EncryptedPDFError || /is encrypted/.test((err as Error).message))
        throw new AppError('invalid', 'the PDF is encrypted; send it without a password', { cause: err });
      throw new AppError('invalid', 'the file is not a readable PDF', { cause: err });
    }
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.registerFontkit(sharedFontkit);
    try {
      if (source.getPageCount() === 0) throw new AppError('invalid', 'the PDF has no pages');
      for (const page of source.getPages()) {
        for (const key of page.node.keys()) if (!KEEP_PAGE_KEYS.has(key.asString().slice(1))) page.node.delete(key);
      }
      for (const page of await doc.copyPages(source, source.getPageIndices())) doc.addPage(page);
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('invalid', 'the PDF is damaged: its pages cannot be read', { cause: err });
    }
    const bytes = await loadFonts();
    const fonts = { regular: await doc.embedFont(bytes.regular, { subset: true }), bold: await doc.embedFont(bytes.bold, { subset: true }) };
    const gaps = missing([s.name, s.title, s.nip ?? '', s.date, s.letterNumber], [fonts.regular, fonts.bold]);
    if (gaps.length) throw new AppError('invalid', `these characters cannot be printed: ${gaps.slice(0, 10).join(' ')}`);

    const last = doc.getPageCount();
    const area = options.area ?? defaultArea(doc.getPage(last - 1), last);
    const page = checkArea(doc, area, 'signature area');
    if (options.numberArea) {
      const numberPage = checkArea(doc, options.numberArea, 'number area');
      const a = options.numberArea;
      const slot = 'baseline' in a ? (a as TextSlot) : null;
      const font = slot ? await doc.embedFont(bytes.serif, { subset: true }) : fonts.regular;
      if (slot && missing([s.letterNumber], [font]).length) throw new AppError('invalid', 'the letter number has characters the letter font cannot print');
      // Shrunk only when it would not fit; on its label's baseline, or centred in a bare area.
      let size = slot?.size ?? 11.5;
      while (size > 6 && font.widthOfTextAtSize(s.letterNumber, size) > a.width) size -= 0.5;
      const y = slot ? slot.baseline : a.y + Math.max(0, (a.height - size) / 2) + size * 0.2;
      numberPage.drawText(s.letterNumber, { x: a.x, y, size, font, color: BLACK });
    }
    const verifyUrl = `${opts.publicUrl.replace(/\/+$/, '')}/verify/${encodeURIComponent(s.verifyCode)}`;
    drawBlock(page, area, s, verifyUrl, fonts);

    // An empty signature field whose widget is the block; PdfSigner fills its /V.
    const ctx = doc.context;
    const appearance = ctx.register(ctx.formXObject([], { BBox: [0, 0, area.width, area.height], Resources: {} }));
    const widget = ctx.register(
      ctx.obj({
        Type: 'Annot',
        Subtype: 'Widget',
        FT: 'Sig',
        T: PDFString.of(SIGNATURE_FIELD_NAME),
        F: 4 | 128, // Print, Locked
        Rect: [area.x, area.y, area.x + area.width, area.y + area.height],
        P: page.ref,
        AP: { N: appearance },
      }),
    );
    page.node.set(PDFName.of('Annots'), ctx.obj([widget]));
    doc.catalog.set(PDFName.of('AcroForm'), ctx.obj({ Fields: [widget] }));

    const title = source.getTitle();
    if (title) doc.setTitle(clean(title));
    doc.setLanguage('id-ID');
    doc.setCreator('Naskah');
    doc.setProducer('Naskah (pdf-lib)');
    const now = (opts.now ?? (() => new Date()))();
    doc.setCreationDate(now);
    doc.setModificationDate(now);
    const pdf = await doc.save({ useObjectStreams: false, addDefaultPage: false, objectsPerTick: Infinity, updateFieldAppearances: false });
    return { pdf, pages: doc.getPageCount(), signatureArea: area, verifyUrl };
  },
});
