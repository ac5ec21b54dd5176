/**
 * The Document Security Store (PAdES B-LT) written after signing and read back by the verifier:
 * what the update holds, that it leaves the signed bytes alone, and that only a DSS (nothing
 * else) may follow a signature without the file counting as changed.
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { createCertificateAuthority } from '../../../../src/infra/signing/node-crypto.certificate-authority.ts';
import { appendDss } from '../../../../src/infra/signing/dss.writer.ts';
import { createPadesSigner } from '../../../../src/infra/signing/pades.signer.ts';
import { createPadesVerifier } from '../../../../src/infra/signing/pades.verifier.ts';
import { createPdfLibLetterStamper } from '../../../../src/infra/signing/pdf-lib.letter-stamper.ts';
import { findSignatures } from '../../../../src/infra/signing/pdf-signature-scan.ts';
import { readSignedRevision } from '../../../../src/infra/signing/signed-revision.ts';
import type { SigningCredential } from '../../../../src/ports/pdf-signing.ts';
import { addAnnotationUpdate, appendIncrementalUpdate, officeWithOfficial, plainLetter } from '../../../support/signing-fixtures.ts';

const DAY = 24 * 3600_000;
const ca = createCertificateAuthority();
const verifier = createPadesVerifier();

/** The streams an array of the DSS (or of a VRI entry) names, decoded. */
const streams = (doc: PDFDocument, holder: PDFDict, key: string): Buffer[] =>
  holder
    .lookup(PDFName.of(key), PDFArray)
    .asArray()
    .map((ref) => Buffer.from(decodePDFRawStream(doc.context.lookup(ref) as PDFRawStream).decode()));

describe('signing: the validation data after a signature (DSS, PAdES B-LT)', function () {
  this.timeout(60_000);
  let root: SigningCredential;
  let official: SigningCredential;
  let signed: Uint8Array;
  let crl: Uint8Array;
  const afterExpiry = () => ({ now: new Date(Date.now() + 200 * DAY) }); // the official's certificate runs 90 days
  const dataFor = (crls: Uint8Array[]) => ({ certificates: [official.certificate, ...official.chain], crls, at: new Date() });

  before(async () => {
    ({ root, official } = await officeWithOfficial(ca));
    const { pdf, area } = await plainLetter();
    const stamped = await createPdfLibLetterStamper({ publicUrl: 'https://naskah.example.go.id' }).stamp(pdf, { name: 'Dr. Ayu', title: 'Kepala Badan', date: '3 Desember 2026', letterNumber: '800/1/BKD/2026', verifyCode: 'ABCDEFGH' }, { area });
    signed = (await createPadesSigner().sign(stamped, official)).pdf;
    crl = ca.issueCrl(root, { entries: [], thisUpdate: new Date(Date.now() - DAY), nextUpdate: new Date(Date.now() + DAY), number: 1 });
  });

  it('appends /DSS with the chain, the CRL and a VRI entry keyed by the SHA-1 of /Contents; the signed bytes stay as they were', async () => {
    const out = await appendDss(signed, dataFor([crl]));
    expect(Buffer.from(out.subarray(0, signed.length)).equals(Buffer.from(signed))).to.equal(true);
    const doc = await PDFDocument.load(out, { updateMetadata: false });
    const dss = doc.catalog.lookup(PDFName.of('DSS'), PDFDict);
    expect(dss.get(PDFName.of('Type'))).to.equal(PDFName.of('DSS'));
    expect(streams(doc, dss, 'Certs')).to.deep.equal([Buffer.from(official.certificate), Buffer.from(root.certificate)]);
    expect(streams(doc, dss, 'CRLs')).to.deep.equal([Buffer.from(crl)]);
    expect(dss.has(PDFName.of('OCSPs'))).to.equal(false);
    const contents = findSignatures(signed)[0]!.contents!.value;
    const key = createHash('sha1').update(contents).digest('hex').toUpperCase();
    const vri = dss.lookup(PDFName.of('VRI'), PDFDict);
    expect(vri.keys().map((k) => k.asString())).to.deep.equal([`/${key}`]);
    const entry = vri.lookup(PDFName.of(key), PDFDict);
    expect(streams(doc, entry, 'CRL')).to.deep.equal([Buffer.from(crl)]);
    expect(streams(doc, entry, 'Cert')).to.have.length(2);
  });

  it('verifies valid with ltv, covering the document, and still valid after the certificate expired', async () => {
    const out = await appendDss(signed, dataFor([crl]));
    for (const options of [{}, afterExpiry()]) {
      const r = await verifier.verify(out, [root.certificate], options);
      expect(r, JSON.stringify(r)).to.deep.include({ valid: true, modifiedAfterSigning: false });
      expect(r.signatures[0]).to.deep.include({ intact: true, coversWholeDocument: true, trusted: true, ltv: true, validationData: { certificates: 2, crls: 1, ocsps: 0, vri: true }, problems: [] });
    }
  });

  it('without a DSS, or with one that proves nothing, an expired certificate leaves the signature unproven', async () => {
    const plain = await verifier.verify(signed, [root.certificate], afterExpiry());
    expect(plain.valid).to.equal(false);
    expect(plain.signatures[0]!.problems.join()).to.match(/expired on .* no validation data/);
    // Valid before expiry all the same: B-B is enough while the CA still answers for the certificate.
    expect((await verifier.verify(signed, [root.certificate])).valid).to.equal(true);

    const otherCa = (await officeWithOfficial(ca, 'Orang Lain')).root;
    const cases: [string, Uint8Array[], RegExp][] = [
      ['no CRL', [], /no revocation list in the file covers it/],
      ['a CRL from another CA', [ca.issueCrl(otherCa, { entries: [], thisUpdate: new Date(), nextUpdate: new Date(Date.now() + DAY), number: 1 })], /no revocation list in the file covers it/],
      ['a CRL that ran out before the signing', [ca.issueCrl(root, { entries: [], thisUpdate: new Date(Date.now() - 3 * DAY), nextUpdate: new Date(Date.now() - 2 * DAY), number: 1 })], /no revocation list in the file covers it/],
      ['garbage as a CRL', [new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01])], /no revocation list in the file covers it/],
    ];
    for (const [what, crls, why] of cases) {
      const r = await verifier.verify(await appendDss(signed, dataFor(crls)), [root.certificate], afterExpiry());
      expect(r.valid, what).to.equal(false);
      expect(r.signatures[0], what).to.deep.include({ intact: true, coversWholeDocument: true, ltv: false });
      expect(r.signatures[0]!.problems.join(), what).to.match(why);
    }
  });

  it('a CRL in the file listing the certificate as revoked before the signing makes it invalid, expired or not', async () => {
    const serial = ca.describe(official.certificate).serial;
    const listing = ca.issueCrl(root, { entries: [{ serial, revokedAt: new Date(Date.now() - 3600_000) }], thisUpdate: new Date(Date.now() - 60_000), nextUpdate: new Date(Date.now() + DAY), number: 2 });
    const r = await verifier.verify(await appendDss(signed, dataFor([listing])), [root.certificate]);
    expect(r.valid).to.equal(false);
    expect(r.signatures[0]!.problems.join()).to.match(/revocation list in the file says .* was revoked/);
  });

  it('reads the signed revision\'s catalog and bounds from its trailer, or, in any other layout, from the whole file', async () => {
    const quick = (await readSignedRevision(signed))!;
    const doc = await PDFDocument.load(signed, { updateMetadata: false });
    expect(quick.root).to.equal(doc.context.trailerInfo.Root);
    expect(quick.largest).to.equal(doc.context.largestObjectNumber);
    expect(quick.catalog.toString()).to.equal(doc.catalog.toString());
    // An xref stream (object streams): no classic table to read, so pdf-lib reads it all.
    const streamed = await doc.save({ useObjectStreams: true });
    const whole = (await readSignedRevision(streamed))!;
    expect(whole.catalog.toString()).to.equal((await PDFDocument.load(streamed, { updateMetadata: false })).catalog.toString());
  });

  it('anything besides the DSS in the update, or after it, is still a change after signing', async () => {
    const withDss = await appendDss(signed, dataFor([crl]));
    const doc = await PDFDocument.load(signed, { updateMetadata: false });
    const catalogNum = doc.context.trailerInfo.Root!.toString().split(' ')[0]!;
    const next = doc.context.largestObjectNumber + 1;
    const catalog = doc.catalog.clone();
    catalog.set(PDFName.of('DSS'), doc.context.obj({ Type: 'DSS' }));
    // The same catalog with a DSS, but also a changed page: not validation data only.
    const page = doc.getPage(0);
    const withFreeEntry = await appendIncrementalUpdate(
      signed,
      new Map([
        [Number(catalogNum), catalog.toString()],
        [page.ref.objectNumber, page.node.toString().replace('/Type /Page', '/Type /Page /Rotate 90')],
        [next, '<< >>'],
      ]),
    );
    // Without the free entry the helper writes, its xref is like the DSS writer's: the objects themselves decide.
    const cheat = Buffer.from(Buffer.from(withFreeEntry).toString('latin1').replace('xref\n0 1\n0000000000 65535 f \n', 'xref\n'), 'latin1');
    const cheatReport = await verifier.verify(cheat, [root.certificate]);
    expect(cheatReport.signatures[0]!.problems.join()).to.match(new RegExp(`changes object ${page.ref.objectNumber}`));
    const changed = [
      ['a DSS update that also turns the page', cheat],
      ['an annotation after the DSS', await addAnnotationUpdate(withDss)],
      ['bytes after the DSS', Buffer.concat([withDss, Buffer.from('\n% later\n')])],
    ] as const;
    for (const [what, file] of changed) {
      const r = await verifier.verify(file, [root.certificate]);
      expect(r, what).to.deep.include({ valid: false, modifiedAfterSigning: true });
      expect(r.signatures[0]!.problems.join(), what).to.match(/added after the signed part/);
    }
  });
});
