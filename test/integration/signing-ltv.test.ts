/**
 * Signed letters carry their validation data inside the signature (issue 16, PAdES B-LT): the
 * CMS holds the office CA's CRL (SignedData crls and adbe-revocationInfoArchival), the very
 * list the office publishes, which OpenSSL accepts as signed by the CA; the file stays one
 * revision, so pdfsig says the total document is signed; qpdf accepts it; the register's hash is
 * that of the stored bytes; and the letter uploaded to "check a letter" after the signer's
 * certificate has expired is still valid, saying why (ltv). Without embedded data, an office
 * certificate is settled by the office's own records; a provider's certificate is not.
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { OID } from '../../src/infra/signing/asn1.ts';
import { parseSignedData } from '../../src/infra/signing/cms.ts';
import { childrenOf, rawOf, readDer } from '../../src/infra/signing/der-reader.ts';
import { findSignatures } from '../../src/infra/signing/pdf-signature-scan.ts';
import type { PdfSigner } from '../../src/ports/pdf-signing.ts';
import { api } from '../support/http.ts';
import { nssTrusting, qpdfCheck } from '../support/nss.ts';
import { OFFICE } from '../support/signing-fixtures.ts';
import {
  approvedLetter,
  importP12,
  issueCertificate,
  type Person,
  person,
  pkcs12Of,
  setUpUnits,
  sign,
  signedPdf,
  verifyUpload,
} from '../support/sign-office.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const run = promisify(execFile);
const PIN = 'arsip-abadi-77';
const DAY = 24 * 3600_000;
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The CMS in a signed PDF's /Contents, without its zero padding. */
const cmsOf = (pdf: Uint8Array): Uint8Array => {
  const value = findSignatures(pdf)[0]!.contents!.value;
  return value.subarray(0, readDer(value).end);
};

describe('signed letters carry their validation data inside the signature (PAdES B-LT, HTTP)', function () {
  this.timeout(240_000);
  let app: TestApp;
  let dir: string;
  const p: Record<string, Person> = {};

  before(async () => {
    app = await startTestApp();
    dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-ltv-'));
    await setUpUnits(app);
    p.konseptor = await person(app, 'konseptor', 'staff', 'BKD');
    p.kaban = await person(app, 'kaban', 'official', 'BKD', 'Dr. Siti Rahayu, S.H.');
    p.kabid = await person(app, 'kabid', 'official', 'BKD', 'Ir. Bambang Sutrisno, M.T.');
    expect((await issueCertificate(app, p.kaban, PIN, { title: 'Kepala Badan' })).status).to.equal(201);
  });
  after(async () => {
    await app?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("embeds the CA's CRL in the CMS (OpenSSL verifies it), one revision pdfsig finds wholly signed, qpdf and the register agree; valid after expiry; without it, the office's records or nothing", async () => {
    const letterId = await approvedLetter(app, p.konseptor!, p.kaban!);
    const r = await sign(app, p.kaban!, letterId, { pin: PIN, totp: app.nextTotp('kaban') });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    expect(r.body).to.include({ ltv: true });
    const { bytes } = await signedPdf(app, p.kaban!, letterId);
    // What is stored, registered and shown by /verify/<code> is the signed file itself.
    expect(sha256(bytes)).to.equal(r.body.sha256);
    expect(Buffer.from(bytes).toString('latin1').match(/%%EOF/g)).to.have.length(1);
    const code = String(r.body.verificationCode);
    const byCode = async (c: string) =>
      (await (await fetch(`${app.url}/verify/${c}`, { headers: { accept: 'application/json' } })).json()) as Record<string, unknown>;
    expect(await byCode(code)).to.include({ valid: true, sha256: r.body.sha256 });

    const caPem = String((await api(app, p.kaban!.token, 'GET', '/api/v1/signing/ca')).body.pem);
    const cert = (await app.naskah.deps.db.certificates.currentOf(p.kaban!.id))!;
    const published = Buffer.from(await (await fetch(`${app.url}/api/v1/signing/crl`)).arrayBuffer());
    const cms = cmsOf(bytes);
    const sd = parseSignedData(cms);
    expect(sd.certificates.map((c) => Buffer.from(c.der))).to.deep.equal([
      Buffer.from(cert.certificate),
      Buffer.from(app.naskah.deps.signing.ca.fromPem(caPem)[0]!),
    ]);
    // The CRL the office publishes, byte for byte, in SignedData crls and in the signed Adobe attribute.
    expect(sd.crls.map((c) => Buffer.from(c))).to.deep.equal([published]);
    const [archival] = sd.signerInfos[0]!.attributes.get(OID.adbeRevocationInfoArchival)!;
    expect(childrenOf(childrenOf(childrenOf(archival)[0])[0]).map((c) => Buffer.from(rawOf(c)))).to.deep.equal([published]);
    // An independent reader of the CMS finds the list, and OpenSSL finds it signed by the office CA.
    await writeFile(path.join(dir, 'signature.p7s'), cms);
    const printed = await run('openssl', ['pkcs7', '-inform', 'DER', '-in', path.join(dir, 'signature.p7s'), '-print_certs', '-noout', '-text']);
    expect(printed.stdout).to.include('Certificate Revocation List');
    await writeFile(path.join(dir, 'ca.pem'), caPem);
    await writeFile(path.join(dir, 'embedded.crl'), sd.crls[0]!);
    const { stderr } = await run('openssl', ['crl', '-inform', 'DER', '-in', path.join(dir, 'embedded.crl'), '-CAfile', path.join(dir, 'ca.pem'), '-noout']);
    expect(stderr).to.match(/verify OK/);

    const nss = await nssTrusting([caPem]);
    try {
      const check = await nss.pdfsig(bytes);
      expect(check.stdout, check.stdout + check.stderr)
        .to.include('Signature is Valid.')
        .and.include('Total document signed')
        .and.include('Certificate is Trusted');
      expect(check.stdout).to.not.include('Not total document signed');
    } finally {
      await nss.close();
    }
    const qpdf = await qpdfCheck(bytes);
    expect(qpdf.code, qpdf.stdout + qpdf.stderr).to.equal(0);
    expect(qpdf.stdout).to.include('No syntax or stream encoding errors found');

    const validationData = { certificates: 2, crls: 1, ocsps: 0 };
    const fresh = await verifyUpload(app, bytes);
    expect(fresh.body, JSON.stringify(fresh.body)).to.deep.include({ valid: true, modifiedAfterSigning: false });
    expect((fresh.body.signatures as Record<string, unknown>[])[0]).to.deep.include({
      intact: true,
      coversWholeDocument: true,
      trusted: true,
      ltv: true,
      validationData,
      problems: [],
    });

    // The same office certificate signing without embedded data (as letters signed before this
    // release): the signer is wrapped so the lists are left out.
    const { signing } = app.naskah.deps;
    const realSigner = signing.signer;
    const bare: PdfSigner = { sign: (stamped, credential, options) => realSigner.sign(stamped, credential, { ...options, crls: [] }) };
    signing.signer = bare;
    let oldStyle: { bytes: Uint8Array; code: string };
    try {
      const id = await approvedLetter(app, p.konseptor!, p.kaban!);
      const s = await sign(app, p.kaban!, id, { pin: PIN, totp: app.nextTotp('kaban') });
      expect(s.status, JSON.stringify(s.body)).to.equal(200);
      expect(s.body).to.include({ ltv: false });
      oldStyle = { bytes: (await signedPdf(app, p.kaban!, id)).bytes, code: String(s.body.verificationCode) };
    } finally {
      signing.signer = realSigner;
    }
    expect(parseSignedData(cmsOf(oldStyle.bytes)).crls).to.deep.equal([]);

    // A provider's certificate: Naskah holds no CRL of the provider, so nothing is embedded.
    const { ca } = signing;
    const now = app.clock.now().getTime();
    const bsreRoot = await ca.createRoot({
      subject: { name: 'BSrE Uji Root CA', organization: 'Balai Sertifikasi Elektronik (uji)' },
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 2 * 365 * DAY),
    });
    const bsreCert = await ca.issue(bsreRoot, {
      subject: { name: 'Ir. Bambang Sutrisno, M.T.', title: 'Kepala Bidang Mutasi', organization: OFFICE },
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 2 * DAY),
    });
    expect((await api(app, app.adminToken, 'POST', '/api/v1/signing/trust-anchors', { pem: ca.toPem(bsreRoot.certificate) })).status).to.equal(201);
    expect((await importP12(app, p.kabid!, await pkcs12Of(bsreCert, 'sandi-p12'), { passphrase: 'sandi-p12', pin: PIN })).status).to.equal(201);
    const providerLetter = await approvedLetter(app, p.konseptor!, p.kabid!);
    const ps = await sign(app, p.kabid!, providerLetter, { pin: PIN, totp: app.nextTotp('kabid') });
    expect(ps.status, JSON.stringify(ps.body)).to.equal(200);
    expect(ps.body).to.include({ ltv: false });
    const providerBytes = (await signedPdf(app, p.kabid!, providerLetter)).bytes;
    const providerNow = await verifyUpload(app, providerBytes);
    expect(providerNow.body, JSON.stringify(providerNow.body)).to.deep.include({ valid: true });
    expect((providerNow.body.signatures as Record<string, unknown>[])[0]).to.deep.include({ ltv: false, validationData: null });

    // A day past the office certificate's end (the provider's ended before): the letter with its
    // CRL still verifies on it alone.
    app.clock.advance(cert.notAfter.getTime() - app.clock.now().getTime() + DAY);
    const later = await verifyUpload(app, bytes);
    expect(later.body, JSON.stringify(later.body)).to.deep.include({ valid: true, modifiedAfterSigning: false });
    expect(later.body.knownLetter).to.deep.include({ letterNumber: r.body.letterNumber });
    expect((later.body.signatures as Record<string, unknown>[])[0]).to.deep.include({
      trusted: true,
      ltv: true,
      validationData,
      revocationFromRecords: false,
      problems: [],
    });
    expect(await byCode(code)).to.include({ valid: true });

    // Without embedded data, the office's own certificate is settled by its revocation records.
    const settled = await verifyUpload(app, oldStyle.bytes);
    expect(settled.body, JSON.stringify(settled.body)).to.deep.include({ valid: true });
    expect((settled.body.signatures as Record<string, unknown>[])[0]).to.deep.include({
      ltv: false,
      validationData: null,
      revocationFromRecords: true,
      problems: [],
    });
    expect(await byCode(oldStyle.code)).to.include({ valid: true });

    // A provider's certificate has no such records here: unproven, and the reason says why.
    const unproven = await verifyUpload(app, providerBytes);
    expect(unproven.body.valid).to.equal(false);
    expect((unproven.body.signatures as Record<string, unknown>[])[0]).to.deep.include({ ltv: false, revocationFromRecords: false });
    expect(String(unproven.body.reason)).to.match(/expired on .* carries no revocation data/);
  });
});
