import { expect } from 'chai';
import { compareClassificationCodes, parentClassification } from '../../../src/domain/classification.ts';

describe('domain/classification', () => {
  it('orders codes segment by segment, numbers by value, parents before children', () => {
    const codes = ['800.10', '900', '800.2', '800', '800.1.2', '000', '800.1', '800.A', '100'];
    expect([...codes].sort(compareClassificationCodes)).to.deep.equal(['000', '100', '800', '800.1', '800.1.2', '800.2', '800.10', '800.A', '900']);
  });

  it('keeps leading zeros apart from their values and orders words as text', () => {
    expect(compareClassificationCodes('000', '0')).to.be.greaterThan(0);
    expect(compareClassificationCodes('KP.1', 'KU.1')).to.be.lessThan(0);
    expect(compareClassificationCodes('800', '800')).to.equal(0);
  });

  it('names the code one level up', () => {
    expect(parentClassification('800.1.2')).to.equal('800.1');
    expect(parentClassification('800.1')).to.equal('800');
    expect(parentClassification('800')).to.equal(null);
  });
});
