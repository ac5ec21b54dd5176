import { expect } from 'chai';
import { formatOfficeTime, isTimeZone, startOfDayIn } from '../../../src/domain/office-time.ts';
import { dueDayStart, reminderKey, reminderPhase, remindersDue } from '../../../src/domain/reminders.ts';

const JKT = 'Asia/Jakarta'; // WIB, UTC+7, no DST
const at = (iso: string) => new Date(iso);
const ms = (d: Date, n: number) => new Date(d.getTime() + n);
const H = 3600_000;

describe('domain/reminders', () => {
  describe('phases at their boundaries (Asia/Jakarta)', () => {
    const dueAt = at('2025-03-10T17:00:00+07:00');

    it('nothing until 24 h before; due_soon from exactly 24 h before', () => {
      expect(reminderPhase(dueAt, ms(dueAt, -24 * H - 1), JKT)).to.equal('none');
      expect(reminderPhase(dueAt, ms(dueAt, -24 * H), JKT)).to.equal('due_soon');
    });

    it('due_soon until the last millisecond of the day before; due_today from local midnight', () => {
      expect(reminderPhase(dueAt, at('2025-03-09T23:59:59.999+07:00'), JKT)).to.equal('due_soon');
      expect(reminderPhase(dueAt, at('2025-03-10T00:00:00+07:00'), JKT)).to.equal('due_today');
    });

    it('due_today up to and including the due time; overdue one millisecond after', () => {
      expect(reminderPhase(dueAt, dueAt, JKT)).to.equal('due_today');
      expect(reminderPhase(dueAt, ms(dueAt, 1), JKT)).to.equal('overdue');
      expect(reminderPhase(dueAt, ms(dueAt, 30 * 24 * H), JKT)).to.equal('overdue');
    });
  });

  describe('the due day is the office’s day, not UTC’s', () => {
    // 06:00 WIB on the 10th is 23:00 UTC on the 9th.
    const dueAt = at('2025-03-10T06:00:00+07:00');
    const now = at('2025-03-09T12:00:00Z'); // 19:00 WIB on the 9th

    it('in Jakarta it is still the day before (due_soon); in UTC it would already be the due day', () => {
      expect(reminderPhase(dueAt, now, JKT)).to.equal('due_soon');
      expect(reminderPhase(dueAt, now, 'UTC')).to.equal('due_today');
    });

    it('the start of the day moves with the zone (WIB, WITA, WIT)', () => {
      expect(startOfDayIn(dueAt, JKT).toISOString()).to.equal('2025-03-09T17:00:00.000Z');
      expect(startOfDayIn(dueAt, 'Asia/Makassar').toISOString()).to.equal('2025-03-09T16:00:00.000Z');
      expect(startOfDayIn(dueAt, 'Asia/Jayapura').toISOString()).to.equal('2025-03-09T15:00:00.000Z');
      expect(startOfDayIn(dueAt, 'UTC').toISOString()).to.equal('2025-03-09T00:00:00.000Z');
    });

    it('a due time at 23:59 WIB on the last day of the year is due on that day', () => {
      const eve = at('2025-12-31T23:59:00+07:00');
      expect(dueDayStart(eve, JKT).toISOString()).to.equal('2025-12-30T17:00:00.000Z');
      expect(reminderPhase(eve, at('2025-12-31T00:00:00+07:00'), JKT)).to.equal('due_today');
      expect(reminderPhase(eve, at('2026-01-01T00:00:00+07:00'), JKT)).to.equal('overdue');
    });
  });

  describe('a due time of exactly midnight means by the end of the day before', () => {
    const dueAt = at('2025-03-11T00:00:00+07:00');

    it('the day before is the due day, so due_today starts 24 h before (and replaces due_soon)', () => {
      expect(dueDayStart(dueAt, JKT).toISOString()).to.equal(at('2025-03-10T00:00:00+07:00').toISOString());
      expect(reminderPhase(dueAt, at('2025-03-09T23:59:59.999+07:00'), JKT)).to.equal('none');
      expect(reminderPhase(dueAt, at('2025-03-10T00:00:00+07:00'), JKT)).to.equal('due_today');
      expect(reminderPhase(dueAt, dueAt, JKT)).to.equal('due_today');
      expect(reminderPhase(dueAt, ms(dueAt, 1), JKT)).to.equal('overdue');
    });
  });

  describe('zones with daylight saving (for an office abroad)', () => {
    it('finds local midnight on the days clocks change', () => {
      expect(startOfDayIn(at('2025-03-30T12:00:00Z'), 'Europe/Berlin').toISOString()).to.equal('2025-03-29T23:00:00.000Z');
      expect(startOfDayIn(at('2025-03-31T12:00:00Z'), 'Europe/Berlin').toISOString()).to.equal('2025-03-30T22:00:00.000Z');
      expect(startOfDayIn(at('2025-10-26T12:00:00Z'), 'Europe/Berlin').toISOString()).to.equal('2025-10-25T22:00:00.000Z');
      expect(startOfDayIn(at('2025-10-27T12:00:00Z'), 'Europe/Berlin').toISOString()).to.equal('2025-10-26T23:00:00.000Z');
    });

    it('a day whose midnight does not exist starts when the clocks jump (Santiago, 00:00 → 01:00)', () => {
      expect(startOfDayIn(at('2025-09-07T12:00:00Z'), 'America/Santiago').toISOString()).to.equal('2025-09-07T04:00:00.000Z');
    });
  });

  describe('who is reminded', () => {
    const d = { id: 'd1', fromUserId: 'head', dueAt: at('2025-03-10T17:00:00+07:00'), status: 'open' as const };

    it('the holders before and on the day, each once, with a stable key', () => {
      const soon = remindersDue(d, ['a', 'b', 'a'], at('2025-03-09T18:00:00+07:00'), JKT);
      expect(soon).to.deep.equal([
        { kind: 'due_soon', userId: 'a', dedupeKey: 'disposition:d1:due_soon:a' },
        { kind: 'due_soon', userId: 'b', dedupeKey: 'disposition:d1:due_soon:b' },
      ]);
      const today = remindersDue(d, ['a'], at('2025-03-10T08:00:00+07:00'), JKT);
      expect(today).to.deep.equal([{ kind: 'due_today', userId: 'a', dedupeKey: reminderKey('d1', 'due_today', 'a') }]);
    });

    it('once overdue: the holders, and the sender as an escalation', () => {
      const r = remindersDue(d, ['a', 'b'], at('2025-03-10T17:00:00.001+07:00'), JKT);
      expect(r.map((x) => `${x.kind}:${x.userId}`)).to.deep.equal(['overdue:a', 'overdue:b', 'overdue_escalation:head']);
      expect(r[2]!.dedupeKey).to.equal('disposition:d1:overdue_escalation:head');
    });

    it('never reminds the sender as a holder, and a unit with no active member still escalates', () => {
      expect(remindersDue(d, ['head', 'a'], at('2025-03-10T08:00:00+07:00'), JKT).map((x) => x.userId)).to.deep.equal(['a']);
      expect(remindersDue(d, [], at('2025-03-11T08:00:00+07:00'), JKT).map((x) => x.kind)).to.deep.equal(['overdue_escalation']);
    });

    it('nothing for a completed disposition, one without a due date, or one not yet near', () => {
      const late = at('2025-04-01T00:00:00Z');
      expect(remindersDue({ ...d, status: 'completed' }, ['a'], late, JKT)).to.deep.equal([]);
      expect(remindersDue({ ...d, dueAt: null }, ['a'], late, JKT)).to.deep.equal([]);
      expect(remindersDue(d, ['a'], at('2025-03-01T00:00:00Z'), JKT)).to.deep.equal([]);
    });
  });

  it('writes times on the office wall clock with the zone’s Indonesian short name', () => {
    const t = at('2025-03-10T10:00:00Z');
    expect(formatOfficeTime(t, JKT)).to.equal('2025-03-10 17:00 WIB');
    expect(formatOfficeTime(t, 'Asia/Makassar')).to.equal('2025-03-10 18:00 WITA');
    expect(formatOfficeTime(t, 'Asia/Jayapura')).to.equal('2025-03-10 19:00 WIT');
    expect(formatOfficeTime(at('2025-03-10T17:00:00Z'), JKT)).to.equal('2025-03-11 00:00 WIB');
  });

  it('knows a time zone from a typo', () => {
    expect(isTimeZone('Asia/Jakarta')).to.equal(true);
    expect(isTimeZone('Asia/Jakarat')).to.equal(false);
  });
});
