import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { generateLetter } from '../../scripts/fixtures/letter-text.ts';
import { ensureFixture } from '../support/fixtures.ts';
import { api, upload } from '../support/http.ts';
import { startTestApp, waitForDocument, type TestApp } from '../support/test-app.ts';

/** A born-digital page about something else entirely: none of its words are near a letter's. */
const decoyPdf = async (line: string): Promise<Uint8Array> => {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595.28, 841.89]);
  page.drawText(line, { x: 64, y: 760, size: 12, font: await pdf.embedFont(StandardFonts.Helvetica) });
  return pdf.save();
};

const DECOYS = [
  'Catatan inventaris gudang: kursi lipat, meja kayu, lemari besi, kipas angin.',
  'Jadwal piket kebersihan halaman parkir pada akhir pekan bulan Juli.',
];

describe('archive and find (HTTP, embedded)', function () {
  this.timeout(120_000);
  let app: TestApp;
  /** Documents every search here must leave out: a search that ignored its words would return them. */
  const decoys: string[] = [];
  const expectNoDecoy = (items: Record<string, unknown>[] | undefined) => expect(items!.map((i) => i.id)).to.not.include.members(decoys).and.to.not.be.empty;
  before(async () => {
    app = await startTestApp({}, { warmOcr: true });
    for (const [i, line] of DECOYS.entries()) {
      const up = await upload(app, app.adminToken, '/api/v1/documents', [{ name: `lain-${i}.pdf`, bytes: Buffer.from(await decoyPdf(line)) }], {
        title: `Catatan lain ${i}`,
      });
      expect(up.status).to.equal(201);
      await waitForDocument(app, app.adminToken, String(up.body.id));
      decoys.push(String(up.body.id));
    }
    // The decoys are searchable: they are found by their own words.
    const own = await api(app, app.adminToken, 'GET', '/api/v1/search?q=inventaris');
    expect(own.body.items!.map((i) => i.id)).to.deep.equal([decoys[0]]);
  });
  after(async () => app?.stop());

  it('stores a born-digital PDF, reads its text layer without OCR, and finds it by a word, a typo and its letter number', async () => {
    const file = await ensureFixture('letter-1p.pdf');
    const letter = generateLetter(1);
    const up = await upload(app, app.adminToken, '/api/v1/documents', [{ name: 'surat-undangan.pdf', bytes: file }], {
      title: 'Surat undangan',
      classificationCode: letter.classificationCode,
      documentDate: letter.letterDate,
    });
    expect(up.status).to.equal(201);
    expect(up.body).to.include({ status: 'processing', mimeType: 'application/pdf', pages: 1, duplicate: false });
    expect(up.body.sha256).to.equal(
      createHash('sha256')
        .update(await readFile(file))
        .digest('hex'),
    );

    const doc = await waitForDocument(app, app.adminToken, String(up.body.id));
    expect(doc).to.include({ status: 'ready', textSource: 'pdf-text', pages: 1 });

    const text = await api(app, app.adminToken, 'GET', `/api/v1/documents/${up.body.id}/text`);
    expect(text.body.text).to.include(letter.letterNumber);
    expect((text.body.pages as { page: number; source: string }[])[0]).to.include({ page: 1, source: 'pdf-text' });

    const word = letter.subject
      .split(/\s+/)
      .find((w) => w.length >= 7)!
      .replace(/[^\p{L}]/gu, '');
    const byWord = await api(app, app.adminToken, 'GET', `/api/v1/search?q=${encodeURIComponent(word)}`);
    expect(byWord.body.items!.map((i) => i.id)).to.include(up.body.id);
    expectNoDecoy(byWord.body.items);
    expect((byWord.body.items![0]!.highlights as string[]).join(' ')).to.match(/<mark>/);

    const typo = word.slice(0, 2) + word[3] + word[2] + word.slice(4); // two letters swapped
    const byTypo = await api(app, app.adminToken, 'GET', `/api/v1/search?q=${encodeURIComponent(typo)}`);
    expect(byTypo.body.items!.map((i) => i.id)).to.include(up.body.id);
    expectNoDecoy(byTypo.body.items);

    const byNumber = await api(app, app.adminToken, 'GET', `/api/v1/search?q=${encodeURIComponent(letter.letterNumber)}`);
    expect(byNumber.body.items![0]!.id).to.equal(up.body.id);
    expectNoDecoy(byNumber.body.items);
    expect(byNumber.body).to.have.property('tookMs');

    const nothing = await api(app, app.adminToken, 'GET', '/api/v1/search?q=zqxwvkj');
    expect(nothing.status).to.equal(200);
    expect(nothing.body).to.deep.include({ total: 0, items: [] });
  });

  it('OCRs a phone-quality scan and finds it by its letter number, a word from its body, and a misspelling', async function () {
    this.timeout(180_000);
    const letter = generateLetter(11);
    const up = await upload(app, app.adminToken, '/api/v1/documents', [{ name: 'pindaian.jpg', bytes: await ensureFixture('scan-1p.jpg') }], {
      title: 'Pindaian surat masuk',
    });
    expect(up.status).to.equal(201);
    expect(up.body.mimeType).to.equal('image/jpeg');
    const doc = await waitForDocument(app, app.adminToken, String(up.body.id), 150_000);
    expect(doc).to.include({ status: 'ready', textSource: 'ocr', pages: 1 });
    const text = await api(app, app.adminToken, 'GET', `/api/v1/documents/${up.body.id}/text`);
    const page = (text.body.pages as { confidence?: number; source: string }[])[0]!;
    expect(page.source).to.equal('ocr');
    expect(page.confidence).to.be.a('number').above(50);

    const byNumber = await api(app, app.adminToken, 'GET', `/api/v1/search?q=${encodeURIComponent(letter.letterNumber)}`);
    expect(byNumber.body.items!.map((i) => i.id)).to.include(up.body.id);
    expectNoDecoy(byNumber.body.items);
    const words = letter.paragraphs
      .join(' ')
      .split(/[^\p{L}]+/u)
      .filter((w) => w.length >= 9);
    const word = words[Math.floor(words.length / 2)]!;
    const byWord = await api(app, app.adminToken, 'GET', `/api/v1/search?q=${encodeURIComponent(word)}`);
    expect(
      byWord.body.items!.map((i) => i.id),
      word,
    ).to.include(up.body.id);
    expectNoDecoy(byWord.body.items);
    const misspelt = word.slice(0, 4) + word.slice(5); // one letter dropped
    const byTypo = await api(app, app.adminToken, 'GET', `/api/v1/search?q=${encodeURIComponent(misspelt)}`);
    expect(
      byTypo.body.items!.map((i) => i.id),
      misspelt,
    ).to.include(up.body.id);
    expectNoDecoy(byTypo.body.items);
  });

  it('answers the same bytes with the existing document and stores them once', async () => {
    const file = await ensureFixture('letter-3p.pdf');
    const [a, b] = await Promise.all([1, 2].map(() => upload(app, app.adminToken, '/api/v1/documents', [{ name: 'x.pdf', bytes: file }])));
    const first = [a!, b!].find((r) => r.status === 201)!;
    const second = [a!, b!].find((r) => r !== first)!;
    expect(second.status).to.equal(200);
    expect(second.body).to.include({ id: first.body.id, duplicate: true });
    const objects = (await app.filesIn('objects')).filter((f) => f.endsWith(String(first.body.sha256)));
    expect(objects).to.have.length(1);
  });

  it('serves the original as an attachment with nosniff and a safe Content-Disposition', async () => {
    const file = await ensureFixture('letter-1p.pdf');
    const list = await api(app, app.adminToken, 'GET', '/api/v1/search?q=');
    const id = list.body.items!.find((i) => i.title === 'Surat undangan')!.id;
    const res = await fetch(`${app.url}/api/v1/documents/${id}/content`, { headers: { authorization: `Bearer ${app.adminToken}` } });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('application/pdf');
    expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(res.headers.get('content-disposition')).to.match(/^attachment; filename="surat-undangan.pdf"/);
    expect(Buffer.from(await res.arrayBuffer()).equals(await readFile(file))).to.equal(true);
  });

  it('publishes its OpenAPI document and answers health checks', async () => {
    const spec = await api(app, null, 'GET', '/api/v1/openapi.json');
    expect(spec.body.openapi).to.match(/^3\./);
    expect(Object.keys(spec.body.paths as object)).to.include.members(['/api/v1/documents', '/api/v1/search', '/api/v1/documents/batch']);
    expect((await api(app, null, 'GET', '/healthz')).status).to.equal(200);
    const ready = await api(app, null, 'GET', '/readyz');
    expect(ready.status).to.equal(200);
    expect(ready.body.checks).to.deep.equal({ database: 'ok', storage: 'ok', search: 'ok' });
  });
});
