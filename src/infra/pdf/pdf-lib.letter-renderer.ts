/**
 * Outgoing letters laid out with pdf-lib as an Indonesian office prints them (tata naskah
 * dinas): letterhead with a double rule, place and date, Nomor / Lampiran / Perihal, the
 * addressee, the body, and the signer block with room for the signature mark and QR code.
 * DejaVu fonts come from the dejavu-fonts-ttf package and are embedded (subset), so every Latin
 * letter with its diacritics prints and pdf.js reads the text back.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { AppError } from '../../domain/errors.ts';
import { sharedFontkit } from './shared-fontkit.ts';
import type { LetterContent, LetterRenderer, PageArea, RenderedLetter } from '../../ports/letter-renderer.ts';

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

/** Advance widths of single characters, measured once per font, size and character. */
const charWidths = new WeakMap<PDFFont, Map<number, Map<string, number>>>();
const widthsFor = (font: PDFFont, size: number): Map<string, number> => {
  let bySize = charWidths.get(font);
  if (!bySize) charWidths.set(font, (bySize = new Map()));
  let widths = bySize.get(size);
  if (!widths) bySize.set(size, (widths = new Map()));
  return widths;
};

/**
 * How far the sum of single-character widths may be from the width of the shaped text, as a
 * fraction of the line. Shaping only ever narrows Latin text in these fonts (ligatures: "fi" in
 * DejaVu Serif Bold by up to 11 %); it never widens it, the small margin is for safety. A sum
 * outside these bounds decides alone; inside, the text is measured as pdf-lib will draw it.
 */
const SHAPED_NARROWER = 0.25;
const SHAPED_WIDER = 0.02;

/** The largest n in [1, count] for which `ok(n)` holds (1 when none does), `ok` being monotone; starts from `guess`. */
const lastHolding = (count: number, guess: number, ok: (n: number) => boolean): number => {
  // ok(lo) holds (or lo = 0), ok(hi) does not (or hi = count + 1); gallop away from the guess, then halve.
  let lo = 0;
  let hi = count + 1;
  let step = 1;
  if (ok(guess)) {
    lo = guess;
    while (lo + step <= count) {
      if (!ok(lo + step)) {
        hi = lo + step;
        break;
      }
      lo += step;
      step *= 2;
    }
  } else {
    hi = guess;
    while (hi - step >= 1) {
      if (ok(hi - step)) {
        lo = hi - step;
        break;
      }
      hi -= step;
      step *= 2;
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return Math.max(1, lo);
};

/**
 * Greedy wrap at real glyph widths; a word wider than the line is broken between letters.
 * Linear in the text: each character's width is measured once and summed, and text is shaped
 * and measured only when that sum is near the line width, so about a line's worth at a time.
 */
export const wrapText = (text: string, font: PDFFont, size: number, width: number): string[] => {
  const cache = widthsFor(font, size);
  const charWidth = (ch: string): number => {
    let w = cache.get(ch);
    if (w === undefined) cache.set(ch, (w = font.widthOfTextAtSize(ch, size)));
    return w;
  };
  /** Whether the text fits, given the sum of its characters' widths; `text` is built and measured only when that is close. */
  const fits = (estimate: number, text: () => string): boolean => {
    if (estimate > width * (1 + SHAPED_NARROWER)) return false;
    if (estimate <= width * (1 - SHAPED_WIDER)) return true;
    return font.widthOfTextAtSize(text(), size) <= width;
  };
  const space = charWidth(' ');
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0; // the sum of its characters' widths
  for (const word of text.split(/ +/).filter(Boolean)) {
    const chars = [...word];
    // sum[i]: the widths of the first i characters added up.
    const sum = new Float64Array(chars.length + 1);
    for (let i = 0; i < chars.length; i++) sum[i + 1] = sum[i]! + charWidth(chars[i]!);
    const next = () => (line ? `${line} ${word}` : word);
    const nextWidth = line ? lineWidth + space + sum[chars.length]! : sum[chars.length]!;
    if (fits(nextWidth, next)) {
      line = next();
      lineWidth = nextWidth;
      continue;
    }
    if (line) lines.push(line);
    // Cut off the longest prefix that fits (a letter at least) until the rest fits.
    let from = 0;
    const part = (n: number) => chars.slice(from, from + n).join('');
    const partFits = (n: number) => fits(sum[from + n]! - sum[from]!, () => part(n));
    while (!partFits(chars.length - from)) {
      const left = chars.length - from;
      const guess = lastHolding(left, 1, (n) => sum[from + n]! - sum[from]! <= width);
      const n = lastHolding(left, guess, partFits);
      lines.push(part(n));
      from += n;
    }
    line = part(chars.length - from);
    lineWidth = sum[chars.length]! - sum[from]!;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
};

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

const centred = (flow: Flow, text: string, font: PDFFont, size: number, leading: number) => {
  for (const l of wrapText(text, font, size, WIDTH)) flow.line(l, LEFT + (WIDTH - font.widthOfTextAtSize(l, size)) / 2, font, size, leading);
};

const letterhead = (flow: Flow, f: Fonts, c: LetterContent) => {
  if (c.unitName) {
    centred(flow, c.officeName.toUpperCase(), f.sansBold, 13, 17);
    centred(flow, c.unitName.toUpperCase(), f.sansBold, 15, 19);
  } else centred(flow, c.officeName.toUpperCase(), f.sansBold, 15, 19);
  flow.gap(9);
  flow.page.drawLine({ start: { x: LEFT, y: flow.y }, end: { x: A4[0] - RIGHT, y: flow.y }, thickness: 2.2, color: BLACK });
  flow.page.drawLine({ start: { x: LEFT, y: flow.y - 3 }, end: { x: A4[0] - RIGHT, y: flow.y - 3 }, thickness: 0.7, color: BLACK });
  flow.gap(10);
};

/** Nomor / Lampiran / Perihal; returns where the number goes. */
const fields = (flow: Flow, f: Fonts, c: LetterContent): PageArea => {
  const valueWidth = WIDTH * 0.62;
  let numberArea: PageArea | null = null;
  const row = (label: string, value: string, font = f.serif) => {
    wrapText(value, font, SIZE, valueWidth).forEach((l, i) => {
      const y = flow.line(i === 0 ? label : '', LEFT, f.serif);
      if (i === 0) flow.page.drawText(':', { x: FIELD_VALUE_X - 10, y, size: SIZE, font: f.serif, color: BLACK });
      if (l) flow.page.drawText(l, { x: FIELD_VALUE_X, y, size: SIZE, font, color: BLACK });
      if (label === 'Nomor' && i === 0) numberArea = { page: flow.pageNo, x: FIELD_VALUE_X, y: y - 4, width: valueWidth, height: SIZE + 8 };
    });
  };
  row('Nomor', c.letterNumber ?? '');
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
  const head = chars([c.officeName.toUpperCase(), (c.unitName ?? '').toUpperCase()]).filter((ch) => !sansBold.has(ch.codePointAt(0)!));
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
    ...(c.copies ?? []),
  ]).filter((ch) => !serif.has(ch.codePointAt(0)!) || !serifBold.has(ch.codePointAt(0)!));
  return [...new Set([...head, ...rest])];
};

const render = async (raw: LetterContent): Promise<RenderedLetter> => {
  const c: LetterContent = {
    ...raw,
    officeName: clean(raw.officeName),
    unitName: raw.unitName === null ? null : clean(raw.unitName),
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
      errors: [{ field: 'template', message: `unsupported characters: ${missing.slice(0, 10).join(' ')}` }],
    });

  const flow = new Flow(pdf, f);
  letterhead(flow, f, c);
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
