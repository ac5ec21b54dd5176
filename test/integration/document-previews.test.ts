import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { normaliseWhitespace, editDistance } from '../../scripts/bench/ocr/cer.ts';
import { forEachDatabase } from '../support/for-each-database.ts';
import { unit, user } from '../support/factories.ts';
import { ensureFixture, type FixtureName } from '../support/fixtures.ts';
import { api, expectProblem, upload } from '../support/http.ts';
import { waitForDocument, waitForPreviews, type TestApp } from '../support/test-app.ts';

const run = promisify(execFile);

/** Character error rate of `a` against `b` after whitespace normalisation (0–1). */
const cer = (a: string, b: string) => editDistance(normaliseWhitespace(a), normaliseWhitespace(b)) / Math.max(1, normaliseWhitespace(b).length);

const bytesOf = async (app: TestApp, token: string, url: string) => {
  const res = await fetch(`${app.url}${url}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
};

const archive = async (app: TestApp, token: string, name: FixtureName, fields: Record<string, string> = {}) => {
  const up = await upload(app, token, '/api/v1/documents', [{ name, bytes: await ensureFixture(name) }], { title: name, ...fields });
  expect(up.status, JSON.stringify(up.body)).to.equal(201);
  const doc = await waitForDocument(app, token, String(up.body.id), 120_000);
  expect(doc.status, JSON.stringify(doc)).to.equal('ready');
  return doc;
};

// On the embedded database only: copies, thumbnails and page images live in storage, beside the
// original, and nothing of them in the database, so a second run on MariaDB repeated eight pages
// of OCR (a minute or more of CI) without checking anything new.
forEachDatabase('searchable copies, thumbnails and page images over HTTP', { timeout: 300_000, start: { warmOcr: true }, only: 'sqlite' }, ({ app }) => {
  let tmp: string;
  let outsider: string;
  before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'naskah-previews-'));
    for (const code of ['BKD', 'DISDIK']) await unit(app, code, { name: `Unit ${code}` });
    outsider = (await user(app, 'staf.disdik', { name: 'Staf', password: 'sandi-panjang-sekali', unitCode: 'DISDIK' })).token;
  });
  after(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it("keeps a searchable PDF beside a scanned TIFF's original: pdftotext reads the stored OCR text back, qpdf finds it sound", async () => {
    const doc = await archive(app, app.adminToken, 'scan-top-3p.tiff', { unitCode: 'BKD' });
    expect(doc).to.include({ textSource: 'ocr', pages: 3 });
    expect((await waitForPreviews(app, app.adminToken, String(doc.id))).status).to.equal(200);

    const copy = await bytesOf(app, app.adminToken, `/api/v1/documents/${doc.id}/searchable`);
    expect(copy.status).to.equal(200);
    expect(copy.headers.get('content-type')).to.equal('application/pdf');
    expect(copy.headers.get('content-disposition')).to.match(/^attachment; filename="scan-top-3p-dapat-dicari\.pdf"/);
    expect(copy.headers.get('x-naskah-searchable')).to.equal('copy');
    const file = path.join(tmp, `${doc.id}.pdf`);
    await writeFile(file, copy.bytes);
    const check = await run('qpdf', ['--check', file]);
    expect(check.stdout).to.match(/No syntax or stream encoding errors/);
    expect((await run('pdfinfo', [file])).stdout).to.match(/Pages:\s+3\b/);

    // Page by page, the copy's invisible text is the stored OCR text (-raw: content stream order).
    const stored = (await api(app, app.adminToken, 'GET', `/api/v1/documents/${doc.id}/text`)).body.pages as { page: number; text: string }[];
    for (const p of stored) {
      const { stdout } = await run('pdftotext', ['-raw', '-f', String(p.page), '-l', String(p.page), '-enc', 'UTF-8', file, '-']);
      expect(p.text.length, `page ${p.page} has text`).to.be.greaterThan(200);
      expect(cer(stdout, p.text), `page ${p.page}: ${stdout.slice(0, 200)}`).to.be.below(0.02);
    }

    // The original is untouched: the same bytes as uploaded.
    const original = await bytesOf(app, app.adminToken, `/api/v1/documents/${doc.id}/content`);
    expect(createHash('sha256').update(original.bytes).digest('hex')).to.equal(
      createHash('sha256')
        .update(await readFile(await ensureFixture('scan-top-3p.tiff')))
        .digest('hex'),
    );

    // Every page of the TIFF as an image the browser shows, and no page past the last.
    const tiff = await ensureFixture('scan-top-3p.tiff');
    for (const n of [1, 2, 3]) {
      const img = await bytesOf(app, app.adminToken, `/api/v1/documents/${doc.id}/pages/${n}/image`);
      expect(img.status).to.equal(200);
      expect(img.headers.get('content-type')).to.equal('image/jpeg');
      const meta = await sharp(img.bytes).metadata();
      expect(meta.format).to.equal('jpeg');
      expect(meta.width).to.be.within(500, 1000);
      // The page as scanned (levelling may trim a few pixels): same shape as the TIFF's page.
      const page = await sharp(tiff, { page: n - 1 }).metadata();
      expect(meta.height! / meta.width!).to.be.closeTo(page.height! / page.width!, 0.05);
    }
    expect(expectProblem(await api(app, app.adminToken, 'GET', `/api/v1/documents/${doc.id}/pages/4/image`), 404).detail).to.match(/3 page/);
    expectProblem(await api(app, app.adminToken, 'GET', `/api/v1/documents/${doc.id}/pages/0/image`), 422);
    expectProblem(await api(app, app.adminToken, 'GET', `/api/v1/documents/${doc.id}/pages/satu/image`), 422);

    // Someone who may not see the document sees none of it.
    for (const what of ['searchable', 'thumbnail', 'pages/1/image']) expectProblem(await api(app, outsider, 'GET', `/api/v1/documents/${doc.id}/${what}`), 404);
  });

  it('makes a thumbnail for a PDF, a JPEG and a PNG; a born-digital PDF answers /searchable with its own original', async () => {
    const [pdf, jpeg, png] = await Promise.all((['letter-1p.pdf', 'scan-1p.jpg', 'scan-top-1p.png'] as const).map((f) => archive(app, app.adminToken, f)));
    for (const doc of [pdf!, jpeg!, png!]) {
      const thumb = await waitForPreviews(app, app.adminToken, String(doc.id));
      expect(thumb.status, String(doc.title)).to.equal(200);
      expect(thumb.headers.get('content-type')).to.equal('image/jpeg');
      expect(thumb.headers.get('cache-control')).to.match(/private/);
      const meta = await sharp(thumb.bytes).metadata();
      expect(meta.width, String(doc.title)).to.be.within(100, 240);
    }
    const own = await bytesOf(app, app.adminToken, `/api/v1/documents/${pdf!.id}/searchable`);
    expect(own.status).to.equal(200);
    expect(own.headers.get('x-naskah-searchable')).to.equal('original');
    expect(own.bytes.equals(await readFile(await ensureFixture('letter-1p.pdf')))).to.equal(true);
    // A scanned JPEG's copy is a PDF of its one page.
    const copy = await bytesOf(app, app.adminToken, `/api/v1/documents/${jpeg!.id}/searchable`);
    expect(copy.status).to.equal(200);
    expect(copy.bytes.subarray(0, 5).toString()).to.equal('%PDF-');
  });

  it('answers 404 problems for a PDF mixing text and scanned pages (no copy) and for a document that does not exist', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const what of ['searchable', 'thumbnail', 'pages/1/image'])
      expectProblem(await api(app, app.adminToken, 'GET', `/api/v1/documents/${missing}/${what}`), 404);
    const mixed = await PDFDocument.create();
    for (const source of ['letter-1p.pdf', 'scan-2p.pdf'] as const) {
      const from = await PDFDocument.load(await readFile(await ensureFixture(source)));
      const [first] = await mixed.copyPages(from, [0]);
      mixed.addPage(first!);
    }
    const up = await upload(app, app.adminToken, '/api/v1/documents', [{ name: 'campuran.pdf', bytes: await mixed.save() }], { title: 'campuran' });
    expect(up.status).to.equal(201);
    expect(await waitForDocument(app, app.adminToken, String(up.body.id), 120_000)).to.include({ status: 'ready', pages: 2 });
    expect((await waitForPreviews(app, app.adminToken, String(up.body.id))).status).to.equal(200);
    expect(expectProblem(await api(app, app.adminToken, 'GET', `/api/v1/documents/${up.body.id}/searchable`), 404).detail).to.match(/own text on some pages/);
    expect((await bytesOf(app, app.adminToken, `/api/v1/documents/${up.body.id}/pages/2/image`)).status).to.equal(200);
  });
});
