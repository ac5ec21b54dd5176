import { expect } from 'chai';
import { compactNip, nipProblem, receivesDispositions } from '../../../src/domain/people.ts';

describe('domain/people', () => {
  it('accepts a NIP whose digits tell a birth date, a month of appointment and the sex', () => {
    expect(nipProblem('197803152005012003')).to.equal(null);
    expect(nipProblem(compactNip('19780315 200501 2 003'))).to.equal(null);
  });

  it('names what is wrong with a NIP', () => {
    expect(nipProblem('1978')).to.equal('18 digits');
    expect(nipProblem('19780315200501200x')).to.equal('18 digits');
    expect(nipProblem('197813152005012003')).to.match(/date of birth/);
    expect(nipProblem('197803002005012003')).to.match(/date of birth/);
    expect(nipProblem('197803152005132003')).to.match(/month of appointment/);
    expect(nipProblem('197803152005013003')).to.match(/1 or 2/);
  });

  it('lets everyone who works letters receive dispositions, not an account that only administers', () => {
    expect(receivesDispositions({ roles: ['staff'] })).to.equal(true);
    expect(receivesDispositions({ roles: ['auditor'] })).to.equal(true);
    expect(receivesDispositions({ roles: ['admin', 'official'] })).to.equal(true);
    expect(receivesDispositions({ roles: ['admin'] })).to.equal(false);
    expect(receivesDispositions({ roles: ['admin', 'auditor'] })).to.equal(false);
  });
});
