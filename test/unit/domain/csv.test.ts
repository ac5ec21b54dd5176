import { expect } from 'chai';
import { toCsv } from '../../../src/domain/csv.ts';

describe('CSV for spreadsheets', () => {
  it('starts with a BOM, quotes every field, doubles quotes, ends lines with CRLF', () => {
    expect(toCsv(['a', 'b'], [['Café "Sinar"', 'baris\ndua']])).to.equal('\ufeff"a","b"\r\n"Café ""Sinar""","baris\ndua"\r\n');
  });

  it('keeps a cell that starts like a formula as text', () => {
    const out = toCsv(['x'], [['=1+1'], ['+62 812'], ['-5'], ['@SUM(A1)'], ['800/1/BKD/2025']]);
    expect(out.split('\r\n').slice(1, 6)).to.deep.equal([`"'=1+1"`, `"'+62 812"`, `"'-5"`, `"'@SUM(A1)"`, '"800/1/BKD/2025"']);
  });
});
