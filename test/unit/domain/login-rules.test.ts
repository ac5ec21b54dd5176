import { expect } from 'chai';
import { ACCOUNT_BACKOFF, ADDRESS_BACKOFF, lockoutMs } from '../../../src/domain/login-backoff.ts';
import { guessablePassword, passwordKey, passwordProblem } from '../../../src/domain/password-policy.ts';
import { requiresTotp } from '../../../src/domain/two-factor.ts';

describe('domain/login rules', () => {
  describe('back-off', () => {
    it('lets the first failures pass, then doubles the wait up to the cap', () => {
      expect(lockoutMs(ACCOUNT_BACKOFF.freeFailures, ACCOUNT_BACKOFF)).to.equal(0);
      expect(lockoutMs(ACCOUNT_BACKOFF.freeFailures + 1, ACCOUNT_BACKOFF)).to.equal(1_000);
      expect(lockoutMs(ACCOUNT_BACKOFF.freeFailures + 2, ACCOUNT_BACKOFF)).to.equal(2_000);
      expect(lockoutMs(ACCOUNT_BACKOFF.freeFailures + 5, ACCOUNT_BACKOFF)).to.equal(16_000);
      expect(lockoutMs(1_000, ACCOUNT_BACKOFF)).to.equal(ACCOUNT_BACKOFF.maxMs);
    });

    it('gives a shared office address more room than one account', () => {
      expect(ADDRESS_BACKOFF.freeFailures).to.be.greaterThan(ACCOUNT_BACKOFF.freeFailures);
      expect(lockoutMs(ACCOUNT_BACKOFF.freeFailures + 1, ADDRESS_BACKOFF)).to.equal(0);
    });
  });

  describe('password policy', () => {
    it('asks for length only', () => {
      expect(passwordProblem('pendek')).to.match(/at least 8/);
      expect(passwordProblem('abcdefgh')).to.equal(null);
      expect(passwordProblem('kuda makan rumput di sawah')).to.equal(null);
      expect(passwordProblem('a'.repeat(257))).to.match(/at most/);
      expect(passwordProblem('        ')).to.match(/spaces/);
    });

    it('counts characters as people see them, not UTF-16 units', () => {
      expect(passwordProblem('🔑🔑🔑🔑🔑🔑🔑')).to.match(/at least 8/); // 7 characters, 14 code units
      expect(passwordProblem('sandi🔑🔑🔑')).to.equal(null);
    });

    it('judges the NFKC form: full-width letters and decomposed accents are the ordinary ones', () => {
      expect(passwordKey('ＰＡＳＳＷＯＲＤ')).to.equal('password');
      expect(passwordKey('Cafe\u0301-kopi')).to.equal('caf\u00e9-kopi');
      expect(passwordProblem('ｓａｎｄｉ')).to.match(/at least 8/); // five letters, however wide
    });

    it('refuses the common passwords and any containing the username, whatever the case', () => {
      const common = new Set(['password', '12345678', 'iloveyou1']);
      const isCommon = (key: string) => common.has(key);
      expect(guessablePassword('PassWord', 'siti', isCommon)).to.match(/most common/);
      expect(guessablePassword('ＩＬＯＶＥＹＯＵ1', 'siti', isCommon)).to.match(/most common/);
      expect(guessablePassword('Siti.Aminah2024!', 'siti.aminah', isCommon)).to.match(/username/);
      expect(guessablePassword('kuda makan rumput di sawah', 'siti', isCommon)).to.equal(null);
    });
  });

  describe('who needs a second factor', () => {
    it('admins, officials and anyone cleared above terbatas', () => {
      expect(requiresTotp({ roles: ['admin'], clearance: 'biasa' })).to.equal(true);
      expect(requiresTotp({ roles: ['official'], clearance: 'biasa' })).to.equal(true);
      expect(requiresTotp({ roles: ['staff'], clearance: 'rahasia' })).to.equal(true);
      expect(requiresTotp({ roles: ['clerk', 'staff'], clearance: 'sangat_rahasia' })).to.equal(true);
      expect(requiresTotp({ roles: ['staff'], clearance: 'terbatas' })).to.equal(false);
      expect(requiresTotp({ roles: ['clerk', 'auditor'], clearance: 'biasa' })).to.equal(false);
    });
  });
});
