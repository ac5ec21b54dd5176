import { expect } from 'chai';
import { canFileFor, readScopeOf } from '../../../src/domain/access.ts';
import { filingScopeOf, filingUnitsOf } from '../../../src/domain/filing-scope.ts';

const units = [
  { code: 'ORG', parentCode: null },
  { code: 'TU', parentCode: 'ORG' },
  { code: 'BKD', parentCode: 'ORG' },
  { code: 'BKD-MUT', parentCode: 'BKD' },
  { code: 'DISDIK', parentCode: 'ORG' },
];
const clerk = (filingScope?: Parameters<typeof filingScopeOf>[0]) => ({
  id: 'c',
  roles: ['clerk' as const],
  unitCode: 'TU',
  clearance: 'biasa' as const,
  filingScope: filingScopeOf(filingScope ?? null, 'BKD,GONE'),
});

describe('filing scope', () => {
  it('own unit by default: the unit and the units below it', () => {
    expect(filingUnitsOf(clerk(), units)).to.deep.equal(['TU']);
    expect(canFileFor(clerk(), 'BKD', units)).to.equal(false);
  });

  it('named units add each and the units below it; unknown codes drop out', () => {
    expect(filingUnitsOf(clerk('units'), units).sort()).to.deep.equal(['BKD', 'BKD-MUT', 'TU']);
    expect(canFileFor(clerk('units'), 'DISDIK', units)).to.equal(false);
  });

  it('the whole office files for and reads every unit; an admin files everywhere', () => {
    expect(filingUnitsOf(clerk('office'), units)).to.have.length(units.length);
    expect(readScopeOf(clerk('office'), units).allUnits).to.equal(true);
    expect(readScopeOf(clerk('units'), units).unitCodes).to.include('BKD-MUT');
    expect(canFileFor({ ...clerk(), roles: ['admin'] }, 'DISDIK', units)).to.equal(true);
    expect(filingUnitsOf({ ...clerk('office'), roles: ['staff'] }, units)).to.deep.equal(['TU']);
  });

  it('reads back what the two columns store', () => {
    expect(filingScopeOf('units', 'A,B')).to.deep.equal({ kind: 'units', unitCodes: ['A', 'B'] });
    expect(filingScopeOf(null, null)).to.deep.equal({ kind: 'own' });
  });
});
