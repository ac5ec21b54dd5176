import { expect } from 'chai';
import { aesGcmSealer } from '../../../../src/infra/secrets/aes-gcm.sealer.ts';

describe('infra/secrets: AES-256-GCM sealer for TOTP secrets', () => {
  const sealer = aesGcmSealer('k'.repeat(43));
  const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

  it('seals to a marked value that hides the secret and differs every time, and opens it again', () => {
    const a = sealer.seal(SECRET, 'user-1');
    const b = sealer.seal(SECRET, 'user-1');
    expect(a)
      .to.match(/^aes256gcm\.v1\./)
      .and.not.include(SECRET);
    expect(a).to.not.equal(b); // a fresh nonce each time
    expect(a.length).to.be.at.most(255); // the column's width
    expect(sealer.open(a, 'user-1')).to.equal(SECRET);
    expect(sealer.isSealed(a)).to.equal(true);
    expect(sealer.isSealed(SECRET)).to.equal(false);
  });

  it('refuses another key, another row, altered bytes and values that were never sealed', () => {
    const sealed = sealer.seal(SECRET, 'user-1');
    expect(() => aesGcmSealer('x'.repeat(43)).open(sealed, 'user-1')).to.throw();
    expect(() => sealer.open(sealed, 'user-2')).to.throw();
    const body = sealed.split('.')[3]!;
    const flipped = `${body[0] === 'A' ? 'B' : 'A'}${body.slice(1)}`;
    expect(() => sealer.open(sealed.replace(body, flipped), 'user-1')).to.throw();
    expect(() => sealer.open(SECRET, 'user-1')).to.throw(/not a sealed value/);
  });
});
