/**
 * The PAdES CMS as pkijs assembles it: the reference the hand-written builder in
 * src/infra/signing/cms.ts must match byte for byte (cms-pkijs-reference.test.ts). pkijs is the
 * independent check; the product keeps the hand-written builder because this one is 8–10 times
 * slower (17–23 ms against 1.7–2.7 ms per CMS, measured on 2 cores): every certificate and CRL
 * carried must be parsed into asn1js objects (about 2.5 ms per certificate) and encoded again.
 * Certificates and CRLs ride as the DER they came as (the subclasses below), so pkijs's own
 * schema walk (9 ms per certificate) is not paid on top.
 */
import { createHash, verify } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../../../../src/domain/errors.ts';
import type { CmsSignInput } from '../../../../src/infra/signing/cms.ts';
import { OID, parse } from '../../../../src/infra/signing/asn1.ts';
import { certView, type CertView } from '../../../../src/infra/signing/certificate-view.ts';

const DER = (s: asn1js.AsnType): Uint8Array => new Uint8Array(s.toBER(false));

/** A certificate carried exactly as its DER (pkijs writes what toSchema gives). */
class CarriedCertificate extends pkijs.Certificate {
  constructor(private readonly der: Uint8Array) {
    super();
  }
  override toSchema(): asn1js.Sequence {
    return parse(this.der, 'certificate') as asn1js.Sequence;
  }
}

/** A CRL carried exactly as its DER. */
class CarriedCrl extends pkijs.CertificateRevocationList {
  constructor(private readonly der: Uint8Array) {
    super();
  }
  override toSchema(): asn1js.Sequence {
    return parse(this.der, 'CRL') as asn1js.Sequence;
  }
}

/** DER orders a SET OF by its members' encodings. */
const derOrder = <T>(items: T[], encode: (t: T) => Uint8Array): T[] =>
  items
    .map((item) => ({ item, der: Buffer.from(encode(item)) }))
    .sort((a, b) => Buffer.compare(a.der, b.der))
    .map((e) => e.item);

/** SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }: SHA-256 (the default, so no algorithm) and IssuerSerial. */
const signingCertificateV2 = (cert: CertView): asn1js.Sequence => {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [parse(cert.issuerRaw, 'issuer')] })] }),
      parse(cert.serialRaw, 'serial'),
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: createHash('sha256').update(cert.der).digest() }), issuerSerial] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
};

/**
 * RevocationInfoArchival ::= SEQUENCE { crl [0] EXPLICIT SEQUENCE OF CRL OPTIONAL, … }: Adobe
 * Reader looks for a signature's revocation data here, not in SignedData's `crls`.
 */
const revocationInfoArchival = (crls: Uint8Array[]): asn1js.Sequence =>
  new asn1js.Sequence({
    value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Sequence({ value: crls.map((c) => parse(c, 'CRL')) })] })],
  });

const attribute = (type: string, value: asn1js.AsnType) => new pkijs.Attribute({ type, values: [value] });

/** A detached CMS SignedData in a ContentInfo, DER. */
export const buildDetachedCmsWithPkijs = async (input: CmsSignInput): Promise<Uint8Array> => {
  const signer = certView(input.certificate);
  const crls = input.crls ?? [];
  const attributes = derOrder(
    [
      attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data })),
      attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: input.digest })),
      attribute(OID.signingCertificateV2, signingCertificateV2(signer)),
      // Signed, so the revocation data is part of what the signer vouches for, and any change shows.
      ...(crls.length ? [attribute(OID.adbeRevocationInfoArchival, revocationInfoArchival(crls))] : []),
    ],
    (a) => DER(a.toSchema()),
  );
  // What is signed is the attributes as a SET (RFC 5652 5.4), not as the [0] they travel in.
  const signedAttrs = DER(new asn1js.Set({ value: attributes.map((a) => a.toSchema()) }));
  const signature = await input.key.sign(signedAttrs, 'sha256WithRSA');
  // A key that is not the certificate's (a wrong row, a service answering for someone else) is caught here, not by readers.
  if (!verify('sha256', signedAttrs, signer.x509.publicKey, signature)) {
    throw new AppError('invalid', 'the private key does not belong to the certificate');
  }
  const token = input.timestamp ? await input.timestamp(signature) : null;
  const sha256 = new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 });
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({
      issuer: new pkijs.RelativeDistinguishedNames({ schema: parse(signer.issuerRaw, 'issuer') }),
      serialNumber: parse(signer.serialRaw, 'serial') as asn1js.Integer,
    }),
    digestAlgorithm: sha256,
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsaEncryption, algorithmParams: new asn1js.Null() }),
    signature: new asn1js.OctetString({ valueHex: signature }),
    ...(token
      ? {
          unsignedAttrs: new pkijs.SignedAndUnsignedAttributes({
            type: 1,
            attributes: [attribute(OID.signatureTimeStampToken, parse(token, 'timestamp token'))],
          }),
        }
      : {}),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [sha256],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [input.certificate, ...input.chain].map((c) => new CarriedCertificate(c)),
    // crls [1] IMPLICIT RevocationInfoChoices (a SET OF): where generic CMS tools look.
    ...(crls.length ? { crls: derOrder(crls, (c) => c).map((c) => new CarriedCrl(c)) } : {}),
    signerInfos: [signerInfo],
  });
  return DER(new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema() }).toSchema());
};
