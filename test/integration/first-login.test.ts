import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { forEachDatabase } from '../support/for-each-database.ts';
import { api, expectProblem } from '../support/http.ts';
import { passwordOf } from '../support/passwords.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

type Json = Record<string, unknown>;
const login = (app: TestApp, username: string, password: string) => api(app, null, 'POST', '/api/v1/auth/login', { username, password });

const newUser = async (app: TestApp, username: string, extra: Json = {}) => {
  const r = await api(app, app.adminToken, 'POST', '/api/v1/users', {
    username,
    password: passwordOf(username),
    name: username,
    role: 'staff',
    unitCode: 'ORG',
    ...extra,
  });
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  return String(r.body.id);
};

/** The mails the sink holds for `to`, once at least `n` came (the link is mailed after the answer). */
const mailsTo = async (sink: SmtpSink, to: string, n: number) => {
  for (let i = 0; i < 100 && sink.received.filter((m) => m.to.includes(to)).length < n; i++) await new Promise((r) => setTimeout(r, 50));
  return sink.received.filter((m) => m.to.includes(to));
};
/** The mail's text with its quoted-printable undone (the link is the ASCII part, so bytes as chars do). */
const textOf = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
const tokenIn = (raw: string) => /reset-password#token=([A-Za-z0-9_-]+)/.exec(textOf(raw))?.[1];

forEachDatabase(
  (db) => `first login with an admin's password, and a forgotten one (HTTP, ${db})`,
  { timeout: 120_000, env: { MAIL_FROM: 'Naskah <naskah@bkd.example.go.id>', PUBLIC_URL: 'https://naskah.example.go.id' } },
  ({ app, beforeStart }) => {
    let sink: SmtpSink;

    beforeStart(async () => {
      sink = await startSmtpSink();
      return { SMTP_URL: sink.url };
    });
    after(async () => {
      await sink?.close();
    });

    it('holds a login with a temporary password to changing it, and nothing else works with that token', async () => {
      const id = await newUser(app, 'rina', { mustChangePassword: true });
      const held = expectProblem(await login(app, 'rina', passwordOf('rina')), 403);
      expect(String(held.type)).to.match(/\/password-change-required$/);
      const token = String(held.token);
      for (const [method, path] of [
        ['GET', '/api/v1/auth/me'],
        ['GET', '/api/v1/search?q=surat'],
        ['POST', '/api/v1/auth/totp/setup'],
      ] as const) {
        const refused = expectProblem(await api(app, token, method, path), 403);
        expect(String(refused.type), path).to.match(/\/password-change-required$/);
      }
      const same = expectProblem(
        await api(app, token, 'POST', '/api/v1/auth/password', { currentPassword: passwordOf('rina'), newPassword: passwordOf('rina') }),
        422,
      );
      expect(String(same.type)).to.match(/\/password-unchanged$/);
      const mine = passwordOf('rina', 'milik-sendiri');
      expect((await api(app, token, 'POST', '/api/v1/auth/password', { currentPassword: passwordOf('rina'), newPassword: mine })).status).to.equal(204);
      expect((await api(app, token, 'GET', '/api/v1/auth/me')).status).to.equal(401);
      const ok = await login(app, 'rina', mine);
      expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
      expect((ok.body.user as Json).mustChangePassword).to.equal(false);

      // The admin's reset sets a temporary password again: their sessions end, the next login is held.
      expectProblem(await api(app, app.adminToken, 'PATCH', `/api/v1/users/${id}`, { mustChangePassword: true }), 422);
      expect((await api(app, app.adminToken, 'PATCH', `/api/v1/users/${id}`, { password: 'sandi-sementara-77', mustChangePassword: true })).status).to.equal(
        200,
      );
      expect((await api(app, String(ok.body.token), 'GET', '/api/v1/auth/me')).status).to.equal(401);
      expect(String(expectProblem(await login(app, 'rina', 'sandi-sementara-77'), 403).type)).to.match(/\/password-change-required$/);
    });

    it('keeps a password set through the API without the flag a normal one (older clients)', async () => {
      await newUser(app, 'tono');
      expect((await login(app, 'tono', passwordOf('tono'))).status).to.equal(200);
    });

    it('asks an official for a new password first, then for the second factor', async () => {
      await newUser(app, 'kabid', { role: 'official', mustChangePassword: true });
      const held = expectProblem(await login(app, 'kabid', passwordOf('kabid')), 403);
      expect(String(held.type)).to.match(/\/password-change-required$/);
      const mine = passwordOf('kabid', 'baru');
      await api(app, String(held.token), 'POST', '/api/v1/auth/password', { currentPassword: passwordOf('kabid'), newPassword: mine });
      expect(String(expectProblem(await login(app, 'kabid', mine), 403).type)).to.match(/\/totp-enrolment-required$/);
    });

    it('mails a one-use, expiring reset link, kept only hashed, and answers the same for unknown accounts', async () => {
      expect((await api(app, null, 'GET', '/api/v1/auth/password-reset')).body).to.deep.equal({ email: true });
      const id = await newUser(app, 'sari', { email: 'sari@bkd.example.go.id' });
      const known = await api(app, null, 'POST', '/api/v1/auth/password-reset', { username: 'sari' });
      const unknown = await api(app, null, 'POST', '/api/v1/auth/password-reset', { username: 'tidak.ada' });
      const noAddress = await api(app, null, 'POST', '/api/v1/auth/password-reset', { username: 'tono' });
      for (const r of [known, unknown, noAddress]) expect([r.status, r.body]).to.deep.equal([202, { accepted: true }]);
      const mails = await mailsTo(sink, 'sari@bkd.example.go.id', 1);
      expect(mails).to.have.length(1);
      expect(sink.received.filter((m) => !m.to.includes('sari@bkd.example.go.id'))).to.deep.equal([]);
      const token = tokenIn(mails[0]!.raw)!;
      expect(textOf(mails[0]!.raw)).to.include('https://naskah.example.go.id/reset-password#token=');
      const stored = (await app.naskah.deps.db.users.findById(id))!;
      expect(stored.passwordResetHash).to.equal(createHash('sha256').update(token).digest('hex'));

      // A second request at once sends nothing more (nobody fills a colleague's mailbox).
      await api(app, null, 'POST', '/api/v1/auth/password-reset', { username: 'sari' });
      expect(await mailsTo(sink, 'sari@bkd.example.go.id', 2)).to.have.length(1);

      const fresh = passwordOf('sari', 'pulih');
      expect((await api(app, null, 'POST', '/api/v1/auth/password-reset/confirm', { token, newPassword: fresh })).status).to.equal(204);
      const again = expectProblem(await api(app, null, 'POST', '/api/v1/auth/password-reset/confirm', { token, newPassword: passwordOf('sari', 'lagi') }), 422);
      expect(String(again.type)).to.match(/\/password-reset-invalid$/);
      expect((await login(app, 'sari', fresh)).status).to.equal(200);

      // A link not used within the hour no longer works.
      app.clock.advance!(3 * 60_000);
      await api(app, null, 'POST', '/api/v1/auth/password-reset', { username: 'sari' });
      const late = tokenIn((await mailsTo(sink, 'sari@bkd.example.go.id', 2))[1]!.raw)!;
      app.clock.advance!(61 * 60_000);
      expectProblem(await api(app, null, 'POST', '/api/v1/auth/password-reset/confirm', { token: late, newPassword: passwordOf('sari', 'telat') }), 422);
      expect((await login(app, 'sari', fresh)).status).to.equal(200);

      // A link mailed before an admin set a password is dead once the admin has.
      app.clock.advance!(3 * 60_000);
      await api(app, null, 'POST', '/api/v1/auth/password-reset', { username: 'sari' });
      const overtaken = tokenIn((await mailsTo(sink, 'sari@bkd.example.go.id', 3))[2]!.raw)!;
      const temporary = passwordOf('sari', 'dari-admin');
      expect((await api(app, app.adminToken, 'PATCH', `/api/v1/users/${id}`, { password: temporary, mustChangePassword: true })).status).to.equal(200);
      expectProblem(await api(app, null, 'POST', '/api/v1/auth/password-reset/confirm', { token: overtaken, newPassword: passwordOf('sari', 'curi') }), 422);
    });

    it('limits reset requests per client address (429, counted in the database)', async () => {
      let limited: Awaited<ReturnType<typeof api>> | undefined;
      for (let i = 0; i < 12 && !limited; i++) {
        const r = await api(app, null, 'POST', '/api/v1/auth/password-reset', { username: `orang${i}` });
        if (r.status === 429) limited = r;
        else expect(r.status).to.equal(202);
      }
      expect(limited, 'a 429 within the budget').to.not.equal(undefined);
      expectProblem(limited!, 429);
      expect(Number(limited!.headers.get('retry-after'))).to.be.greaterThan(0);
    });
  },
);

describe('a forgotten password where the office sends no email', function () {
  this.timeout(60_000);
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => app?.stop());

  it('says so, and refuses to pretend a link went out', async () => {
    expect((await api(app, null, 'GET', '/api/v1/auth/password-reset')).body).to.deep.equal({ email: false });
    const body = expectProblem(await api(app, null, 'POST', '/api/v1/auth/password-reset', { username: 'admin' }), 409);
    expect(String(body.type)).to.match(/\/password-reset-by-admin$/);
  });
});
