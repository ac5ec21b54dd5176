import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { createHash, createPrivateKey } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../../../src/domain/errors.ts';
import { CertificateUnusableError } from '../../../src/domain/signing/errors.ts';
import { createPdfLibLetterRenderer } from '../../../src/infra/pdf/pdf-lib.letter-renderer.ts';
import { createPadesSigner } from '../../../src/infra/signing/pades.signer.ts';
import type { SignedPdf } from '../../../src/ports/pdf-signing.ts';
import { qpdfCheck } from '../../support/nss.ts';
import { appendIncrementalUpdate, OFFICE, plainLetter } from '../../support/signing-fixtures.ts';
import { startTsa, type TestTsa } from '../../support/tsa.ts';
import { cmsAndContent, opensslCms, PUBLIC_URL, signatureLayout, signingWorld, type SigningWorld } from './signing-world.ts';
import { inMemorySigningKey } from '../../../src/infra/signing/local.signing-key.ts';

const run = promisify(execFile);
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');

/**
 * PdfSigner + PdfVerifier + CertificateAuthority + LetterStamper (pdf-lib, Node crypto, asn1js)
 * against independent validators: poppler's pdfsig with an NSS trust store, qpdf --check and
 * openssl cms -verify.
 */
describe('signing contract: PAdES signatures an independent validator accepts', function () {
  this.timeout(120_000);
  let w: SigningWorld;
  let signed: SignedPdf;

  before(async () => {
    w = await signingWorld();
    signed = await w.signer.sign(w.letterA, inMemorySigningKey(w.official), { reason: 'Persetujuan surat keluar', location: 'Kota Contoh' });
  });
  after(() => w?.close());

  describe('an independent validator agrees', () => {
    it('pdfsig: "Signature is Valid.", "Total document signed", trusted, ETSI.CAdES.detached', async () => {
      const r = await w.nss.pdfsig(signed.pdf);
      expect(r.stdout).to.contain('Signature is Valid.');
      expect(r.stdout).to.contain('Total document signed');
      expect(r.stdout).to.contain('Certificate is Trusted.');
      expect(r.stdout).to.contain('Signature Type: ETSI.CAdES.detached');
      expect(r.stdout).to.contain('Signing Hash Algorithm: SHA-256');
      expect(r.stdout).to.contain('Signer Certificate Common Name: Dr. Ayu Wulandari, S.H., M.Si.');
      expect(r.stdout).to.contain('Signature Field Name: Tanda Tangan Elektronik');
      expect(r.stdout.match(/Signature #/g)).to.have.length(1);
    });

    it('qpdf --check finds no errors', async () => {
      const r = await qpdfCheck(signed.pdf);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.stdout).to.contain('No syntax or stream encoding errors found');
    });

    it('openssl cms -verify accepts the CMS; it has exactly the PAdES signed attributes and the full chain', async () => {
      const r = await opensslCms(signed.pdf, w.ca.toPem(w.root.certificate));
      expect(r.verified, r.output).to.equal(true);
      const signedAttrs = r.dump.slice(r.dump.indexOf('signedAttrs:'), r.dump.indexOf('signatureAlgorithm:', r.dump.indexOf('signedAttrs:')));
      const objects = [...signedAttrs.matchAll(/object: ([^(]+) \(([\d.]+)\)/g)].map((m) => m[2]);
      expect(objects.sort()).to.deep.equal(['1.2.840.113549.1.9.16.2.47', '1.2.840.113549.1.9.3', '1.2.840.113549.1.9.4'].sort());
      expect(r.dump).not.to.contain('signingTime');
      expect(r.dump).to.contain('eContent: <ABSENT>');
      expect(r.dump.match(/algorithm: sha256WithRSAEncryption/g)).to.have.length(4); // two certificates, twice each
      expect(r.dump).to.match(/signatureAlgorithm: \s+algorithm: rsaEncryption/);
      expect((r.dump.match(/cert_info:/g) ?? []).length).to.equal(2);
    });

    it('signing-certificate-v2 holds the SHA-256 of the signer certificate', () => {
      const { cms } = cmsAndContent(signed.pdf);
      const certHash = createHash('sha256').update(w.official.certificate).digest();
      expect(cms.includes(Buffer.concat([Buffer.from([0x04, 0x20]), certHash]))).to.equal(true);
    });

    it('one revision, /ByteRange [0 a b c] covering the file, SubFilter ETSI.CAdES.detached, /M, the widget is the block', () => {
      const text = latin1(signed.pdf);
      expect(text.split('%%EOF')).to.have.length(2);
      expect(text).not.to.contain('/Prev');
      const l = signatureLayout(signed.pdf);
      expect(l.range[0]).to.equal(0);
      expect(l.range[1]).to.equal(l.contentsStart);
      expect(l.range[2]).to.equal(l.contentsEnd);
      expect(l.range[2] + l.range[3]).to.equal(signed.pdf.length);
      expect(text).to.match(/\/Type \/Sig\s+\/Filter \/Adobe\.PPKLite\s+\/SubFilter \/ETSI\.CAdES\.detached/);
      expect(text).to.match(/\/M \(D:\d{14}Z\)/);
      expect(text).to.match(/\/SigFlags 3/);
      expect(signed.sha256).to.match(/^[0-9a-f]{64}$/);
      expect(signed.timestamped).to.equal(false);
    });

    it('our verifier: valid, intact, covering, trusted, with the signer named', async () => {
      const r = await w.verifier.verify(signed.pdf, [w.root.certificate]);
      expect(r.valid).to.equal(true);
      expect(r.modifiedAfterSigning).to.equal(false);
      expect(r.signatures).to.have.length(1);
      const s = r.signatures[0]!;
      expect(s).to.deep.include({ intact: true, coversWholeDocument: true, trusted: true, timestamped: false, problems: [] });
      expect(s.signer).to.deep.equal({
        commonName: 'Dr. Ayu Wulandari, S.H., M.Si.',
        serial: w.ca.describe(w.official.certificate).serial,
        issuer: 'Root CA BKD Kota Contoh',
      });
      expect(Math.abs(s.signedAt!.getTime() - signed.signedAt.getTime())).to.be.lessThan(1000);
    });

    it('a letter from the letter renderer (render → stamp → sign) passes pdfsig and qpdf', async () => {
      const letter = await createPdfLibLetterRenderer().render({
        officeName: 'Pemerintah Kota Contoh',
        unitName: 'Badan Kepegawaian Daerah',
        placeAndDate: 'Kota Contoh, 5 Maret 2025',
        letterNumber: null,
        attachments: null,
        subject: 'Undangan Rapat Koordinasi',
        addressee: 'Yth. Kepala Dinas Pendidikan\ndi Kota Contoh',
        body: 'Dengan hormat,\n\nKami mengundang Bapak/Ibu untuk hadir pada rapat koordinasi kepegawaian.\n\nDemikian, atas perhatiannya kami ucapkan terima kasih.',
        signer: { title: 'Kepala Badan', name: 'Dr. Ayu Wulandari, S.H., M.Si.', nip: '197803152005012003' },
        documentKey: 'bench-letter',
        renderedAt: new Date(),
      });
      const stamped = await w.stamper.stamp(
        letter.pdf,
        {
          name: 'Dr. Ayu Wulandari, S.H., M.Si.',
          title: 'Kepala Badan',
          nip: '197803152005012003',
          date: '5 Maret 2025',
          letterNumber: '800/17/BKD/2025',
          verifyCode: 'R3ND3R01',
        },
        { area: letter.signatureArea, numberArea: letter.numberArea },
      );
      expect(stamped.verifyUrl).to.equal(`${PUBLIC_URL}/verify/R3ND3R01`);
      const out = await w.signer.sign(stamped, inMemorySigningKey(w.official));
      const r = await w.nss.pdfsig(out.pdf);
      expect(r.stdout).to.contain('Signature is Valid.');
      expect(r.stdout).to.contain('Total document signed');
      expect((await qpdfCheck(out.pdf)).code).to.equal(0);
      expect((await w.verifier.verify(out.pdf, [w.root.certificate])).valid).to.equal(true);
    });
  });

  describe('signing refuses', () => {
    it('a PDF the stamper did not write, one already signed, one with an update appended', async () => {
      const { pdf } = await plainLetter();
      await expectNotStamped(w.signer.sign({ ...w.letterA, pdf }, inMemorySigningKey(w.official)), /exactly one form field/);
      await expectNotStamped(
        w.signer.sign({ ...w.letterA, pdf: signed.pdf }, inMemorySigningKey(w.official)),
        /more than one revision|already carries a signature|already signed/,
      );
      const updated = await appendIncrementalUpdate(w.letterA.pdf, new Map([[900, '<< /S /JavaScript /JS (app.alert(1)) >>']]));
      await expectNotStamped(w.signer.sign({ ...w.letterA, pdf: updated }, inMemorySigningKey(w.official)), /more than one revision/);
      await expectNotStamped(w.signer.sign({ ...w.letterA, pdf: Buffer.from('no pdf') }, inMemorySigningKey(w.official)), /readable PDF|revision/);
    });

    it('an expired or not yet valid certificate, a CA certificate, a key that is not the certificate’s', async () => {
      const expired = await w.ca.issue(w.root, {
        subject: { name: 'Pejabat Lama', organization: OFFICE },
        notBefore: new Date(Date.now() - 50 * 60_000),
        notAfter: new Date(Date.now() - 30 * 60_000),
      });
      const err = await w.signer.sign(w.letterA, inMemorySigningKey(expired)).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(CertificateUnusableError);
      expect((err as CertificateUnusableError).reason).to.equal('expired');
      const future = await w.ca.issue(w.root, {
        subject: { name: 'Pejabat Baru', organization: OFFICE },
        notBefore: new Date(Date.now() + DAY),
        notAfter: new Date(Date.now() + 2 * DAY),
      });
      expect(((await w.signer.sign(w.letterA, inMemorySigningKey(future)).catch((e: unknown) => e)) as CertificateUnusableError).reason).to.equal(
        'not-yet-valid',
      );
      expect(((await w.signer.sign(w.letterA, inMemorySigningKey(w.root)).catch((e: unknown) => e)) as CertificateUnusableError).reason).to.equal(
        'not-for-signing',
      );
      const mismatched = { ...w.official, privateKey: expired.privateKey };
      const e2 = await w.signer.sign(w.letterA, inMemorySigningKey(mismatched)).catch((e: unknown) => e);
      expect((e2 as AppError).detail).to.match(/does not belong to the certificate/);
      // Validity is judged at the signing time asked for.
      const atPast = await w.signer.sign(w.letterA, inMemorySigningKey(expired), { signedAt: new Date(Date.now() - 40 * 60_000) });
      expect((await w.verifier.verify(atPast.pdf, [w.root.certificate])).signatures[0]!.trusted).to.equal(true);
    });
  });

  describe('trust', () => {
    it('a self-signed signer: intact, signer not trusted (and pdfsig agrees the signature itself is valid)', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-self-'));
      try {
        await run('openssl', [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          path.join(dir, 'k.pem'),
          '-out',
          path.join(dir, 'c.pem'),
          '-subj',
          '/O=Tidak Dikenal/CN=Penanda Tangan Mandiri',
          '-days',
          '2',
          '-addext',
          'keyUsage=critical,digitalSignature,nonRepudiation',
        ]);
        const self = {
          privateKey: createPrivateKey(await readFile(path.join(dir, 'k.pem'))),
          certificate: w.ca.fromPem(await readFile(path.join(dir, 'c.pem'), 'utf8'))[0]!,
          chain: [],
        };
        const out = await w.signer.sign(w.letterB, inMemorySigningKey(self));
        const r = await w.verifier.verify(out.pdf, [w.root.certificate]);
        expect(r.valid).to.equal(false);
        expect(r.modifiedAfterSigning).to.equal(false);
        expect(r.signatures[0]).to.deep.include({ intact: true, coversWholeDocument: true, trusted: false });
        expect(r.signatures[0]!.problems.join()).to.match(/not a trusted root/);
        expect(r.signatures[0]!.signer!.commonName).to.equal('Penanda Tangan Mandiri');
        const p = await w.nss.pdfsig(out.pdf);
        expect(p.stdout).to.contain('Signature is Valid.');
        expect(p.stdout).not.to.contain('Certificate is Trusted.');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('a chain to another root: intact, not trusted; with that root as anchor: valid', async () => {
      const otherRoot = await w.ca.createRoot({
        subject: { name: 'Root CA Kabupaten Lain', organization: 'Pemerintah Kabupaten Lain' },
        notBefore: new Date(Date.now() - HOUR),
        notAfter: new Date(Date.now() + 30 * DAY),
      });
      const stranger = await w.ca.issue(otherRoot, {
        subject: { name: 'Pejabat Lain', organization: 'Pemerintah Kabupaten Lain' },
        notBefore: new Date(Date.now() - HOUR),
        notAfter: new Date(Date.now() + 10 * DAY),
      });
      const out = await w.signer.sign(w.letterB, inMemorySigningKey(stranger));
      const r = await w.verifier.verify(out.pdf, [w.root.certificate]);
      expect(r.signatures[0]).to.deep.include({ intact: true, trusted: false });
      expect(r.valid).to.equal(false);
      expect((await w.verifier.verify(out.pdf, [w.root.certificate, otherRoot.certificate])).valid).to.equal(true);
    });

    it('a PKCS#12 (-legacy) from a provider signs, and pdfsig and our verifier accept it', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-p12-'));
      try {
        const f = (n: string) => path.join(dir, n);
        await writeFile(f('key.pem'), w.official.privateKey.export({ type: 'pkcs8', format: 'pem' }));
        await writeFile(f('cert.pem'), w.ca.toPem(w.official.certificate));
        await writeFile(f('chain.pem'), w.ca.toPem(w.root.certificate));
        await run('openssl', [
          'pkcs12',
          '-export',
          '-legacy',
          '-inkey',
          f('key.pem'),
          '-in',
          f('cert.pem'),
          '-certfile',
          f('chain.pem'),
          '-out',
          f('o.p12'),
          '-passout',
          'pass:PIN-rahasia',
        ]);
        const cred = await w.ca.readPkcs12(await readFile(f('o.p12')), 'PIN-rahasia');
        const out = await w.signer.sign(w.letterB, inMemorySigningKey(cred));
        expect((await w.nss.pdfsig(out.pdf)).stdout).to.contain('Signature is Valid.');
        expect((await w.verifier.verify(out.pdf, [w.root.certificate])).valid).to.equal(true);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });

  describe('timestamps (PAdES B-T) from a local timestamp authority', () => {
    let tsa: TestTsa;
    before(async () => {
      tsa = await startTsa();
    });
    after(() => tsa?.close());

    it('embeds an RFC 3161 token over the signature value; verified, signedAt is the token time', async () => {
      const before = Date.now();
      const out = await createPadesSigner({ timestampUrl: tsa.url }).sign(w.letterA, inMemorySigningKey(w.official));
      expect(out.timestamped).to.equal(true);
      expect(tsa.answered()).to.equal(1);
      const r = await w.verifier.verify(out.pdf, [w.root.certificate, tsa.rootDer]);
      expect(r.valid, JSON.stringify(r)).to.equal(true);
      const s = r.signatures[0]!;
      expect(s).to.deep.include({ intact: true, timestamped: true, trusted: true });
      expect(s.signedAt!.getTime()).to.be.within(before - 2000, Date.now() + 2000);
      const p = await w.nss.pdfsig(out.pdf);
      expect(p.stdout).to.contain('Signature is Valid.');
      expect(p.stdout).to.contain('Total document signed');
      const dump = (await opensslCms(out.pdf, w.ca.toPem(w.root.certificate))).dump;
      expect(dump).to.contain('id-smime-aa-timeStampToken');
      // openssl ts checks the token against the signature value too.
      expect((await qpdfCheck(out.pdf)).code).to.equal(0);
    });

    it('without the authority among the anchors: intact, not timestamped, not valid', async () => {
      const out = await createPadesSigner({ timestampUrl: tsa.url }).sign(w.letterA, inMemorySigningKey(w.official));
      const r = await w.verifier.verify(out.pdf, [w.root.certificate]);
      expect(r.signatures[0]).to.deep.include({ intact: true, timestamped: false, trusted: true });
      expect(r.signatures[0]!.problems.join()).to.match(/timestamp: authority/);
      expect(r.valid).to.equal(false);
    });

    it('a token bigger than the room kept for it: signed again with more room, still valid', async () => {
      const answered = tsa.answered();
      const out = await createPadesSigner({ timestampUrl: tsa.url, timestampRoom: 0 }).sign(w.letterB, inMemorySigningKey(w.official));
      expect(tsa.answered() - answered).to.equal(2);
      expect((await w.verifier.verify(out.pdf, [w.root.certificate, tsa.rootDer])).valid).to.equal(true);
      expect((await w.nss.pdfsig(out.pdf)).stdout).to.contain('Total document signed');
    });

    it('an authority that does not answer fails the signing (no silent downgrade)', async () => {
      const down = createPadesSigner({ timestampUrl: 'http://127.0.0.1:9/tsa', timestampTimeoutMs: 2000 });
      const err = await down.sign(w.letterA, inMemorySigningKey(w.official)).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(AppError);
      expect((err as AppError).code).to.equal('unavailable');
      expect((err as AppError).problemType).to.equal('timestamp-unavailable');
    });
  });
});

const expectNotStamped = async (p: Promise<unknown>, detail: RegExp) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).to.be.instanceOf(AppError);
  expect((err as AppError).problemType).to.equal('not-stamped');
  expect((err as AppError).detail).to.match(detail);
};
