import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { ensureFixture } from '../support/fixtures.ts';
import { api, expectProblem, upload } from '../support/http.ts';
import { footprint, idle } from '../support/leftovers.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { buildZip } from '../support/zip.ts';

const BATCH = '/api/v1/documents/batch';

/** Polls a batch until every file is settled. */
const settled = async (app: TestApp, token: string, batchId: string) => {
  const until = Date.now() + 60_000;
  for (;;) {
    const r = await api(app, token, 'GET', `${BATCH}/${batchId}`);
    if ((r.body.done === r.body.total && r.body.total !== undefined) || Date.now() > until)
      return r.body as Record<string, unknown> & { files: Record<string, unknown>[] };
    await new Promise((res) => setTimeout(res, 100));
  }
};

describe('bulk import (HTTP, embedded)', function () {
  this.timeout(120_000);
  let app: TestApp;
  let pdf1: Buffer;
  let pdf3: Buffer;
  before(async () => {
    app = await startTestApp({ ZIP_MAX_ENTRIES: '50' });
    pdf1 = await readFile(await ensureFixture('letter-1p.pdf'));
    pdf3 = await readFile(await ensureFixture('letter-3p.pdf'));
  });
  after(async () => app?.stop());

  it('files many parts, reports each bad file with its reason, and lets the rest go in', async () => {
    const r = await upload(
      app,
      app.adminToken,
      BATCH,
      [
        { name: 'satu.pdf', bytes: pdf1 },
        { name: 'tiga.pdf', bytes: pdf3 },
        { name: 'rusak.pdf', bytes: await ensureFixture('corrupt.pdf') },
        { name: 'catatan.txt', bytes: await ensureFixture('not-a-letter.txt') },
      ],
      { classificationCode: '800' },
    );
    expect(r.status).to.equal(202);
    expect(r.body).to.include({ files: 4, rejected: 1 });
    const b = await settled(app, app.adminToken, String(r.body.batchId));
    expect(b.files.map((f) => [f.filename, f.status])).to.deep.equal([
      ['satu.pdf', 'ready'],
      ['tiga.pdf', 'ready'],
      ['rusak.pdf', 'rejected'],
      ['catatan.txt', 'rejected'],
    ]);
    expect(String(b.files[2]!.error)).to.have.length.greaterThan(5);
    expect(b.files.slice(2).map((f) => f.errorCode)).to.deep.equal(['file-truncated', 'unsupported-type']);
    expect(b.files[0]!.errorCode).to.equal(null);
    expect(b.progress).to.equal(1);
    expect(await app.filesIn('objects/inbox')).to.deep.equal([]);
    const doc = await api(app, app.adminToken, 'GET', `/api/v1/documents/${b.files[1]!.documentId}`);
    expect(doc.body).to.include({ classificationCode: '800', pages: 3, status: 'ready' });
  });

  it('expands a ZIP, skipping folders and marking a file already archived as a duplicate', async () => {
    const fresh = Buffer.concat([pdf1, Buffer.from('\n%zip\n')]);
    const zip = buildZip([{ name: 'arsip/' }, { name: 'arsip/baru.pdf', data: fresh }, { name: 'arsip/lama.pdf', data: pdf3 }]);
    const r = await upload(app, app.adminToken, BATCH, [{ name: 'arsip.zip', bytes: zip }]);
    expect(r.status).to.equal(202);
    const b = await settled(app, app.adminToken, String(r.body.batchId));
    expect(b.files.map((f) => [f.filename, f.status, f.duplicate])).to.deep.equal([
      ['arsip/baru.pdf', 'ready', false],
      ['arsip/lama.pdf', 'ready', true],
    ]);
  });

  const hostile: [string, () => Buffer, number][] = [
    ['a path-traversal name', () => buildZip([{ name: '../../evil.pdf', data: Buffer.from('%PDF-1.4') }]), 422],
    ['a symlink', () => buildZip([{ name: 'link.pdf', data: Buffer.from('/etc/passwd'), mode: 0o120777 }]), 422],
    ['too many entries', () => buildZip(Array.from({ length: 60 }, (_, i) => ({ name: `f${i}.pdf`, data: Buffer.from(`%PDF-1.4 ${i}`) }))), 422],
    ['a huge expansion ratio', () => buildZip([{ name: 'bom.pdf', data: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(40 * 1024 * 1024)]) }]), 422],
    ['sizes that lie', () => buildZip([{ name: 'bohong.pdf', data: Buffer.concat([pdf1, Buffer.alloc(100_000, 0x20)]), declaredSize: 1000 }]), 422],
  ];
  for (const [what, make, status] of hostile) {
    it(`rejects a ZIP with ${what} whole, keeping nothing`, async () => {
      await idle(app);
      const before = await footprint(app);
      expectProblem(await upload(app, app.adminToken, BATCH, [{ name: 'x.zip', bytes: make() }]), status);
      expect(await footprint(app)).to.deep.equal(before);
    });
  }

  it('shows a batch only to whoever imported it', async () => {
    const r = await upload(app, app.adminToken, BATCH, [{ name: 'satu.pdf', bytes: pdf1 }]);
    await api(app, app.adminToken, 'POST', '/api/v1/users', {
      username: 'siti',
      password: 'kata-sandi-agendaris',
      name: 'Siti',
      role: 'clerk',
      unitCode: 'ORG',
    });
    const siti = await app.login('siti', 'kata-sandi-agendaris');
    expectProblem(await api(app, siti, 'GET', `${BATCH}/${r.body.batchId}`), 404);
    expectProblem(await upload(app, siti, BATCH, []), 400);
  });
});
