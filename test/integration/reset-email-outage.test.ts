import { expect } from 'chai';
import { SEND_EMAIL_JOB } from '../../src/domain/job-types.ts';
import { forEachDatabase } from '../support/for-each-database.ts';
import { api } from '../support/http.ts';
import { passwordOf } from '../support/passwords.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';

const ADDRESS = 'wati@bkd.example.go.id';

/** The mail's text with its quoted-printable undone (the link is the ASCII part). */
const textOf = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
const tokenIn = (raw: string) => /reset-password#token=([A-Za-z0-9_-]+)/.exec(textOf(raw))?.[1];

const until = async <T>(read: () => Promise<T | undefined | null | false>, what: string, ms = 30_000): Promise<T> => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    const v = await read();
    if (v) return v;
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** Issue 18: the reset link's e-mail is a job written with the token's hash, so a mail outage delays it, never loses it. */
forEachDatabase(
  (db) => `a reset link mailed through the job table (HTTP, ${db})`,
  { timeout: 120_000, env: { MAIL_FROM: 'Naskah <naskah@bkd.example.go.id>', PUBLIC_URL: 'https://naskah.example.go.id' } },
  ({ app, beforeStart }) => {
    let sink: SmtpSink;
    let proxy: TcpProxy;

    beforeStart(async () => {
      sink = await startSmtpSink();
      proxy = await startTcpProxy('127.0.0.1', sink.port);
      return { SMTP_URL: `smtp://127.0.0.1:${proxy.port}` };
    });
    before(async () => {
      const r = await api(app, app.adminToken, 'POST', '/api/v1/users', {
        username: 'wati',
        password: passwordOf('wati'),
        name: 'Wati',
        role: 'staff',
        unitCode: 'ORG',
        email: ADDRESS,
      });
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
    });
    after(async () => {
      await proxy?.close();
      await sink?.close();
    });

    it('keeps the link waiting while the mail server is down, sends it once it is back, and never holds the token in plain text', async () => {
      await proxy.cut();
      expect((await api(app, null, 'POST', '/api/v1/auth/password-reset', { username: 'wati' })).status).to.equal(202);
      const resetJob = async () =>
        (await app.naskah.deps.db.jobs.list({}, 1, 100)).items.find((j) => j.type === SEND_EMAIL_JOB && 'passwordResetFor' in j.payload);
      const waiting = await until(async () => {
        const j = await resetJob();
        return j?.lastError ? j : null;
      }, 'the job to meet the outage');
      expect(waiting.lastError).to.match(/mail server cannot be used/);
      expect(waiting.state, 'waiting, not failed').to.not.equal('failed');
      expect(waiting.attempts, 'an outage spends no attempt').to.equal(0);
      expect(sink.received).to.deep.equal([]);

      await proxy.restore();
      // The outage's pause before the next try is at most a minute.
      app.clock.advance(61_000);
      const mail = await until(async () => sink.received.find((m) => m.to.includes(ADDRESS)), 'the mail');
      const token = tokenIn(mail.raw)!;
      expect(token).to.have.length.greaterThan(20);
      const done = (await app.naskah.deps.db.jobs.findById(waiting.id))!;
      expect(done.state).to.equal('done');
      expect(JSON.stringify(done.payload), 'the payload holds the token sealed only').to.not.contain(token);
      expect(done.payload.passwordResetFor).to.be.a('string');
      // The link works once.
      const fresh = passwordOf('wati', 'baru');
      expect((await api(app, null, 'POST', '/api/v1/auth/password-reset/confirm', { token, newPassword: fresh })).status).to.equal(204);
    });

    it('does not send a link that expired while it waited', async () => {
      await proxy.cut();
      // Two minutes on, so the request is not held back as a repeat of the last one.
      app.clock.advance(3 * 60_000);
      expect((await api(app, null, 'POST', '/api/v1/auth/password-reset', { username: 'wati' })).status).to.equal(202);
      const jobs = async () =>
        (await app.naskah.deps.db.jobs.list({}, 1, 100)).items.filter(
          (j) => j.type === SEND_EMAIL_JOB && 'passwordResetFor' in j.payload && j.state !== 'done',
        );
      const [waiting] = await until(async () => {
        const js = await jobs();
        return js.length && js[0]!.lastError ? js : null;
      }, 'the second job to meet the outage');
      const before = sink.received.length;
      app.clock.advance(61 * 60_000);
      await proxy.restore();
      await until(async () => (await app.naskah.deps.db.jobs.findById(waiting!.id))?.state === 'done', 'the job to settle');
      expect(sink.received.length, 'an expired link is not mailed').to.equal(before);
    });
  },
);
