import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { ensureFixture } from '../support/fixtures.ts';
import { api, expectProblem, upload } from '../support/http.ts';
import { idle } from '../support/leftovers.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const variant = (pdf: Buffer, tag: string) => Buffer.concat([pdf, Buffer.from(`\n%${tag}\n`)]);

describe('search and access over HTTP (embedded)', function () {
  this.timeout(120_000);
  let app: TestApp;
  let bkdStaff: string;
  let disdikStaff: string;
  let ids: Record<string, string>;

  before(async () => {
    app = await startTestApp();
    const admin = app.adminToken;
    for (const u of [
      { code: 'BKD', name: 'Badan Kepegawaian Daerah', parentCode: 'ORG' },
      { code: 'BKD-MUT', name: 'Bidang Mutasi', parentCode: 'BKD' },
      { code: 'DISDIK', name: 'Dinas Pendidikan', parentCode: 'ORG' },
    ]) {
      expect((await api(app, admin, 'POST', '/api/v1/units', u)).status).to.equal(201);
    }
    const users = [
      { username: 'clerk.bkd', role: 'clerk', unitCode: 'BKD', clearance: 'rahasia' },
      { username: 'staf.bkd', role: 'staff', unitCode: 'BKD', clearance: 'terbatas' },
      { username: 'staf.disdik', role: 'staff', unitCode: 'DISDIK', clearance: 'sangat_rahasia' },
    ];
    for (const u of users)
      expect((await api(app, admin, 'POST', '/api/v1/users', { ...u, name: u.username, password: 'sandi-panjang-sekali' })).status).to.equal(201);
    const clerk = await app.login('clerk.bkd', 'sandi-panjang-sekali');
    bkdStaff = await app.login('staf.bkd', 'sandi-panjang-sekali');
    disdikStaff = await app.login('staf.disdik', 'sandi-panjang-sekali');
    const pdf = await readFile(await ensureFixture('letter-1p.pdf'));
    ids = {};
    for (const [key, fields] of Object.entries({
      biasa: { title: 'Mutasi pegawai gelombang pertama', unitCode: 'BKD-MUT', securityLevel: 'biasa', classificationCode: '800' },
      terbatas: { title: 'Mutasi pegawai daftar terbatas', unitCode: 'BKD', securityLevel: 'terbatas', classificationCode: '800' },
      rahasia: { title: 'Mutasi pegawai pemeriksaan rahasia', unitCode: 'BKD', securityLevel: 'rahasia', classificationCode: '862' },
    })) {
      const r = await upload(app, clerk, '/api/v1/documents', [{ name: `${key}.pdf`, bytes: variant(pdf, key) }], fields);
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      ids[key] = String(r.body.id);
    }
    await idle(app);
  });
  after(async () => app?.stop());

  it('counts and returns only what the caller may see, facets included', async () => {
    const bkd = await api(app, bkdStaff, 'GET', '/api/v1/search?q=mutasi');
    expect(bkd.body.items!.map((i) => i.id).sort()).to.deep.equal([ids.biasa, ids.terbatas].sort());
    expect(bkd.body.total).to.equal(2);
    const facets = bkd.body.facets as Record<string, Record<string, number>>;
    expect(facets.classificationCode).to.deep.equal({ '800': 2 });
    expect(JSON.stringify(bkd.body)).to.not.include('pemeriksaan');

    const other = await api(app, disdikStaff, 'GET', '/api/v1/search?q=mutasi');
    expect(other.body.total).to.equal(0);
    expect(other.body.items).to.deep.equal([]);
  });

  it('answers 404 for every representation of a document the caller may not see', async () => {
    for (const suffix of ['', '/content', '/text']) {
      expectProblem(await api(app, bkdStaff, 'GET', `/api/v1/documents/${ids.rahasia}${suffix}`), 404);
      expectProblem(await api(app, disdikStaff, 'GET', `/api/v1/documents/${ids.biasa}${suffix}`), 404);
    }
    expect((await api(app, bkdStaff, 'GET', `/api/v1/documents/${ids.terbatas}`)).status).to.equal(200);
  });

  it('filters by unit, classification and date, and pages with a stable total', async () => {
    const byUnit = await api(app, bkdStaff, 'GET', '/api/v1/search?q=mutasi&unitCode=BKD-MUT');
    expect(byUnit.body.items!.map((i) => i.id)).to.deep.equal([ids.biasa]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await api(app, bkdStaff, 'GET', `/api/v1/search?q=mutasi&from=${today}&to=${today}`)).body.total).to.equal(2);
    expect((await api(app, bkdStaff, 'GET', '/api/v1/search?q=mutasi&from=2000-01-01&to=2000-12-31')).body.total).to.equal(0);
    expect((await api(app, bkdStaff, 'GET', '/api/v1/search?q=mutasi&classificationCode=862')).body.total).to.equal(0);
    const page2 = await api(app, bkdStaff, 'GET', '/api/v1/search?q=mutasi&limit=1&page=2');
    expect(page2.body).to.include({ total: 2, page: 2, limit: 1, totalEstimated: false });
    expect(page2.body.items).to.have.length(1);
    // A small index counts exactly either way; exactTotal is a boolean or a 422.
    expect((await api(app, bkdStaff, 'GET', '/api/v1/search?q=mutasi&exactTotal=true')).body).to.include({ total: 2, totalEstimated: false });
    expectProblem(await api(app, bkdStaff, 'GET', '/api/v1/search?q=mutasi&exactTotal=yes'), 422);
  });

  it('answers the same bytes from a unit that may not see the original with 409, revealing nothing of it', async () => {
    await api(app, app.adminToken, 'POST', '/api/v1/users', {
      username: 'clerk.disdik',
      name: 'c',
      password: 'sandi-panjang-sekali',
      role: 'clerk',
      unitCode: 'DISDIK',
    });
    const other = await app.login('clerk.disdik', 'sandi-panjang-sekali');
    const pdf = await readFile(await ensureFixture('letter-1p.pdf'));
    const r = await upload(app, other, '/api/v1/documents', [{ name: 'same.pdf', bytes: variant(pdf, 'rahasia') }]);
    const p = expectProblem(r, 409);
    expect(JSON.stringify(p)).to.not.include(ids.rahasia!);
    expect(JSON.stringify(p)).to.not.include('pemeriksaan');
  });

  it('staff may not upload', async () => {
    const pdf = await readFile(await ensureFixture('letter-1p.pdf'));
    expectProblem(await upload(app, bkdStaff, '/api/v1/documents', [{ name: 'x.pdf', bytes: variant(pdf, 'staff') }]), 403);
  });

  it('survives hostile queries: too long and absurd paging are 422, unbalanced quotes and operators are just text', async () => {
    expectProblem(await api(app, bkdStaff, 'GET', `/api/v1/search?q=${'a'.repeat(501)}`), 422);
    for (const qs of ['page=0', 'page=99999999', 'limit=0', 'limit=100000', 'page=-1', 'limit=abc'])
      expectProblem(await api(app, bkdStaff, 'GET', `/api/v1/search?q=mutasi&${qs}`), 422);
    for (const bad of ['BKD" OR unitCode = "DISDIK', "BKD' OR 1=1 --", 'BKD) OR (1=1', '*']) {
      expectProblem(await api(app, bkdStaff, 'GET', `/api/v1/search?q=mutasi&unitCode=${encodeURIComponent(bad)}`), 422);
    }
    expectProblem(await api(app, bkdStaff, 'GET', '/api/v1/search?q=mutasi&from=2025-13-45'), 422);
    for (const q of [
      '"mutasi pegawai',
      'mutasi" "',
      'NEAR(mutasi pegawai)',
      'mutasi OR rahasia',
      'unitCode:DISDIK',
      '^mutasi*',
      '((((',
      '"',
      'mutasi AND NOT terbatas',
    ]) {
      const r = await api(app, bkdStaff, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}`);
      expect(r.status, q).to.equal(200);
      expect(
        r.body.items!.map((i) => i.id),
        q,
      ).to.not.include(ids.rahasia);
    }
  });
});
