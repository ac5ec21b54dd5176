import { expect } from 'chai';
import { AppError } from '../../../../src/domain/errors.ts';
import { checkByteRange } from '../../../../src/domain/signing/byte-range.ts';
import { assertCanSign, isSigningKeyUsage, validityProblem } from '../../../../src/domain/signing/certificate-validity.ts';
import { CertificateUnusableError, Pkcs12Error, WrongPinError } from '../../../../src/domain/signing/errors.ts';
import { verdict } from '../../../../src/domain/signing/verdict.ts';

const cert = (from: string, to: string, over: Partial<Parameters<typeof validityProblem>[0]> = {}) => ({
  commonName: 'Siti',
  notBefore: new Date(from),
  notAfter: new Date(to),
  ...over,
});

describe('signing rules: byte range', () => {
  // A 1000-byte file whose /Contents hex string lies at [400, 600).
  const contents = { start: 400, end: 600 };

  it('accepts [0 a b c] whose gap is exactly /Contents and which ends at the end of the file', () => {
    const r = checkByteRange([0, 400, 600, 400], 1000, contents);
    expect(r).to.deep.equal({ wellFormed: true, coversWholeDocument: true, trailingBytes: 0, problems: [] });
  });

  it('reports bytes after the signed part as a later modification', () => {
    const r = checkByteRange([0, 400, 600, 400], 1300, contents);
    expect(r.wellFormed).to.equal(true);
    expect(r.coversWholeDocument).to.equal(false);
    expect(r.trailingBytes).to.equal(300);
    expect(r.problems.join()).to.match(/300 bytes were added after the signed part/);
  });

  it('refuses a range that does not start at 0', () => {
    expect(checkByteRange([10, 390, 600, 400], 1000, contents).problems.join()).to.match(/does not start at the beginning/);
  });

  it('refuses a gap wider or narrower than /Contents, or shifted', () => {
    for (const range of [
      [0, 399, 601, 399],
      [0, 401, 599, 401],
      [0, 405, 605, 395],
    ]) {
      const r = checkByteRange(range, 1000, contents);
      expect(r.coversWholeDocument, String(range)).to.equal(false);
      expect(r.problems.join(), String(range)).to.match(/not exactly the signature value/);
    }
  });

  it('refuses overlapping, out-of-file and malformed ranges', () => {
    expect(checkByteRange([0, 700, 600, 400], 1000, contents).wellFormed).to.equal(false);
    expect(checkByteRange([0, 400, 600, 500], 1000, contents).wellFormed).to.equal(false);
    expect(checkByteRange([0, 400, 600], 1000, contents).wellFormed).to.equal(false);
    expect(checkByteRange([0, -1, 600, 400], 1000, contents).wellFormed).to.equal(false);
    expect(checkByteRange(null, 1000, contents).problems.join()).to.match(/not four non-negative integers/);
  });

  it('refuses a range when /Contents was not found in the gap', () => {
    const r = checkByteRange([0, 400, 600, 400], 1000, null);
    expect(r.coversWholeDocument).to.equal(false);
    expect(r.problems.join()).to.match(/not a \/Contents hex string/);
  });
});

describe('signing rules: certificate validity', () => {
  it('a certificate is usable inside its validity, bounds included', () => {
    const c = cert('2025-01-01T00:00:00Z', '2025-12-31T23:59:59Z');
    expect(validityProblem(c, new Date('2025-01-01T00:00:00Z'))).to.equal(null);
    expect(validityProblem(c, new Date('2025-12-31T23:59:59Z'))).to.equal(null);
  });

  it('expired, not yet valid and revoked certificates are named as such', () => {
    const c = cert('2025-01-01T00:00:00Z', '2025-12-31T00:00:00Z');
    expect(validityProblem(c, new Date('2026-01-01T00:00:00Z'))?.reason).to.equal('expired');
    expect(validityProblem(c, new Date('2024-12-31T00:00:00Z'))?.reason).to.equal('not-yet-valid');
    const revoked = cert('2025-01-01T00:00:00Z', '2025-12-31T00:00:00Z', { revokedAt: new Date('2025-06-01T00:00:00Z') });
    expect(validityProblem(revoked, new Date('2025-05-31T00:00:00Z'))).to.equal(null);
    expect(validityProblem(revoked, new Date('2025-06-02T00:00:00Z'))?.reason).to.equal('revoked');
  });

  it('assertCanSign checks the whole chain and the signer key usage, with a typed error', () => {
    const at = new Date('2025-06-01T00:00:00Z');
    const ok = cert('2025-01-01T00:00:00Z', '2025-12-31T00:00:00Z', { keyUsage: ['digitalSignature', 'nonRepudiation'] });
    expect(() => assertCanSign(ok, [cert('2020-01-01T00:00:00Z', '2030-01-01T00:00:00Z')], at)).not.to.throw();
    const expiredRoot = cert('2020-01-01T00:00:00Z', '2025-05-01T00:00:00Z', { commonName: 'Root' });
    expect(() => assertCanSign(ok, [expiredRoot], at))
      .to.throw(CertificateUnusableError)
      .with.property('reason', 'expired');
    const ca = cert('2025-01-01T00:00:00Z', '2025-12-31T00:00:00Z', { keyUsage: ['keyCertSign', 'cRLSign'] });
    expect(() => assertCanSign(ca, [], at))
      .to.throw(CertificateUnusableError)
      .with.property('reason', 'not-for-signing');
    try {
      assertCanSign(ok, [], new Date('2026-01-01T00:00:00Z'));
      expect.fail('signed with an expired certificate');
    } catch (err) {
      expect(err).to.be.instanceOf(AppError);
      expect((err as AppError).code).to.equal('invalid');
      expect((err as AppError).problemType).to.equal('certificate-expired');
    }
    expect(isSigningKeyUsage(undefined)).to.equal(true);
    expect(isSigningKeyUsage(['nonRepudiation'])).to.equal(true);
  });

  it('the PIN and PKCS#12 errors are AppErrors a route can map', () => {
    expect(new WrongPinError()).to.include({ code: 'forbidden', problemType: 'wrong-pin' });
    expect(new Pkcs12Error('x')).to.include({ code: 'invalid', problemType: 'pkcs12-unreadable' });
  });
});

describe('signing rules: the verdict', () => {
  const good = { intact: true, coversWholeDocument: true, trusted: true, problems: [] };

  it('valid needs at least one signature and every one intact, covering, trusted and without problems', () => {
    expect(verdict([])).to.deep.equal({ modifiedAfterSigning: false, valid: false });
    expect(verdict([good])).to.deep.equal({ modifiedAfterSigning: false, valid: true });
    expect(verdict([{ ...good, trusted: false, problems: ['not trusted'] }])).to.deep.equal({ modifiedAfterSigning: false, valid: false });
    expect(verdict([good, { ...good, problems: ['timestamp'] }])).to.deep.equal({ modifiedAfterSigning: false, valid: false });
  });

  it('a signature that is not intact or does not cover the file means modified, never valid', () => {
    expect(verdict([{ ...good, intact: false }])).to.deep.equal({ modifiedAfterSigning: true, valid: false });
    expect(verdict([{ ...good, coversWholeDocument: false }])).to.deep.equal({ modifiedAfterSigning: true, valid: false });
  });
});
