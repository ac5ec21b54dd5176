import { expect } from 'chai';
import { formatProblem } from '../../../src/web/letter-type-format.ts';

describe('the naskah-type screen', () => {
  it('tells what is wrong with a number format in the admin screen as the server would', () => {
    expect(formatProblem('{code}/{seq}/{unit}/{year}')).to.equal(null);
    expect(formatProblem('SK/{seq}/{month}/{year}')).to.equal(null);
    expect(formatProblem('{nomor}/{seq}/{year}')).to.equal('types.formatUnknown');
    expect(formatProblem('{code}/{unit}/{year}')).to.equal('types.formatNoSeq');
    expect(formatProblem('{code}/{seq}')).to.equal('types.formatNoYear');
    expect(formatProblem('{seq}/{year}}')).to.equal('types.formatBraces');
  });
});
