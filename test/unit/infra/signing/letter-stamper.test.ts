import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { AppError } from '../../../../src/domain/errors.ts';
import { createPdfLibLetterStamper } from '../../../../src/infra/signing/pdf-lib.letter-stamper.ts';
import type { SignatureStamp } from '../../../../src/ports/pdf-signing.ts';
import { pdfText, qpdfCheck } from '../../../support/nss.ts';
import { hostileLetter, plainLetter } from '../../../support/signing-fixtures.ts';

const run = promisify(execFile);
const stamper = createPdfLibLetterStamper({ publicUrl: 'https://naskah.bkd.example.go.id/' });
const STAMP: SignatureStamp = {
  name: 'Dr. Ayu Wulandari, S.H., M.Si.',
  title: 'Kepala Badan Kepegawaian Daerah',
  nip: '197803152005012003',
  date: '5 Maret 2025',
  letterNumber: '800/123/BKD/2025',
  verifyCode: 'Q7XK2M9P',
};
const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const count = (hay: string, needle: string) => hay.split(needle).length - 1;

describe('signing: the letter stamper (clean rewrite + visible block)', function () {
  this.timeout(30_000);

  it('rewrites a hostile PDF clean: no scripts, actions, embedded files, foreign annotations or old revisions', async () => {
    const input = await hostileLetter();
    const raw = latin1(input);
    for (const marker of ['/JavaScript', '/OpenAction', '/EmbeddedFile', '/AA', 'app.alert("update")'])
      expect(raw, `the fixture has ${marker}`).to.contain(marker);
    expect(count(raw, '%%EOF')).to.equal(2);

    const out = await stamper.stamp(input, STAMP);
    const text = latin1(out.pdf);
    for (const marker of [
      '/JavaScript',
      '/JS',
      '/OpenAction',
      '/EmbeddedFile',
      '/Names',
      '/AA',
      '/Launch',
      '/URI',
      '/Link',
      'app.alert',
      'payload.exe',
      '/Outlines',
    ]) {
      expect(text, marker).not.to.contain(marker);
    }
    expect(count(text, '%%EOF')).to.equal(1);
    expect(count(text, 'startxref')).to.equal(1);
    expect(text).not.to.contain('/Prev');

    const doc = await PDFDocument.load(out.pdf);
    const annots = doc.getPage(0).node.Annots()!;
    expect(annots.size()).to.equal(1);
    const widget = annots.lookup(0, PDFDict);
    expect(widget.get(PDFName.of('FT'))).to.equal(PDFName.of('Sig'));
    expect(widget.has(PDFName.of('V'))).to.equal(false);
    const fields = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict).lookup(PDFName.of('Fields'), PDFArray);
    expect(fields.size()).to.equal(1);
    expect([...doc.catalog.keys()].map((k) => k.asString()).sort()).to.deep.equal(['/AcroForm', '/Lang', '/Pages', '/Type']);

    const words = await pdfText(out.pdf);
    expect(words).to.contain('Surat dengan isi yang disembunyikan.');
    expect(words).not.to.contain('teks tersembunyi');
    expect((await qpdfCheck(out.pdf)).code).to.equal(0);
  });

  it('draws the block: name, title, NIP, date, number, with DejaVu embedded and a widget over it', async () => {
    const { pdf, area } = await plainLetter();
    const out = await stamper.stamp(pdf, STAMP, { area, numberArea: { page: 1, x: 142, y: 716, width: 300, height: 16 } });
    expect(out.verifyUrl).to.equal('https://naskah.bkd.example.go.id/verify/Q7XK2M9P');
    expect(out.signatureArea).to.deep.equal(area);
    expect(out.pages).to.equal(1);
    const words = (await pdfText(out.pdf)).replace(/\s+/g, ' ');
    for (const s of [
      'Ditandatangani secara elektronik oleh:',
      'Dr. Ayu Wulandari, S.H., M.Si.',
      'Kepala Badan Kepegawaian',
      'NIP. 197803152005012003',
      'Tanggal: 5 Maret 2025',
      'Nomor: 800/123/BKD/2025',
    ]) {
      expect(words, s).to.contain(s);
    }
    // The number printed on the "Nomor" line as well.
    expect(words).to.match(/Nomor: 800\/123\/BKD\/2025.*Dengan hormat/);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-stamp-'));
    try {
      await writeFile(path.join(dir, 'out.pdf'), out.pdf);
      const fonts = (await run('pdffonts', [path.join(dir, 'out.pdf')])).stdout;
      expect(fonts).to.match(/DejaVuSans-\d+\s+CID TrueType\s+Identity-H\s+yes/);
      expect(fonts).to.match(/DejaVuSans-Bold-\d+\s+CID TrueType\s+Identity-H\s+yes/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const doc = await PDFDocument.load(out.pdf);
    const rect = doc
      .getPage(0)
      .node.Annots()!
      .lookup(0, PDFDict)
      .lookup(PDFName.of('Rect'), PDFArray)
      .asArray()
      .map((n) => Number(n.toString()));
    expect(rect).to.deep.equal([area.x, area.y, area.x + area.width, area.y + area.height]);
  });

  it('puts the block at the bottom right of the last page when no area is given; keeps every page', async () => {
    const doc = await PDFDocument.create();
    for (let i = 0; i < 3; i++) doc.addPage([595.28, 841.89]);
    const out = await stamper.stamp(await doc.save(), { ...STAMP, nip: null });
    expect(out.pages).to.equal(3);
    expect(out.signatureArea.page).to.equal(3);
    expect(await pdfText(out.pdf)).not.to.contain('NIP.');
  });

  it('refuses encrypted or unreadable PDFs, areas off the page, bad codes and unprintable text', async () => {
    const { pdf, area } = await plainLetter();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-stamp-'));
    try {
      await writeFile(path.join(dir, 'in.pdf'), pdf);
      await run('qpdf', ['--encrypt', 'user', 'owner', '256', '--', path.join(dir, 'in.pdf'), path.join(dir, 'enc.pdf')]);
      await expectInvalid(stamper.stamp(await readFile(path.join(dir, 'enc.pdf')), STAMP), /encrypted/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    await expectInvalid(stamper.stamp(Buffer.from('%PDF-1.7\nnot really'), STAMP), /not a readable PDF|no pages|damaged/);
    await expectInvalid(stamper.stamp(pdf, STAMP, { area: { ...area, page: 2 } }), /page 2/);
    await expectInvalid(stamper.stamp(pdf, STAMP, { area: { ...area, x: 500 } }), /outside the page/);
    await expectInvalid(stamper.stamp(pdf, STAMP, { area: { ...area, width: 60 } }), /too small/);
    await expectInvalid(stamper.stamp(pdf, { ...STAMP, verifyCode: '../admin' }), /verification code/);
    await expectInvalid(stamper.stamp(pdf, { ...STAMP, name: '王小明' }), /cannot be printed/);
    await expectInvalid(stamper.stamp(pdf, { ...STAMP, letterNumber: ' ' }), /letter number/);
  });
});

const expectInvalid = async (p: Promise<unknown>, detail: RegExp) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).to.be.instanceOf(AppError);
  expect((err as AppError).code).to.equal('invalid');
  expect((err as AppError).detail).to.match(detail);
};
