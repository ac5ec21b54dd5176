import { expect } from 'chai';
import { scanReminders } from '../../../../src/app/notifications/scan-reminders.ts';
import { sendNotificationEmail } from '../../../../src/app/notifications/send-email.ts';
import { SEND_EMAIL_JOB } from '../../../../src/domain/job-types.ts';
import { fakeWorld } from './fakes.ts';
import { appRejection } from '../../../support/rejection.ts';

const at = (iso: string) => new Date(iso);

/** Three overdue reminders with email pending: ana, sari (holders) and head (escalation). */
const world = async () => {
  const w = fakeWorld({ now: at('2025-03-11T09:00:00+07:00') });
  w.user('head', 'ORG', { roles: ['official'] });
  w.user('ana', 'BKD');
  w.user('sari', 'ORG');
  w.letter('L1');
  w.disposition('d-ana', { toUserId: 'ana', dueAt: at('2025-03-10T16:00:00+07:00') });
  w.disposition('d-sari', { toUserId: 'sari', dueAt: at('2025-03-10T16:00:00+07:00') });
  await scanReminders(w.deps);
  const states = () => Object.fromEntries([...w.notifications.values()].map((n) => [`${n.kind}:${n.userId}:${n.subjectId}`, n.emailState]));
  const send = (i: number) => sendNotificationEmail(w.deps, { notificationId: String(w.emailJobs[i]!.payload.notificationId) });
  const sendAll = async () => {
    const out: string[] = [];
    for (let i = 0; i < w.emailJobs.length; i++) out.push(await send(i));
    return out;
  };
  return { ...w, states, send, sendAll };
};

describe('app/notifications: the send-email job', () => {
  it('is enqueued once per recorded reminder with an address, in the transaction that records it', async () => {
    const w = await world();
    expect(w.emailJobs.map((j) => j.type)).to.deep.equal([SEND_EMAIL_JOB, SEND_EMAIL_JOB, SEND_EMAIL_JOB, SEND_EMAIL_JOB]);
    await scanReminders(w.deps); // offered again: recorded nothing, enqueued nothing
    expect(w.emailJobs).to.have.length(4);
  });

  it('sends each email once, to its user, and marks it sent; a job run again sends nothing more', async () => {
    const w = await world();
    expect(await w.sendAll()).to.deep.equal(['sent', 'sent', 'sent', 'sent']);
    expect(w.mail.outbox.map((m) => m.to).sort()).to.deep.equal([
      'ana@bkd.example.go.id',
      'head@bkd.example.go.id',
      'head@bkd.example.go.id',
      'sari@bkd.example.go.id',
    ]);
    expect(Object.values(w.states())).to.deep.equal(['sent', 'sent', 'sent', 'sent']);
    expect(await w.sendAll()).to.deep.equal(['not-pending', 'not-pending', 'not-pending', 'not-pending']);
    expect(w.mail.outbox).to.have.length(4);
    expect(w.mail.outbox[0]!.subject).to.match(/^\[Naskah\] /);
  });

  it('does not send one another process took (pending → sending), nor one whose sender was killed mid-way', async () => {
    const w = await world();
    const taken = [...w.notifications.values()].find((n) => n.userId === 'ana')!;
    expect(await w.deps.db.notifications.setEmailState(taken.id, 'pending', 'sending')).to.equal(true);
    await w.sendAll();
    expect(w.mail.outbox.map((m) => m.to)).to.not.include('ana@bkd.example.go.id');
    expect(w.states()['overdue:ana:d-ana']).to.equal('sending');
  });

  it("a refused message is failed and its job fails at once (not an outage: no retry but an admin's); the retried job sends it", async () => {
    const w = await world();
    w.mail.next.push({ status: 'rejected', reason: '550 no such mailbox' });
    const e = await appRejection(w.send(0));
    expect(e.code).to.equal('invalid');
    expect(e.detail).to.match(/refused the message: 550 no such mailbox/);
    expect(Object.values(w.states()).filter((s) => s === 'failed')).to.have.length(1);
    expect(await w.send(0)).to.equal('sent'); // what an admin's retry of the failed job does
    expect(w.mail.outbox).to.have.length(1);
  });

  it('an unusable server puts the email back and fails the job as an outage of the mail backend (retried without spending an attempt)', async () => {
    const w = await world();
    w.mail.next.push({ status: 'unavailable', reason: 'ECONNREFUSED' });
    const e = await appRejection(w.send(0));
    expect(e.code).to.equal('unavailable');
    expect(e.backend).to.equal('mail');
    expect(Object.values(w.states())).to.deep.equal(['pending', 'pending', 'pending', 'pending']);
    expect(await w.sendAll()).to.deep.equal(['sent', 'sent', 'sent', 'sent']);
    expect(w.mail.outbox).to.have.length(4);
  });

  it('a user who lost their address (or was disabled) since is not mailed', async () => {
    const w = await world();
    w.user('ana', 'BKD', { email: null });
    w.user('sari', 'ORG', { disabled: true });
    expect((await w.sendAll()).sort()).to.deep.equal(['dropped', 'dropped', 'sent', 'sent']);
    expect(w.states()['overdue:ana:d-ana']).to.equal('none');
  });

  it('enqueues nothing without a mail server', async () => {
    const w = fakeWorld({ now: at('2025-03-11T09:00:00+07:00'), mailerConfigured: false });
    w.user('ana', 'BKD');
    w.letter('L1');
    w.disposition('d-ana', { toUserId: 'ana', dueAt: at('2025-03-10T16:00:00+07:00') });
    expect((await scanReminders(w.deps)).recorded).to.equal(1);
    expect(w.emailJobs).to.deep.equal([]);
    expect([...w.notifications.values()].map((n) => n.emailState)).to.deep.equal(['none']);
  });
});
