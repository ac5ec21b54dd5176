/**
 * Outgoing letters laid out with pdf-lib as an Indonesian office prints them (tata naskah
 * dinas): letterhead (logo on the left; government line, office, unit, address and contact
 * lines centred beside it) with a double rule, place and date, Nomor / Sifat / Lampiran / Perihal, the
 * addressee, the body, and the signer block with room for the signature mark and QR code.
 * DejaVu fonts come from the dejavu-fonts-ttf package and are embedded (subset), so every Latin
 * letter with its diacritics prints and pdf.js reads the text back.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PDFDocument, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import { AppError } from '../../domain/errors.ts';
import { sharedFontkit } from './shared-fontkit.ts';
import { wrapText } from './text-wrap.ts';
import type { LetterContent, LetterRenderer, PageArea, RenderedLetter, TextSlot } from '../../ports/letter-renderer.ts';

const A4: [number, number] = [595.28, 841.89];
const LEFT = 70; // 2.5 cm, the binding side
const RIGHT = 56;
const TOP = 48;
const BOTTOM = 64;
const WIDTH = A4[0] - LEFT - RIGHT;
const SIZE = 11.5;
const LEADING = 16;
/** Height kept blank in the signer block for the signature mark and QR code. */
const SIGNATURE_SPACE = 96;
const FIELD_VALUE_X = LEFT + 72;
const BLACK = rgb(0, 0, 0);

export const FONT_FILES = { serif: 'DejaVuSerif.ttf', serifBold: 'DejaVuSerif-Bold.ttf', sansBold: 'DejaVuSans-Bold.ttf' } as const;
export type FontName = keyof typeof FONT_FILES;
type Fonts = Record<FontName, PDFFont>;

const require = createRequire(import.meta.url);
let fontBytes: Promise<Record<FontName, Uint8Array>> | null = null;
/** Read once per process from the installed package, never fetched. */
export const loadFontBytes = (): Promise<Record<FontName, Uint8Array>> =>
  (fontBytes ??= (async () => {
    const out = {} as Record<FontName, Uint8Array>;
    for (const name of Object.keys(FONT_FILES) as FontName[]) out[name] = await readFile(require.resolve(`dejavu-fonts-ttf/ttf/${FONT_FILES[name]}`));
    return out;
  })().catch((e: unknown) => {
    fontBytes = null;
    throw e;
  }));

/** Tabs become spaces, other control characters go, line ends become \n, letters are composed (NFC). */
export const clean = (s: string): string =>
  s
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/g, '');

/** Keeps track of the page and the baseline as text flows down, adding pages as needed. */
class Flow {
  page!: PDFPage;
  pageNo = 0;
  y = 0;
  constructor(
    private readonly pdf: PDFDocument,
    private readonly fonts: Fonts,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.pdf.addPage(A4);
    this.pageNo++;
    this.y = A4[1] - TOP;
    if (this.pageNo > 1) {
      const mark = `- ${this.pageNo} -`;
      this.page.drawText(mark, {
        x: (A4[0] - this.fonts.serif.widthOfTextAtSize(mark, 10)) / 2,
        y: this.y - 10,
        size: 10,
        font: this.fonts.serif,
        color: BLACK,
      });
      this.y -= 30;
    }
  }

  /** Makes room for `height` below the current line, on a new page when this one is full. */
  need(height: number): void {
    if (this.y - height < BOTTOM) this.newPage();
  }

  /** Writes one line at x on the next baseline. */
  line(text: string, x: number, font: PDFFont, size = SIZE, leading = LEADING): number {
    this.need(leading);
    this.y -= leading;
    if (text) this.page.drawText(text, { x, y: this.y, size, font, color: BLACK });
    return this.y;
  }

  gap(h: number): void {
    this.y -= h;
  }
}

/** Centred lines between x0 and x0 + width. */
const centred = (flow: Flow, text: string, font: PDFFont, size: number, leading: number, x0 = LEFT, width = WIDTH) => {
  for (const l of wrapText(text, font, size, width)) flow.line(l, x0 + (width - font.widthOfTextAtSize(l, size)) / 2, font, size, leading);
};

/** The logo's box: at most this tall and wide, its own proportions kept. */
const LOGO_HEIGHT = 66;
const LOGO_WIDTH = 72;

const letterhead = async (pdf: PDFDocument, flow: Flow, f: Fonts, c: LetterContent) => {
  const top = flow.y;
  let x0 = LEFT;
  let logoBottom = top;
  if (c.logo) {
    let image: PDFImage;
    try {
      image = c.logo.type === 'image/png' ? await pdf.embedPng(c.logo.bytes) : await pdf.embedJpg(c.logo.bytes);
    } catch (err) {
      throw new AppError('invalid', 'the letterhead logo cannot be drawn', {
        cause: err,
        errors: [{ field: 'logo', message: 'not a readable PNG or JPEG image', code: 'file_unreadable' }],
      });
    }
    const scale = Math.min(LOGO_HEIGHT / image.height, LOGO_WIDTH / image.width);
    const [w, h] = [image.width * scale, image.height * scale];
    flow.page.drawImage(image, { x: LEFT + (LOGO_WIDTH - w) / 2, y: top - 4 - h, width: w, height: h });
    // The text is centred in the room beside the logo, so a long line never runs over it.
    x0 = LEFT + LOGO_WIDTH + 8;
    logoBottom = top - 4 - h;
  }
  const width = A4[0] - RIGHT - x0;
  if (c.governmentLine) centred(flow, c.governmentLine.toUpperCase(), f.sansBold, 13, 17, x0, width);
  if (c.unitName) {
    centred(flow, c.officeName.toUpperCase(), f.sansBold, c.governmentLine ? 12 : 13, 16, x0, width);
    centred(flow, c.unitName.toUpperCase(), f.sansBold, 14, 18, x0, width);
  } else centred(flow, c.officeName.toUpperCase(), f.sansBold, 15, 19, x0, width);
  flow.gap(2);
  for (const l of c.headLines ?? []) {
    // An address or contact line shrinks a little to stay on one line, as printed kop lines do.
    let size = 9.5;
    while (size > 8 && f.serif.widthOfTextAtSize(l, size) > width) size -= 0.25;
    centred(flow, l, f.serif, size, 12, x0, width);
  }
  flow.y = Math.min(flow.y, logoBottom);
  flow.gap(9);
  flow.page.drawLine({ start: { x: LEFT, y: flow.y }, end: { x: A4[0] - RIGHT, y: flow.y }, thickness: 2.2, color: BLACK });
  flow.page.drawLine({ start: { x: LEFT, y: flow.y - 3 }, end: { x: A4[0] - RIGHT, y: flow.y - 3 }, thickness: 0.7, color: BLACK });
  flow.gap(10);
};

/** Nomor / Sifat / Lampiran / Perihal; returns where the number goes (its label's baseline and size). */
const fields = (flow: Flow, f: Fonts, c: LetterContent): TextSlot => {
  const valueWidth = WIDTH * 0.62;
  let numberArea: TextSlot | null = null;
  const row = (label: string, value: string, font = f.serif) => {
    wrapText(value, font, SIZE, valueWidth).forEach((l, i) => {
      const y = flow.line(i === 0 ? label : '', LEFT, f.serif);
      if (i === 0) flow.page.drawText(':', { x: FIELD_VALUE_X - 10, y, size: SIZE, font: f.serif, color: BLACK });
      if (l) flow.page.drawText(l, { x: FIELD_VALUE_X, y, size: SIZE, font, color: BLACK });
      if (label === 'Nomor' && i === 0)
        numberArea = { page: flow.pageNo, x: FIELD_VALUE_X, y: y - 4, width: valueWidth, height: SIZE + 8, baseline: y, size: SIZE };
    });
  };
  row('Nomor', c.letterNumber ?? '');
  if (c.sifat) row('Sifat', c.sifat);
  row('Lampiran', c.attachments ?? '-');
  row('Perihal', c.subject, f.serifBold);
  return numberArea!;
};

/** The signer block in the right half, kept on one page; returns the blank signature area. */
const signerBlock = (flow: Flow, f: Fonts, c: LetterContent): PageArea => {
  const x = LEFT + WIDTH / 2;
  const w = WIDTH / 2;
  const title = /[,.:]$/.test(c.signer.title.trim()) ? c.signer.title.trim() : `${c.signer.title.trim()},`;
  const titleLines = wrapText(title, f.serif, SIZE, w);
  const nameLines = wrapText(c.signer.name, f.serifBold, SIZE, w);
  flow.gap(LEADING);
  flow.need((titleLines.length + nameLines.length + 1) * LEADING + SIGNATURE_SPACE);
  for (const l of titleLines) flow.line(l, x, f.serif);
  const area: PageArea = { page: flow.pageNo, x, y: flow.y - SIGNATURE_SPACE - 4, width: w, height: SIGNATURE_SPACE };
  flow.gap(SIGNATURE_SPACE);
  for (const l of nameLines) {
    const y = flow.line(l, x, f.serifBold);
    flow.page.drawLine({ start: { x, y: y - 2 }, end: { x: x + f.serifBold.widthOfTextAtSize(l, SIZE), y: y - 2 }, thickness: 0.6, color: BLACK });
  }
  if (c.signer.nip) flow.line(`NIP. ${c.signer.nip}`, x, f.serif);
  return area;
};

/** Tembusan after the signer block, where TNDE puts them: "Tembusan:" and a numbered list. */
const copiesBlock = (flow: Flow, f: Fonts, copies: string[]) => {
  if (copies.length === 0) return;
  flow.gap(LEADING);
  flow.need(2 * LEADING);
  flow.line('Tembusan:', LEFT, f.serif);
  copies.forEach((name, i) => {
    wrapText(`${i + 1}. ${name}`, f.serif, SIZE, WIDTH).forEach((l, j) => flow.line(j === 0 ? l : `    ${l}`, LEFT, f.serif));
  });
};

/** Characters the embedded fonts cannot draw (they would print as empty boxes). */
const missingGlyphs = (c: LetterContent, f: Fonts): string[] => {
  const setOf = (font: PDFFont) => new Set(font.getCharacterSet());
  const [serif, serifBold, sansBold] = [setOf(f.serif), setOf(f.serifBold), setOf(f.sansBold)];
  const chars = (parts: string[]) => [...new Set([...parts.join('').replace(/\s/g, '')])];
  const head = chars([c.officeName.toUpperCase(), (c.unitName ?? '').toUpperCase(), (c.governmentLine ?? '').toUpperCase()]).filter(
    (ch) => !sansBold.has(ch.codePointAt(0)!),
  );
  const rest = chars([
    c.placeAndDate,
    c.letterNumber ?? '',
    c.attachments ?? '',
    c.subject,
    c.addressee,
    c.body,
    c.signer.title,
    c.signer.name,
    c.signer.nip ?? '',
    c.heading ?? '',
    c.sifat ?? '',
    ...(c.headLines ?? []),
    ...(c.copies ?? []),
  ]).filter((ch) => !serif.has(ch.codePointAt(0)!) || !serifBold.has(ch.codePointAt(0)!));
  return [...new Set([...head, ...rest])];
};

const render = async (raw: LetterContent): Promise<RenderedLetter> => {
  const c: LetterContent = {
    ...raw,
    officeName: clean(raw.officeName),
    unitName: raw.unitName === null ? null : clean(raw.unitName),
    governmentLine: raw.governmentLine ? clean(raw.governmentLine).replace(/\n+/g, ' ') : null,
    headLines: (raw.headLines ?? []).map((l) => clean(l).replace(/\n+/g, ' ')).filter(Boolean),
    sifat: raw.sifat ? clean(raw.sifat) : null,
    placeAndDate: clean(raw.placeAndDate),
    letterNumber: raw.letterNumber === null ? null : clean(raw.letterNumber),
    attachments: raw.attachments === null ? null : clean(raw.attachments),
    subject: clean(raw.subject).replace(/\n+/g, ' '),
    addressee: clean(raw.addressee),
    body: clean(raw.body),
    signer: {
      title: clean(raw.signer.title).replace(/\n+/g, ' '),
      name: clean(raw.signer.name).replace(/\n+/g, ' '),
      nip: raw.signer.nip ? clean(raw.signer.nip) : null,
    },
    heading: raw.heading ? clean(raw.heading).replace(/\n+/g, ' ') : null,
    copies: (raw.copies ?? []).map((l) => clean(l).replace(/\n+/g, ' ')),
  };
  const bytes = await loadFontBytes();
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(sharedFontkit);
  const entries = await Promise.all((Object.keys(FONT_FILES) as FontName[]).map(async (n) => [n, await pdf.embedFont(bytes[n], { subset: true })] as const));
  const f = Object.fromEntries(entries) as Fonts;
  const missing = missingGlyphs(c, f);
  if (missing.length)
    throw new AppError('invalid', `these characters cannot be printed: ${missing.slice(0, 10).join(' ')}`, {
      errors: [{ field: 'template', message: `unsupported characters: ${missing.slice(0, 10).join(' ')}`, code: 'unsupported_characters' }],
    });

  const flow = new Flow(pdf, f);
  await letterhead(pdf, flow, f, c);
  if (c.heading) {
    centred(flow, c.heading.toUpperCase(), f.serifBold, 13, 18);
    flow.gap(4);
  }
  const dateWidth = f.serif.widthOfTextAtSize(c.placeAndDate, SIZE);
  flow.line(c.placeAndDate, A4[0] - RIGHT - Math.min(dateWidth, WIDTH), f.serif);
  flow.gap(6);
  const numberArea = fields(flow, f, c);
  flow.gap(LEADING);
  for (const l of c.addressee.split('\n')) for (const w of wrapText(l.trim(), f.serif, SIZE, WIDTH * 0.62)) flow.line(w, LEFT, f.serif);
  flow.gap(LEADING * 0.75);
  for (const paragraph of c.body
    .split(/\n[ \t]*\n+/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    for (const l of paragraph.split('\n')) for (const w of wrapText(l.trim(), f.serif, SIZE, WIDTH)) flow.line(w, LEFT, f.serif);
    flow.gap(LEADING * 0.5);
  }
  const signatureArea = signerBlock(flow, f, c);
  copiesBlock(flow, f, c.copies ?? []);

  pdf.setTitle(c.subject);
  pdf.setSubject(c.subject);
  pdf.setKeywords([raw.documentKey]);
  pdf.setLanguage('id-ID');
  pdf.setCreator('Naskah');
  pdf.setProducer('Naskah (pdf-lib)');
  pdf.setCreationDate(raw.renderedAt);
  pdf.setModificationDate(raw.renderedAt);
  const out = await pdf.save({ useObjectStreams: false });
  return { pdf: out, pages: pdf.getPageCount(), signatureArea, numberArea };
};

/** The letter renderer the adapters switch wires in (there is one: pdf-lib). */
export const createPdfLibLetterRenderer = (): LetterRenderer => ({ render });
