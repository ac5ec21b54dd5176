import { expect } from 'chai';
import { api, expectProblem } from '../support/http.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { passwordOf } from '../support/passwords.ts';

type Json = Record<string, unknown>;

/**
 * No admin reaches above their own clearance alone: an account raised above it, or the
 * credentials of an account cleared above it, wait for a second admin cleared for that level.
 */
describe("clearance above one's own needs a second admin (HTTP, embedded)", function () {
  this.timeout(120_000);
  let app: TestApp;
  let low = ''; // an admin cleared biasa
  let peer = ''; // another admin cleared biasa
  before(async () => {
    app = await startTestApp(); // the first admin is cleared sangat_rahasia (ADMIN_CLEARANCE)
    for (const username of ['admin.biasa', 'admin.kedua']) {
      const r = await api(app, app.adminToken, 'POST', '/api/v1/users', {
        username,
        password: passwordOf(username, '1'),
        name: username,
        role: 'admin',
        unitCode: 'ORG',
        clearance: 'biasa',
      });
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
    }
    low = await app.login('admin.biasa', passwordOf('admin.biasa', '1'));
    peer = await app.login('admin.kedua', passwordOf('admin.kedua', '1'));
  });
  after(() => app?.stop());

  it('creates an account the admin asks to clear above themselves at their own level, and raises it only when a cleared second admin approves', async () => {
    const r = await api(app, low, 'POST', '/api/v1/users', {
      username: 'penyusup',
      password: passwordOf('penyusup', '1'),
      name: 'Penyusup',
      role: 'staff',
      unitCode: 'ORG',
      clearance: 'sangat_rahasia',
    });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    expect(r.body.clearance).to.equal('biasa');
    const pending = r.body.pendingRequest as Json;
    expect(pending).to.include({ status: 'pending', level: 'sangat_rahasia' });
    const userId = String(r.body.id);
    expectProblem(await api(app, low, 'POST', `/api/v1/access-requests/${String(pending.id)}/approve`), 403); // not one's own request
    expectProblem(await api(app, peer, 'POST', `/api/v1/access-requests/${String(pending.id)}/approve`), 403); // not cleared for it
    expect(((await api(app, app.adminToken, 'GET', `/api/v1/users/${userId}`)).body as Json).clearance).to.equal('biasa');
    const ok = await api(app, app.adminToken, 'POST', `/api/v1/access-requests/${String(pending.id)}/approve`);
    expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
    expect(((await api(app, app.adminToken, 'GET', `/api/v1/users/${userId}`)).body as Json).clearance).to.equal('sangat_rahasia');
    expectProblem(await api(app, app.adminToken, 'POST', `/api/v1/access-requests/${String(pending.id)}/approve`), 409);
    const trail = (await api(app, app.adminToken, 'GET', `/api/v1/audit?documentId=${userId}&limit=100`)).body.items as Json[];
    expect(trail.map((e) => e.action)).to.include.members(['admin.user_create', 'admin.access_request', 'admin.access_approve']);
  });

  it('holds a password or second-factor reset of an account cleared above the admin, and changes nothing meanwhile', async () => {
    const r = await api(app, app.adminToken, 'POST', '/api/v1/users', {
      username: 'pejabat',
      password: passwordOf('pejabat', 'lama'),
      name: 'Pejabat',
      role: 'staff',
      unitCode: 'ORG',
      clearance: 'rahasia',
    });
    expect(r.status).to.equal(201);
    const id = String(r.body.id);
    const reset = await api(app, low, 'PATCH', `/api/v1/users/${id}`, { password: 'sandi-baru-penyusup' });
    expect(reset.status, JSON.stringify(reset.body)).to.equal(202);
    expect((reset.body.pendingRequest as Json).changes).to.deep.equal({ password: 'new' });
    const login = async (password: string) => (await api(app, null, 'POST', '/api/v1/auth/login', { username: 'pejabat', password })).status;
    expect(await login('sandi-baru-penyusup')).to.equal(401);
    expect(await login(passwordOf('pejabat', 'lama'))).to.not.equal(401); // 403: enrol a second factor first (cleared rahasia)
    expect((await api(app, low, 'POST', `/api/v1/users/${id}/totp/reset`)).status).to.equal(202);
    expect((await api(app, low, 'PATCH', `/api/v1/users/${id}`, { name: 'Pejabat Utama' })).status).to.equal(200); // a name is not access
    const waiting = (await api(app, app.adminToken, 'GET', '/api/v1/access-requests?status=pending')).body.items as Json[];
    expect(waiting.map((w) => w.userId)).to.deep.equal([id, id]);
    expect((await api(app, app.adminToken, 'POST', `/api/v1/access-requests/${String(waiting[0]!.id)}/reject`)).status).to.equal(200);
  });
});
