import { expect } from 'chai';
import pino from 'pino';
import { api, expectProblem, upload } from '../support/http.ts';
import { ADMIN, type TestApp, startTestApp } from '../support/test-app.ts';
import { passwordOf } from '../support/passwords.ts';

const tryLogin = (app: TestApp, username: string, password: string) => api(app, null, 'POST', '/api/v1/auth/login', { username, password });

describe('accounts: back-off, passwords, disabling, roles, units (HTTP)', function () {
  this.timeout(60_000);
  let app: TestApp;
  const logLines: string[] = [];
  const ids: Record<string, string> = {};
  before(async () => {
    app = await startTestApp({}, { log: pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) }) });
    for (const [username, role] of [
      ['siti', 'staff'],
      ['budi', 'clerk'],
      ['rina', 'staff'],
    ] as const) {
      const r = await api(app, app.adminToken, 'POST', '/api/v1/users', { username, password: passwordOf(username), name: username, role, unitCode: 'ORG' });
      ids[username] = String(r.body.id);
    }
  });
  after(async () => app?.stop());

  it('backs off an account after repeated failures, with the same answer for an unknown name', async () => {
    app.clock.freeze(); // the pause is a second or two; fourteen slow password checks on a loaded machine take longer
    const answers = async (username: string) => {
      const out: number[] = [];
      for (let i = 0; i < 7; i++) out.push((await tryLogin(app, username, 'salah-sandi-99')).status);
      return out;
    };
    const known = await answers('siti');
    const unknown = await answers('tidak-ada');
    expect(known).to.deep.equal([401, 401, 401, 401, 401, 401, 429]);
    expect(unknown).to.deep.equal(known);
    const locked = await tryLogin(app, 'siti', passwordOf('siti')); // even the right password waits
    expectProblem(locked, 429);
    expect(Number(locked.headers.get('retry-after'))).to.be.within(1, 2);
    app.clock.advance(2_000);
    expect((await tryLogin(app, 'siti', passwordOf('siti'))).status).to.equal(200);
    // Success forgave the account: one new failure is a plain 401 again.
    expectProblem(await tryLogin(app, 'siti', 'salah-sandi-99'), 401);
  });

  it('refuses a burst of parallel guesses past the free failures', async () => {
    const burst = await Promise.all(Array.from({ length: 20 }, () => tryLogin(app, 'burst-target', 'salah-sandi-99')));
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).to.be.at.most(6); // 5 free + the one that set the lock
    expect(statuses.filter((s) => s === 429).length).to.be.at.least(14);
  });

  it('answers bad input on the public routes with 4xx, never 500', async () => {
    expectProblem(await tryLogin(app, 'si\u0000ti', 'x'), 422);
    expectProblem(await api(app, app.adminToken, 'GET', '/api/v1/users?q=a%00b'), 422);
    const mangled = await fetch(`${app.url}/api/v1/auth/me`, { headers: { cookie: '__Host-naskah_session=%E0%A4%A' } });
    expect(mangled.status).to.equal(401);
  });

  it('changes a password only with the current one, and ends every session', async () => {
    const a = await app.login('rina', passwordOf('rina'));
    const b = await app.login('rina', passwordOf('rina'));
    expectProblem(await api(app, a, 'POST', '/api/v1/auth/password', { currentPassword: 'tebakan-salah', newPassword: 'sandi-baru-untuk-dia' }), 422);
    expectProblem(await api(app, a, 'POST', '/api/v1/auth/password', { currentPassword: passwordOf('rina'), newPassword: 'pendek' }), 422);
    expect((await api(app, a, 'POST', '/api/v1/auth/password', { currentPassword: passwordOf('rina'), newPassword: 'sandi-baru-untuk-dia' })).status).to.equal(
      204,
    );
    for (const t of [a, b]) expectProblem(await api(app, t, 'GET', '/api/v1/auth/me'), 401);
    expectProblem(await tryLogin(app, 'rina', passwordOf('rina')), 401);
    expect((await tryLogin(app, 'rina', 'sandi-baru-untuk-dia')).status).to.equal(200);
  });

  it('disabling a user ends their sessions at once and their login looks like a wrong password', async () => {
    const token = await app.login('budi', passwordOf('budi'));
    const disabled = await api(app, app.adminToken, 'PATCH', `/api/v1/users/${ids.budi}`, { disabled: true });
    expect(disabled.body).to.include({ disabled: true });
    expectProblem(await api(app, token, 'GET', '/api/v1/auth/me'), 401);
    const refused = expectProblem(await tryLogin(app, 'budi', passwordOf('budi')), 401);
    expect(refused.detail).to.equal(expectProblem(await tryLogin(app, 'budi', 'bukan-sandinya'), 401).detail);
    await api(app, app.adminToken, 'PATCH', `/api/v1/users/${ids.budi}`, { disabled: false });
    expect((await tryLogin(app, 'budi', passwordOf('budi'))).status).to.equal(200);
  });

  it('applies a role change from the next request, and keeps an admin from locking themselves out', async () => {
    const token = await app.login('siti', passwordOf('siti'));
    const pdf = { name: 'a.pdf', bytes: new TextEncoder().encode('%PDF-1.4\n') };
    expectProblem(await upload(app, token, '/api/v1/documents', [pdf], { title: 'x' }), 403);
    const changed = await api(app, app.adminToken, 'PATCH', `/api/v1/users/${ids.siti}`, { roles: ['staff', 'clerk'] });
    expect(changed.body).to.deep.include({ roles: ['clerk', 'staff'], role: 'clerk' });
    expect((await upload(app, token, '/api/v1/documents', [pdf], { title: 'x' })).status).to.not.equal(403);
    const me = await api(app, app.adminToken, 'GET', '/api/v1/auth/me');
    for (const own of [
      { disabled: true },
      { roles: ['staff'] },
      { roles: ['admin', 'auditor'] },
      { clearance: 'sangat_rahasia' },
      { password: 'sandi-baru-admin' },
    ]) {
      expectProblem(await api(app, app.adminToken, 'PATCH', `/api/v1/users/${String(me.body.id)}`, own), 409);
    }
    expectProblem(await api(app, app.adminToken, 'POST', `/api/v1/users/${String(me.body.id)}/totp/reset`), 409);
    expectProblem(await api(app, app.adminToken, 'PATCH', `/api/v1/users/${ids.rina}`, { password: '' }), 422);
    expectProblem(await api(app, token, 'PATCH', `/api/v1/users/${ids.rina}`, { clearance: 'rahasia' }), 403);
    expectProblem(await api(app, app.adminToken, 'PATCH', `/api/v1/users/${ids.rina}`, { role: 'king' }), 422);
    expectProblem(await api(app, app.adminToken, 'PATCH', `/api/v1/users/${ids.rina}`, { passwordHash: 'x' }), 422);
    expectProblem(await api(app, app.adminToken, 'PATCH', '/api/v1/users/00000000-0000-4000-8000-000000000000', { name: 'x' }), 404);
  });

  it('holds a password-only session to enrolment once its user needs a second factor', async () => {
    const token = await app.login('budi', passwordOf('budi'));
    await api(app, app.adminToken, 'PATCH', `/api/v1/users/${ids.budi}`, { clearance: 'rahasia' });
    const held = expectProblem(await api(app, token, 'GET', '/api/v1/auth/me'), 403);
    expect(String(held.type)).to.match(/totp-enrolment-required$/);
    expect((await api(app, token, 'POST', '/api/v1/auth/totp/setup', {})).status).to.equal(200);
    await api(app, app.adminToken, 'PATCH', `/api/v1/users/${ids.budi}`, { clearance: 'biasa' });
    expect((await api(app, token, 'GET', '/api/v1/auth/me')).status).to.equal(200);
  });

  it('keeps usernames case-insensitive, as MySQL does', async () => {
    expectProblem(
      await api(app, app.adminToken, 'POST', '/api/v1/users', { username: 'SITI', password: 'sandi-lain-123', name: 'x', role: 'staff', unitCode: 'ORG' }),
      409,
    );
    expect((await tryLogin(app, 'Siti', passwordOf('siti'))).status).to.equal(200);
  });

  it('lists users with filters and paging, for admins only', async () => {
    const all = await api(app, app.adminToken, 'GET', '/api/v1/users?limit=2');
    expect(all.body).to.include({ total: 4, page: 1, limit: 2 });
    expect(all.body.items).to.have.length(2);
    const clerks = await api(app, app.adminToken, 'GET', '/api/v1/users?role=clerk');
    expect(clerks.body.items!.map((u) => u.username).sort()).to.deep.equal(['budi', 'siti']);
    expect((await api(app, app.adminToken, 'GET', '/api/v1/users?q=rin')).body.items!.map((u) => u.username)).to.deep.equal(['rina']);
    expectProblem(await api(app, app.adminToken, 'GET', '/api/v1/users?limit=100000'), 422);
    expectProblem(await api(app, await app.login('budi', passwordOf('budi')), 'GET', '/api/v1/users'), 403);
  });

  it('gives every logged-in user a people directory with names, units, roles, jabatan and NIP only', async () => {
    const budi = await app.login('budi', passwordOf('budi'));
    const all = await api(app, budi, 'GET', '/api/v1/people?role=staff');
    expect(all.status).to.equal(200);
    for (const person of all.body.items!)
      expect(Object.keys(person).sort()).to.deep.equal(['disabled', 'id', 'jabatan', 'name', 'nip', 'receivesDispositions', 'roles', 'unitCode']);
    expect(all.body.items!.map((p) => p.id)).to.include(ids.rina);
    expect((await api(app, budi, 'GET', `/api/v1/people/${ids.rina}`)).body).to.include({ id: ids.rina, unitCode: 'ORG' });
    expectProblem(await api(app, budi, 'GET', '/api/v1/people/00000000-0000-4000-8000-000000000000'), 404);
    expectProblem(await api(app, budi, 'GET', '/api/v1/people?limit=0'), 422);
    expectProblem(await api(app, null, 'GET', '/api/v1/people'), 401);
  });

  it('keeps the unit tree a tree: renames and moves, no cycles', async () => {
    for (const [code, parentCode] of [
      ['DINAS', 'ORG'],
      ['BIDANG', 'DINAS'],
      ['SEKSI', 'BIDANG'],
    ]) {
      expect((await api(app, app.adminToken, 'POST', '/api/v1/units', { code, name: code, parentCode })).status).to.equal(201);
    }
    expectProblem(await api(app, app.adminToken, 'PATCH', '/api/v1/units/DINAS', { parentCode: 'SEKSI' }), 422);
    expectProblem(await api(app, app.adminToken, 'PATCH', '/api/v1/units/DINAS', { parentCode: 'DINAS' }), 422);
    expectProblem(await api(app, app.adminToken, 'PATCH', '/api/v1/units/DINAS', { parentCode: 'NOPE' }), 422);
    expectProblem(await api(app, app.adminToken, 'PATCH', '/api/v1/units/NOPE', { name: 'x' }), 404);
    expect((await api(app, app.adminToken, 'PATCH', '/api/v1/units/SEKSI', { name: 'Seksi Mutasi', parentCode: 'DINAS' })).body).to.include({
      name: 'Seksi Mutasi',
      parentCode: 'DINAS',
    });
    const units = await api(app, await app.login('budi', passwordOf('budi')), 'GET', '/api/v1/units');
    expect(units.body.items!.map((u) => u.code)).to.include.members(['ORG', 'DINAS', 'BIDANG', 'SEKSI']);
  });

  it('gives the web UI __Host- cookies (HttpOnly session; Secure, SameSite, Path=/, no Domain) and demands the anti-forgery header on changes', async () => {
    const res = await fetch(`${app.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'budi', password: passwordOf('budi'), cookie: true }),
    });
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).to.not.have.property('token');
    const cookies = res.headers.getSetCookie();
    expect(cookies.map((c) => c.split('=')[0])).to.have.members(['__Host-naskah_session', '__Host-naskah_csrf']);
    for (const c of cookies) {
      // What a browser demands of a __Host- cookie before it keeps one.
      const attributes = c
        .split(';')
        .slice(1)
        .map((a) => a.trim().toLowerCase());
      expect(attributes, c).to.include.members(['secure', 'path=/', 'samesite=strict']);
      expect(
        attributes.filter((a) => a.startsWith('domain')),
        c,
      ).to.deep.equal([]);
    }
    expect(cookies.find((c) => c.startsWith('__Host-naskah_session='))).to.match(/; HttpOnly/i);
    expect(cookies.find((c) => c.startsWith('__Host-naskah_csrf='))).to.not.match(/HttpOnly/i);
    const cookie = cookies.map((c) => c.split(';')[0]).join('; ');
    const me = await fetch(`${app.url}/api/v1/auth/me`, { headers: { cookie } });
    expect(me.status).to.equal(200);
    const forged = await fetch(`${app.url}/api/v1/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(forged.status).to.equal(403);
    const wrong = await fetch(`${app.url}/api/v1/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': 'x'.repeat(43) } });
    expect(wrong.status).to.equal(403);
    const ok = await fetch(`${app.url}/api/v1/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': String(body.csrfToken) } });
    expect(ok.status).to.equal(204);
    // Clearing must name the same cookies with the same attributes, or the browser keeps them.
    for (const c of ok.headers.getSetCookie())
      expect(c)
        .to.match(/^__Host-naskah_(session|csrf)=;/)
        .and.match(/; Secure/i)
        .and.match(/; Path=\/(;|$)/)
        .and.not.match(/Domain=/i);
    expect(ok.headers.getSetCookie()).to.have.length(2);
    expect((await fetch(`${app.url}/api/v1/auth/me`, { headers: { cookie } })).status).to.equal(401);
  });

  it('sends the security headers on every answer, errors included', async () => {
    for (const [method, path] of [
      ['GET', '/healthz'],
      ['GET', '/api/v1/auth/me'],
      ['POST', '/api/v1/auth/login'],
      ['GET', '/nope'],
    ]) {
      const res = await fetch(`${app.url}${path}`, { method, ...(method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}) });
      for (const h of ['x-content-type-options', 'x-frame-options', 'content-security-policy', 'referrer-policy'])
        expect(res.headers.get(h), `${path} ${h}`).to.be.a('string');
    }
  });

  it('lets no cache keep an API answer (the login answer with its token included), and asks for HTTPS only when served over it', async () => {
    const login = await fetch(`${app.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'budi', password: passwordOf('budi') }),
    });
    expect(login.status).to.equal(200);
    expect(login.headers.get('cache-control')).to.equal('no-store');
    const me = await fetch(`${app.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${((await login.json()) as { token: string }).token}` } });
    expect(me.headers.get('cache-control')).to.equal('no-store');
    expect(me.headers.get('strict-transport-security')).to.equal(null); // plain HTTP here
    // Behind the (trusted, loopback) proxy that terminates TLS.
    const viaTls = await fetch(`${app.url}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(viaTls.headers.get('strict-transport-security')).to.match(/max-age=\d+/);
  });

  it('writes no password, token or second-factor secret into the log', async () => {
    const token = await app.login('budi', passwordOf('budi'));
    const log = logLines.join('\n');
    expect(log).to.include('"path":"/api/v1/auth/login"');
    for (const secret of [
      passwordOf('budi'),
      passwordOf('siti'),
      'salah-sandi-99',
      ADMIN.password,
      token,
      app.adminToken,
      ...[...app.secondFactors.values()].map((f) => f.secret),
    ]) {
      expect(log).to.not.include(secret);
    }
  });

  // Last: it moves the clock a day on, past every token's life.
  it('forgets failures after a day', async () => {
    for (let i = 0; i < 6; i++) await tryLogin(app, 'pelupa', 'salah-sandi-99');
    expectProblem(await tryLogin(app, 'pelupa', 'salah-sandi-99'), 429);
    app.clock.advance(25 * 3600_000);
    for (let i = 0; i < 5; i++) expectProblem(await tryLogin(app, 'pelupa', 'salah-sandi-99'), 401); // counted from 1 again
  });
});
