import { expect } from 'chai';
import { agendaYearOf, letterIdentity, sharesLooserRules } from '../../../src/domain/correspondence.ts';
import { calendarDateIn, endOfDate, startOfDate } from '../../../src/domain/office-time.ts';

const WIB = 'Asia/Jakarta';

describe('domain/correspondence: the incoming register', () => {
  it('numbers a letter in the year of the office calendar (WIB, UTC+7), not of UTC', () => {
    // 31 Dec 2024 17:00 UTC is 1 Jan 2025 00:00 in Jakarta.
    expect(agendaYearOf(new Date('2024-12-31T16:59:59.999Z'), WIB)).to.equal(2024);
    expect(agendaYearOf(new Date('2024-12-31T17:00:00.000Z'), WIB)).to.equal(2025);
    expect(agendaYearOf(new Date('2025-12-31T23:00:00+07:00'), WIB)).to.equal(2025);
    // Other zones of the country, when an office configures one.
    expect(agendaYearOf(new Date('2024-12-31T16:30:00Z'), 'Asia/Makassar')).to.equal(2025);
    expect(agendaYearOf(new Date('2024-12-31T16:30:00Z'), 'UTC')).to.equal(2024);
  });

  it('gives the calendar date of an instant in the zone', () => {
    expect(calendarDateIn(new Date('2025-03-04T18:00:00Z'), WIB)).to.equal('2025-03-05');
    expect(calendarDateIn(new Date('2025-03-04T16:59:59Z'), WIB)).to.equal('2025-03-04');
    expect(calendarDateIn(new Date('0999-06-01T12:00:00Z'), 'UTC')).to.equal('0999-06-01');
  });

  it('bounds a whole office day, both ends inclusive', () => {
    expect(startOfDate('2025-03-05', WIB).toISOString()).to.equal('2025-03-04T17:00:00.000Z');
    expect(endOfDate('2025-03-05', WIB).toISOString()).to.equal('2025-03-05T16:59:59.999Z');
    expect(endOfDate('2024-12-31', WIB).toISOString()).to.equal('2024-12-31T16:59:59.999Z');
    expect(startOfDate('2024-02-29', 'UTC').toISOString()).to.equal('2024-02-29T00:00:00.000Z');
  });

  it('follows daylight saving where a zone has it (a 23-hour day)', () => {
    const start = startOfDate('2025-03-30', 'Europe/Amsterdam');
    const end = endOfDate('2025-03-30', 'Europe/Amsterdam');
    expect(start.toISOString()).to.equal('2025-03-29T23:00:00.000Z');
    expect(end.toISOString()).to.equal('2025-03-30T21:59:59.999Z');
  });

  it('takes sender and letter number as the same letter whatever the case and spacing', () => {
    const a = letterIdentity('Badan Kepegawaian Daerah', '800/123/BKD/2025');
    expect(letterIdentity('  badan  KEPEGAWAIAN daerah ', '800 / 123 / bkd / 2025 ')).to.equal(a);
    expect(letterIdentity('Badan Kepegawaian Daerah', '800/124/BKD/2025')).to.not.equal(a);
    expect(letterIdentity('Badan Kepegawaian', 'Daerah 800/123/BKD/2025')).to.not.equal(a);
    // Full-width forms fold to the plain ones.
    expect(letterIdentity('Badan Kepegawaian Daerah', '８００/123/BKD/2025')).to.equal(a);
  });

  it('refuses filing a letter on archived bytes whose document is shown more widely (lower level or another unit)', () => {
    const doc = { securityLevel: 'terbatas' as const, unitCode: 'BKD' };
    expect(sharesLooserRules(doc, { securityLevel: 'terbatas', unitCode: 'BKD' })).to.equal(false);
    expect(sharesLooserRules(doc, { securityLevel: 'biasa', unitCode: 'BKD' })).to.equal(false); // the letter is hidden more, never less
    expect(sharesLooserRules(doc, { securityLevel: 'rahasia', unitCode: 'BKD' })).to.equal(true);
    expect(sharesLooserRules(doc, { securityLevel: 'sangat_rahasia', unitCode: 'BKD' })).to.equal(true);
    expect(sharesLooserRules(doc, { securityLevel: 'terbatas', unitCode: 'BKD-MUT' })).to.equal(true);
    expect(sharesLooserRules(doc, { securityLevel: 'biasa', unitCode: 'ORG' })).to.equal(true);
  });
});
