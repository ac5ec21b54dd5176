import { expect } from 'chai';
import { dateOnly, dateTime, num } from '../../../src/web/format.ts';

describe('web: one number and one time format', () => {
  it('shows an instant on the office’s clocks with its zone label, whatever the device’s zone', () => {
    expect(dateTime('2026-03-01T17:30:00Z', 'Asia/Jakarta')).to.match(/2 Mar 2026.*00\.30 WIB$/);
    expect(dateTime('2026-03-01T17:30:00Z', 'Asia/Makassar')).to.match(/01\.30 WITA$/);
    expect(dateTime('2026-03-01T17:30:00Z', 'Asia/Jayapura')).to.match(/02\.30 WIT$/);
    expect(dateOnly('2026-03-01T17:30:00Z', 'Asia/Jakarta')).to.match(/^2 Mar 2026$/);
    expect(dateOnly('2026-03-01', 'Asia/Jayapura')).to.match(/^1 Mar 2026$/);
  });

  it('writes decimals with a comma and thousands with a dot', () => {
    expect(num(1234.56)).to.equal('1.234,6');
    expect(num(5.5)).to.equal('5,5');
  });
});
