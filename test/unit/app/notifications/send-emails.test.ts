import { expect } from 'chai';
import { scanReminders } from '../../../../src/app/notifications/scan-reminders.ts';
import { sendPendingEmails } from '../../../../src/app/notifications/send-emails.ts';
import { fakeWorld } from './fakes.ts';

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
  return { ...w, states };
};

describe('app/notifications: sendPendingEmails', () => {
  it('sends each pending email once, to its user, and marks it sent', async () => {
    const w = await world();
    expect(await sendPendingEmails(w.deps)).to.deep.equal({ sent: 4, failed: 0, deferred: 0, dropped: 0 });
    expect(w.mail.outbox.map((m) => m.to).sort()).to.deep.equal(['ana@bkd.example.go.id', 'head@bkd.example.go.id', 'head@bkd.example.go.id', 'sari@bkd.example.go.id']);
    expect(Object.values(w.states())).to.deep.equal(['sent', 'sent', 'sent', 'sent']);
    expect(await sendPendingEmails(w.deps)).to.deep.equal({ sent: 0, failed: 0, deferred: 0, dropped: 0 });
    expect(w.mail.outbox).to.have.length(4);
    expect(w.mail.outbox[0]!.subject).to.match(/^\[Naskah\] /);
  });

  it('does not send one another process took (pending → sending) — nor one whose sender was killed mid-way', async () => {
    const w = await world();
    const taken = [...w.notifications.values()].find((n) => n.userId === 'ana')!;
    expect(await w.deps.db.notifications.setEmailState(taken.id, 'pending', 'sending')).to.equal(true);
    await sendPendingEmails(w.deps);
    await sendPendingEmails(w.deps);
    expect(w.mail.outbox.map((m) => m.to)).to.not.include('ana@bkd.example.go.id');
    expect(w.states()['overdue:ana:d-ana']).to.equal('sending');
  });

  it('a refused message is failed and never retried', async () => {
    const w = await world();
    w.mail.next.push({ status: 'rejected', reason: '550 no such mailbox' });
    expect(await sendPendingEmails(w.deps)).to.deep.include({ sent: 3, failed: 1 });
    expect(Object.values(w.states()).filter((s) => s === 'failed')).to.have.length(1);
    expect(await sendPendingEmails(w.deps)).to.deep.equal({ sent: 0, failed: 0, deferred: 0, dropped: 0 });
  });

  it('an unusable server puts the email back and stops the round (one attempt per round, no storm); the next round sends it', async () => {
    const w = await world();
    w.mail.next.push({ status: 'unavailable', reason: 'ECONNREFUSED' });
    expect(await sendPendingEmails(w.deps)).to.deep.equal({ sent: 0, failed: 0, deferred: 1, dropped: 0 });
    expect(Object.values(w.states())).to.deep.equal(['pending', 'pending', 'pending', 'pending']);
    expect(await sendPendingEmails(w.deps)).to.deep.equal({ sent: 4, failed: 0, deferred: 0, dropped: 0 });
    expect(w.mail.outbox).to.have.length(4);
  });

  it('a user who lost their address (or was disabled) since is not mailed', async () => {
    const w = await world();
    w.user('ana', 'BKD', { email: null });
    w.user('sari', 'ORG', { disabled: true });
    expect(await sendPendingEmails(w.deps)).to.deep.equal({ sent: 2, failed: 0, deferred: 0, dropped: 2 });
    expect(w.states()['overdue:ana:d-ana']).to.equal('none');
  });

  it('does nothing without a mail server', async () => {
    const w = fakeWorld({ now: at('2025-03-11T09:00:00+07:00'), mailerConfigured: false });
    expect(await sendPendingEmails(w.deps)).to.deep.equal({ sent: 0, failed: 0, deferred: 0, dropped: 0 });
  });
});
