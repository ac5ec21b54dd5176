import { expect } from 'chai';
import { createArgon2PasswordHasher } from '../../../../src/infra/auth/argon2.password-hasher.ts';

describe('argon2id password hasher', () => {
  it('hashes at the OWASP floor unless told otherwise (19 MiB, two passes, one lane), a salt each', async () => {
    const hasher = createArgon2PasswordHasher();
    const [a, b] = [await hasher.hash('sandi-yang-panjang'), await hasher.hash('sandi-yang-panjang')];
    expect(a).to.match(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).to.not.equal(b);
    expect(await hasher.verify(a, 'sandi-yang-panjang')).to.equal(true);
    expect(await hasher.verify(a, 'sandi-yang-lain')).to.equal(false);
  });

  it('verifies a hash of any cost, since the stored hash names its own (a cheaper test hash, an older floor)', async () => {
    const cheap = await createArgon2PasswordHasher({ memoryCost: 256, timeCost: 1 }).hash('kode-pemulihan');
    expect(cheap).to.match(/^\$argon2id\$v=19\$m=256,t=1,p=1\$/);
    expect(await createArgon2PasswordHasher().verify(cheap, 'kode-pemulihan')).to.equal(true);
    expect(await createArgon2PasswordHasher().verify('not a hash', 'kode-pemulihan')).to.equal(false);
  });
});
