import { expect } from 'chai';
import { totpCode, totpStep } from '../../src/domain/totp.ts';
import { api, expectProblem } from '../support/http.ts';
import { ADMIN, type TestApp, startTestApp } from '../support/test-app.ts';
import { passwordOf } from '../support/passwords.ts';

const login = (app: TestApp, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  fetch(`${app.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then(
    async (r) => ({
      status: r.status,
      headers: r.headers,
      body: (await r.json()) as Record<string, unknown>,
    }),
  );

const typeOf = (body: Record<string, unknown>) => String(body.type).split('/').pop();

describe('login: second factor, replay, tokens (HTTP)', function () {
  this.timeout(60_000);
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
    await api(app, app.adminToken, 'POST', '/api/v1/users', {
      username: 'kabid',
      password: passwordOf('kabid'),
      name: 'Kabid',
      role: 'official',
      unitCode: 'ORG',
    });
    await api(app, app.adminToken, 'POST', '/api/v1/users', { username: 'staf', password: passwordOf('staf'), name: 'Staf', role: 'staff', unitCode: 'ORG' });
  });
  after(async () => app?.stop());

  it('makes an official enrol first: a 403 with a token that reaches only the enrolment routes', async () => {
    const first = await login(app, { username: 'kabid', password: passwordOf('kabid') });
    expect(first.status).to.equal(403);
    expect(typeOf(first.body)).to.equal('totp-enrolment-required');
    const enrolment = String(first.body.token);
    expectProblem(await api(app, enrolment, 'GET', '/api/v1/search?q=x'), 403);
    expectProblem(await api(app, enrolment, 'GET', '/api/v1/auth/me'), 403);

    const setup = await api(app, enrolment, 'POST', '/api/v1/auth/totp/setup', {});
    expect(setup.status).to.equal(200);
    const secret = String(setup.body.secret);
    expect(secret).to.match(/^[A-Z2-7]{32}$/);
    expect(String(setup.body.otpauthUrl)).to.match(/^otpauth:\/\/totp\/Naskah:kabid\?secret=[A-Z2-7]+&issuer=Naskah/);
    expect(String(setup.body.qrCodeSvg)).to.match(/^<svg[\s\S]*<\/svg>\s*$/);

    const now = totpStep(app.clock.now());
    expectProblem(await api(app, enrolment, 'POST', '/api/v1/auth/totp/enable', { code: totpCode(secret, now + 3) }), 422);
    expectProblem(await api(app, enrolment, 'POST', '/api/v1/auth/totp/enable', { code: 'abcdef' }), 422);
    const enabled = await api(app, enrolment, 'POST', '/api/v1/auth/totp/enable', { code: totpCode(secret, now) });
    expect(enabled.status).to.equal(200);
    const recoveryCodes = enabled.body.recoveryCodes as string[];
    expect(recoveryCodes).to.have.length(10);
    expect(new Set(recoveryCodes).size).to.equal(10);
    expectProblem(await api(app, enrolment, 'POST', '/api/v1/auth/totp/setup', {}), 401); // spent
    // Enabling proved both factors: its answer carries a full session at once.
    const session = String(enabled.body.token);
    expect((await api(app, session, 'GET', '/api/v1/auth/me')).body).to.include({ username: 'kabid', totpEnabled: true });

    // Now a code is needed, and each works once.
    expect(typeOf(expectProblem(await api(app, null, 'POST', '/api/v1/auth/login', { username: 'kabid', password: passwordOf('kabid') }), 401))).to.equal(
      'totp-required',
    );
    expectProblem(await api(app, null, 'POST', '/api/v1/auth/login', { username: 'kabid', password: passwordOf('kabid'), totp: totpCode(secret, now) }), 401); // used to enable
    const fresh = totpCode(secret, now + 1);
    const ok = await login(app, { username: 'kabid', password: passwordOf('kabid'), totp: fresh });
    expect(ok.status).to.equal(200);
    expect((await api(app, String(ok.body.token), 'GET', '/api/v1/auth/me')).body).to.include({ username: 'kabid', totpEnabled: true, totpRequired: true });
    const replay = expectProblem(await api(app, null, 'POST', '/api/v1/auth/login', { username: 'kabid', password: passwordOf('kabid'), totp: fresh }), 401);
    expect(typeOf(replay)).to.equal('totp-invalid');

    // A recovery code (any case, with or without the dash) works once.
    const code = recoveryCodes[0]!;
    expect((await login(app, { username: 'kabid', password: passwordOf('kabid'), totp: code.toLowerCase() })).status).to.equal(200);
    expectProblem(await api(app, null, 'POST', '/api/v1/auth/login', { username: 'kabid', password: passwordOf('kabid'), totp: code.replace('-', '') }), 401);
    // The right code with a wrong password is still a plain 401.
    app.clock.advance(90_000);
    const wrong = expectProblem(
      await api(app, null, 'POST', '/api/v1/auth/login', { username: 'kabid', password: 'salah-sandi-1', totp: totpCode(secret, totpStep(app.clock.now())) }),
      401,
    );
    expect(typeOf(wrong)).to.equal('unauthenticated');
    app.secondFactors.set('kabid', { secret, recoveryCodes: recoveryCodes.slice(1), lastStep: totpStep(app.clock.now()) });
  });

  it('refuses a second enrolment while one is on; an admin reset ends sessions and asks to enrol again', async () => {
    const token = await app.login('kabid', passwordOf('kabid'));
    expectProblem(await api(app, token, 'POST', '/api/v1/auth/totp/setup', {}), 409);
    const me = await api(app, token, 'GET', '/api/v1/auth/me');
    expectProblem(await api(app, token, 'POST', `/api/v1/users/${String(me.body.id)}/totp/reset`), 403);
    expect((await api(app, app.adminToken, 'POST', `/api/v1/users/${String(me.body.id)}/totp/reset`)).status).to.equal(204);
    expectProblem(await api(app, token, 'GET', '/api/v1/auth/me'), 401);
    const again = await login(app, { username: 'kabid', password: passwordOf('kabid') });
    expect(typeOf(again.body)).to.equal('totp-enrolment-required');
    app.secondFactors.delete('kabid');
  });

  it('lets staff cleared up to terbatas in with a password alone', async () => {
    const r = await login(app, { username: 'staf', password: passwordOf('staf') });
    expect(r.status).to.equal(200);
    expect(r.body.user).to.include({ username: 'staf', role: 'staff', totpRequired: false });
    expect(r.body.user).to.not.have.any.keys('passwordHash', 'totpSecret');
  });

  it('refuses tampered, foreign, alg:none, expired and logged-out tokens alike', async () => {
    const token = await app.login('staf', passwordOf('staf'));
    expect((await api(app, token, 'GET', '/api/v1/auth/me')).status).to.equal(200);
    const flipped = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    for (const bad of [
      flipped,
      'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.',
      'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJhZG1pbiJ9.x',
      '',
      'a'.repeat(5000),
    ]) {
      expectProblem(await api(app, bad || null, 'GET', '/api/v1/auth/me'), 401);
    }
    const raw = await fetch(`${app.url}/api/v1/auth/me`, { headers: { authorization: `Basic ${Buffer.from('staf:sandi-staf-123').toString('base64')}` } });
    expect(raw.status).to.equal(401);
    expect((await api(app, token, 'POST', '/api/v1/auth/logout')).status).to.equal(204);
    expectProblem(await api(app, token, 'GET', '/api/v1/auth/me'), 401);

    const later = await app.login('staf', passwordOf('staf'));
    app.clock.advance(12 * 3600_000 + 1000); // past TOKEN_TTL_HOURS (12)
    expectProblem(await api(app, later, 'GET', '/api/v1/auth/me'), 401);
  });

  it('audits logins, failures and enrolment with the address but never the password', async () => {
    const entries = (await app.naskah.deps.db.audit.list({}, { userId: 'test', unitCodes: 'all', levels: [] }, 1, 1000)).items;
    const actions = new Set(entries.map((e) => e.action));
    for (const a of ['auth.login', 'auth.login_failed', 'auth.login_enrolment', 'auth.totp_enabled', 'auth.logout', 'admin.user_totp_reset'])
      expect(actions, a).to.include(a);
    const text = JSON.stringify(entries);
    for (const secret of [passwordOf('kabid'), passwordOf('staf'), 'salah-sandi-1', ADMIN.password]) expect(text).to.not.include(secret);
    const failed = entries.find((e) => e.action === 'auth.login_failed');
    expect(failed?.details).to.have.property('ip');
  });
});

describe('login: back-off per client address (HTTP)', function () {
  this.timeout(60_000);
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => app?.stop());

  it('locks an address that guesses at many accounts, not just each account', async () => {
    const statuses: number[] = [];
    // 31 different names, one guess each: no account reaches its own limit.
    for (let i = 0; i < 31; i++)
      statuses.push((await api(app, null, 'POST', '/api/v1/auth/login', { username: `tebak-${i}`, password: 'salah-sandi-99' })).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).to.equal(true);
    expect(statuses[30]).to.equal(401); // the 31st failure sets the lock...
    const locked = expectProblem(await api(app, null, 'POST', '/api/v1/auth/login', { username: ADMIN.username, password: ADMIN.password }), 429);
    expect(locked.detail).to.match(/wait/);
    app.clock.advance(2_000);
    // ...which runs out; the address's count does not reset on a success elsewhere.
    expect((await api(app, null, 'POST', '/api/v1/auth/login', { username: 'tebak-x', password: 'salah-sandi-99' })).status).to.equal(401);
    expectProblem(await api(app, null, 'POST', '/api/v1/auth/login', { username: 'tebak-y', password: 'salah-sandi-99' }), 429);
  });
});
