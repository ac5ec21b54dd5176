/**
 * Revocation data inside the signature (PAdES B-LT without a later revision): the signer puts
 * the issuer's CRL in the CMS (SignedData `crls` and the signed attribute
 * adbe-revocationInfoArchival), the file stays one revision, and the verifier reads the lists
 * from there: valid after the certificate expired when a list proves its status at signing.
 */
import { expect } from 'chai';
import { createPadesSigner } from '../../../../src/infra/signing/pades.signer.ts';
import { createPadesVerifier } from '../../../../src/infra/signing/pades.verifier.ts';
import { createPdfLibLetterStamper } from '../../../../src/infra/signing/pdf-lib.letter-stamper.ts';
import { createCertificateAuthority } from '../../../../src/infra/signing/node-crypto.certificate-authority.ts';
import { der, OID, oid, TAG, tlv } from '../../../../src/infra/signing/asn1.ts';
import { parseSignedData } from '../../../../src/infra/signing/cms.ts';
import { childrenOf, rawOf } from '../../../../src/infra/signing/der-reader.ts';
import { findSignatures } from '../../../../src/infra/signing/pdf-signature-scan.ts';
import type { SigningCredential, StampedLetter } from '../../../../src/ports/pdf-signing.ts';
import { officeWithOfficial, plainLetter } from '../../../support/signing-fixtures.ts';
import { startTsa } from '../../../support/tsa.ts';
import { inMemorySigningKey } from '../../../../src/infra/signing/local.signing-key.ts';

const DAY = 24 * 3600_000;
const ca = createCertificateAuthority();
const verifier = createPadesVerifier();
const afterExpiry = () => ({ now: new Date(Date.now() + 200 * DAY) }); // the official's certificate runs 90 days

/** Copies `pdf` with the `n`-th (0-based) occurrence of `der`, hex in /Contents, changed in its last byte. */
const damageHexCopy = (pdf: Uint8Array, der: Uint8Array, n: number): Uint8Array => {
  const text = Buffer.from(pdf).toString('latin1');
  const hex = Buffer.from(der).toString('hex');
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(hex, at + 1);
  expect(at, 'the CRL is in /Contents').to.be.greaterThan(0);
  const last = at + hex.length - 2;
  const flipped = (parseInt(text.slice(last, last + 2), 16) ^ 0x01).toString(16).padStart(2, '0');
  return Buffer.from(text.slice(0, last) + flipped + text.slice(last + 2), 'latin1');
};

describe('signing: revocation data inside the signature (CMS crls, adbe-revocationInfoArchival)', function () {
  this.timeout(60_000);
  let root: SigningCredential;
  let official: SigningCredential;
  let stamped: StampedLetter;
  let crl: Uint8Array;
  const signWith = async (crls: Uint8Array[]) => (await createPadesSigner().sign(stamped, inMemorySigningKey(official), { crls })).pdf;

  before(async () => {
    ({ root, official } = await officeWithOfficial(ca));
    const { pdf, area } = await plainLetter();
    stamped = await createPdfLibLetterStamper({ publicUrl: 'https://naskah.example.go.id' }).stamp(
      pdf,
      { name: 'Dr. Ayu', title: 'Kepala Badan', date: '3 Desember 2026', letterNumber: '800/1/BKD/2026', verifyCode: 'ABCDEFGH' },
      { area },
    );
    crl = ca.issueCrl(root, { entries: [], thisUpdate: new Date(Date.now() - DAY), nextUpdate: new Date(Date.now() + DAY), number: 1 });
  });

  it('puts the CRL in SignedData crls and in the signed adbe-revocationInfoArchival; the file stays one revision', async () => {
    const signed = await signWith([crl]);
    expect(Buffer.from(signed).toString('latin1').match(/%%EOF/g)).to.have.length(1);
    const sd = parseSignedData(findSignatures(signed)[0]!.contents!.value);
    expect(sd.crls.map((c) => Buffer.from(c))).to.deep.equal([Buffer.from(crl)]);
    expect(sd.certificates.map((c) => Buffer.from(c.der))).to.deep.equal([Buffer.from(official.certificate), Buffer.from(root.certificate)]);
    // RevocationInfoArchival ::= SEQUENCE { crl [0] EXPLICIT SEQUENCE OF CRL, … }
    const [archival] = sd.signerInfos[0]!.attributes.get(OID.adbeRevocationInfoArchival)!;
    const [crlField, ...others] = childrenOf(archival);
    expect(crlField!.tag).to.equal(0xa0);
    expect(others).to.have.length(0);
    expect(childrenOf(childrenOf(crlField)[0]).map((c) => Buffer.from(rawOf(c)))).to.deep.equal([Buffer.from(crl)]);
  });

  it('verifies valid with ltv, covering the document, before and after the certificate expired', async () => {
    const signed = await signWith([crl]);
    for (const options of [{}, afterExpiry()]) {
      const r = await verifier.verify(signed, [root.certificate], options);
      expect(r, JSON.stringify(r)).to.deep.include({ valid: true, modifiedAfterSigning: false });
      expect(r.signatures[0]).to.deep.include({
        intact: true,
        coversWholeDocument: true,
        trusted: true,
        ltv: true,
        validationData: { certificates: 2, crls: 1, ocsps: 0 },
        unprovenAfterExpiry: null,
        problems: [],
      });
    }
  });

  it('without a list that proves the status at signing, an expired certificate leaves the signature unproven', async () => {
    const plain = await signWith([]);
    const r = await verifier.verify(plain, [root.certificate], afterExpiry());
    expect(r.valid).to.equal(false);
    expect(r.signatures[0]).to.deep.include({ intact: true, coversWholeDocument: true, ltv: false, validationData: null });
    expect(r.signatures[0]!.unprovenAfterExpiry).to.match(/expired on .* carries no revocation data/);
    expect(r.signatures[0]!.problems).to.deep.equal([r.signatures[0]!.unprovenAfterExpiry]);
    // Valid before expiry all the same: B-B is enough while the CA still answers for the certificate.
    expect((await verifier.verify(plain, [root.certificate])).valid).to.equal(true);

    const otherCa = (await officeWithOfficial(ca, 'Orang Lain')).root;
    const cases: [string, Uint8Array][] = [
      ['a CRL from another CA', ca.issueCrl(otherCa, { entries: [], thisUpdate: new Date(), nextUpdate: new Date(Date.now() + DAY), number: 1 })],
      [
        'a CRL that ran out before the signing',
        ca.issueCrl(root, { entries: [], thisUpdate: new Date(Date.now() - 3 * DAY), nextUpdate: new Date(Date.now() - 2 * DAY), number: 1 }),
      ],
    ];
    for (const [what, list] of cases) {
      const v = await verifier.verify(await signWith([list]), [root.certificate], afterExpiry());
      expect(v.valid, what).to.equal(false);
      expect(v.signatures[0], what).to.deep.include({ coversWholeDocument: true, ltv: false });
      expect(v.signatures[0]!.problems.join(), what).to.match(/no revocation list in the signature covers it/);
    }
  });

  it('a CRL in the signature listing the certificate as revoked before the signing makes it invalid, expired or not', async () => {
    const serial = ca.describe(official.certificate).serial;
    const listing = ca.issueCrl(root, {
      entries: [{ serial, revokedAt: new Date(Date.now() - 3600_000) }],
      thisUpdate: new Date(Date.now() - 60_000),
      nextUpdate: new Date(Date.now() + DAY),
      number: 2,
    });
    const r = await verifier.verify(await signWith([listing]), [root.certificate]);
    expect(r.valid).to.equal(false);
    expect(r.signatures[0]!.problems.join()).to.match(/revocation list in the file says .* was revoked/);
  });

  it('a changed byte in either copy of the CRL is a change after signing', async () => {
    const signed = await signWith([crl]);
    // The unsigned copy (SignedData crls comes before the signer info) no longer verifies under the CA.
    const unsignedCopy = await verifier.verify(damageHexCopy(signed, crl, 0), [root.certificate]);
    expect(unsignedCopy).to.deep.include({ valid: false, modifiedAfterSigning: true });
    expect(unsignedCopy.signatures[0]!.problems.join()).to.match(/revocation list it carries is damaged/);
    // The signed attribute's copy breaks the signature over the signed attributes.
    const signedCopy = await verifier.verify(damageHexCopy(signed, crl, 1), [root.certificate]);
    expect(signedCopy).to.deep.include({ valid: false, modifiedAfterSigning: true });
    expect(signedCopy.signatures[0]!.problems.join()).to.match(/cryptographic signature does not verify/);
  });

  it('reads SignedData with at most one certificates [0] and one crls [1], in that order', () => {
    const signedData = (...fields: Uint8Array[]) =>
      tlv(
        TAG.sequence,
        der(oid(OID.signedData)),
        tlv(TAG.context0, tlv(TAG.sequence, Uint8Array.of(0x02, 0x01, 0x01), tlv(TAG.set), tlv(TAG.sequence, der(oid(OID.data))), ...fields, tlv(TAG.set))),
      );
    expect(parseSignedData(signedData(tlv(TAG.context0), tlv(TAG.context1, crl))).crls).to.have.length(1);
    for (const fields of [
      [tlv(TAG.context1, crl), tlv(TAG.context1)],
      [tlv(TAG.context1), tlv(TAG.context0)],
      [tlv(TAG.context0), tlv(TAG.context0)],
    ]) {
      expect(() => parseSignedData(signedData(...fields))).to.throw(/SignedData fields/);
    }
  });

  it('a long CRL fits the placeholder at the first attempt, timestamp included (room is made for both copies)', async () => {
    const entries = Array.from({ length: 600 }, (_, i) => ({ serial: (0x1000 + i).toString(16).toUpperCase(), revokedAt: new Date(Date.now() - DAY) }));
    const big = ca.issueCrl(root, { entries, thisUpdate: new Date(Date.now() - DAY), nextUpdate: new Date(Date.now() + DAY), number: 3 });
    expect(big.length).to.be.greaterThan(12_000);
    // A placeholder too small costs a second attempt, and so a second timestamp request.
    const tsa = await startTsa();
    try {
      const signed = (await createPadesSigner({ timestampUrl: tsa.url }).sign(stamped, inMemorySigningKey(official), { crls: [big] })).pdf;
      expect(tsa.answered()).to.equal(1);
      const r = await verifier.verify(signed, [root.certificate, tsa.rootDer], afterExpiry());
      expect(r.signatures[0], JSON.stringify(r.signatures[0])).to.deep.include({ intact: true, timestamped: true, ltv: true, problems: [] });
    } finally {
      await tsa.close();
    }
  });
});
