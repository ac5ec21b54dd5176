import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { ensureFixture } from '../support/fixtures.ts';
import { api, expectProblem, upload } from '../support/http.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'sandi-panjang-sekali';

describe('nobody classifies a document above their own clearance (HTTP, embedded)', function () {
  this.timeout(120_000);
  let app: TestApp;
  let clerk: string;
  let pdf: Buffer;
  let n = 0;
  const bytes = () => Buffer.concat([pdf, Buffer.from(`\n%clearance-${n++}\n`)]);
  const documentCount = async () => (await app.naskah.deps.db.documents.listIds(null, 1000)).length;
  /** A 403 that names the clearance and points at the securityLevel field. */
  const expectRefused = (r: Awaited<ReturnType<typeof api>>) => {
    const p = expectProblem(r, 403);
    expect(String(p.detail)).to.equal('you are cleared up to terbatas; a document you file or correct cannot be classified rahasia');
    expect((p.errors as { field: string }[]).map((e) => e.field)).to.deep.equal(['securityLevel']);
  };

  before(async () => {
    app = await startTestApp();
    pdf = await readFile(await ensureFixture('letter-1p.pdf'));
    const r = await api(app, app.adminToken, 'POST', '/api/v1/users', {
      username: 'pengarsip',
      password: PASSWORD,
      name: 'Pengarsip',
      role: 'clerk',
      unitCode: 'ORG',
      clearance: 'terbatas',
    });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    clerk = await app.login('pengarsip', PASSWORD);
  });
  after(async () => app?.stop());

  it('refuses an upload and a bulk import above it, keeping nothing; up to it they go in', async () => {
    const before = await documentCount();
    expectRefused(await upload(app, clerk, '/api/v1/documents', [{ name: 'a.pdf', bytes: bytes() }], { title: 'Rahasia', securityLevel: 'rahasia' }));
    expectRefused(
      await upload(
        app,
        clerk,
        '/api/v1/documents/batch',
        [
          { name: 'b.pdf', bytes: bytes() },
          { name: 'c.pdf', bytes: bytes() },
        ],
        { securityLevel: 'rahasia' },
      ),
    );
    expect(await documentCount()).to.equal(before);
    expect(await app.filesIn('tmp')).to.deep.equal([]);

    expect(
      (await upload(app, clerk, '/api/v1/documents', [{ name: 'e.pdf', bytes: bytes() }], { title: 'Terbatas', securityLevel: 'terbatas' })).status,
    ).to.equal(201);
    // Registering a sealed letter above one's clearance stays allowed (see the incoming register's tests).
    const letter = {
      letterNumber: '800/1/UJI/2025',
      letterDate: '2025-03-01',
      sender: 'BKN',
      subject: 'Surat rahasia',
      urgency: 'biasa',
      securityLevel: 'rahasia',
    };
    expect((await upload(app, clerk, '/api/v1/letters/incoming', [{ name: 'f.pdf', bytes: bytes() }], letter)).status).to.equal(201);
  });

  it('refuses a correction that raises the level above it; lowering it is fine', async () => {
    const up = await upload(app, clerk, '/api/v1/documents', [{ name: 'g.pdf', bytes: bytes() }], { title: 'Dikoreksi', securityLevel: 'terbatas' });
    expect(up.status).to.equal(201);
    const id = String(up.body.id);
    expectRefused(await api(app, clerk, 'PATCH', `/api/v1/documents/${id}`, { securityLevel: 'rahasia', reason: 'salah klasifikasi' }));
    expect((await api(app, clerk, 'GET', `/api/v1/documents/${id}`)).body.securityLevel).to.equal('terbatas');
    const lowered = await api(app, clerk, 'PATCH', `/api/v1/documents/${id}`, { securityLevel: 'biasa', reason: 'tidak rahasia' });
    expect(lowered.status, JSON.stringify(lowered.body)).to.equal(200);
    expect(lowered.body.securityLevel).to.equal('biasa');
  });
});
