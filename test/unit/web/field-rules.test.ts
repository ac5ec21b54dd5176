import { expect } from 'chai';
import { PASSWORD_MIN, passwordProblem } from '../../../src/domain/password-policy.ts';
import { passwordRule, unitCodeRule } from '../../../src/web/field-rules.ts';
import { tId } from './translate.ts';

describe('web: field rules checked before sending', () => {
  it('refuses in the browser exactly the passwords the server refuses for their length', () => {
    for (const pw of ['', 'a'.repeat(PASSWORD_MIN - 1), 'a'.repeat(PASSWORD_MIN), ' '.repeat(PASSWORD_MIN), 'ｐａｓｓｗｏｒｄ', 'x'.repeat(300)])
      expect(passwordRule(pw, tId) === null, JSON.stringify(pw)).to.equal(passwordProblem(pw) === null);
    expect(passwordRule('pendek', tId)).to.equal(`Kata sandi paling sedikit ${PASSWORD_MIN} karakter.`);
  });

  it('checks a unit code’s form as the server does', () => {
    expect(unitCodeRule('BKD-MUT', tId)).to.equal(null);
    expect(unitCodeRule('-BKD', tId)).to.match(/huruf atau angka/);
    expect(unitCodeRule('BKD MUT', tId)).to.be.a('string');
    expect(unitCodeRule('A'.repeat(33), tId)).to.be.a('string');
  });
});
