import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { AppError } from '../../src/domain/errors.ts';
import { ensureFixture, type FixtureName } from '../support/fixtures.ts';
import { api, expectProblem, upload } from '../support/http.ts';
import sharp from 'sharp';
import { footprint, idle, type Footprint } from '../support/leftovers.ts';
import { multipart, rawRequest } from '../support/raw-http.ts';
import { startTestApp, waitForDocument, type TestApp } from '../support/test-app.ts';

const LIMIT = 300_000;
const DOCS = '/api/v1/documents';

describe('upload: bad input leaves nothing behind (HTTP, embedded)', function () {
  this.timeout(60_000);
  let app: TestApp;
  let before0: Footprint;
  before(async () => {
    app = await startTestApp({ UPLOAD_MAX_BYTES: String(LIMIT) });
  });
  after(async () => app?.stop());
  beforeEach(async () => {
    await idle(app);
    before0 = await footprint(app);
  });
  const expectNothingLeft = async () => {
    await new Promise((r) => setTimeout(r, 150)); // let an aborted stream finish unwinding
    expect(await footprint(app)).to.deep.equal(before0);
  };

  it('rejects an empty file with 400', async () => {
    expectProblem(await upload(app, app.adminToken, DOCS, [{ name: 'kosong.pdf', bytes: new Uint8Array() }]), 400);
    await expectNothingLeft();
  });

  it('rejects a file one byte over the limit with 413', async () => {
    const body = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(LIMIT + 1 - 9, 0x20)]);
    expect(body.length).to.equal(LIMIT + 1);
    expectProblem(await upload(app, app.adminToken, DOCS, [{ name: 'besar.pdf', bytes: body }]), 413);
    await expectNothingLeft();
  });

  it('rejects a form without a file part with 400', async () => {
    const form = new FormData();
    form.append('title', 'tanpa berkas');
    const res = await fetch(`${app.url}${DOCS}`, { method: 'POST', headers: { authorization: `Bearer ${app.adminToken}` }, body: form });
    expect(res.status).to.equal(400);
    expect(res.headers.get('content-type')).to.match(/problem\+json/);
    await expectNothingLeft();
  });

  it('rejects two files on the single-document route, and too many fields, with 413', async () => {
    const pdf = await readFile(await ensureFixture('letter-1p.pdf'));
    expectProblem(
      await upload(app, app.adminToken, DOCS, [
        { name: 'a.pdf', bytes: pdf },
        { name: 'b.pdf', bytes: pdf },
      ]),
      413,
    );
    const fields = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}`, 'x']));
    expectProblem(await upload(app, app.adminToken, DOCS, [{ name: 'a.pdf', bytes: pdf }], fields), 413);
    await expectNothingLeft();
  });

  it('rejects a body cut before the closing boundary with 400', async () => {
    const pdf = await readFile(await ensureFixture('letter-1p.pdf'));
    const body = multipart('XyZ', [{ name: 'file', filename: 'a.pdf', body: pdf }], false);
    const r = await rawRequest(app.url, app.adminToken, DOCS, 'multipart/form-data; boundary=XyZ', body);
    expect(r).to.not.equal('aborted');
    expect((r as { status: number }).status).to.equal(400);
    await expectNothingLeft();
  });

  it('rejects a part with an empty field name with 400', async () => {
    const body = multipart('XyZ', [
      { name: '', body: 'x' },
      { name: 'file', filename: 'a.pdf', body: '%PDF-1.4 x' },
    ]);
    const r = await rawRequest(app.url, app.adminToken, DOCS, 'multipart/form-data; boundary=XyZ', body);
    expect((r as { status: number }).status).to.equal(400);
    await expectNothingLeft();
  });

  it('keeps nothing from a client that aborts half-way', async () => {
    const pdf = await readFile(await ensureFixture('letter-3p.pdf'));
    const body = multipart('XyZ', [{ name: 'file', filename: 'a.pdf', body: Buffer.concat([pdf, Buffer.alloc(200_000 - pdf.length, 0x20)]) }]);
    expect(await rawRequest(app.url, app.adminToken, DOCS, 'multipart/form-data; boundary=XyZ', body, { abortAfter: 120_000 })).to.equal('aborted');
    await expectNothingLeft();
  });

  it('answers 503 and keeps nothing when the disk could not flush the staged file (acknowledged only once durable)', async () => {
    const staging = app.naskah.deps.staging;
    const write = staging.write.bind(staging);
    staging.write = async (source, o) => {
      const staged = await write(source, o);
      const synced = Promise.reject(new AppError('unavailable', 'storage is unavailable (staging write: EIO)', { backend: 'storage' }));
      synced.catch(() => undefined);
      return { ...staged, synced };
    };
    try {
      const pdf = await readFile(await ensureFixture('letter-1p.pdf'));
      const bytes = Buffer.concat([pdf, Buffer.from('\n%flush-failed\n')]); // distinct bytes: not a duplicate of an earlier upload
      expectProblem(await upload(app, app.adminToken, DOCS, [{ name: 'a.pdf', bytes }]), 503);
    } finally {
      staging.write = write;
    }
    await expectNothingLeft();
  });

  it('answers a non-multipart request with 415', async () => {
    const r = await api(app, app.adminToken, 'POST', DOCS, { title: 'json is no file' });
    expectProblem(r, 415);
    await expectNothingLeft();
  });

  it('decides the type by magic bytes: an executable named .pdf is 415, a PNG named .pdf is stored as a PNG', async () => {
    expectProblem(await upload(app, app.adminToken, DOCS, [{ name: 'surat.pdf', bytes: await ensureFixture('executable.pdf') }]), 415);
    expectProblem(await upload(app, app.adminToken, DOCS, [{ name: 'surat.pdf', bytes: await ensureFixture('not-a-letter.txt') }]), 415);
    await expectNothingLeft();
    const small = await sharp({ create: { width: 300, height: 120, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    const png = await upload(app, app.adminToken, DOCS, [{ name: 'surat.pdf', bytes: small }]);
    expect(png.status).to.equal(201);
    expect(png.body.mimeType).to.equal('image/png');
  });

  for (const name of ['corrupt.pdf', 'truncated.pdf', 'encrypted.pdf', 'huge-pixels.png', 'bomb.tiff'] as FixtureName[]) {
    it(`rejects ${name} with 422 and a reason`, async () => {
      const p = expectProblem(await upload(app, app.adminToken, DOCS, [{ name, bytes: await ensureFixture(name) }]), 422);
      expect(String(p.detail)).to.have.length.greaterThan(5);
      await expectNothingLeft();
    });
  }

  it('stores PDFs with JavaScript or embedded files, but only ever serves them as attachments', async () => {
    for (const name of ['javascript.pdf', 'embedded-file.pdf'] as FixtureName[]) {
      const up = await upload(app, app.adminToken, DOCS, [{ name, bytes: await ensureFixture(name) }]);
      expect(up.status).to.equal(201);
      const res = await fetch(`${app.url}${DOCS}/${up.body.id}/content`, { headers: { authorization: `Bearer ${app.adminToken}` } });
      expect(res.headers.get('content-disposition')).to.match(/^attachment;/);
      expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(res.headers.get('content-security-policy')).to.match(/sandbox/);
      await res.arrayBuffer();
    }
  });

  it('keeps hostile file names as metadata only and echoes them safely', async () => {
    const pdf = await readFile(await ensureFixture('letter-1p.pdf'));
    const names = ['../../etc/passwd.pdf', '..\\..\\windows\\win.ini.pdf', `${'panjang'.repeat(80)}.pdf`, 'surat-ضمان-公文-ပုံ.pdf', 'quote".pdf'];
    for (const [i, name] of names.entries()) {
      const bytes = Buffer.concat([pdf, Buffer.from(`\n%${i}\n`)]); // distinct bytes, still a valid PDF
      const up = await upload(app, app.adminToken, DOCS, [{ name, bytes }]);
      expect(up.status, name).to.equal(201);
      const stored = String(up.body.originalName);
      expect(stored).to.not.match(/[\\/\u0000-\u001f]/);
      expect([...stored].length).to.be.at.most(255);
      const res = await fetch(`${app.url}${DOCS}/${up.body.id}/content`, { headers: { authorization: `Bearer ${app.adminToken}` } });
      const cd = res.headers.get('content-disposition')!;
      expect(cd).to.match(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+=:@-]*$/);
      await res.arrayBuffer();
    }
    // Stored under content-derived names only: originals, and each document's previews under its id
    // (a preview the worker is writing right now sits in the store's scratch folder for a moment).
    const files = await app.filesIn('objects');
    expect(
      files.filter(
        (f) =>
          !f.startsWith('objects/originals/') &&
          !f.startsWith('objects/.tmp/') &&
          !/^objects\/derived\/[0-9a-f-]{36}\/(thumbnail\.jpg|searchable\.pdf|pages\/\d+\.jpg)$/.test(f),
      ),
    ).to.deep.equal([]);
  });

  it('strips control characters sent as an RFC 5987 file name', async () => {
    const pdf = await readFile(await ensureFixture('letter-1p.pdf'));
    const body = multipart('XyZ', [{ name: 'file', filename: 'a\u0007b\u001fc\u0000d.pdf', body: Buffer.concat([pdf, Buffer.from('\n%ctl\n')]) }]);
    const r = (await rawRequest(app.url, app.adminToken, DOCS, 'multipart/form-data; boundary=XyZ', body)) as { status: number; body: string };
    expect(r.status).to.equal(201);
    expect(JSON.parse(r.body).originalName).to.equal('abcd.pdf');
  });

  it('strips bidi controls from a file name, so it is stored and shown as what it is', async () => {
    const pdf = await readFile(await ensureFixture('letter-1p.pdf'));
    // Shown right-to-left from U+202E on, this name reads "raporexe.pdf" in a list.
    const up = await upload(app, app.adminToken, DOCS, [
      { name: 'rapor\u202Efdp.exe\u2066\u200F\u0085.pdf', bytes: Buffer.concat([pdf, Buffer.from('\n%bidi\n')]) },
    ]);
    expect(up.status, JSON.stringify(up.body)).to.equal(201);
    expect(up.body.originalName).to.equal('raporfdp.exe.pdf');
  });

  it('rejects values that do not fit (bad date, unknown security level, unknown unit) with 422 and field errors', async () => {
    const pdf = await readFile(await ensureFixture('letter-1p.pdf'));
    const bad = await upload(app, app.adminToken, DOCS, [{ name: 'a.pdf', bytes: Buffer.concat([pdf, Buffer.from('\n%bad\n')]) }], {
      documentDate: '2025-02-30',
      securityLevel: 'top-secret',
    });
    const p = expectProblem(bad, 422);
    expect((p.errors as { field: string }[]).map((e) => e.field)).to.include.members(['documentDate', 'securityLevel']);
    expectProblem(
      await upload(app, app.adminToken, DOCS, [{ name: 'a.pdf', bytes: Buffer.concat([pdf, Buffer.from('\n%bad\n')]) }], { unitCode: 'NOPE' }),
      422,
    );
    await expectNothingLeft();
  });

  it('asks for a token: none or a forged one is 401', async () => {
    const pdf = await readFile(await ensureFixture('letter-1p.pdf'));
    expectProblem(await upload(app, 'forged-token-forged-token-forged', DOCS, [{ name: 'a.pdf', bytes: pdf }]), 401);
    const res = await fetch(`${app.url}${DOCS}`, { method: 'POST' });
    expect(res.status).to.equal(401);
    await expectNothingLeft();
  });

  it('still processes a PNG stored under a .pdf name to ready', async () => {
    const list = await api(app, app.adminToken, 'GET', '/api/v1/search?q=&limit=100');
    const png = list.body.items!.find((i) => i.title === 'surat.pdf');
    if (!png) throw new Error('the PNG upload from the earlier test is missing');
    const doc = await waitForDocument(app, app.adminToken, String(png.id), 45_000);
    // A blank image has no words: OCR finds nothing, and the document is ready with no text.
    expect(doc).to.include({ status: 'ready', mimeType: 'image/png', textSource: 'none' });
  });
});
