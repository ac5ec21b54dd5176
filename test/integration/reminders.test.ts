import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { letterPdf } from '../../scripts/fixtures/letter-pdf.ts';
import { generateLetter } from '../../scripts/fixtures/letter-text.ts';
import { scanReminders } from '../../src/app/notifications/scan-reminders.ts';
import { SEND_EMAIL_JOB } from '../../src/domain/job-types.ts';
import type { NotificationRecord } from '../../src/domain/correspondence.ts';
import { connect } from '../../src/infra/db/connect.ts';
import { forEachDatabase } from '../support/for-each-database.ts';
import { api, expectProblem, form } from '../support/http.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { startTestApp, waitForDocument, type TestApp } from '../support/test-app.ts';
import { idle } from '../support/leftovers.ts';
import { passwordOf } from '../support/passwords.ts';

const HOUR = 3600_000;
const MAIL = (who: string) => `${who}@bkd.example.go.id`;
type Json = Record<string, unknown>;

const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 15_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

forEachDatabase(
  (db) => `deadline reminders, notifications and email on ${db}`,
  { timeout: 180_000, app: false },
  ({ database: tdb }) => {
    let sink: SmtpSink;
    let app: TestApp;
    const env = (): Record<string, string> => ({
      DATABASE_URL: tdb.config.url,
      SMTP_URL: sink.url,
      MAIL_FROM: 'Naskah BKD <naskah@bkd.example.go.id>',
      // Off at first: the scan is called directly, so counts are exact; the timer runs after the restart.
      REMINDER_SCAN_SECONDS: '0',
      TOKEN_TTL_HOURS: '720',
    });
    const t: Record<string, string> = {};
    const ids: Record<string, string> = {};
    const L: Record<string, { id: string; agendaNumber: number; subject: string; dispositions: Json[] }> = {};
    let dueAt: Date;

    const setClock = (at: Date) => app.clock.advance(at.getTime() - app.clock.now().getTime());
    const scan = () => scanReminders(app.naskah.deps);
    // Each email is a job of its own, run by the app's worker: wait until none is queued or running.
    const delivered = () => idle(app);
    const emailJobs = async (state: 'failed' | 'done') =>
      (await app.naskah.deps.db.jobs.list({ state }, 1, 100)).items.filter((j) => j.type === SEND_EMAIL_JOB);
    const stored = async (who: string): Promise<NotificationRecord[]> => (await app.naskah.deps.db.notifications.listFor(ids[who]!, false, 1, 100)).items;
    const mine = async (who: string, query = '') => {
      const r = await api(app, t[who]!, 'GET', `/api/v1/notifications${query}`);
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      return r.body as unknown as { items: Json[]; total: number; page: number; limit: number };
    };
    const mailsTo = (who: string) => sink.received.filter((m) => m.to.includes(MAIL(who)));
    /** Everything recorded, as `kind:user:subject → email state`, to compare before and after a restart. */
    const everything = async () =>
      Object.fromEntries(
        (await Promise.all(Object.keys(ids).map(async (who) => (await stored(who)).map((n) => [`${n.kind}:${who}:${n.subjectId}`, n.emailState] as const))))
          .flat()
          .sort(),
      );

    const registerAndDispose = async (seed: number, to: Json[], due: Date) => {
      const l = generateLetter(seed);
      const r = await form(
        app,
        t.clerk!,
        '/api/v1/letters/incoming',
        { letterNumber: l.letterNumber, letterDate: l.letterDate, sender: l.sender, subject: l.subject, urgency: 'segera' },
        { name: `surat-${seed}.pdf`, bytes: await letterPdf([l]) },
      );
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      await waitForDocument(app, app.adminToken, String(r.body.documentId));
      const d = await api(app, t.head!, 'POST', `/api/v1/letters/incoming/${String(r.body.id)}/dispositions`, {
        to,
        instruction: 'Mohon ditindaklanjuti',
        actions: ['untuk_ditindaklanjuti'],
        dueAt: due.toISOString(),
      });
      expect(d.status, JSON.stringify(d.body)).to.equal(201);
      return { id: String(r.body.id), agendaNumber: Number(r.body.agendaNumber), subject: l.subject, dispositions: d.body.items! };
    };

    before(async () => {
      sink = await startSmtpSink({ auth: { user: 'naskah', pass: 'kata-sandi-smtp' } });
      sink.refuse.add(MAIL('nobody'));
      app = await startTestApp(env());
      const a = app.adminToken;
      expect((await api(app, a, 'POST', '/api/v1/units', { code: 'BKD', name: 'Badan Kepegawaian', parentCode: 'ORG' })).status).to.equal(201);
      const people = [
        ['clerk', 'tu.org', 'clerk', 'ORG', 'Tata Usaha', null],
        ['head', 'kadis', 'official', 'ORG', 'Kepala Dinas', MAIL('kadis')],
        ['ana', 'ana.bkd', 'staff', 'BKD', 'Ana', MAIL('ana')],
        ['budi', 'budi.bkd', 'staff', 'BKD', 'Budi', MAIL('nobody')], // a mailbox the server refuses
        ['eko', 'eko.bkd', 'staff', 'BKD', 'Eko', null], // no address: in-app only
        ['dedi', 'dedi.bkd', 'staff', 'BKD', 'Dedi', MAIL('dedi')], // disabled below
        ['sari', 'sari.org', 'staff', 'ORG', 'Sari', MAIL('sari')],
      ] as const;
      for (const [key, username, role, unitCode, name, email] of people) {
        const r = await api(app, a, 'POST', '/api/v1/users', {
          username,
          password: passwordOf(username, '1'),
          name,
          role,
          unitCode,
          clearance: 'terbatas',
          ...(email ? { email } : {}),
        });
        expect(r.status, JSON.stringify(r.body)).to.equal(201);
        expect(r.body.email).to.equal(email);
        ids[key] = String(r.body.id);
        t[key] = await app.login(username, passwordOf(username, '1'));
      }
      expect((await api(app, a, 'PATCH', `/api/v1/users/${ids.dedi}`, { disabled: true })).status).to.equal(200);
      // Due at 16:00 WIB three days from now.
      const day = new Date(app.clock.now().getTime() + 7 * HOUR + 3 * 24 * HOUR).toISOString().slice(0, 10);
      dueAt = new Date(`${day}T16:00:00+07:00`);
      L.one = await registerAndDispose(101, [{ unitCode: 'BKD' }, { userId: ids.sari }], dueAt);
      // Registering and disposing the letter told people so (issue 13: a letter for the unit, a
      // new disposition), in-app and by email; those notices have their own tests. Once they
      // are delivered, this office starts from none, so the counts below are the reminders' alone.
      await delivered();
      const sql = connect(tdb.config);
      try {
        await sql.query('DELETE FROM notifications');
        await sql.query('DELETE FROM jobs WHERE type = ?', { replacements: [SEND_EMAIL_JOB] });
      } finally {
        await sql.close();
      }
      sink.received.length = 0;
      sink.offered.length = 0;
    });
    after(async () => {
      await app?.stop();
      await sink?.close();
    });

    const bkd = () => String(L.one!.dispositions.find((d) => (d.to as Json).unit)!.id);
    const toSari = () => String(L.one!.dispositions.find((d) => (d.to as Json).user)!.id);

    it('records nothing while the due date is more than a day away', async () => {
      expect(await scan()).to.deep.equal({ dispositions: 0, recorded: 0 });
      expect(await mine('ana')).to.deep.equal({ items: [], total: 0, page: 1, limit: 20 });
    });

    it('24 h before: due_soon to each active member of the unit and to the person, once however often the scan runs; mailed once each', async () => {
      setClock(new Date(dueAt.getTime() - 23 * HOUR)); // 17:00 WIB the day before
      expect(await scan()).to.deep.equal({ dispositions: 2, recorded: 4 }); // ana, budi, eko, sari — not dedi (disabled), not the head
      expect(await scan()).to.deep.equal({ dispositions: 2, recorded: 0 });
      await delivered();
      expect(sink.received.map((m) => m.to)).to.have.deep.members([[MAIL('ana')], [MAIL('sari')]]);
      expect(sink.offered.filter((a) => a === MAIL('nobody'))).to.have.length(1);
      // The refused one failed at once, with the server's reason, on the failed-jobs list.
      const failed = await emailJobs('failed');
      expect(failed).to.have.length(1);
      expect(failed[0]).to.include({ attempts: 1 });
      expect(failed[0]!.lastError).to.match(/refused the message/);
      expect(await emailJobs('done')).to.have.length(2);

      const { items, total } = await mine('ana');
      expect(total).to.equal(1);
      expect(items[0]).to.include({ kind: 'due_soon', subjectType: 'disposition', subjectId: bkd(), readAt: null });
      expect(Object.keys(items[0]!).sort()).to.deep.equal(['createdAt', 'id', 'kind', 'message', 'readAt', 'subjectId', 'subjectType']);
      const wib = `${dueAt.toISOString().slice(0, 10)} 16:00 WIB`;
      expect(String(items[0]!.message)).to.include(`No. Agenda ${L.one!.agendaNumber}/`).and.include(L.one!.subject.slice(0, 40)).and.include(wib);
      expect(sink.received[0]!.raw).to.match(/^Subject: \[Naskah\] Pengingat disposisi/m);
      expect((await stored('eko')).map((n) => n.emailState)).to.deep.equal(['none']);
      expect((await stored('budi')).map((n) => n.emailState)).to.deep.equal(['failed']);
      expect(await stored('dedi')).to.deep.equal([]);
      expect(await stored('head')).to.deep.equal([]);
    });

    it('on the due day: due_today, once even when several workers scan at the same moment; a holder completes the unit’s disposition', async () => {
      setClock(new Date(`${dueAt.toISOString().slice(0, 10)}T08:00:00+07:00`));
      const raced = await Promise.all([scan(), scan(), scan(), scan()]);
      expect(raced.reduce((n, r) => n + r.recorded, 0)).to.equal(4);
      expect(await scan()).to.deep.equal({ dispositions: 2, recorded: 0 });
      await delivered();
      expect(mailsTo('ana')).to.have.length(2);
      expect((await mine('eko')).items.map((i) => i.kind)).to.deep.equal(['due_today', 'due_soon']);
      const done = await api(app, t.ana!, 'POST', `/api/v1/dispositions/${bkd()}/complete`, { report: 'Sudah ditindaklanjuti' });
      expect(done.status, JSON.stringify(done.body)).to.equal(200);
    });

    it('overdue: the holder of the open one, and an escalation to its sender; a killed sender’s email is not sent again', async () => {
      setClock(new Date(dueAt.getTime() + HOUR));
      // The worker is held while the scan records, so the "killed sender" below is set up before any email job runs.
      await app.naskah.runner!.stop();
      expect(await scan()).to.deep.equal({ dispositions: 1, recorded: 2 }); // the unit's is completed
      expect(await scan()).to.deep.equal({ dispositions: 1, recorded: 0 });
      // A worker took Sari's email (pending → sending) and died before sending it.
      const victim = (await stored('sari')).find((n) => n.kind === 'overdue')!;
      expect(await app.naskah.deps.db.notifications.setEmailState(victim.id, 'pending', 'sending')).to.equal(true);
      app.naskah.runner!.start();
      await delivered();

      // Besides the escalation, the head heard that Ana reported back on the unit's disposition.
      const escalation = (await mine('head')).items;
      expect(escalation.map((i) => [i.kind, i.subjectId])).to.deep.equal([
        ['overdue_escalation', toSari()],
        ['disposition_report', bkd()],
      ]);
      expect(String(escalation[0]!.message)).to.include('Sari').and.include('melewati batas waktu').and.include('overdue');
      expect(mailsTo('kadis')).to.have.length(2);
      expect(mailsTo('kadis').at(-1)!.raw).to.match(/^Subject: \[Naskah\] Disposisi Anda melewati batas waktu/m);
      expect(mailsTo('sari')).to.have.length(2); // due_soon and due_today, not the overdue one
      expect((await stored('sari')).find((n) => n.id === victim.id)!.emailState).to.equal('sending');
      expect((await stored('ana')).map((n) => n.kind).sort()).to.deep.equal(['due_soon', 'due_today']);
      expect(sink.received).to.have.length(6);
    });

    it('lists only the caller’s own, unread first filter and paging; marks read (204), another user’s is 404', async () => {
      const unread = await mine('ana', '?unread=true');
      expect(unread.total).to.equal(2);
      const [newest, older] = unread.items;
      expect(newest!.kind).to.equal('due_today');
      const read = await api(app, t.ana!, 'POST', `/api/v1/notifications/${String(older!.id)}/read`);
      expect(read.status).to.equal(204);
      expect((await api(app, t.ana!, 'POST', `/api/v1/notifications/${String(older!.id)}/read`)).status).to.equal(204);
      expect((await mine('ana', '?unread=true')).items.map((i) => i.id)).to.deep.equal([newest!.id]);
      const all = await mine('ana', '?unread=false&limit=1&page=2');
      expect(all).to.deep.include({ total: 2, page: 2, limit: 1 });
      expect(all.items.map((i) => i.id)).to.deep.equal([older!.id]);
      expect(all.items[0]!.readAt).to.be.a('string');

      expectProblem(await api(app, t.sari!, 'POST', `/api/v1/notifications/${String(newest!.id)}/read`), 404);
      expectProblem(await api(app, t.ana!, 'POST', `/api/v1/notifications/${randomUUID()}/read`), 404);
      expectProblem(await api(app, t.ana!, 'POST', '/api/v1/notifications/abc/read'), 422);
      expectProblem(await api(app, t.ana!, 'GET', '/api/v1/notifications?unread=yes'), 422);
      expectProblem(await api(app, t.ana!, 'GET', '/api/v1/notifications?limit=1000'), 422);
      expectProblem(await api(app, null, 'GET', '/api/v1/notifications'), 401);
      expect((await mine('sari')).items.every((i) => i.subjectId === toSari())).to.equal(true);
      expect((await mine('ana', '?unread=true')).total).to.equal(1); // Sari's attempt changed nothing
    });

    it('an admin sets, changes and removes a user’s email address; a malformed one is a 422', async () => {
      const a = app.adminToken;
      expectProblem(await api(app, a, 'PATCH', `/api/v1/users/${ids.eko}`, { email: 'bukan alamat' }), 422);
      expectProblem(
        await api(app, a, 'POST', '/api/v1/users', {
          username: 'fajar.bkd',
          password: 'sandi-fajar-bkd-1',
          name: 'Fajar',
          role: 'staff',
          unitCode: 'BKD',
          email: 'fajar@',
        }),
        422,
      );
      expect((await api(app, a, 'PATCH', `/api/v1/users/${ids.eko}`, { email: ' eko@bkd.example.go.id ' })).body.email).to.equal('eko@bkd.example.go.id');
      expect((await api(app, a, 'GET', `/api/v1/users/${ids.eko}`)).body.email).to.equal('eko@bkd.example.go.id');
      expect((await api(app, a, 'PATCH', `/api/v1/users/${ids.eko}`, { email: null })).body.email).to.equal(null);
    });

    it('after a restart on the same data: nothing recorded or mailed twice; the worker’s timer records and mails what falls due next', async () => {
      const due2 = new Date(app.clock.now().getTime() + 48 * HOUR);
      L.two = await registerAndDispose(102, [{ userId: ids.sari }], due2);
      await delivered(); // the notices of its registration and disposition
      const before = await everything();
      const mailed = sink.received.length;

      await app.stop({ keepData: true });
      app = await startTestApp({ ...env(), REMINDER_SCAN_SECONDS: '1' }, { restartOf: app });
      expect(await scan()).to.deep.equal({ dispositions: 1, recorded: 0 });
      await delivered();
      expect(await everything()).to.deep.equal(before);

      // The timer: Letter two comes within 24 h of its due time.
      setClock(new Date(due2.getTime() - 20 * HOUR));
      const second = String(L.two.dispositions[0]!.id);
      await until('the timer to record and mail Sari’s reminder of letter two', async () =>
        (await stored('sari')).some((n) => n.subjectId === second && n.emailState === 'sent'),
      );
      await new Promise((r) => setTimeout(r, 2500)); // two more ticks
      expect(await everything()).to.deep.equal({ ...before, [`due_soon:sari:${second}`]: 'sent' });
      expect(sink.received).to.have.length(mailed + 1);
      expect(sink.received.at(-1)!.to).to.deep.equal([MAIL('sari')]);
      expect(sink.offered.filter((a) => a === MAIL('nobody'))).to.have.length(2); // budi's two failures, never retried

      // And once more across a second restart, with the timer running in the new process.
      await app.stop({ keepData: true });
      app = await startTestApp({ ...env(), REMINDER_SCAN_SECONDS: '1' }, { restartOf: app });
      await new Promise((r) => setTimeout(r, 2500));
      expect(await everything()).to.deep.equal({ ...before, [`due_soon:sari:${second}`]: 'sent' });
      expect(sink.received).to.have.length(mailed + 1);
      const perRecipient = sink.received.map((m) => m.to.join(','));
      // The reminders, plus for the head the report back and letter two's registration, for Sari its disposition.
      expect(perRecipient.sort()).to.deep.equal([
        MAIL('ana'),
        MAIL('ana'),
        MAIL('kadis'),
        MAIL('kadis'),
        MAIL('kadis'),
        MAIL('sari'),
        MAIL('sari'),
        MAIL('sari'),
        MAIL('sari'),
      ]);
    });

    it('an admin retries a refused email from the failed-jobs list: offered once more, failed again while the server still refuses, sent once it accepts', async () => {
      const [refused] = await emailJobs('failed');
      const offered = () => sink.offered.filter((a) => a === MAIL('nobody')).length;
      const before = offered();
      expect((await api(app, app.adminToken, 'POST', `/api/v1/jobs/${refused!.id}/retry`)).status).to.equal(200);
      await delivered();
      expect(offered()).to.equal(before + 1);
      expect((await app.naskah.deps.db.jobs.findById(refused!.id))!.state).to.equal('failed');
      sink.refuse.delete(MAIL('nobody'));
      expect((await api(app, app.adminToken, 'POST', `/api/v1/jobs/${refused!.id}/retry`)).status).to.equal(200);
      await delivered();
      expect(mailsTo('nobody')).to.have.length(1);
      expect((await app.naskah.deps.db.jobs.findById(refused!.id))!.state).to.equal('done');
      expect((await stored('budi')).filter((n) => n.emailState === 'sent')).to.have.length(1);
    });
  },
);
