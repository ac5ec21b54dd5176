import { expect } from 'chai';
import { monthOf } from '../../../src/domain/office-time.ts';
import { median, monthsBetween, perMonth, turnaround } from '../../../src/domain/stats.ts';

describe('domain/stats', () => {
  it('puts a moment in the month of the office time zone', () => {
    const lateNight = new Date('2026-01-31T17:30:00Z'); // 00:30 on 1 Feb in Jakarta (UTC+7)
    expect(monthOf(lateNight, 'Asia/Jakarta')).to.equal('2026-02');
    expect(monthOf(lateNight, 'UTC')).to.equal('2026-01');
  });

  it('lists every month of a range, across a year end', () => {
    expect(monthsBetween('2025-11', '2026-02')).to.deep.equal(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03', '2026-02')).to.deep.equal([]);
  });

  it('takes medians of odd and even counts, and none of nothing', () => {
    expect(median([5, 1, 3])).to.equal(3);
    expect(median([4, 1, 3, 2])).to.equal(2.5);
    expect(median([])).to.equal(null);
  });

  it('counts per month with zeros, ignoring dates outside the range', () => {
    const d = (s: string) => new Date(s);
    expect(
      perMonth(
        [d('2026-01-05T03:00:00Z'), d('2026-01-20T03:00:00Z'), d('2026-03-01T03:00:00Z'), d('2025-12-31T03:00:00Z')],
        ['2026-01', '2026-02', '2026-03'],
        'Asia/Jakarta',
      ),
    ).to.deep.equal({
      '2026-01': 2,
      '2026-02': 0,
      '2026-03': 1,
    });
  });

  it('measures turnaround over the letters that got there', () => {
    const at = (h: number) => new Date(Date.UTC(2026, 0, 1) + h * 3600_000);
    const t = turnaround([
      { receivedAt: at(0), firstDispositionAt: at(2), completedAt: at(50) },
      { receivedAt: at(0), firstDispositionAt: at(4), completedAt: null },
      { receivedAt: at(0), firstDispositionAt: null, completedAt: null },
    ]);
    expect(t.toFirstDisposition).to.deep.equal({ medianHours: 3, letters: 2 });
    expect(t.toCompletion).to.deep.equal({ medianHours: 50, letters: 1 });
  });
});
