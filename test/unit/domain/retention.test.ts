import { expect } from 'chai';
import type { Classification } from '../../../src/domain/classification.ts';
import { addYears, phaseByDate, retentionDates, retentionOf, scheduleOf, withinCode } from '../../../src/domain/retention.ts';

const code = (
  c: string,
  activeYears: number | null,
  inactiveYears: number | null,
  finalDisposition: Classification['finalDisposition'],
): [string, Classification] => [c, { code: c, name: c, description: null, activeYears, inactiveYears, finalDisposition, active: true, updatedAt: new Date(0) }];
const scheme = new Map([code('800', null, null, null), code('800.1', 2, 3, 'destroy'), code('800.1.2', null, null, null), code('900', 1, 9, 'permanent')]);

describe('retention (JRA)', () => {
  it('adds whole years, 29 February falling to the 28th in a common year', () => {
    expect(addYears('2020-02-29', 1)).to.equal('2021-02-28');
    expect(addYears('2020-02-29', 4)).to.equal('2024-02-29');
    expect(addYears('2019-12-31', 0)).to.equal('2019-12-31');
    expect(addYears('0999-01-05', 2)).to.equal('1001-01-05');
  });

  it("takes a code's own schedule, else its nearest parent's, else none", () => {
    expect(scheduleOf('800.1', scheme)).to.deep.equal({ activeYears: 2, inactiveYears: 3, finalDisposition: 'destroy' });
    expect(scheduleOf('800.1.2', scheme)).to.deep.equal({ activeYears: 2, inactiveYears: 3, finalDisposition: 'destroy' });
    expect(scheduleOf('800.1.2.7', scheme)).to.deep.equal({ activeYears: 2, inactiveYears: 3, finalDisposition: 'destroy' }); // not in the scheme, but 800.1 is
    expect(scheduleOf('800', scheme)).to.equal(null);
    expect(scheduleOf('700.1', scheme)).to.equal(null);
  });

  it('counts the inactive period from the end of the active one, and moves phases on the very day', () => {
    const d = retentionDates('2020-03-01', { activeYears: 2, inactiveYears: 3, finalDisposition: 'destroy' });
    expect(d).to.deep.equal({ activeUntil: '2022-03-01', inactiveUntil: '2025-03-01', finalDisposition: 'destroy' });
    expect(phaseByDate(d, '2022-02-28')).to.equal('active');
    expect(phaseByDate(d, '2022-03-01')).to.equal('inactive');
    expect(phaseByDate(d, '2025-02-28')).to.equal('inactive');
    expect(phaseByDate(d, '2025-03-01')).to.equal('due');
    expect(phaseByDate(retentionDates('2020-03-01', null), '2999-01-01')).to.equal('active');
  });

  it('files a record without a known code as unclassified, and minutes as permanent whatever their code', () => {
    expect(retentionOf({ classificationCode: null, recordDate: '2010-01-01', permanent: false }, scheme, '2026-01-01').phase).to.equal('unclassified');
    expect(retentionOf({ classificationCode: '123', recordDate: '2010-01-01', permanent: false }, scheme, '2026-01-01').phase).to.equal('unclassified');
    expect(retentionOf({ classificationCode: '900', recordDate: '2010-01-01', permanent: false }, scheme, '2026-01-01')).to.deep.equal({
      activeUntil: '2011-01-01',
      inactiveUntil: '2020-01-01',
      finalDisposition: 'permanent',
      phase: 'due',
    });
    expect(retentionOf({ classificationCode: '800.1', recordDate: '1990-01-01', permanent: true }, scheme, '2026-01-01')).to.deep.equal({
      activeUntil: null,
      inactiveUntil: null,
      finalDisposition: 'permanent',
      phase: 'active',
    });
  });

  it('matches a code filter by whole parts only', () => {
    expect(withinCode('800.1.2', '800')).to.equal(true);
    expect(withinCode('800', '800')).to.equal(true);
    expect(withinCode('8001', '800')).to.equal(false);
    expect(withinCode('800.10', '800.1')).to.equal(false);
    expect(withinCode(null, '800')).to.equal(false);
  });
});
