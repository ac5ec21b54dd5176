import { expect } from 'chai';
import { api, expectProblem, upload } from '../support/http.ts';
import { unit, user } from '../support/factories.ts';
import { ensureFixture } from '../support/fixtures.ts';
import { type TestApp, startTestApp, waitForDocument } from '../support/test-app.ts';
import { generateLetter } from '../../scripts/fixtures/letter-text.ts';

const everything = { userId: 'test', unitCodes: 'all' as const, levels: ['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'] as const };

describe('document edit and download audit (HTTP)', function () {
  this.timeout(60_000);
  let app: TestApp;
  let id: string;
  let staff: string;
  let clerk: string;
  let editor: string;
  const word = generateLetter(1)
    .subject.split(/\s+/)
    .find((w) => w.length >= 7)!
    .replace(/[^\p{L}]/gu, '');
  before(async () => {
    app = await startTestApp();
    await unit(app, 'BKD');
    staff = (await user(app, 'staf', { name: 'Staf' })).token;
    clerk = (await user(app, 'tu.bkd', { password: 'sandi-tu-bkd-1', name: 'TU', role: 'clerk', unitCode: 'BKD' })).token;
    // The editor raises a document's level below, so is cleared for it (admins cannot raise their own).
    editor = (await user(app, 'arsiparis', { password: 'sandi-arsip-123', name: 'Arsiparis', role: 'clerk', clearance: 'sangat_rahasia' })).token;
    const up = await upload(app, app.adminToken, '/api/v1/documents', [{ name: 'surat.pdf', bytes: await ensureFixture('letter-1p.pdf') }], {
      title: 'Surat lama',
    });
    id = String(up.body.id);
    await waitForDocument(app, app.adminToken, id);
  });
  after(async () => app?.stop());

  const auditOf = async (action: string) =>
    (await app.naskah.deps.db.audit.list({ targetId: id, action }, { ...everything, levels: [...everything.levels] }, 1, 100)).items;

  it('audits every download, biasa included, but not every biasa page view', async () => {
    expect((await fetch(`${app.url}/api/v1/documents/${id}/content`, { headers: { authorization: `Bearer ${staff}` } })).status).to.equal(200);
    expect((await api(app, staff, 'GET', `/api/v1/documents/${id}`)).status).to.equal(200);
    expect(await auditOf('document.download')).to.have.length(1);
    expect(await auditOf('document.read')).to.have.length(0);
  });

  it('lets a clerk or admin correct the description; raising the level hides it at once, search included', async () => {
    expect((await api(app, staff, 'GET', `/api/v1/search?q=${word}`)).body.total).to.equal(1);
    const edited = await api(app, editor, 'PATCH', `/api/v1/documents/${id}`, {
      title: 'Surat undangan rapat',
      securityLevel: 'terbatas',
      tags: ['rapat', 'undangan'],
    });
    expect(edited.status).to.equal(200);
    expect(edited.body).to.include({ title: 'Surat undangan rapat', securityLevel: 'terbatas' });
    expectProblem(await api(app, staff, 'GET', `/api/v1/documents/${id}`), 404);
    const until = Date.now() + 10_000;
    let hits = 1;
    while (hits !== 0 && Date.now() < until) hits = Number((await api(app, staff, 'GET', `/api/v1/search?q=${word}`)).body.total);
    expect(hits).to.equal(0);
    const [entry] = await auditOf('document.edit');
    expect(entry?.details).to.deep.include({ changed: ['title', 'securityLevel', 'tags'] });
    expect(entry?.details.before).to.deep.include({ title: 'Surat lama', securityLevel: 'biasa' });
  });

  it('refuses staff, clerks of other units, unknown fields and bad values', async () => {
    expectProblem(await api(app, staff, 'PATCH', `/api/v1/documents/${id}`, { title: 'x' }), 404); // cannot see it now
    expectProblem(await api(app, clerk, 'PATCH', `/api/v1/documents/${id}`, { title: 'x' }), 404); // ORG is above BKD
    expectProblem(await api(app, editor, 'PATCH', `/api/v1/documents/${id}`, { sha256: 'f'.repeat(64) }), 422);
    expectProblem(await api(app, editor, 'PATCH', `/api/v1/documents/${id}`, { securityLevel: 'top-secret' }), 422);
    expectProblem(await api(app, editor, 'PATCH', `/api/v1/documents/${id}`, { unitCode: 'NOPE' }), 422);
    expectProblem(await api(app, editor, 'PATCH', `/api/v1/documents/${id}`, { title: '' }), 422);
    expectProblem(await api(app, editor, 'PATCH', '/api/v1/documents/00000000-0000-4000-8000-000000000000', { title: 'x' }), 404);
    expect(await auditOf('document.edit')).to.have.length(1);
  });

  it('versions the description: an ETag on read, 412 for an edit of a version no longer current, and of two edits at once one wins', async () => {
    const read = await fetch(`${app.url}/api/v1/documents/${id}`, { headers: { authorization: `Bearer ${editor}` } });
    const etag = read.headers.get('etag')!;
    expect(etag).to.match(/^"\d+"$/);
    const patch = (body: unknown, ifMatch?: string) =>
      fetch(`${app.url}/api/v1/documents/${id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${editor}`, 'content-type': 'application/json', ...(ifMatch ? { 'if-match': ifMatch } : {}) },
        body: JSON.stringify(body),
      });
    const [a, b] = await Promise.all([patch({ title: 'Versi A' }, etag), patch({ title: 'Versi B' }, etag)]);
    expect([a.status, b.status].sort()).to.deep.equal([200, 412]);
    const won = a.status === 200 ? a : b;
    const lost = a.status === 200 ? b : a;
    expect(won.headers.get('etag')).to.equal(`"${Number(etag.slice(1, -1)) + 1}"`);
    expect(lost.headers.get('content-type')).to.match(/problem\+json/);
    expect(((await lost.json()) as { detail: string }).detail).to.match(/changed by someone else/);
    expect((await patch({ title: 'Versi lama' }, etag)).status).to.equal(412); // an old ETag stays refused
    expect((await patch({ title: 'Versi C' }, 'kemarin')).status).to.equal(400);
    // Without If-Match two edits at once still cannot both write over what they read.
    const [c, d] = await Promise.all([patch({ title: 'Tanpa A' }), patch({ title: 'Tanpa B' })]);
    expect([c.status, d.status]).to.include(200);
    expect([c.status, d.status].every((st) => st === 200 || st === 412)).to.equal(true);
  });
});
