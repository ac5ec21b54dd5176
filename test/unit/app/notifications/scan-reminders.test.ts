import { expect } from 'chai';
import { ReminderMemo, scanReminders } from '../../../../src/app/notifications/scan-reminders.ts';
import { reminderMessage } from '../../../../src/app/notifications/reminder-messages.ts';
import { fakeWorld } from './fakes.ts';

const at = (iso: string) => new Date(iso);
const DUE = at('2025-03-10T16:00:00+07:00');

const world = (mailerConfigured = true) => {
  const w = fakeWorld({ now: at('2025-03-01T09:00:00+07:00'), mailerConfigured });
  w.user('head', 'ORG', { roles: ['official'] });
  w.user('ana', 'BKD');
  w.user('budi', 'BKD', { email: null });
  w.user('dedi', 'BKD', { disabled: true });
  w.user('sari', 'ORG');
  w.user('citra', 'BKD-MUT');
  w.letter('L1');
  w.disposition('d-unit', { toUnitCode: 'BKD', dueAt: DUE });
  w.disposition('d-sari', { toUserId: 'sari', dueAt: DUE });
  w.disposition('d-nodue', { toUserId: 'sari', dueAt: null });
  return w;
};

describe('app/notifications: scanReminders', () => {
  it('nothing while the due date is more than a day away', async () => {
    const w = world();
    expect(await scanReminders(w.deps)).to.deep.equal({ dispositions: 0, recorded: 0 });
  });

  it('due_soon to the active members of the unit and to the person, once however often it runs', async () => {
    const w = world();
    w.setNow(at('2025-03-09T17:00:00+07:00'));
    expect(await scanReminders(w.deps)).to.deep.equal({ dispositions: 2, recorded: 3 });
    expect(w.kinds()).to.deep.equal(['due_soon:ana', 'due_soon:budi', 'due_soon:sari']);
    expect(await scanReminders(w.deps)).to.deep.equal({ dispositions: 2, recorded: 0 });
    expect(w.notifications.size).to.equal(3);
  });

  it('then due_today, then overdue to the holders and the escalation to the sender', async () => {
    const w = world();
    w.setNow(at('2025-03-10T07:30:00+07:00'));
    await scanReminders(w.deps);
    w.setNow(at('2025-03-10T16:00:00.001+07:00'));
    await scanReminders(w.deps);
    expect(w.kinds()).to.deep.equal([
      'due_today:ana',
      'due_today:budi',
      'due_today:sari',
      'overdue:ana',
      'overdue:budi',
      'overdue:sari',
      'overdue_escalation:head',
      'overdue_escalation:head',
    ]);
    expect([...w.notifications.keys()].filter((k) => k.includes('escalation')).sort()).to.deep.equal([
      'disposition:d-sari:overdue_escalation:head',
      'disposition:d-unit:overdue_escalation:head',
    ]);
  });

  it('a completed disposition is not reminded', async () => {
    const w = world();
    w.disposition('d-done', { toUserId: 'citra', dueAt: DUE, status: 'completed' });
    w.setNow(at('2025-03-11T09:00:00+07:00'));
    await scanReminders(w.deps);
    expect(w.kinds().filter((k) => k.endsWith(':citra'))).to.deep.equal([]);
  });

  it('mails only users with an address when SMTP is configured', async () => {
    const w = world();
    w.setNow(at('2025-03-09T17:00:00+07:00'));
    await scanReminders(w.deps);
    const state = Object.fromEntries([...w.notifications.values()].map((n) => [n.userId, n.emailState]));
    expect(state).to.deep.equal({ ana: 'pending', budi: 'none', sari: 'pending' });

    const off = world(false);
    off.setNow(at('2025-03-09T17:00:00+07:00'));
    await scanReminders(off.deps);
    expect([...off.notifications.values()].map((n) => n.emailState)).to.deep.equal(['none', 'none', 'none']);
  });

  it('records what the reminder is about: the disposition, the letter, the due time on the office clock', async () => {
    const w = world();
    w.setNow(at('2025-03-09T17:00:00+07:00'));
    await scanReminders(w.deps);
    const n = w.notifications.get('disposition:d-sari:due_soon:sari')!;
    expect(n).to.deep.include({ kind: 'due_soon', subjectType: 'disposition', subjectId: 'd-sari', readAt: null });
    expect(n.message).to.include('No. Agenda 12/2025 (ORG)').and.include('Undangan rapat koordinasi').and.include('2025-03-10 16:00 WIB');
  });

  it('pages through every due disposition (more than one page)', async () => {
    const w = world();
    for (let i = 0; i < 450; i++) w.disposition(`p-${String(i).padStart(4, '0')}`, { toUserId: 'citra', dueAt: DUE });
    w.setNow(at('2025-03-09T17:00:00+07:00'));
    const r = await scanReminders(w.deps);
    expect(r).to.deep.equal({ dispositions: 452, recorded: 453 });
    expect(w.calls.openDueBy).to.equal(3);
  });

  it('with a memo, a later pass does not even offer the database what it recorded; a new process (new memo) offers it once and records nothing', async () => {
    const w = world();
    w.setNow(at('2025-03-11T09:00:00+07:00'));
    const memo = new ReminderMemo();
    await scanReminders(w.deps, memo);
    const offered = w.calls.add;
    expect(offered).to.equal(5);
    await scanReminders(w.deps, memo);
    expect(w.calls.add).to.equal(offered);
    expect(await scanReminders(w.deps, new ReminderMemo())).to.deep.equal({ dispositions: 2, recorded: 0 });
  });

  it('the memo forgets dispositions that are done', async () => {
    const w = world();
    w.setNow(at('2025-03-11T09:00:00+07:00'));
    const memo = new ReminderMemo();
    await scanReminders(w.deps, memo);
    expect(memo.size).to.equal(5);
    w.disposition('d-extra', { toUserId: 'citra', dueAt: DUE, status: 'completed' });
    (await w.deps.db.dispositions.openDueBy(DUE, 10, null)).forEach((d) => (d.status = 'completed'));
    await scanReminders(w.deps, memo);
    expect(memo.size).to.equal(0);
  });

  it('keeps the subject from unit members not cleared for the letter (its level or its document’s, if higher)', async () => {
    const w = world();
    w.user('rini', 'BKD', { clearance: 'terbatas' });
    w.letter('L1', { securityLevel: 'terbatas' });
    w.setNow(at('2025-03-09T17:00:00+07:00'));
    await scanReminders(w.deps);
    const to = (who: string) => w.notifications.get(`disposition:d-unit:due_soon:${who}`)!.message;
    expect(to('rini')).to.include('Undangan rapat koordinasi');
    expect(to('ana')).to.not.include('Undangan rapat');
    expect(to('ana')).to.include('dirahasiakan');

    const raised = world();
    raised.user('rini', 'BKD', { clearance: 'terbatas' });
    raised.document('doc-L1', 'terbatas'); // the letter row says biasa; its document was raised since
    raised.setNow(at('2025-03-09T17:00:00+07:00'));
    await scanReminders(raised.deps);
    expect(raised.notifications.get('disposition:d-unit:due_soon:rini')!.message).to.include('Undangan rapat koordinasi');
    expect(raised.notifications.get('disposition:d-unit:due_soon:ana')!.message).to.not.include('Undangan rapat');
  });

  it('keeps the subject of a secret letter out of the message (it may be mailed)', () => {
    const letter = { agendaNumber: 7, agendaYear: 2025, unitCode: 'ORG', subject: 'Rencana mutasi pejabat', securityLevel: 'rahasia' as const };
    const m = reminderMessage('overdue_escalation', { letter, dueAt: DUE, timeZone: 'Asia/Jakarta', addressee: 'unit BKD' });
    expect(m).to.not.include('Rencana mutasi');
    expect(m).to.include('No. Agenda 7/2025 (ORG)').and.include('unit BKD').and.include('dirahasiakan');
  });
});
