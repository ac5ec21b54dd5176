import { expect } from 'chai';
import { canFileFor, canRead, readScopeOf, subtreeOf, type Actor } from '../../../src/domain/access.ts';

const units = [
  { code: 'ORG', parentCode: null },
  { code: 'BKD', parentCode: 'ORG' },
  { code: 'BKD-MUT', parentCode: 'BKD' },
  { code: 'DISDIK', parentCode: 'ORG' },
];
const staff = (unitCode: string, clearance: Actor['clearance'] = 'biasa'): Actor => ({ id: 'u1', roles: ['staff'], unitCode, clearance });

describe('domain/access', () => {
  it('a unit sees itself and everything below it, nothing beside or above', () => {
    expect(subtreeOf('BKD', units).sort()).to.deep.equal(['BKD', 'BKD-MUT']);
    expect(subtreeOf('ORG', units)).to.have.length(4);
    expect(subtreeOf('BKD-MUT', units)).to.deep.equal(['BKD-MUT']);
  });

  it('survives a cycle in bad unit data', () => {
    expect(
      subtreeOf('A', [
        { code: 'A', parentCode: 'B' },
        { code: 'B', parentCode: 'A' },
      ]).sort(),
    ).to.deep.equal(['A', 'B']);
  });

  it('reads documents of its subtree up to its clearance only', () => {
    const scope = readScopeOf(staff('BKD', 'terbatas'), units);
    expect(canRead(scope, { unitCode: 'BKD-MUT', securityLevel: 'terbatas' })).to.equal(true);
    expect(canRead(scope, { unitCode: 'BKD-MUT', securityLevel: 'rahasia' })).to.equal(false);
    expect(canRead(scope, { unitCode: 'DISDIK', securityLevel: 'biasa' })).to.equal(false);
    expect(canRead(scope, { unitCode: 'ORG', securityLevel: 'biasa' })).to.equal(false);
  });

  it('a named reader sees a document outside the unit rule', () => {
    const scope = readScopeOf(staff('DISDIK'), units);
    expect(canRead(scope, { unitCode: 'BKD', securityLevel: 'rahasia', readers: ['u1'] })).to.equal(true);
  });

  it('an admin looks across units but not above their own clearance', () => {
    const scope = readScopeOf({ id: 'a', roles: ['admin'], unitCode: 'ORG', clearance: 'biasa' }, units);
    expect(canRead(scope, { unitCode: 'DISDIK', securityLevel: 'biasa' })).to.equal(true);
    expect(canRead(scope, { unitCode: 'DISDIK', securityLevel: 'rahasia' })).to.equal(false);
  });

  it('a clerk files for their own subtree; an admin for any unit', () => {
    expect(canFileFor({ ...staff('BKD'), roles: ['clerk'] }, 'BKD-MUT', units)).to.equal(true);
    expect(canFileFor({ ...staff('BKD'), roles: ['clerk'] }, 'DISDIK', units)).to.equal(false);
    expect(canFileFor({ ...staff('BKD'), roles: ['admin'] }, 'DISDIK', units)).to.equal(true);
  });
});
