/**
 * PDFs and certificates for the signing tests, all made by code: a plain one-page letter, a
 * hostile one (scripts, an embedded file, annotations, a form, page actions, an incremental
 * update), hand-written incremental updates, and an office with a root and an official.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { type PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import type { PageArea } from '../../src/ports/letter-renderer.ts';
import type { CertificateAuthority, SigningCredential } from '../../src/ports/pdf-signing.ts';

const require = createRequire(import.meta.url);
const HOUR = 3600_000;
const DAY = 24 * HOUR;
export const OFFICE = 'Badan Kepegawaian Daerah Kota Contoh';

/** A one-page A4 letter with a text layer; the area in the lower right is where the block goes. */
export const plainLetter = async (
  body = 'Dengan hormat, bersama ini kami sampaikan undangan rapat koordinasi.',
): Promise<{ pdf: Uint8Array; area: PageArea }> => {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(await readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf')), { subset: true });
  const page = doc.addPage([595.28, 841.89]);
  page.drawText('PEMERINTAH KOTA CONTOH', { x: 70, y: 780, size: 14, font });
  page.drawText('Nomor: ', { x: 70, y: 720, size: 11.5, font });
  let y = 680;
  for (const line of body.split('\n')) {
    page.drawText(line, { x: 70, y, size: 11.5, font });
    y -= 16;
  }
  page.drawText('Kepala Badan,', { x: 305, y: 300, size: 11.5, font });
  return { pdf: await doc.save({ useObjectStreams: false }), area: { page: 1, x: 305, y: 190, width: 234, height: 96 } };
};

/** The file's last startxref offset. */
const lastStartXref = (pdf: Uint8Array): number => {
  const tail = Buffer.from(pdf.subarray(Math.max(0, pdf.length - 2048))).toString('latin1');
  const all = [...tail.matchAll(/startxref\s+(\d+)/g)];
  return Number(all[all.length - 1]![1]);
};

/**
 * Appends an incremental update (ISO 32000 7.5.6) that adds or replaces `objects` (number →
 * the object's body, e.g. a dictionary), with a classic xref section and a trailer pointing at
 * the previous one: what a PDF editor writes when it saves changes to a signed file.
 */
export const appendIncrementalUpdate = async (pdf: Uint8Array, objects: Map<number, string>): Promise<Uint8Array> => {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const rootRef = doc.context.trailerInfo.Root!.toString();
  const infoRef = doc.context.trailerInfo.Info?.toString();
  const size = Math.max(doc.context.largestObjectNumber + 1, ...[...objects.keys()].map((n) => n + 1));
  let text = '\n';
  const offsets = new Map<number, number>();
  for (const [num, body] of [...objects.entries()].sort((a, b) => a[0] - b[0])) {
    offsets.set(num, pdf.length + Buffer.byteLength(text, 'latin1'));
    text += `${num} 0 obj\n${body}\nendobj\n`;
  }
  const xrefAt = pdf.length + Buffer.byteLength(text, 'latin1');
  text += 'xref\n0 1\n0000000000 65535 f \n';
  for (const [num, off] of [...offsets.entries()].sort((a, b) => a[0] - b[0])) text += `${num} 1\n${String(off).padStart(10, '0')} 00000 n \n`;
  text += `trailer\n<< /Size ${size} /Root ${rootRef}${infoRef ? ` /Info ${infoRef}` : ''} /Prev ${lastStartXref(pdf)} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(text, 'latin1')]);
};

/** An update that adds a sticky-note annotation to page 1 (keeping the widgets already there). */
export const addAnnotationUpdate = async (pdf: Uint8Array): Promise<Uint8Array> => {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const page = doc.getPage(0);
  const annotNum = doc.context.largestObjectNumber + 1;
  const annots =
    page.node
      .Annots()
      ?.asArray()
      .map((r) => r.toString()) ?? [];
  const pageDict = page.node.clone();
  pageDict.set(PDFName.of('Annots'), doc.context.obj([]));
  const pageText = pageDict.toString().replace('/Annots [ ]', `/Annots [ ${[...annots, `${annotNum} 0 R`].join(' ')} ]`);
  return appendIncrementalUpdate(
    pdf,
    new Map([
      [annotNum, `<< /Type /Annot /Subtype /Text /Rect [ 100 100 120 120 ] /Contents (Disetujui tanpa tanda tangan) /P ${page.ref.toString()} >>`],
      [page.ref.objectNumber, pageText],
    ]),
  );
};

/** An update that draws other text over page 1 (a new content stream and a Helvetica resource). */
export const changeTextUpdate = async (pdf: Uint8Array, text = 'NOMINAL DIUBAH: Rp 999.999.999'): Promise<Uint8Array> => {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const page = doc.getPage(0);
  const streamNum = doc.context.largestObjectNumber + 1;
  const content = `BT /NaskahEdit 18 Tf 72 420 Td (${text}) Tj ET`;
  const contents = page.node.get(PDFName.of('Contents'))!;
  const existing = contents
    .toString()
    .replace(/^\[|\]$/g, '')
    .trim();
  const resources = page.node.Resources()!.clone();
  const fonts = (resources.lookup(PDFName.of('Font')) as PDFDict | undefined)?.clone() ?? doc.context.obj({});
  fonts.set(PDFName.of('NaskahEdit'), doc.context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica' }));
  resources.set(PDFName.of('Font'), fonts);
  const pageDict = page.node.clone();
  pageDict.set(PDFName.of('Resources'), resources);
  pageDict.delete(PDFName.of('Contents'));
  const pageText = pageDict.toString().replace(/>>\s*$/, `/Contents [ ${existing} ${streamNum} 0 R ]\n>>`);
  return appendIncrementalUpdate(
    pdf,
    new Map([
      [streamNum, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`],
      [page.ref.objectNumber, pageText],
    ]),
  );
};

/**
 * A letter carrying everything the stamper must drop: OpenAction JavaScript, a document-level
 * script, an embedded file, a link annotation running a script, a page open action, a form
 * field, and an incremental update adding one more script.
 */
export const hostileLetter = async (): Promise<Uint8Array> => {
  const { pdf } = await plainLetter('Surat dengan isi yang disembunyikan.');
  const doc = await PDFDocument.load(pdf);
  const ctx = doc.context;
  const js = (code: string) => ctx.obj({ S: 'JavaScript', JS: PDFString.of(code) });
  doc.catalog.set(PDFName.of('OpenAction'), ctx.register(js('app.alert("open")')));
  doc.catalog.set(PDFName.of('Names'), ctx.obj({ JavaScript: ctx.obj({ Names: [PDFString.of('hidden'), ctx.register(js('app.alert("doc")'))] }) }));
  await doc.attach(Buffer.from('MZ not really a program'), 'payload.exe', { mimeType: 'application/octet-stream', description: 'hidden' });
  const page = doc.getPage(0);
  const link = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Link', Rect: [70, 700, 300, 720], A: js('app.launchURL("http://evil.example")') }));
  const field = ctx.register(
    ctx.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Tx', T: PDFString.of('isian'), Rect: [70, 600, 300, 620], V: PDFString.of('teks tersembunyi') }),
  );
  page.node.set(PDFName.of('Annots'), ctx.obj([link, field]));
  page.node.set(PDFName.of('AA'), ctx.obj({ O: js('app.alert("page")') }));
  doc.catalog.set(PDFName.of('AcroForm'), ctx.obj({ Fields: [field] }));
  const saved = await doc.save({ useObjectStreams: false });
  const extra = (await PDFDocument.load(saved)).context.largestObjectNumber + 1;
  return appendIncrementalUpdate(saved, new Map([[extra, '<< /S /JavaScript /JS (app.alert("update")) >>']]));
};

/** An office root and one official with a signing certificate, both valid from an hour ago. */
export const officeWithOfficial = async (
  ca: CertificateAuthority,
  name = 'Dr. Ayu Wulandari, S.H., M.Si.',
): Promise<{ root: SigningCredential; official: SigningCredential }> => {
  const root = await ca.createRoot({
    subject: { name: 'Root CA BKD Kota Contoh', organization: OFFICE },
    notBefore: new Date(Date.now() - HOUR),
    notAfter: new Date(Date.now() + 365 * DAY),
  });
  const official = await ca.issue(root, {
    subject: { name, title: 'Kepala Badan', nip: '197803152005012003', organization: OFFICE },
    notBefore: new Date(Date.now() - HOUR),
    notAfter: new Date(Date.now() + 90 * DAY),
  });
  return { root, official };
};
