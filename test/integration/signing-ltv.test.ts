/**
 * Signed letters carry their validation data (issue 16, PAdES B-LT): the stored PDF has a DSS
 * with the office CA's CRL, which OpenSSL accepts as signed by the CA; pdfsig and qpdf still
 * accept the file; the register's hash is that of the final bytes; and the letter uploaded to
 * "check a letter" after the signer's certificate has expired is still valid, saying why (ltv).
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { findSignatures } from '../../src/infra/signing/pdf-signature-scan.ts';
import { api } from '../support/http.ts';
import { nssTrusting, qpdfCheck } from '../support/nss.ts';
import { approvedLetter, issueCertificate, type Person, person, setUpUnits, sign, signedPdf, verifyUpload } from '../support/sign-office.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const run = promisify(execFile);
const PIN = 'arsip-abadi-77';
const DAY = 24 * 3600_000;
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The DSS of a PDF: its streams by array name, and its VRI keys. */
const dssOf = async (pdf: Uint8Array) => {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const dss = doc.catalog.lookup(PDFName.of('DSS'), PDFDict);
  const streams = (key: string) =>
    (dss.lookupMaybe(PDFName.of(key), PDFArray)?.asArray() ?? []).map((ref) => Buffer.from(decodePDFRawStream(doc.context.lookup(ref) as PDFRawStream).decode()));
  return { certs: streams('Certs'), crls: streams('CRLs'), vriKeys: dss.lookup(PDFName.of('VRI'), PDFDict).keys().map((k) => k.asString().slice(1)) };
};

describe('signed letters carry their validation data (PAdES B-LT, HTTP)', function () {
  this.timeout(180_000);
  let app: TestApp;
  let dir: string;
  const p: Record<string, Person> = {};

  before(async () => {
    app = await startTestApp();
    dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-ltv-'));
    await setUpUnits(app);
    p.konseptor = await person(app, 'konseptor', 'staff', 'BKD');
    p.kaban = await person(app, 'kaban', 'official', 'BKD', 'Dr. Siti Rahayu, S.H.');
    expect((await issueCertificate(app, p.kaban, PIN, { title: 'Kepala Badan' })).status).to.equal(201);
  });
  after(async () => {
    await app?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores the letter with a DSS: chain, the CA\'s CRL (OpenSSL verifies it), a VRI for the signature; pdfsig, qpdf and the register agree; valid after expiry', async () => {
    const letterId = await approvedLetter(app, p.konseptor!, p.kaban!);
    const r = await sign(app, p.kaban!, letterId, { pin: PIN, totp: app.nextTotp('kaban') });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    expect(r.body).to.include({ ltv: true });
    const { bytes } = await signedPdf(app, p.kaban!, letterId);
    // What is stored, registered and shown by /verify/<code> is the final file, DSS included.
    expect(sha256(bytes)).to.equal(r.body.sha256);
    const code = String(r.body.verificationCode);
    const byCode = async () => (await (await fetch(`${app.url}/verify/${code}`, { headers: { accept: 'application/json' } })).json()) as Record<string, unknown>;
    expect(await byCode()).to.include({ valid: true, sha256: r.body.sha256 });

    const caPem = String((await api(app, p.kaban!.token, 'GET', '/api/v1/signing/ca')).body.pem);
    const cert = (await app.naskah.deps.db.certificates.currentOf(p.kaban!.id))!;
    const dss = await dssOf(bytes);
    expect(dss.certs).to.deep.equal([Buffer.from(cert.certificate), Buffer.from(app.naskah.deps.signing.ca.fromPem(caPem)[0]!)]);
    expect(dss.crls).to.have.length(1);
    // The VRI names this very signature: SHA-1 of its /Contents, upper-case hex.
    const [signature] = findSignatures(bytes);
    expect(dss.vriKeys).to.deep.equal([createHash('sha1').update(signature!.contents!.value).digest('hex').toUpperCase()]);
    // The embedded CRL is the one the office publishes, and OpenSSL finds it signed by the office CA.
    expect(dss.crls[0]!.equals(Buffer.from(await (await fetch(`${app.url}/api/v1/signing/crl`)).arrayBuffer()))).to.equal(true);
    await writeFile(path.join(dir, 'ca.pem'), caPem);
    await writeFile(path.join(dir, 'embedded.crl'), dss.crls[0]!);
    const { stderr } = await run('openssl', ['crl', '-inform', 'DER', '-in', path.join(dir, 'embedded.crl'), '-CAfile', path.join(dir, 'ca.pem'), '-noout']);
    expect(stderr).to.match(/verify OK/);

    const nss = await nssTrusting([caPem]);
    try {
      const check = await nss.pdfsig(bytes);
      expect(check.stdout, check.stdout + check.stderr).to.include('Signature is Valid.').and.include('Not total document signed').and.include('Certificate is Trusted');
    } finally {
      await nss.close();
    }
    const qpdf = await qpdfCheck(bytes);
    expect(qpdf.code, qpdf.stdout + qpdf.stderr).to.equal(0);
    expect(qpdf.stdout).to.include('No syntax or stream encoding errors found');

    const validationData = { certificates: 2, crls: 1, ocsps: 0, vri: true };
    const fresh = await verifyUpload(app, bytes);
    expect(fresh.body, JSON.stringify(fresh.body)).to.deep.include({ valid: true, modifiedAfterSigning: false });
    expect((fresh.body.signatures as Record<string, unknown>[])[0]).to.deep.include({ intact: true, coversWholeDocument: true, trusted: true, ltv: true, validationData, problems: [] });

    // A day past the certificate's end: the letter still verifies, on its embedded CRL.
    app.clock.advance(cert.notAfter.getTime() - app.clock.now().getTime() + DAY);
    const later = await verifyUpload(app, bytes);
    expect(later.body, JSON.stringify(later.body)).to.deep.include({ valid: true, modifiedAfterSigning: false });
    expect(later.body.knownLetter).to.deep.include({ letterNumber: r.body.letterNumber });
    expect((later.body.signatures as Record<string, unknown>[])[0]).to.deep.include({ trusted: true, ltv: true, validationData, problems: [] });
    expect(await byCode()).to.include({ valid: true });
    // The same signed revision without its DSS proves nothing about revocation once the certificate expired.
    const bare = bytes.subarray(0, signature!.byteRange![2]! + signature!.byteRange![3]!);
    const unproven = await verifyUpload(app, bare);
    expect(unproven.body.valid).to.equal(false);
    expect((unproven.body.signatures as { ltv: boolean; problems: string[] }[])[0]!.problems.join()).to.match(/expired on .* no validation data/);
  });
});
