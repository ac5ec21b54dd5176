import { expect } from 'chai';
import { verify, X509Certificate } from 'node:crypto';
import { AppError } from '../../../src/domain/errors.ts';
import { WrongPassphraseError, WrongPinError } from '../../../src/domain/signing/errors.ts';
import { createLocalKeyStore } from '../../../src/infra/signing/local.signing-key.ts';
import { lockKey } from '../../../src/infra/signing/key-lock.ts';
import { createRemoteKeyStore } from '../../../src/infra/signing/remote.signing-key.ts';
import type { SigningKeyStore, StoredKey } from '../../../src/ports/signing-key.ts';
import { nssTrusting } from '../../support/nss.ts';
import { startSigningService, type TestSigningService } from '../../support/signing-service.ts';
import { signingWorld, type SigningWorld } from './signing-world.ts';

const NIK = '3404015201800001';
const PASSPHRASE = 'sandi-penyelenggara-uji';

/** Every SigningKeyStore: an opened key names its chain, signs what pdfsig accepts, and refuses a wrong secret. */
describe('signing contract: key stores (a key kept here, a provider’s remote signing service)', function () {
  this.timeout(120_000);
  let w: SigningWorld;
  let service: TestSigningService;
  const stores: { name: string; store: () => SigningKeyStore; stored: () => Promise<StoredKey>; secret: string; wrong: unknown; anchor: () => string }[] = [
    {
      name: 'local (PIN)',
      store: () => createLocalKeyStore(),
      stored: async () => ({ certificate: w.official.certificate, chain: w.official.chain, lockedKey: await lockKey(w.official.privateKey, 'pin-uji-2025') }),
      secret: 'pin-uji-2025',
      wrong: WrongPinError,
      anchor: () => w.ca.toPem(w.root.certificate),
    },
    {
      name: 'remote (NIK + passphrase)',
      store: () => createRemoteKeyStore({ url: service.url, niks: new Map([['kepala', NIK]]), officeWide: false, timeoutMs: 2000 }, createLocalKeyStore()),
      stored: async () => {
        const [certificate, ...chain] = (await createRemoteKeyStore(
          { url: service.url, niks: new Map([['kepala', NIK]]), officeWide: false, timeoutMs: 2000 },
          createLocalKeyStore(),
        ).externalCertificates({ userId: 'u1', username: 'kepala' }))!;
        return { certificate: certificate!, chain, lockedKey: '' };
      },
      secret: PASSPHRASE,
      wrong: WrongPassphraseError,
      anchor: () => service.rootPem,
    },
  ];

  before(async () => {
    w = await signingWorld();
    service = await startSigningService({ nik: NIK, passphrase: PASSPHRASE, name: 'Dr. Siti Rahma, M.Si.' });
  });
  after(async () => {
    await w?.close();
    await service?.close();
  });

  for (const s of stores) {
    describe(s.name, () => {
      it('an opened key names its chain and signs bytes its certificate verifies; PAdES around it passes pdfsig', async () => {
        const stored = await s.stored();
        const { key } = await s.store().open({ userId: 'u1', username: 'kepala' }, stored, s.secret);
        const chain = await key.certificates();
        expect(Buffer.from(chain[0]!).equals(Buffer.from(stored.certificate))).to.equal(true);
        const data = Buffer.from('signed attributes, as DER would be');
        const sig = await key.sign(data, 'sha256WithRSA');
        expect(verify('sha256', data, new X509Certificate(Buffer.from(chain[0]!)).publicKey, sig)).to.equal(true);

        const signed = await w.signer.sign(w.letterA, key);
        const nss = await nssTrusting([s.anchor()]);
        try {
          const check = await nss.pdfsig(signed.pdf);
          expect(check.stdout, check.stdout + check.stderr)
            .to.include('Signature is Valid')
            .and.include('Total document signed');
        } finally {
          await nss.close();
        }
      });

      it('a wrong secret is refused with its own error (at opening or at signing), nothing signed', async () => {
        const signedBefore = service.signed();
        const err = await (async () => {
          const { key } = await s.store().open({ userId: 'u1', username: 'kepala' }, await s.stored(), 'bukan-rahasianya');
          return key.sign(Buffer.from('x'), 'sha256WithRSA');
        })().catch((e: unknown) => e);
        expect(err).to.be.instanceOf(s.wrong as new () => Error);
        expect(service.signed()).to.equal(signedBefore);
      });
    });
  }

  it('remote: an unknown NIK is a 422 for the signer, a signer the provider locked a 403, nothing signed', async () => {
    const store = (nik: string) =>
      createRemoteKeyStore({ url: service.url, niks: new Map([['kepala', nik]]), officeWide: false, timeoutMs: 2000 }, createLocalKeyStore());
    const unknown = await store('3404015201809999')
      .externalCertificates({ userId: 'u1', username: 'kepala' })
      .catch((e: unknown) => e);
    expect(unknown).to.be.instanceOf(AppError).and.include({ code: 'invalid', problemType: 'no-certificate' });
    const signedBefore = service.signed();
    const stored = await stores[1]!.stored();
    service.mode = 'locked';
    try {
      const { key } = await store(NIK).open({ userId: 'u1', username: 'kepala' }, stored, PASSPHRASE);
      expect(await key.sign(Buffer.from('x'), 'sha256WithRSA').catch((e: unknown) => e))
        .to.be.instanceOf(AppError)
        .and.include({ code: 'forbidden', problemType: 'signer-locked' });
    } finally {
      service.mode = 'ok';
    }
    expect(service.signed()).to.equal(signedBefore);
  });

  it('remote, office-wide: an official without a NIK cannot sign (422), one without the office-wide scope keeps the local key', async () => {
    const opts = { url: service.url, niks: new Map([['kepala', NIK]]), timeoutMs: 2000 };
    const err = await createRemoteKeyStore({ ...opts, officeWide: true }, createLocalKeyStore())
      .externalCertificates({ userId: 'u2', username: 'wakil' })
      .catch((e: unknown) => e);
    expect(err).to.be.instanceOf(AppError).and.include({ code: 'invalid', problemType: 'no-certificate' });
    expect(
      await createRemoteKeyStore({ ...opts, officeWide: false }, createLocalKeyStore()).externalCertificates({ userId: 'u2', username: 'wakil' }),
    ).to.equal(null);
  });
});
