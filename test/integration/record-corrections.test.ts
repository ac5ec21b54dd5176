import { expect } from 'chai';
import { letterPdf } from '../../scripts/fixtures/letter-pdf.ts';
import { generateLetter } from '../../scripts/fixtures/letter-text.ts';
import { api, expectProblem, upload } from '../support/http.ts';
import { approvedLetter, issueCertificate, person, setUpUnits, sign } from '../support/sign-office.ts';
import { startTestApp, type TestApp, waitForDocument } from '../support/test-app.ts';

type Json = Record<string, unknown>;

describe('records change only by versioned corrections that keep the original values (HTTP, embedded)', function () {
  this.timeout(120_000);
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app?.stop());

  it('lists each correction with its version, reason and values before and after, and the description as first registered', async () => {
    const up = await upload(app, app.adminToken, '/api/v1/documents', [{ name: 'a.pdf', bytes: await letterPdf([generateLetter(4501)]) }], {
      title: 'Judul asli',
      letterNumber: '005/1/ORG/2025',
      classificationCode: '005',
    });
    const id = String(up.body.id);
    await waitForDocument(app, app.adminToken, id);
    expect((await api(app, app.adminToken, 'PATCH', `/api/v1/documents/${id}`, { title: 'Judul kedua', reason: 'salah ketik' })).status).to.equal(200);
    expect((await api(app, app.adminToken, 'PATCH', `/api/v1/documents/${id}`, { title: 'Judul ketiga', letterNumber: '005/2/ORG/2025' })).status).to.equal(
      200,
    );
    const c = (await api(app, app.adminToken, 'GET', `/api/v1/documents/${id}/corrections`)).body;
    expect(c.version).to.equal(3);
    expect(c.original).to.deep.include({ title: 'Judul asli', letterNumber: '005/1/ORG/2025', classificationCode: '005' });
    const list = c.corrections as Json[];
    expect(list.map((x) => x.version)).to.deep.equal([2, 3]);
    expect(list[0]).to.deep.include({ reason: 'salah ketik', before: { title: 'Judul asli' }, after: { title: 'Judul kedua' } });
    expect(list[1]).to.deep.include({ reason: null, changed: ['title', 'letterNumber'] });
  });

  it('never changes what a signature covers: a signed letter keeps its number, date and title; its tags may change', async () => {
    await setUpUnits(app);
    const drafter = await person(app, 'konseptor', 'staff', 'BKD');
    const signer = await person(app, 'sekda', 'official', 'SETDA');
    expect((await issueCertificate(app, signer, '482913')).status).to.equal(201);
    const signed = await sign(app, signer, await approvedLetter(app, drafter, signer), { pin: '482913', totp: app.nextTotp('sekda') });
    expect(signed.status, JSON.stringify(signed.body)).to.equal(200);
    const docId = String(signed.body.signedDocumentId);
    const p = expectProblem(await api(app, app.adminToken, 'PATCH', `/api/v1/documents/${docId}`, { letterNumber: '999/1/X/2020' }), 409);
    expect(String(p.detail))
      .to.match(/signed letter/)
      .and.match(/letterNumber/);
    expectProblem(await api(app, app.adminToken, 'PATCH', `/api/v1/documents/${docId}`, { documentDate: '2020-01-01' }), 409);
    const doc = (await api(app, app.adminToken, 'GET', `/api/v1/documents/${docId}`)).body;
    expect(doc.letterNumber).to.equal(signed.body.letterNumber);
    expect((await api(app, app.adminToken, 'PATCH', `/api/v1/documents/${docId}`, { tags: ['dikirim'] })).status).to.equal(200);
  });
});
