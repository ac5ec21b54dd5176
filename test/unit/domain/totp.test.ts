import { expect } from 'chai';
import { base32Decode, base32Encode, matchTotp, otpauthUrl, totpCode, totpStep } from '../../../src/domain/totp.ts';

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890"; the RFC
// prints 8 digits, of which the 6-digit codes are the last six.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('domain/totp', () => {
  it('matches the RFC 6238 SHA-1 test vectors', () => {
    for (const [seconds, code] of RFC_VECTORS) expect(totpCode(RFC_SECRET, totpStep(new Date(seconds * 1000)))).to.equal(code.slice(-6));
  });

  it('round-trips base32 and ignores spaces, dashes and case', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255, 7]);
    expect(base32Decode(base32Encode(bytes))).to.deep.equal(bytes);
    expect(base32Encode(Buffer.from('foobar'))).to.equal('MZXW6YTBOI'); // RFC 4648 §10
    expect(base32Decode('mzxw-6ytb oi').toString()).to.equal('foobar');
    expect(() => base32Decode('not*base32')).to.throw();
  });

  it('accepts a code one step either side of now and nothing further', () => {
    const now = new Date(1_700_000_000_000);
    const step = totpStep(now);
    for (const d of [-1, 0, 1]) expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step + d), now, null)).to.equal(step + d);
    for (const d of [-2, 2]) expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step + d), now, null)).to.equal(null);
  });

  it('refuses a code from a step already used, or before it (a replay)', () => {
    const now = new Date(1_700_000_000_000);
    const step = totpStep(now);
    const code = totpCode(RFC_SECRET, step);
    expect(matchTotp(RFC_SECRET, code, now, step)).to.equal(null);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 1), now, step)).to.equal(null);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step + 1), now, step)).to.equal(step + 1);
  });

  it('refuses anything that is not six digits', () => {
    const now = new Date(1_700_000_000_000);
    for (const bad of ['', '12345', '1234567', 'abcdef', '12 345', '１２３４５６']) expect(matchTotp(RFC_SECRET, bad, now, null)).to.equal(null);
  });

  it('builds an otpauth URL authenticator apps read', () => {
    const text = otpauthUrl('JBSWY3DPEHPK3PXP', 'siti bkd', 'Naskah');
    expect(text.startsWith('otpauth://totp/Naskah:siti%20bkd?')).to.equal(true);
    const url = new URL(text);
    expect(url.host).to.equal('totp');
    expect(url.searchParams.get('secret')).to.equal('JBSWY3DPEHPK3PXP');
    expect(url.searchParams.get('issuer')).to.equal('Naskah');
    expect(url.searchParams.get('digits')).to.equal('6');
    expect(url.searchParams.get('period')).to.equal('30');
  });
});
