import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { createPrivateKey, sign, verify, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../../../../src/domain/errors.ts';
import { Pkcs12Error, WrongPinError } from '../../../../src/domain/signing/errors.ts';
import { createCertificateAuthority } from '../../../../src/infra/signing/node-crypto.certificate-authority.ts';
import { rc2CbcDecrypt, rc2DecryptBlock, rc2Expand } from '../../../../src/infra/signing/rc2.ts';
import type { SigningCredential } from '../../../../src/ports/pdf-signing.ts';

const run = promisify(execFile);
const ca = createCertificateAuthority();
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const OFFICE = 'Badan Kepegawaian Daerah Kota Contoh';

describe('signing: certificate authority, PKCS#12 and keys at rest', function () {
  this.timeout(60_000);
  let dir: string;
  let root: SigningCredential;
  let official: SigningCredential;
  const f = (name: string) => path.join(dir, name);

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-ca-test-'));
    root = await ca.createRoot({
      subject: { name: 'Root CA BKD Kota Contoh', organization: OFFICE },
      notBefore: new Date(Date.now() - HOUR),
      notAfter: new Date(Date.now() + 365 * DAY),
    });
    official = await ca.issue(root, {
      subject: { name: 'Dr. Ayu Wulandari, S.H., M.Si.', title: 'Kepala Badan', nip: '197803152005012003', organization: OFFICE },
      notBefore: new Date(Date.now() - HOUR),
      notAfter: new Date(Date.now() + 90 * DAY),
    });
  });
  after(() => rm(dir, { recursive: true, force: true }));

  describe('the office root and official certificates', () => {
    it('OpenSSL accepts the chain and reads the extensions the issue asks for', async () => {
      await writeFile(f('root.pem'), ca.toPem(root.certificate));
      await writeFile(f('official.pem'), ca.toPem(official.certificate));
      const { stdout } = await run('openssl', ['verify', '-x509_strict', '-CAfile', f('root.pem'), f('official.pem')]);
      expect(stdout).to.contain('OK');
      const rootText = (await run('openssl', ['x509', '-in', f('root.pem'), '-noout', '-text'])).stdout;
      expect(rootText).to.match(/Basic Constraints: critical\s+CA:TRUE/);
      expect(rootText).to.match(/Key Usage: critical\s+Certificate Sign, CRL Sign/);
      const text = (await run('openssl', ['x509', '-in', f('official.pem'), '-noout', '-text', '-nameopt', 'RFC2253'])).stdout;
      expect(text).to.match(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
      expect(text).to.match(/CA:FALSE/);
      expect(text).to.contain('Public-Key: (2048 bit)');
      expect(text).to.contain('Signature Algorithm: sha256WithRSAEncryption');
      expect(text).to.match(/Subject: CN=Dr\. Ayu Wulandari\\, S\.H\.\\, M\.Si\.,serialNumber=197803152005012003,title=Kepala Badan,O=Badan Kepegawaian/);
    });

    it('describe reads name, title, NIP, office, validity, usage and a stable fingerprint', () => {
      const d = ca.describe(official.certificate);
      expect(d).to.include({
        commonName: 'Dr. Ayu Wulandari, S.H., M.Si.',
        title: 'Kepala Badan',
        nip: '197803152005012003',
        organization: OFFICE,
        issuer: 'Root CA BKD Kota Contoh',
        isCa: false,
        selfSigned: false,
      });
      expect(d.keyUsage).to.deep.equal(['digitalSignature', 'nonRepudiation']);
      expect(d.serial).to.match(/^[0-9A-F]{32}$/);
      expect(d.sha256).to.match(/^[0-9a-f]{64}$/);
      expect(d.notAfter.getTime() - d.notBefore.getTime()).to.be.closeTo(90 * DAY + HOUR, 2000);
      expect(d.serial).to.equal(new X509Certificate(official.certificate).serialNumber.toUpperCase());
      const r = ca.describe(root.certificate);
      expect(r).to.include({ isCa: true, selfSigned: true, commonName: 'Root CA BKD Kota Contoh' });
      expect(r.keyUsage).to.deep.equal(['keyCertSign', 'cRLSign']);
      expect(official.chain).to.have.length(1);
      expect(Buffer.from(official.chain[0]!).equals(Buffer.from(root.certificate))).to.equal(true);
    });

    it('the key signs what the certificate verifies; PEM round-trips', () => {
      const sig = sign('sha256', Buffer.from('naskah'), official.privateKey);
      expect(verify('sha256', Buffer.from('naskah'), new X509Certificate(official.certificate).publicKey, sig)).to.equal(true);
      const both = ca.toPem(official.certificate) + ca.toPem(root.certificate);
      expect(ca.fromPem(both).map((c) => Buffer.from(c).toString('hex'))).to.deep.equal(
        [official.certificate, root.certificate].map((c) => Buffer.from(c).toString('hex')),
      );
    });

    it('refuses to issue from a non-CA, outside the issuer validity, or without a name', async () => {
      const later = { notBefore: new Date(), notAfter: new Date(Date.now() + DAY) };
      await expectAppError(ca.issue(official, { subject: { name: 'X', organization: OFFICE }, ...later }), /not a certificate authority/);
      await expectAppError(
        ca.issue(root, { subject: { name: 'X', organization: OFFICE }, notBefore: new Date(), notAfter: new Date(Date.now() + 400 * DAY) }),
        /within the issuer/,
      );
      await expectAppError(ca.issue(root, { subject: { name: ' ', organization: OFFICE }, ...later }), /incomplete/);
      await expectAppError(
        ca.createRoot({ subject: { name: 'R', organization: OFFICE }, notBefore: new Date(), notAfter: new Date(Date.now() - DAY) }),
        /ends after it starts/,
      );
      expect(() => ca.describe(new Uint8Array([1, 2, 3]))).to.throw(AppError);
    });
  });

  describe('PKCS#12 from a provider (made by the openssl CLI, as a PSrE would)', () => {
    before(async () => {
      // root → intermediate → signer, all by OpenSSL, none by our CA.
      const days = ['-days', '30'];
      await run('openssl', [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        f('p-root.key'),
        '-out',
        f('p-root.crt'),
        '-subj',
        '/C=ID/O=PSrE Uji/CN=PSrE Uji Root',
        ...days,
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
      ]);
      await run('openssl', [
        'req',
        '-new',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        f('p-int.key'),
        '-out',
        f('p-int.csr'),
        '-subj',
        '/C=ID/O=PSrE Uji/CN=PSrE Uji Level 2',
      ]);
      await writeFile(f('ca.ext'), 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n');
      await run('openssl', [
        'x509',
        '-req',
        '-in',
        f('p-int.csr'),
        '-CA',
        f('p-root.crt'),
        '-CAkey',
        f('p-root.key'),
        '-CAcreateserial',
        '-out',
        f('p-int.crt'),
        ...days,
        '-extfile',
        f('ca.ext'),
      ]);
      await run('openssl', [
        'req',
        '-new',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        f('p-leaf.key'),
        '-out',
        f('p-leaf.csr'),
        '-subj',
        '/C=ID/O=Pemerintah Kota Contoh/CN=Budi Santoso',
      ]);
      await writeFile(f('leaf.ext'), 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n');
      await run('openssl', [
        'x509',
        '-req',
        '-in',
        f('p-leaf.csr'),
        '-CA',
        f('p-int.crt'),
        '-CAkey',
        f('p-int.key'),
        '-CAcreateserial',
        '-out',
        f('p-leaf.crt'),
        ...days,
        '-extfile',
        f('leaf.ext'),
      ]);
      await writeFile(f('p-chain.pem'), (await readFile(f('p-root.crt'), 'utf8')) + (await readFile(f('p-int.crt'), 'utf8')));
      const exp = (out: string, extra: string[]) =>
        run('openssl', [
          'pkcs12',
          '-export',
          '-inkey',
          f('p-leaf.key'),
          '-in',
          f('p-leaf.crt'),
          '-certfile',
          f('p-chain.pem'),
          '-out',
          f(out),
          '-passout',
          'pass:Rahasia-123 ü',
          ...extra,
        ]);
      await exp('default.p12', []);
      await exp('legacy.p12', ['-legacy']);
      await exp('nomac.p12', ['-nomac']);
      await exp('sha512.p12', ['-macalg', 'sha512', '-keypbe', 'AES-128-CBC', '-certpbe', 'AES-192-CBC', '-iter', '5000']);
    });

    for (const [file, what] of [
      ['default.p12', "OpenSSL 3's default (PBES2, PBKDF2, AES-256-CBC, HMAC-SHA-256)"],
      ['legacy.p12', '-legacy (RC2-40 certificates, 3DES key, HMAC-SHA-1)'],
      ['nomac.p12', 'no MAC'],
      ['sha512.p12', 'AES-128/192, HMAC-SHA-512'],
    ] as const) {
      it(`reads ${what} into key, certificate and the chain in order`, async () => {
        const cred = await ca.readPkcs12(await readFile(f(file)), 'Rahasia-123 ü');
        expect(ca.describe(cred.certificate).commonName).to.equal('Budi Santoso');
        expect(cred.chain.map((c) => ca.describe(c).commonName)).to.deep.equal(['PSrE Uji Level 2', 'PSrE Uji Root']);
        const expected = createPrivateKey(await readFile(f('p-leaf.key'))).export({ type: 'pkcs8', format: 'der' });
        expect(Buffer.from(cred.privateKey.export({ type: 'pkcs8', format: 'der' })).equals(expected)).to.equal(true);
      });
    }

    it('a wrong password is a Pkcs12Error, with or without a MAC; garbage and key-less files too', async () => {
      for (const file of ['default.p12', 'legacy.p12', 'nomac.p12']) {
        const err = await ca.readPkcs12(await readFile(f(file)), 'salah').then(
          () => null,
          (e: unknown) => e,
        );
        expect(err, file).to.be.instanceOf(Pkcs12Error);
        expect((err as Pkcs12Error).detail, file).to.match(/password is wrong/);
      }
      expect(await ca.readPkcs12(Buffer.from('not a p12 at all'), 'x').catch((e: unknown) => e)).to.be.instanceOf(Pkcs12Error);
      await run('openssl', ['pkcs12', '-export', '-nokeys', '-in', f('p-leaf.crt'), '-out', f('nokey.p12'), '-passout', 'pass:x']);
      const err = await ca.readPkcs12(await readFile(f('nokey.p12')), 'x').catch((e: unknown) => e);
      expect((err as Pkcs12Error).detail).to.match(/no private key/);
    });

    it('RC2 (for -legacy files) matches the RFC 2268 test vectors', () => {
      const vectors: [string, number, string, string][] = [
        ['0000000000000000', 63, 'ebb773f993278eff', '0000000000000000'],
        ['ffffffffffffffff', 64, '278b27e42e2f0d49', 'ffffffffffffffff'],
        ['3000000000000000', 64, '30649edf9be7d2c2', '1000000000000001'],
        ['88', 64, '61a8a244adacccf0', '0000000000000000'],
        ['88bca90e90875a', 64, '6ccf4308974c267f', '0000000000000000'],
        ['88bca90e90875a7f0f79c384627bafb2', 128, '2269552ab0f85ca6', '0000000000000000'],
      ];
      for (const [key, bits, ct, pt] of vectors) {
        const block = Buffer.from(ct, 'hex');
        rc2DecryptBlock(rc2Expand(Buffer.from(key, 'hex'), bits), block);
        expect(block.toString('hex'), key).to.equal(pt);
      }
      expect(() => rc2CbcDecrypt(Buffer.alloc(5), 40, Buffer.alloc(8), Buffer.alloc(7))).to.throw(/whole number of blocks/);
    });
  });

  describe('keys at rest under a PIN', () => {
    it('lockKey / unlockKey round-trip; the locked form reveals nothing and differs every time', async () => {
      const a = await ca.lockKey(official.privateKey, '246810');
      const b = await ca.lockKey(official.privateKey, '246810');
      expect(a).to.match(/^naskah-key\.v1\.scrypt\.32768\.8\.1\./);
      expect(a).not.to.equal(b);
      const pkcs8 = Buffer.from(official.privateKey.export({ type: 'pkcs8', format: 'der' }));
      expect(a).not.to.contain(pkcs8.toString('base64url').slice(40, 80));
      const key = await ca.unlockKey(a, '246810');
      expect(Buffer.from(key.export({ type: 'pkcs8', format: 'der' })).equals(pkcs8)).to.equal(true);
    });

    it('a wrong PIN, or a tampered locked key, is a WrongPinError; a foreign format is invalid', async () => {
      const locked = await ca.lockKey(official.privateKey, 'kata sandi');
      expect(await ca.unlockKey(locked, 'kata sandi!').catch((e: unknown) => e)).to.be.instanceOf(WrongPinError);
      const parts = locked.split('.');
      const ct = Buffer.from(parts[9]!, 'base64url');
      ct[10]! ^= 1;
      parts[9] = ct.toString('base64url');
      expect(await ca.unlockKey(parts.join('.'), 'kata sandi').catch((e: unknown) => e)).to.be.instanceOf(WrongPinError);
      const foreign = await ca.unlockKey('-----BEGIN ENCRYPTED PRIVATE KEY-----', 'x').catch((e: unknown) => e);
      expect(foreign).to.be.instanceOf(AppError).and.not.to.be.instanceOf(WrongPinError);
      expect(await ca.lockKey(official.privateKey, '').catch((e: unknown) => e)).to.be.instanceOf(AppError);
    });
  });
});

const expectAppError = async (p: Promise<unknown>, detail: RegExp) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).to.be.instanceOf(AppError);
  expect((err as AppError).detail).to.match(detail);
};
