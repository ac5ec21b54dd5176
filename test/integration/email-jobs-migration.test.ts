/**
 * Migration 013: emails left pending by the version that mailed them from the reminder timer's
 * round get a send-email job, and go out once; one a sender had taken (`sending`) does not.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { idle } from '../support/leftovers.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { appSql } from '../support/app-sql.ts';

describe('migration 013: emails pending from before become jobs', function () {
  this.timeout(60_000);
  let sink: SmtpSink;
  let app: TestApp;
  before(async () => {
    sink = await startSmtpSink();
  });
  after(async () => {
    await app?.stop();
    await sink?.close();
  });

  it('mails each pending one once through its job, and leaves one a killed sender had taken', async () => {
    const env = { SMTP_URL: sink.url, MAIL_FROM: 'Naskah <naskah@bkd.example.go.id>', REMINDER_SCAN_SECONDS: '0' };
    app = await startTestApp(env);
    const admin = (await app.naskah.deps.db.users.list({}, 1, 10)).items[0]!;
    await appSql(app, 'UPDATE users SET email = ? WHERE id = ?', ['admin@bkd.example.go.id', admin.id]);
    // Rows as the version before 013 left them: no job behind them.
    const insert =
      "INSERT INTO notifications (id, user_id, kind, dedupe_key, subject_type, subject_id, message, read_at, email_state, created_at) VALUES (?, ?, 'due_soon', ?, 'disposition', ?, ?, NULL, ?, '2026-01-05 08:00:00.000')";
    const pending = randomUUID();
    await appSql(app, insert, [pending, admin.id, `k-${pending}`, randomUUID(), 'Pengingat yang tertunda', 'pending']);
    const taken = randomUUID();
    await appSql(app, insert, [taken, admin.id, `k-${taken}`, randomUUID(), 'Pengingat yang sudah diambil', 'sending']);
    await appSql(app, "DELETE FROM schema_migrations WHERE name = '013-email-jobs'");
    await app.stop({ keepData: true });

    app = await startTestApp(env, { restartOf: app });
    await idle(app);
    expect(sink.received.map((m) => m.raw.includes('Pengingat yang tertunda'))).to.deep.equal([true]);
    const states = await appSql(app, 'SELECT id, email_state FROM notifications WHERE id IN (?, ?) ORDER BY message', [pending, taken]);
    expect(Object.fromEntries(states.map((r) => [r.id, r.email_state]))).to.deep.equal({ [pending]: 'sent', [taken]: 'sending' });
    expect(await appSql(app, "SELECT state FROM jobs WHERE type = 'send-email'")).to.deep.equal([{ state: 'done' }]);
  });
});
