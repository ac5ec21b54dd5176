import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { SEND_EMAIL_JOB } from '../../src/domain/job-types.ts';
import { databaseTargets } from '../support/databases.ts';
import { describeOnDatabase } from '../support/for-each-database.ts';
import { api } from '../support/http.ts';
import { idle } from '../support/leftovers.ts';
import { mimeParts } from '../support/mime.ts';
import { issueCertificate, OUT, type Person, person, setUpUnits, signedPdf } from '../support/sign-office.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { PIN, signed, typedLetter } from '../support/typed-letters.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

for (const target of databaseTargets()) {
  describeOnDatabase(
    target,
    'a signed letter e-mailed to its external parties through a real SMTP server',
    { timeout: 240_000, env: { MAIL_FROM: 'Naskah BKD <naskah@bkd.example.go.id>' } },
    ({ app, beforeStart }) => {
      let sink: SmtpSink;
      const p: Record<string, Person> = {};
      let contactId = '';

      beforeStart(async () => {
        sink = await startSmtpSink();
        sink.refuse.add('tidak-ada@inspektorat.example.go.id');
        return { SMTP_URL: sink.url };
      });
      before(async () => {
        await setUpUnits(app);
        p.konseptor = await person(app, 'konseptor', 'staff', 'BKD');
        p.kepala = await person(app, 'kepala', 'official', 'BKD', 'Dra. Sri Wahyuni');
        expect((await issueCertificate(app, p.kepala, PIN)).status).to.equal(201);
        const c = await api(app, p.konseptor.token, 'POST', '/api/v1/contacts', { name: 'Dinas Pendidikan Kabupaten Sleman', email: 'disdik@slemankab.go.id' });
        expect(c.status, JSON.stringify(c.body)).to.equal(201);
        contactId = String(c.body.id);
      });
      after(async () => {
        await sink?.close();
      });

      it('sends each external addressee and copy with an address the signed PDF and its verification link, once; the letter says how each went', async () => {
        const id = await typedLetter(app, p.konseptor!, p.kepala!, {
          type: 'surat-dinas',
          subject: 'Undangan sosialisasi kepegawaian',
          addressees: [
            { contactId },
            { unitCode: 'SETDA' },
            { name: 'Badan Pusat Statistik Sleman', email: 'bps3404@bps.go.id' },
            { name: 'Camat Depok' }, // no address: by post, not by e-mail
          ],
          copies: [
            { name: 'Inspektorat Daerah', email: 'tidak-ada@inspektorat.example.go.id' },
            { name: 'Dinas Pendidikan (tembusan)', email: 'DISDIK@slemankab.go.id' },
          ],
        });
        // Nothing leaves before the signature.
        await idle(app);
        expect(sink.received).to.deep.equal([]);
        expect((await api(app, p.konseptor!.token, 'GET', `${OUT}/${id}`)).body.emails).to.deep.equal([]);

        const s = await signed(app, p.kepala!, id);
        await idle(app);
        const pdf = (await signedPdf(app, p.konseptor!, id)).bytes;
        const number = String(s.body.letterNumber);
        const verifyUrl = String((await api(app, p.konseptor!.token, 'GET', `${OUT}/${id}`)).body.verifyUrl);
        expect(sink.received.map((m) => m.to)).to.have.deep.members([['disdik@slemankab.go.id'], ['bps3404@bps.go.id']]);
        for (const mail of sink.received) {
          expect(mail.raw).to.match(new RegExp(`^Subject: Surat ${number.replace(/\//g, '\\/')}: Undangan sosialisasi kepegawaian`, 'm'));
          const parts = mimeParts(mail.raw);
          const text = parts.find((x) => /content-type:\s*text\/plain/i.test(x.headers))!.body.toString('utf8');
          expect(text).to.include(`nomor ${number}`).and.include(verifyUrl);
          const attached = parts.find((x) => /content-type:\s*application\/pdf/i.test(x.headers))!;
          expect(attached.headers).to.match(/filename="?surat-[^"]*\.pdf/);
          expect(sha256(attached.body)).to.equal(sha256(pdf));
        }
        expect(mimeParts(sink.received.find((m) => m.to[0] === 'bps3404@bps.go.id')!.raw)[0]!.body.toString()).to.include('Yth. Badan Pusat Statistik Sleman,');

        const letter = (await api(app, p.konseptor!.token, 'GET', `${OUT}/${id}`)).body;
        const emails = letter.emails as { name: string; address: string; kind: string; state: string; reason: string | null; sentAt: string | null }[];
        expect(emails.map(({ name, address, kind, state }) => ({ name, address, kind, state }))).to.deep.equal([
          { name: 'Dinas Pendidikan Kabupaten Sleman', address: 'disdik@slemankab.go.id', kind: 'addressee', state: 'sent' },
          { name: 'Badan Pusat Statistik Sleman', address: 'bps3404@bps.go.id', kind: 'addressee', state: 'sent' },
          { name: 'Inspektorat Daerah', address: 'tidak-ada@inspektorat.example.go.id', kind: 'copy', state: 'failed' },
        ]);
        expect(emails[0]!.sentAt).to.be.a('string');
        expect(emails[2]!.reason).to.match(/550|No such mailbox/);
        // The refused one is on the failed-jobs page; the two sent ones are audited with it.
        const failed = (await app.naskah.deps.db.jobs.list({ state: 'failed' }, 1, 100)).items.filter((j) => j.type === SEND_EMAIL_JOB);
        expect(failed.map((j) => j.payload)).to.have.length(1);
        const audit = await api(app, app.adminToken, 'GET', '/api/v1/audit?action=letter.outgoing_email');
        expect(audit.body.items!.map((e) => (e.details as { state: string }).state).sort()).to.deep.equal(['failed', 'sent', 'sent']);

        // The jobs run again (a worker taking them over): nothing is sent twice.
        for (const e of await app.naskah.deps.db.letterEmails.ofLetter(id))
          await app.naskah.deps.db.jobs.enqueue({ type: SEND_EMAIL_JOB, payload: { letterEmailId: e.id }, runAt: app.clock.now(), maxAttempts: 3 });
        await idle(app);
        expect(sink.received).to.have.length(2);
      });
    },
  );

  describeOnDatabase(
    target,
    "a signed letter's e-mail while the mail server is down",
    { timeout: 240_000, env: { MAIL_FROM: 'naskah@bkd.example.go.id' } },
    ({ app, beforeStart }) => {
      beforeStart(async () => {
        // A port nothing listens on: the mail server cannot be reached at all.
        const probe = createServer();
        await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
        const port = (probe.address() as AddressInfo).port;
        await new Promise<void>((resolve) => probe.close(() => resolve()));
        return { SMTP_URL: `smtp://127.0.0.1:${port}` };
      });
      before(async () => {
        await setUpUnits(app);
      });

      it('keeps it waiting (pending, its job retried, no attempt spent) instead of failing it', async () => {
        const konseptor = await person(app, 'konseptor', 'staff', 'BKD');
        const kepala = await person(app, 'kepala', 'official', 'BKD');
        expect((await issueCertificate(app, kepala, PIN)).status).to.equal(201);
        const id = await typedLetter(app, konseptor, kepala, { type: 'surat-dinas', addressees: [{ name: 'BPS Sleman', email: 'bps3404@bps.go.id' }] });
        await signed(app, kepala, id);
        const job = async () => (await app.naskah.deps.db.jobs.list({}, 1, 100)).items.find((j) => j.type === SEND_EMAIL_JOB && 'letterEmailId' in j.payload);
        for (const until = Date.now() + 30_000; !(await job())?.lastError && Date.now() < until; ) await new Promise((r) => setTimeout(r, 200));
        const j = (await job())!;
        expect(j.lastError).to.match(/mail server cannot be used/);
        expect(j.state).to.not.equal('failed');
        expect(j.attempts).to.equal(0);
        const emails = (await api(app, konseptor.token, 'GET', `${OUT}/${id}`)).body.emails as { state: string }[];
        expect(emails.map((e) => e.state)).to.deep.equal(['pending']);
      });
    },
  );
}
