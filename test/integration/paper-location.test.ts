import { expect } from 'chai';
import { api, expectProblem, upload } from '../support/http.ts';
import { ensureFixture } from '../support/fixtures.ts';
import { type TestApp, startTestApp } from '../support/test-app.ts';

/** Where a document's paper original is kept (issue 17): set on upload, read back, corrected, bounded. */
describe('a document’s paper location (HTTP)', function () {
  this.timeout(60_000);
  let app: TestApp;
  let id: string;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => app?.stop());

  const fieldsOf = (p: Record<string, unknown>) => (p.errors as { field: string }[]).map((e) => e.field);

  it('is kept from the upload form, answered with the document, corrected and cleared by an edit', async () => {
    const pdf = await ensureFixture('letter-1p.pdf');
    const up = await upload(app, app.adminToken, '/api/v1/documents', [{ name: 'surat.pdf', bytes: pdf }], {
      title: 'Surat berkas fisik',
      paperLocation: ' Lemari 2 / Rak B / Boks 14 ',
    });
    expect(up.status).to.equal(201);
    expect(up.body.paperLocation).to.equal('Lemari 2 / Rak B / Boks 14');
    id = String(up.body.id);
    const read = await api(app, app.adminToken, 'GET', `/api/v1/documents/${id}`);
    expect(read.body.paperLocation).to.equal('Lemari 2 / Rak B / Boks 14');

    const moved = await api(app, app.adminToken, 'PATCH', `/api/v1/documents/${id}`, { paperLocation: 'Lemari 3 / Rak A', reason: 'dipindah' });
    expect(moved.status).to.equal(200);
    expect(moved.body.paperLocation).to.equal('Lemari 3 / Rak A');
    const history = await api(app, app.adminToken, 'GET', `/api/v1/documents/${id}/corrections`);
    const [last] = history.body.corrections as { reason: string; before: unknown }[];
    expect(last).to.include({ reason: 'dipindah' });
    expect(last!.before).to.deep.equal({ paperLocation: 'Lemari 2 / Rak B / Boks 14' });

    const cleared = await api(app, app.adminToken, 'PATCH', `/api/v1/documents/${id}`, { paperLocation: '' });
    expect(cleared.body.paperLocation).to.equal(null);
    expect((await api(app, app.adminToken, 'GET', `/api/v1/documents/${id}`)).body.paperLocation).to.equal(null);
  });

  // The project answers a value out of bounds 422 (src/http/validate.ts), a wrong shape 400.
  it('refuses 201 characters, on upload and on edit, naming the field', async () => {
    const long = 'x'.repeat(201);
    const up = await upload(app, app.adminToken, '/api/v1/documents', [{ name: 'scan.jpg', bytes: await ensureFixture('scan-1p.jpg') }], {
      paperLocation: long,
    });
    expect(fieldsOf(expectProblem(up, 422))).to.deep.equal(['paperLocation']);
    const edit = await api(app, app.adminToken, 'PATCH', `/api/v1/documents/${id}`, { paperLocation: long });
    expect(fieldsOf(expectProblem(edit, 422))).to.deep.equal(['paperLocation']);
  });
});
